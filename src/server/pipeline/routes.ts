// /api/v1/opportunities… and /api/v1/pipeline/… (SPEC C5).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, idParam, idQuery, idRef, listLimit, optionalText, versionField, versionQuery } from '../http/schemas.js';
import { isIsoDate } from '../orders/rules/dates.js';
import { COMPETITOR_OUTCOMES, competitorOut, competitorRecordOut, forecastOut, funnelStepOut, INFO_STATUSES, infoPointOut, metricsOut, opportunityDetailOut, opportunityOut, OPPORTUNITY_STATUSES, stageOut, stalledOut } from './schemas.js';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => isIsoDate(s) && s >= '1900-01-01' && s <= '2100-12-31', 'must be a real date between 1900 and 2100');
const amount = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim().replace(/,/g, ''))
  .refine((s) => /^\d{1,18}(\.\d{1,2})?$/.test(s), { message: 'must be a non-negative amount with at most 2 decimals and 18 digits' });
const stageNo = z.number().int().min(1).max(8);
const criterionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a key of lowercase letters, digits and _');


const opportunityFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    amount: amount.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY').optional(),
    expectedCloseDate: calendarDate.nullable().optional(),
    ownerId: idRef.nullable().optional(),
    probability: z.number().int().min(0).max(200).nullable().optional(),
    products: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    milestones: z.record(z.string().regex(/^[1-8]$/, 'must be a stage number 1–8'), z.array(criterionKey).max(50)).optional(),
    notes: optionalText(4000),
  })
  .strict();

export const opportunityListFilters = z.object({
  accountId: idQuery.optional(),
  ownerId: idQuery.optional(),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  stage: z.coerce.number().int().min(1).max(8).optional(),
  q: z.string().trim().max(100).optional(),
  closeFrom: calendarDate.optional(),
  closeTo: calendarDate.optional(),
});
const listQuery = opportunityListFilters.extend({
  tier: z.coerce.number().int().min(1).max(4).optional(),
  sort: z.enum(['amount', '-amount', 'expectedCloseDate', '-expectedCloseDate', 'stage', '-stage']).optional(),
  limit: listLimit,
  cursor: cursorParam,
});
const viewFilters = opportunityListFilters.pick({ accountId: true, ownerId: true });

const competitorFields = z
  .object({ name: z.string().trim().min(1).max(200), strengths: optionalText(2000), weaknesses: optionalText(2000), threat: z.number().int().min(1).max(5).optional(), outcome: z.enum(COMPETITOR_OUTCOMES).optional() })
  .strict();

export async function pipelineRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pipeline'];
  const competitorParams = z.object({ id: idQuery, competitorId: idQuery });

  r.get(
    '/api/v1/opportunities',
    { schema: { tags, summary: 'Opportunities of the accounts visible to you (by id, or sorted by amount, expectedCloseDate or stage, "-" for descending; tier 1–4 of the account)', querystring: listQuery, response: { 200: z.object({ items: z.array(opportunityOut), nextCursor: z.string().nullable() }) } } },
    async (request) => services.opportunities.list(actorOf(request), request.query),
  );

  r.post(
    '/api/v1/opportunities',
    { schema: { tags, summary: 'Open an opportunity on an account', body: opportunityFields.extend({ accountId: idRef, stage: stageNo.optional() }).strict(), response: { 201: opportunityDetailOut } } },
    async (request, reply) => {
      const { accountId, ...fields } = request.body;
      return reply.status(201).send(await services.opportunities.create(writeContext(request), accountId, fields));
    },
  );

  r.get('/api/v1/opportunities/:id', { schema: { tags, summary: 'One opportunity with its stage history', params: idParam, response: { 200: opportunityDetailOut } } }, async (request) =>
    services.opportunities.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/v1/opportunities/:id',
    { schema: { tags, summary: 'Change an opportunity (not its stage: POST …/stage)', params: idParam, body: opportunityFields.partial().extend({ version: versionField }).strict(), response: { 200: opportunityDetailOut } } },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.opportunities.update(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete('/api/v1/opportunities/:id', { schema: { tags, summary: 'Delete an opportunity', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await services.opportunities.remove(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });

  r.post(
    '/api/v1/opportunities/:id/stage',
    {
      schema: {
        tags,
        summary: "Move to a stage (the exit criteria of the stages left must be met, or give a reason to override), close lost (lostReason and winningCompetitor), or reopen (reason)",
        params: idParam,
        body: z
          .object({ version: versionField, to: z.union([stageNo, z.literal('lost')]), reason: optionalText(1000), lostReason: optionalText(1000), winningCompetitor: optionalText(200) })
          .strict(),
        response: { 200: opportunityDetailOut },
      },
    },
    async (request) => {
      const { version, ...move } = request.body;
      return services.opportunities.moveStage(writeContext(request), request.params.id, version, move);
    },
  );

  r.get(
    '/api/v1/opportunities/:id/info-points',
    { schema: { tags, summary: 'The nine information points (九个信息点) with status and notes', params: idParam, response: { 200: z.object({ items: z.array(infoPointOut) }) } } },
    async (request) => services.opportunities.infoPoints(actorOf(request), request.params.id),
  );

  r.put(
    '/api/v1/opportunities/:id/info-points/:point',
    {
      schema: {
        tags,
        summary: 'Set one information point (version 0 for one never written)',
        params: z.object({ id: idQuery, point: z.string().regex(/^[1-9]$/, 'must be 1–9').transform(Number) }),
        body: z.object({ version: z.number().int().min(0), status: z.enum(INFO_STATUSES), notes: optionalText(4000) }).strict(),
        response: { 200: z.object({ items: z.array(infoPointOut) }) },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return services.opportunities.setInfoPoint(writeContext(request), request.params.id, request.params.point, version, input);
    },
  );

  r.get(
    '/api/v1/opportunities/:id/competitors',
    { schema: { tags, summary: 'Competitors on this opportunity', params: idParam, response: { 200: z.object({ items: z.array(competitorOut) }) } } },
    async (request) => services.opportunities.competitors(actorOf(request), request.params.id),
  );

  r.post(
    '/api/v1/opportunities/:id/competitors',
    { schema: { tags, summary: 'Add a competitor', params: idParam, body: competitorFields, response: { 201: competitorOut } } },
    async (request, reply) => reply.status(201).send(await services.opportunities.addCompetitor(writeContext(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/v1/opportunities/:id/competitors/:competitorId',
    { schema: { tags, summary: 'Change a competitor (strengths, weaknesses, threat 1–5, our outcome against them)', params: competitorParams, body: competitorFields.partial().extend({ version: versionField }).strict(), response: { 200: competitorOut } } },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.opportunities.updateCompetitor(writeContext(request), request.params.id, request.params.competitorId, version, fields);
    },
  );

  r.delete('/api/v1/opportunities/:id/competitors/:competitorId', { schema: { tags, summary: 'Remove a competitor', params: competitorParams, querystring: versionQuery } }, async (request, reply) => {
    await services.opportunities.removeCompetitor(writeContext(request), request.params.id, request.params.competitorId, request.query.version);
    return reply.status(204).send();
  });

  r.get('/api/v1/pipeline/stages', { schema: { tags, summary: 'The eight stages: probabilities and exit criteria', response: { 200: z.object({ items: z.array(stageOut) }) } } }, async () => services.pipeline.stages());

  r.put(
    '/api/v1/pipeline/stages',
    {
      schema: {
        tags,
        summary: 'Configure stages: probability, names, exit criteria (administrators)',
        body: z
          .object({
            stages: z
              .array(
                z
                  .object({
                    stage: stageNo,
                    version: versionField,
                    probability: z.number().int().min(0).max(200).optional(),
                    nameZh: z.string().trim().min(1).max(40).optional(),
                    nameEn: z.string().trim().min(1).max(60).optional(),
                    exitCriteria: z.array(z.object({ key: criterionKey, label: z.string().trim().min(1).max(200) }).strict()).max(20).optional(),
                  })
                  .strict(),
              )
              .min(1)
              .max(8),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(stageOut) }) },
      },
    },
    async (request) => services.pipeline.updateStages(writeContext(request), request.body.stages),
  );

  r.get(
    '/api/v1/pipeline/forecast',
    {
      schema: {
        tags,
        summary: 'Weighted forecast: Σ amount × probability of open opportunities by expected close month, quarter, owner and tier; `split` gives each month and quarter by owner and by tier',
        querystring: viewFilters,
        response: {
          200: forecastOut,
        },
      },
    },
    async (request) => services.pipeline.forecast(actorOf(request), request.query),
  );

  r.get(
    '/api/v1/pipeline/metrics',
    {
      schema: {
        tags,
        summary: 'Win rate (won ÷ (won + lost)), won count and value, and cycle time of won deals',
        querystring: viewFilters,
        response: {
          200: metricsOut,
        },
      },
    },
    async (request) => services.pipeline.metrics(actorOf(request), request.query),
  );

  r.get(
    '/api/v1/pipeline/competitors',
    {
      schema: {
        tags,
        summary: 'Win/loss against each competitor: opportunities where they competed, our outcome against them (won ÷ (won + lost)), pending, average threat, and lost deals they won',
        querystring: viewFilters.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({ items: z.array(competitorRecordOut) }),
        },
      },
    },
    async (request) => services.pipeline.competitors(actorOf(request), request.query),
  );

  r.get(
    '/api/v1/pipeline/funnel',
    { schema: { tags, summary: 'Stage-to-stage conversion: how many opportunities reached each stage', querystring: viewFilters, response: { 200: z.object({ steps: z.array(funnelStepOut) }) } } },
    async (request) => services.pipeline.funnel(actorOf(request), request.query),
  );

  r.get(
    '/api/v1/pipeline/stalled',
    {
      schema: {
        tags,
        summary: 'Open opportunities without a stage change in `days` days (default 30), longest-stalled first',
        querystring: viewFilters.extend({ days: z.coerce.number().int().min(1).max(3650).default(30), limit: listLimit }),
        response: { 200: z.object({ days: z.number(), before: z.string(), items: z.array(stalledOut) }) },
      },
    },
    async (request) => services.pipeline.stalled(actorOf(request), request.query),
  );
}

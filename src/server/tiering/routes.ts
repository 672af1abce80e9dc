// /api/v1/tiering/… and /api/v1/accounts/:id/tier… (SPEC C2). Thin: zod, one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { idParam, idQuery, idRef, optionalText, versionField } from '../http/schemas.js';
import { isIsoDate } from '../orders/rules/dates.js';
import { CRITERIA, CRITERION_API, criterionFromApi, percentToBp, type Criterion } from './rules/model.js';
import { entitlementOut, explanationOut, migrationOut, modelOut, paretoOut, pyramidOut, runOut, snapshotDetail, snapshotOut, whatIfOut, tierKeyEnum } from './schemas.js';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => isIsoDate(s) && s >= '1900-01-01' && s <= '2100-12-31', 'must be a real date between 1900 and 2100');
/** A percentage 0–100 with at most two decimals, as a number or a string → basis points. */
const percent = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const bp = percentToBp(v);
    if (bp === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a percentage from 0 to 100 with at most two decimals' });
      return z.NEVER;
    }
    return bp;
  });
const score = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((s) => /^\d{1,3}(\.\d{1,2})?$/.test(s) && Number(s) <= 100, 'must be a score from 0 to 100 with at most two decimals');
const criterionName = z.enum(CRITERIA.map((c) => CRITERION_API[c]) as [string, ...string[]]).transform((s) => criterionFromApi(s) as Criterion);

const modelFields = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    notes: optionalText(2000),
    criteria: z.array(z.object({ criterion: criterionName, weight: percent }).strict()).min(1).max(7).optional(),
    windowMonths: z.number().int().min(1).max(120).optional(),
    tierRule: z.enum(['shares', 'thresholds']).optional(),
    shares: z.tuple([percent, percent, percent, percent]).optional(),
    thresholds: z.tuple([score, score, score]).optional(),
    tierNames: z.tuple([z.string().trim().min(1).max(20), z.string().trim().min(1).max(20), z.string().trim().min(1).max(20), z.string().trim().min(1).max(20)]).optional(),
    consolidateGroups: z.boolean().optional(),
  })
  .strict();
type ModelBody = z.infer<typeof modelFields>;
const toInput = (b: ModelBody) => ({
  name: b.name,
  notes: b.notes,
  criteria: b.criteria?.map((c) => ({ criterion: c.criterion, weightBp: c.weight })),
  windowMonths: b.windowMonths,
  tierRule: b.tierRule,
  sharesBp: b.shares,
  thresholds: b.thresholds,
  tierNames: b.tierNames,
  consolidateGroups: b.consolidateGroups,
});

const rating = z.number().int().min(0).max(5).nullable().optional();

export async function tieringRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tiering'];
  const t = services.tiering;
  const a = services.accountTiers;

  r.get('/api/v1/tiering/pyramid', {
    schema: {
      tags,
      summary: 'The customer pyramid: accounts, revenue and gross profit per tier (overrides applied), the last recompute. Roles that see all accounts get the whole base; others their accounts',
      response: { 200: pyramidOut },
    },
  }, async (request) => t.pyramid(actorOf(request)));

  r.post('/api/v1/tiering/recompute', {
    schema: { tags, summary: 'Recompute every account\'s score and tier with the published model (directors, admins)', body: z.object({ asOf: calendarDate.optional() }).strict().optional(), response: { 200: runOut } },
  }, async (request) => t.recompute(writeContext(request), { asOf: request.body?.asOf, trigger: 'api' }));

  r.get('/api/v1/tiering/pareto', {
    schema: { tags, summary: 'Share of revenue and of gross profit from the top 20 % of customers, and the curve (every 5 %)', response: { 200: paretoOut } },
  }, async (request) => t.pareto(actorOf(request)));

  r.get('/api/v1/tiering/snapshots', {
    schema: { tags, summary: 'Snapshots of the pyramid, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.object({ items: z.array(snapshotOut) }) } },
  }, async (request) => t.listSnapshots(actorOf(request), request.query.limit));

  r.post('/api/v1/tiering/snapshots', {
    schema: {
      tags,
      summary: 'Take a snapshot of the current tiers (or, with asOf, score the published model as of that date) — directors, admins',
      body: z.object({ label: z.string().trim().min(1).max(100).optional(), kind: z.enum(['month', 'quarter', 'onDemand']).optional(), asOf: calendarDate.optional() }).strict().optional(),
      response: { 201: snapshotDetail },
    },
  }, async (request, reply) => {
    const b = request.body ?? {};
    const kind = b.kind === 'onDemand' ? 'on_demand' : b.kind;
    return reply.status(201).send(await t.createSnapshot(writeContext(request), { label: b.label, kind, asOf: b.asOf }));
  });

  r.get('/api/v1/tiering/snapshots/:id', { schema: { tags, summary: 'One snapshot with its pyramid', params: idParam, response: { 200: snapshotDetail } } }, async (request) =>
    t.getSnapshot(actorOf(request), request.params.id),
  );

  r.get('/api/v1/tiering/migration', {
    schema: {
      tags,
      summary: 'Migration between two snapshots: matrix[from][to] (tiers key, major, ordinary, longTail), new and gone per tier, accounts that moved up or down',
      querystring: z.object({ from: idQuery, to: idQuery }),
      response: {
        200: migrationOut,
      },
    },
  }, async (request) => t.migration(actorOf(request), request.query.from, request.query.to));

  r.get('/api/v1/tiering/models', { schema: { tags, summary: 'Scoring model versions, newest first', response: { 200: z.object({ items: z.array(modelOut) }) } } }, async (request) => t.listModels(actorOf(request)));

  r.post('/api/v1/tiering/models', {
    schema: { tags, summary: 'Create a draft from a version (default: the published one) with changes (admins). Weights must sum to 100 %', body: modelFields.extend({ basedOnId: idRef.optional() }).strict(), response: { 201: modelOut } },
  }, async (request, reply) => reply.status(201).send(await t.createDraft(writeContext(request), { ...toInput(request.body), basedOnId: request.body.basedOnId })));

  r.get('/api/v1/tiering/models/:id', { schema: { tags, summary: 'One scoring model version', params: idParam, response: { 200: modelOut } } }, async (request) => t.getModel(actorOf(request), request.params.id));

  r.patch('/api/v1/tiering/models/:id', {
    schema: { tags, summary: 'Edit a draft (admins); published and retired versions are immutable (409)', params: idParam, body: modelFields.extend({ version: versionField }).strict(), response: { 200: modelOut } },
  }, async (request) => t.updateDraft(writeContext(request), request.params.id, request.body.version, toInput(request.body)));

  r.post('/api/v1/tiering/models/:id/publish', {
    schema: { tags, summary: 'Publish a draft (directors, admins); the previously published version is retired', params: idParam, body: z.object({ version: versionField }).strict(), response: { 200: modelOut } },
  }, async (request) => t.publish(writeContext(request), request.params.id, request.body.version));

  r.post('/api/v1/tiering/models/:id/what-if', {
    schema: {
      tags,
      summary: 'Score a model (e.g. a draft) against live data without publishing: matrix[current tier][tier under this model], new (not yet tiered) per tier, and the accounts that would move',
      params: idParam,
      body: z.object({ asOf: calendarDate.optional() }).strict().optional(),
      response: {
        200: whatIfOut,
      },
    },
  }, async (request) => t.whatIf(writeContext(request), request.params.id, request.body?.asOf));

  r.get('/api/v1/tiering/entitlements', { schema: { tags, summary: 'Tier entitlements (分级服务) of the four tiers', response: { 200: z.object({ items: z.array(entitlementOut) }) } } }, async (request) =>
    a.entitlements(actorOf(request)),
  );

  r.put('/api/v1/tiering/entitlements/:tier', {
    schema: {
      tags,
      summary: 'Change the entitlements of one tier (directors, admins)',
      params: z.object({ tier: tierKeyEnum }),
      body: z
        .object({
          version: versionField,
          responseHours: z.number().int().min(1).max(8760).optional(),
          resolutionHours: z.number().int().min(1).max(8760).optional(),
          managerVisitsPerYear: z.number().int().min(0).max(365).optional(),
          sponsorVisitsPerYear: z.number().int().min(0).max(365).optional(),
          accountsPerManager: z.number().int().min(1).max(10000).optional(),
          dedicatedManager: z.boolean().optional(),
          sponsorRequired: z.boolean().optional(),
          discountCeiling: percent.optional(),
          benefits: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
        })
        .strict(),
      response: { 200: entitlementOut },
    },
  }, async (request) => {
    const { version, discountCeiling, ...rest } = request.body;
    return a.updateEntitlement(writeContext(request), request.params.tier, version, { ...rest, discountCeilingBp: discountCeiling });
  });

  const atags = ['tiering', 'accounts'];
  r.get('/api/v1/accounts/:id/tier', {
    schema: { tags: atags, summary: "The account's tier and why: each criterion's raw value, percentile, weight and contribution, the score, the tier's cut-off, insufficient data, the override", params: idParam, response: { 200: explanationOut } },
  }, async (request) => a.explain(actorOf(request), request.params.id));

  r.put('/api/v1/accounts/:id/tier-ratings', {
    schema: {
      tags: atags,
      summary: "The account manager's 0–5 ratings (growth where history is short, relationship, need diversity, strategic value); null removes one",
      params: idParam,
      body: z.object({ growth: rating, relationship: rating, needDiversity: rating, strategicValue: rating }).strict(),
      response: { 200: explanationOut },
    },
  }, async (request) => {
    const b = request.body;
    return a.setRatings(writeContext(request), request.params.id, { growth: b.growth, relationship: b.relationship, need_diversity: b.needDiversity, strategic_value: b.strategicValue });
  });

  r.put('/api/v1/accounts/:id/tier-override', {
    schema: { tags: atags, summary: "Override the account's tier with a reason (directors, admins); kept across recomputes until removed", params: idParam, body: z.object({ tier: tierKeyEnum, reason: z.string().trim().min(1).max(1000) }).strict(), response: { 200: explanationOut } },
  }, async (request) => a.setOverride(writeContext(request), request.params.id, request.body));

  r.delete('/api/v1/accounts/:id/tier-override', { schema: { tags: atags, summary: 'Remove the override (directors, admins)', params: idParam } }, async (request, reply) => {
    await a.removeOverride(writeContext(request), request.params.id);
    return reply.status(204).send();
  });
}

// /api/v1/key-accounts… (the program, designation, review, capacity) and the account plan and
// whitespace matrix under /api/v1/accounts/:id (SPEC C3).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { idParam, idQuery, idRef, versionField, versionQuery } from '../http/schemas.js';
import { CELL_STATUSES } from './rules/whitespace.js';
import { TIER_KEYS } from '../tiering/rules/model.js';
import { CLASSIFICATIONS } from '../accounts/schemas.js';
import { ACTION_STATUSES, accountKeyStatusOut, actionOut, capacityOut, decisionOut, keyAccountListOut, planOut, planYearsOut, programOut, reviewOut, whitespaceOut } from './schemas.js';

const tierKey = z.enum(TIER_KEYS);

const tags = ['key accounts'];
const reasonBody = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();
const label = z.string().trim().min(1).max(100);

const programIn = z
  .object({
    version: versionField,
    minSize: z.number().int().min(0).max(100_000).optional(),
    maxSize: z.number().int().min(1).max(100_000).optional(),
    criteriaTiers: z.array(tierKey).max(4).optional(),
    minGrossProfit: z
      .string()
      .trim()
      .regex(/^-?\d{1,18}(\.\d{1,2})?$/, 'must be an amount with at most 2 decimals and 18 digits')
      .nullable()
      .optional(),
    anyClassifications: z.array(z.enum(CLASSIFICATIONS)).max(4).optional(),
    criteriaText: z.string().max(5000).optional(),
    productLines: z.array(label).max(30).optional(),
    championId: idRef.nullable().optional(),
  })
  .strict();


const planParams = z.object({ id: idQuery, year: z.coerce.number().int().min(2000).max(2100) });
const actionFields = z
  .object({
    title: z.string().trim().min(1).max(500),
    ownerId: idRef.nullable().optional(),
    dueDate: z.iso.date('must be a date as YYYY-MM-DD').nullable().optional(),
    status: z.enum(ACTION_STATUSES).optional(),
  })
  .strict();
const cell = z.object({ businessUnit: label, productLine: label, status: z.enum(CELL_STATUSES), note: z.string().max(500).nullable().optional() }).strict();

export async function keyAccountRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = services.keyAccounts;
  const p = services.accountPlans;

  r.get('/api/v1/key-accounts/program', { schema: { tags, summary: 'The program: written criteria, size range (5–25 by default), product lines, champion, current size', response: { 200: programOut } } }, async (request) =>
    s.getProgram(actorOf(request)),
  );
  r.put('/api/v1/key-accounts/program', { schema: { tags, summary: 'Change the program (directors and admins)', body: programIn, response: { 200: programOut } } }, async (request) => {
    const { version, ...fields } = request.body;
    return s.updateProgram(writeContext(request), version, fields);
  });
  r.get(
    '/api/v1/key-accounts',
    {
      schema: {
        tags,
        summary: 'The key accounts you can see, each with whether it still meets the criteria',
        response: { 200: keyAccountListOut },
      },
    },
    async (request) => s.list(actorOf(request)),
  );
  r.get(
    '/api/v1/key-accounts/review',
    {
      schema: {
        tags,
        summary: 'The review: candidates that meet the criteria (纳入, best score first, 100 at most) and key accounts that no longer do (淘汰)',
        response: {
          200: reviewOut,
        },
      },
    },
    async (request) => s.review(actorOf(request)),
  );
  r.get(
    '/api/v1/key-accounts/capacity',
    {
      schema: {
        tags,
        summary: "Each account manager's owned accounts per tier and load against the tiers' accounts-per-manager ratios (1.0 = full)",
        response: {
          200: capacityOut,
        },
      },
    },
    async (request) => s.capacity(actorOf(request)),
  );
  r.post(
    '/api/v1/key-accounts',
    { schema: { tags, summary: 'Designate a key account, with the reason (it needs an owner and an executive sponsor)', body: reasonBody.extend({ accountId: idRef }).strict(), response: { 201: decisionOut } } },
    async (request, reply) => reply.status(201).send(await s.designate(writeContext(request), request.body.accountId, request.body.reason)),
  );
  r.post(
    '/api/v1/key-accounts/:id/remove',
    { schema: { tags, summary: 'Take an account out of the program, with the reason', params: idParam, body: reasonBody, response: { 200: decisionOut } } },
    async (request) => s.remove(writeContext(request), request.params.id, request.body.reason),
  );
  r.get(
    '/api/v1/accounts/:id/key-account',
    {
      schema: {
        tags,
        summary: "The account's place in the program: key or not, the criteria it misses, the decisions so far",
        params: idParam,
        response: {
          200: accountKeyStatusOut,
        },
      },
    },
    async (request) => s.accountStatus(actorOf(request), request.params.id),
  );

  // ---- the account plan ----
  r.get(
    '/api/v1/accounts/:id/plans',
    {
      schema: {
        tags,
        summary: "The account's yearly plans",
        params: idParam,
        response: { 200: planYearsOut },
      },
    },
    async (request) => p.years(actorOf(request), request.params.id),
  );
  r.get('/api/v1/accounts/:id/plans/:year', { schema: { tags, summary: "The plan of a year (null before it is started)", params: planParams, response: { 200: planOut.nullable() } } }, async (request) =>
    p.get(actorOf(request), request.params.id, request.params.year),
  );
  r.put(
    '/api/v1/accounts/:id/plans/:year',
    {
      schema: {
        tags,
        summary: 'Start (no version) or change (the version read) the plan of a year: objectives, strategies, risks',
        params: planParams,
        body: z.object({ version: versionField.optional(), objectives: z.string().max(20_000).optional(), strategies: z.string().max(20_000).optional(), risks: z.string().max(20_000).optional() }).strict(),
        response: { 200: planOut },
      },
    },
    async (request) => {
      const { version, ...fields } = request.body;
      return p.save(writeContext(request), request.params.id, request.params.year, version, fields);
    },
  );
  r.post(
    '/api/v1/accounts/:id/plans/:year/actions',
    { schema: { tags, summary: 'Add an action (owner, due date) to the plan', params: planParams, body: actionFields, response: { 201: actionOut } } },
    async (request, reply) => reply.status(201).send(await p.addAction(writeContext(request), request.params.id, request.params.year, request.body)),
  );
  r.patch(
    '/api/v1/plan-actions/:id',
    { schema: { tags, summary: 'Change an action (e.g. mark it done)', params: idParam, body: actionFields.partial().extend({ version: versionField }).strict(), response: { 200: actionOut } } },
    async (request) => {
      const { version, ...fields } = request.body;
      return p.updateAction(writeContext(request), request.params.id, version, fields);
    },
  );
  r.delete('/api/v1/plan-actions/:id', { schema: { tags, summary: 'Remove an action from its plan', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await p.removeAction(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });

  // ---- the whitespace matrix ----
  r.get('/api/v1/accounts/:id/whitespace', { schema: { tags, summary: 'The whitespace matrix: our product lines × the customer’s business units', params: idParam, response: { 200: whitespaceOut } } }, async (request) =>
    p.whitespace(actorOf(request), request.params.id),
  );
  r.put(
    '/api/v1/accounts/:id/whitespace',
    {
      schema: {
        tags,
        summary: 'Save the whole matrix (version null the first time); cells left out are blank',
        params: idParam,
        body: z.object({ version: versionField.nullable(), businessUnits: z.array(label).max(50), cells: z.array(cell).max(1500) }).strict(),
        response: { 200: whitespaceOut },
      },
    },
    async (request) => p.saveWhitespace(writeContext(request), request.params.id, request.body.version, { businessUnits: request.body.businessUnits, cells: request.body.cells }),
  );
}

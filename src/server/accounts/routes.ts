// HTTP for the customer archive: parse with zod, call one service, present.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, decimalMoney, idParam, idQuery, idRef, listLimit, optionalText, versionField, versionQuery } from '../http/schemas.js';
import { accountCreatedOut, accountOut, accountPageOut, accountRefOut, CLASSIFICATIONS, LIFECYCLE_STATUSES, SEGMENTS } from './schemas.js';

const classification = z.enum(CLASSIFICATIONS);
const lifecycle = z.enum(LIFECYCLE_STATUSES);
const sortKeys = ['name', 'updatedAt', 'createdAt', 'annualRevenue', 'employees'] as const;

const accountFields = z.object({
  name: z.string().trim().min(1).max(200),
  shortName: optionalText(100),
  creditCode: optionalText(30),
  externalCode: optionalText(100),
  industry: optionalText(100),
  region: optionalText(100),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  annualRevenue: decimalMoney,
  website: optionalText(300).refine((v) => v == null || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), {
    message: 'must be a web address starting with http:// or https://',
  }),
  address: optionalText(500),
  classifications: z.array(classification).max(4).optional(),
  segment: z.enum(SEGMENTS).nullable().optional(),
  parentId: idRef.nullable().optional(),
  lifecycleStatus: lifecycle.optional(),
  lifecycleReason: optionalText(1000),
  ownerId: idRef.nullable().optional(),
  sponsorId: idRef.nullable().optional(),
  needsAnalysis: z
    .object({
      businessSituation: optionalText(10_000),
      technologyGoals: optionalText(10_000),
      productsInUse: optionalText(10_000),
      decisionProcess: optionalText(10_000),
    })
    .strict()
    .optional(),
}).strict();


/** The list's filters and sort; the export (src/server/export) takes exactly these. */
export const accountListFilters = z.object({
  q: z.string().trim().max(200).optional(),
  sort: z.enum([...sortKeys, ...sortKeys.map((k) => `-${k}` as const)]).optional(),
  lifecycleStatus: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(lifecycle))
    .optional(),
  industry: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  classification: classification.optional(),
  ownerId: idQuery.optional(),
  sponsorId: idQuery.optional(),
  parentId: idQuery.optional(),
});
export type AccountListFilters = z.infer<typeof accountListFilters>;

export async function accountRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.get(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'List accounts visible to you (cursor pagination)',
        querystring: accountListFilters.extend({ limit: listLimit, cursor: cursorParam }),
        response: { 200: accountPageOut },
      },
    },
    async (request) => services.accounts.list(actorOf(request), request.query),
  );

  r.get(
    '/api/v1/accounts/duplicates',
    {
      schema: {
        tags,
        summary: 'Accounts whose name matches loosely (suffixes, width and spaces ignored)',
        querystring: z.object({ name: z.string().trim().min(1).max(200), excludeId: idQuery.optional() }),
        response: { 200: z.object({ items: z.array(accountRefOut) }) },
      },
    },
    async (request) => ({ items: await services.accounts.possibleDuplicates(actorOf(request), request.query.name, request.query.excludeId) }),
  );

  r.post(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'Create an account',
        body: accountFields,
        response: { 201: accountCreatedOut },
      },
    },
    async (request, reply) => reply.status(201).send(await services.accounts.create(writeContext(request), request.body)),
  );

  r.get(
    '/api/v1/accounts/:id',
    { schema: { tags, summary: 'One account', params: idParam, response: { 200: accountOut } } },
    async (request) => services.accounts.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change an account (send the version you read; a stale one gets 409)',
        params: idParam,
        body: accountFields.partial().extend({ version: versionField }).strict(),
        response: { 200: accountOut },
      },
    },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.accounts.update(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete(
    '/api/v1/accounts/:id',
    { schema: { tags, summary: 'Delete an account (to the recycle bin)', params: idParam, querystring: versionQuery } },
    async (request, reply) => {
      await services.accounts.remove(writeContext(request), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );
}

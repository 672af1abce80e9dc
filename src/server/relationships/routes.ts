// /api/v1/accounts/:id/stakeholders, /api/v1/stakeholders/:id, links and the relationship map (SPEC C4).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { sendJsonText } from '../http/json-text.js';
import { cursorParam, idParam, idQuery, idRef, listLimit, optionalText, versionField, versionQuery } from '../http/schemas.js';
import { isIsoDate } from '../orders/rules/dates.js';
import { ATTITUDE_KINDS, ATTITUDES, BUYING_ROLES, LINK_KINDS, linkOut, mapOut, stakeholderOut } from './schemas.js';

/** A calendar date YYYY-MM-DD (the service refuses one after today on its clock). */
const contactDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => isIsoDate(s) && s >= '1900-01-01' && s <= '2100-12-31', 'must be a real date between 1900 and today');

const stakeholderFields = z
  .object({
    name: z.string().trim().min(1).max(100),
    title: optionalText(100),
    contactId: idRef.nullable().optional(),
    opportunityId: idRef.nullable().optional(),
    buyingRole: z.enum(BUYING_ROLES).nullable().optional(),
    attitude: z.enum(ATTITUDES).optional(),
    attitudeKind: z.enum(ATTITUDE_KINDS).nullable().optional(),
    influence: z.number().int().min(1).max(10).optional(),
    relationshipLevel: z.number().int().min(1).max(6).optional(),
    personalNeeds: optionalText(2000),
    interests: optionalText(2000),
    lastContactDate: contactDate.nullable().optional(),
    coveredBy: z.array(idRef).max(20).optional(),
  })
  .strict();

const linkFields = z
  .object({ fromId: idRef, toId: idRef, kind: z.enum(LINK_KINDS), hidden: z.boolean().optional(), note: optionalText(500) })
  .strict();

const accountParam = z.object({ id: idQuery });

export async function relationshipRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['relationships'];

  r.get(
    '/api/v1/accounts/:id/relationship-map',
    {
      schema: {
        tags,
        summary: 'The decision chain: people (nodes), reports-to and influence links, and the measures (assessments and measures only for the account team, directors and admins)',
        params: accountParam,
        querystring: z.object({ opportunityId: idQuery.optional() }),
        response: { 200: mapOut },
      },
    },
    // The service returns the finished JSON text, written by SQL (map-document.ts).
    async (request, reply) => sendJsonText(reply as FastifyReply, await services.relationships.map(actorOf(request), request.params.id, request.query.opportunityId)),
  );

  r.get(
    '/api/v1/accounts/:id/stakeholders',
    {
      schema: {
        tags,
        summary: "The account's stakeholders",
        params: accountParam,
        querystring: z.object({ opportunityId: idQuery.optional(), limit: listLimit, cursor: cursorParam }),
        response: { 200: z.object({ items: z.array(stakeholderOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => services.relationships.list(actorOf(request), request.params.id, request.query),
  );

  r.post(
    '/api/v1/accounts/:id/stakeholders',
    { schema: { tags, summary: 'Add a person to the decision chain', params: accountParam, body: stakeholderFields, response: { 201: stakeholderOut } } },
    async (request, reply) => reply.status(201).send(await services.relationships.create(writeContext(request), request.params.id, request.body)),
  );

  r.get('/api/v1/stakeholders/:id', { schema: { tags, summary: 'One stakeholder', params: idParam, response: { 200: stakeholderOut } } }, async (request) =>
    services.relationships.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/v1/stakeholders/:id',
    { schema: { tags, summary: 'Change a stakeholder (assessments, coverers, last contact)', params: idParam, body: stakeholderFields.partial().extend({ version: versionField }).strict(), response: { 200: stakeholderOut } } },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.relationships.update(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete('/api/v1/stakeholders/:id', { schema: { tags, summary: 'Remove a person from the decision chain (and their links)', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await services.relationships.remove(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });

  r.get(
    '/api/v1/accounts/:id/stakeholder-links',
    { schema: { tags, summary: 'Reports-to and influence links of the decision chain', params: accountParam, response: { 200: z.object({ items: z.array(linkOut) }) } } },
    async (request) => services.relationships.listLinks(actorOf(request), request.params.id),
  );

  r.post(
    '/api/v1/accounts/:id/stakeholder-links',
    { schema: { tags, summary: 'Link two people: from reports to / influences to (a reports-to cycle is refused)', params: accountParam, body: linkFields, response: { 201: linkOut } } },
    async (request, reply) => reply.status(201).send(await services.relationships.createLink(writeContext(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/v1/stakeholder-links/:id',
    {
      schema: {
        tags,
        summary: 'Mark a reports-to link hidden (the hidden organisation) or change its note',
        params: idParam,
        body: z.object({ version: versionField, hidden: z.boolean().optional(), note: optionalText(500) }).strict(),
        response: { 200: linkOut },
      },
    },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.relationships.updateLink(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete('/api/v1/stakeholder-links/:id', { schema: { tags, summary: 'Remove a link', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await services.relationships.removeLink(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });
}

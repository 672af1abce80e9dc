import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, idParam, idQuery, idRef, listLimit, optionalText, versionField, versionQuery } from '../http/schemas.js';
import { CONTACT_LEVELS, contactOut } from './schemas.js';


const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getUTCFullYear() >= 1900 && d.getTime() <= Date.now() + 14 * 3600_000; // today anywhere from UTC-12 to UTC+14
  }, 'must be a real date between 1900 and today');

const contactFields = z
  .object({
    name: z.string().trim().min(1).max(100),
    department: optionalText(100),
    title: optionalText(100),
    level: z.enum(CONTACT_LEVELS).nullable().optional(),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[+\d][\d \-()]{4,39}$/, 'must be a phone number (digits, spaces, + - ( ))')
      .nullable()
      .optional()
      .or(z.literal('').transform(() => null)),
    email: z.email('must be an email address').max(200).nullable().optional().or(z.literal('').transform(() => null)),
    birthday: isoDate.nullable().optional().or(z.literal('').transform(() => null)),
    preferences: optionalText(2000),
  })
  .strict();

/** The list's filters; the export (src/server/export) takes exactly these. */
export const contactListFilters = z.object({ accountId: idQuery.optional(), q: z.string().trim().max(100).optional() });
export type ContactListFilters = z.infer<typeof contactListFilters>;

export async function contactRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];

  r.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts of the accounts visible to you; phone, email and birthday only for the account team',
        querystring: contactListFilters.extend({ limit: listLimit, cursor: cursorParam }),
        response: { 200: z.object({ items: z.array(contactOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => services.contacts.list(actorOf(request), request.query),
  );

  r.post(
    '/api/v1/contacts',
    { schema: { tags, summary: 'Add a contact to an account', body: contactFields.extend({ accountId: idRef }), response: { 201: contactOut } } },
    async (request, reply) => {
      const { accountId, ...fields } = request.body;
      return reply.status(201).send(await services.contacts.create(writeContext(request), accountId, fields));
    },
  );

  r.get('/api/v1/contacts/:id', { schema: { tags, summary: 'One contact', params: idParam, response: { 200: contactOut } } }, async (request) =>
    services.contacts.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/v1/contacts/:id',
    { schema: { tags, summary: 'Change a contact', params: idParam, body: contactFields.partial().extend({ version: versionField }).strict(), response: { 200: contactOut } } },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.contacts.update(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete('/api/v1/contacts/:id', { schema: { tags, summary: 'Delete a contact (to the recycle bin)', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await services.contacts.remove(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });

  r.get(
    '/api/v1/accounts/:id/contacts',
    { schema: { tags, summary: "The account's contacts", params: idParam, querystring: z.object({ limit: listLimit, cursor: cursorParam }), response: { 200: z.object({ items: z.array(contactOut), nextCursor: z.string().nullable() }) } } },
    async (request) => {
      await services.accounts.get(actorOf(request), request.params.id);
      return services.contacts.list(actorOf(request), { accountId: request.params.id, ...request.query });
    },
  );
}

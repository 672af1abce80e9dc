// /api/v1/reminders: the caller's own inbox.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, idParam, idQuery, listLimit, versionField } from '../http/schemas.js';
import { reminderCountsOut, reminderOut } from './schemas.js';


export async function reminderRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reminders'];

  r.get(
    '/api/v1/reminders',
    {
      schema: {
        tags,
        summary: 'Your reminders, newest first (open by default)',
        querystring: z.object({ status: z.enum(['open', 'done', 'all']).default('open'), kind: z.string().trim().max(40).optional(), limit: listLimit, cursor: cursorParam }),
        response: { 200: z.object({ items: z.array(reminderOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => services.reminders.list(actorOf(request), request.query),
  );

  r.get(
    '/api/v1/reminders/unread-count',
    { schema: { tags, summary: 'How many of your open reminders are unread (and open in all)', response: { 200: reminderCountsOut } } },
    async (request) => services.reminders.counts(actorOf(request)),
  );

  r.patch(
    '/api/v1/reminders/:id',
    {
      schema: {
        tags,
        summary: 'Mark one of your reminders read or done (or back)',
        params: idParam,
        body: z
          .object({ version: versionField, read: z.boolean().optional(), done: z.boolean().optional() })
          .strict()
          .refine((b) => b.read !== undefined || b.done !== undefined, { message: 'give read or done', path: ['done'] }),
        response: { 200: reminderOut },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return services.reminders.mark(writeContext(request), request.params.id, version, input);
    },
  );

  r.post(
    '/api/v1/reminders/sweep',
    {
      schema: {
        tags,
        summary: 'Recompute the decision-chain measures of every map (or of one account) now and raise or resolve their alerts (directors, admins); the server also runs it hourly',
        querystring: z.object({ accountId: idQuery.optional() }),
        response: { 200: z.object({ accounts: z.number(), changed: z.number(), raised: z.number(), resolved: z.number() }) },
      },
    },
    async (request) => services.relationships.sweep(writeContext(request), request.query.accountId),
  );
}

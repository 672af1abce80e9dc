import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { idParam, optionalText, versionField, versionQuery } from '../http/schemas.js';
import { NEED_KINDS, NEED_STATUSES, needOut } from './schemas.js';

const needFields = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: optionalText(10_000),
    kind: z.enum(NEED_KINDS),
    status: z.enum(NEED_STATUSES).optional(),
  })
  .strict();

export async function needsRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['needs'];

  r.get(
    '/api/v1/accounts/:id/needs',
    { schema: { tags, summary: "The account's needs", params: idParam, response: { 200: z.object({ items: z.array(needOut) }) } } },
    async (request) => ({ items: await services.needs.list(actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/v1/accounts/:id/needs',
    { schema: { tags, summary: 'Record a need (explicit 显性 or implicit 隐性)', params: idParam, body: needFields, response: { 201: needOut } } },
    async (request, reply) => reply.status(201).send(await services.needs.create(writeContext(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/v1/needs/:id',
    {
      schema: { tags, summary: 'Change a need (e.g. implicit → explicit, open → met)', params: idParam, body: needFields.partial().extend({ version: versionField }).strict(), response: { 200: needOut } },
    },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.needs.update(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete('/api/v1/needs/:id', { schema: { tags, summary: 'Delete a need (to the recycle bin)', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await services.needs.remove(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, idParam, idQuery, listLimit } from '../http/schemas.js';
import { auditPageOut, recycleBinPageOut } from './schemas.js';

export async function auditRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail: who changed what, when, before and after',
        querystring: z.object({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(50).optional(),
          actorId: idQuery.optional(),
          action: z.string().max(50).optional(),
          limit: listLimit,
          cursor: cursorParam,
        }),
        response: {
          200: auditPageOut,
        },
      },
    },
    async (request) => services.audit.list(actorOf(request), request.query),
  );

  r.get(
    '/api/v1/recycle-bin',
    {
      schema: {
        tags: ['recycle bin'],
        summary: 'Deleted records that can be restored',
        querystring: z.object({ entity: z.string().max(50).optional(), limit: listLimit, cursor: cursorParam }),
        response: {
          200: recycleBinPageOut,
        },
      },
    },
    async (request) => services.recycleBin.list(actorOf(request), request.query),
  );

  r.post(
    '/api/v1/recycle-bin/:id/restore',
    {
      schema: {
        tags: ['recycle bin'],
        summary: 'Restore a deleted record with its dependents',
        params: idParam,
        response: { 200: z.object({ entity: z.string(), entityId: z.string(), accountId: z.number().nullable() }) },
      },
    },
    async (request) => services.recycleBin.restore(writeContext(request), request.params.id),
  );
}

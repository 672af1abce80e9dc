import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, idParam, idQuery, idRef } from '../http/schemas.js';
import { hierarchyOut, TEAM_MEMBER_ROLES, teamOut, timelinePageOut } from './schemas.js';

const memberRole = z.enum(TEAM_MEMBER_ROLES);
const memberParams = z.object({ id: idQuery, userId: idQuery });

export async function accountStructureRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  const s = services.accountStructure;

  r.get(
    '/api/v1/accounts/:id/hierarchy',
    {
      schema: {
        tags,
        summary: 'Group hierarchy: ancestors (root first) and direct subsidiaries',
        params: idParam,
        response: {
          200: hierarchyOut,
        },
      },
    },
    async (request) => s.hierarchy(actorOf(request), request.params.id),
  );

  r.get(
    '/api/v1/accounts/:id/timeline',
    {
      schema: {
        tags,
        summary: 'The account timeline, newest first',
        params: idParam,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: cursorParam }),
        response: {
          200: timelinePageOut,
        },
      },
    },
    async (request) => s.timeline(actorOf(request), request.params.id, request.query.limit, request.query.cursor),
  );

  r.get('/api/v1/accounts/:id/team', { schema: { tags, summary: 'The account team', params: idParam, response: { 200: teamOut } } }, async (request) =>
    s.team(actorOf(request), request.params.id),
  );

  r.put(
    '/api/v1/accounts/:id/team/members/:userId',
    { schema: { tags, summary: 'Add a team member or change their role', params: memberParams, body: z.object({ role: memberRole }).strict(), response: { 200: teamOut } } },
    async (request) => s.setMember(writeContext(request), request.params.id, request.params.userId, request.body.role),
  );

  r.delete(
    '/api/v1/accounts/:id/team/members/:userId',
    { schema: { tags, summary: 'Remove a team member', params: memberParams } },
    async (request, reply) => {
      await s.removeMember(writeContext(request), request.params.id, request.params.userId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/accounts/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate (sourceId) into this account',
        params: idParam,
        body: z.object({ sourceId: idRef }).strict(),
      },
    },
    async (request) => {
      await s.merge(writeContext(request), request.params.id, request.body.sourceId);
      return services.accounts.get(actorOf(request), request.params.id);
    },
  );
}

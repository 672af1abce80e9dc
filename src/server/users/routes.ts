// HTTP for users and teams: parse with zod, call one service, answer.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, type Role } from '../db/schema.js';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, idParam, versionField } from '../http/schemas.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from './rules/user-rules.js';
import { teamListOut, teamOut, userOut, userPageOut } from './schemas.js';

const role = z.enum(ROLES as [Role, ...Role[]]);
const displayName = z.string().trim().min(1).max(100);
const password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const email = z
  .string()
  .trim()
  .max(200)
  .transform((s) => (s === '' ? null : s))
  .pipe(z.email().nullable())
  .nullable()
  .optional();
const teamId = z.number().int().positive().nullable().optional();



export async function userRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List users (for pickers); e-mail addresses only for admins',
        querystring: z.object({
          role: role.optional(),
          teamId: z.coerce.number().int().positive().optional(),
          q: z.string().trim().max(100).optional(),
          active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          limit: z.coerce.number().int().min(1).max(500).default(500),
          cursor: cursorParam,
        }),
        response: { 200: userPageOut },
      },
    },
    async (request) => services.users.list(actorOf(request), request.query),
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (admin)',
        body: z
          .object({
            username: z.string().regex(USERNAME_PATTERN, 'must be 3–50 characters of letters, digits, _ . -'),
            displayName,
            role,
            teamId,
            password,
            email,
          })
          .strict(),
        response: { 201: userOut },
      },
    },
    async (request, reply) => reply.status(201).send(await services.users.create(writeContext(request), request.body)),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user (admin); deactivating ends their sessions and revokes their API tokens',
        params: idParam,
        body: z
          .object({ version: versionField, displayName: displayName.optional(), role: role.optional(), teamId, active: z.boolean().optional(), email })
          .strict(),
        response: { 200: userOut },
      },
    },
    async (request) => services.users.update(writeContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: "Set a user's password (admin); ends their sessions",
        params: idParam,
        body: z.object({ password }).strict(),
      },
    },
    async (request, reply) => {
      await services.users.setPassword(writeContext(request), request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );

  const teamTags = ['teams'];

  r.get(
    '/api/v1/teams',
    { schema: { tags: teamTags, summary: 'List teams', response: { 200: teamListOut } } },
    async (request) => services.users.listTeams(actorOf(request)),
  );

  r.post(
    '/api/v1/teams',
    {
      schema: {
        tags: teamTags,
        summary: 'Create a team (admin)',
        body: z.object({ name: z.string().trim().min(1).max(100), managerId: teamId }).strict(),
        response: { 201: teamOut },
      },
    },
    async (request, reply) => reply.status(201).send(await services.users.createTeam(writeContext(request), request.body)),
  );

  r.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags: teamTags,
        summary: 'Rename a team or change its manager (admin)',
        params: idParam,
        body: z.object({ version: versionField, name: z.string().trim().min(1).max(100).optional(), managerId: teamId }).strict(),
        response: { 200: teamOut },
      },
    },
    async (request) => services.users.updateTeam(writeContext(request), request.params.id, request.body),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { SESSION_COOKIE, actorOf } from '../http/caller.js';
import { idParam } from '../http/schemas.js';
import { AppError } from '../shared/errors.js';
import { sessionOut, tokenCreatedOut, tokenListOut } from './schemas.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function authRoutes(
  app: FastifyInstance,
  { services, secureCookies, sessionTtlMs }: { services: Services; secureCookies: boolean; sessionTtlMs: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets an HttpOnly session cookie',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: sessionOut },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const s = await services.auth.login({
        username: request.body.username,
        password: request.body.password,
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
        ...(request.cookies[SESSION_COOKIE] ? { previousSessionToken: request.cookies[SESSION_COOKIE] } : {}),
      });
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        path: '/',
        maxAge: Math.floor(sessionTtlMs / 1000),
      });
      return { user: s.actor, csrfToken: s.csrfToken };
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Log out' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await services.auth.logout(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: sessionOut } } }, async (request) => {
    const actor = actorOf(request);
    return { user: actor, csrfToken: request.caller?.csrfToken ?? null };
  });

  const present = (t: { id: number; name: string; prefix: string; created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null }) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: new Date(t.created_at).toISOString(),
    lastUsedAt: iso(t.last_used_at),
    expiresAt: iso(t.expires_at),
    revokedAt: iso(t.revoked_at),
  });

  r.get('/api/v1/me/tokens', { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: tokenListOut } } }, async (request) => {
    const items = await services.auth.listTokens(actorOf(request));
    return { items: items.map(present) };
  });

  r.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token (shown once)',
        body: z.object({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).optional() }),
        response: { 201: tokenCreatedOut },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.caller?.via === 'token') throw AppError.forbidden('API tokens cannot create API tokens');
      const { token, row } = await services.auth.createToken(actor, request.body);
      return reply.status(201).send({ token, item: present(row) });
    },
  );

  r.delete(
    '/api/v1/me/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke an API token', params: idParam } },
    async (request, reply) => {
      await services.auth.revokeToken(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}

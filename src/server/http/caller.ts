// Recognises the caller of each request (session cookie or bearer token) and enforces CSRF
// on cookie-authenticated writes. Routes then ask for `actorOf(request)`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/rules/permissions.js';
import type { AuthService, Caller } from '../auth/service.js';
import { AppError } from '../shared/errors.js';

export const SESSION_COOKIE = 'kam_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes that answer without a caller; every other /api route needs one (401 before any input validation). */
const PUBLIC_ROUTES = new Set(['/api/health', '/api/openapi.json', '/api/auth/login', '/api/auth/logout']);

function requireCaller(request: FastifyRequest): void {
  const route = request.routeOptions.url;
  // No route (or the web app's catch-all): the not-found answer is 404. The browsable API docs are public.
  if (route === undefined || route === '/*' || PUBLIC_ROUTES.has(route) || route === '/api/docs' || route.startsWith('/api/docs/')) return;
  throw new AppError('UNAUTHENTICATED', 'Log in first');
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export function installCallerHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
      const caller = await auth.fromApiToken(m[1]!);
      if (!caller) throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked');
      request.caller = caller;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const caller = cookie ? await auth.fromSession(cookie) : null;
    if (!caller) return requireCaller(request);
    request.caller = caller;
    if (!SAFE.has(request.method) && !request.url.startsWith('/api/auth/login')) {
      const sent = request.headers['x-csrf-token'];
      if (sent !== caller.csrfToken) {
        throw new AppError('CSRF', 'Missing or wrong x-csrf-token header for a cookie-authenticated write');
      }
    }
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.caller) throw new AppError('UNAUTHENTICATED', 'Log in first');
  return request.caller.actor;
}

export function writeContext(request: FastifyRequest) {
  return { actor: actorOf(request), requestId: request.id };
}

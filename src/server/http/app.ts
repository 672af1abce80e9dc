// Builds the Fastify server: security headers, limits, OpenAPI, the caller hook, the
// capability routes and the web app. No business logic lives here.
import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/index.js';
import type { Services } from '../services.js';
import { installCallerHook } from './caller.js';
import { COMPRESSION } from './compression.js';
import { errorBody, installErrorHandler } from './errors.js';
import { registerRoutes } from './routes.js';
import { installTextGuard } from './text-guard.js';

export interface AppOptions {
  config: Pick<Config, 'logLevel' | 'secureCookies' | 'rateLimitPerMinute' | 'webRoot' | 'sessionTtlMs'>;
  services: Services;
  logger?: boolean;
}

export async function buildApp({ config, services, logger = true }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    requestIdHeader: 'x-request-id',
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installTextGuard(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
  });
  // Answers over 1 KB are compressed for clients that ask (every browser): a 200-person
  // relationship map is 100 KB of JSON and 10 KB compressed, for a fraction of a millisecond.
  // Answers that carry a secret (the CSRF token, a new API token) are not compressed, so the
  // size of a response cannot leak them (BREACH).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/auth/') || route.url.startsWith('/api/v1/me/tokens')) route.compress = false;
  });
  await app.register(compress, COMPRESSION);
  await app.register(cookie);
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/') || req.url === '/api/health',
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s` },
    }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'KAM API', description: 'Key-account management (大客户管理系统)', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kam_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installCallerHook(app, services.auth);

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerRoutes(app, services, config);

  const hasWeb = fs.existsSync(path.join(config.webRoot, 'index.html'));
  if (hasWeb) {
    // Files are looked up per request (wildcard), so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: config.webRoot, wildcard: true });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    // Client-side routes get the app; API paths and missing asset files get a 404.
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD') && !url.startsWith('/api/') && !url.startsWith('/assets/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${url}`));
  });
  return app;
}

// An app on a fresh test database, driven through HTTP (app.inject) with real sessions.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/http/app.js';
import { createServices, type Services } from '../../src/server/services.js';
import type { Clock } from '../../src/server/shared/clock.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { TEST_PASSWORD } from './fixtures.js';

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
  userId: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  db: TestDatabase['db'];
  services: Services;
  login(username: string, password?: string): Promise<Session>;
  /** A request as the given session (cookie + CSRF header), or anonymous when null. */
  call(session: Session | null, method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Uploaded import files of test apps: one folder per app, removed on close. */
const UPLOADS = path.resolve(import.meta.dirname, '../../.tmp/test-uploads');

export async function createTestApp(opts: { clock?: Clock; rateLimitPerMinute?: number; maxUploadBytes?: number } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = opts.clock ?? { now: () => new Date() };
  const uploadDir = path.join(UPLOADS, randomBytes(6).toString('hex'));
  const services = createServices(database.db, clock, {
    sessionTtlMs: 3600_000,
    currency: 'CNY',
    timezone: 'Asia/Shanghai',
    imports: { uploadDir, maxUploadBytes: opts.maxUploadBytes ?? 200 * 1024 * 1024, keepDays: 7 },
  });
  const app = await buildApp({
    config: { logLevel: 'silent', secureCookies: false, rateLimitPerMinute: opts.rateLimitPerMinute ?? 100_000, webRoot: '/nonexistent', sessionTtlMs: 3600_000 },
    services,
    logger: false,
  });
  await app.ready();

  async function login(username: string, password = TEST_PASSWORD): Promise<Session> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.cookies.find((c) => c.name === 'kam_session');
    const body = res.json<{ csrfToken: string; user: { id: number } }>();
    return { username, cookie: `kam_session=${setCookie!.value}`, csrf: body.csrfToken, userId: body.user.id };
  }

  function call(session: Session | null, method: Method, url: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  }

  return {
    app,
    database,
    db: database.db,
    services,
    login,
    call,
    async close() {
      await app.close();
      await database.destroy();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

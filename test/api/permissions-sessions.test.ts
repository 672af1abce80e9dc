// Sessions, CSRF, API tokens and login throttling (SPEC C10 access).
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { TEST_PASSWORD } from '../support/fixtures.js';

let t: TestApp;
let ipSeq = 0;
/** Each test logs in from its own address so that throttling in one does not spill into another. */
const freshIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function body<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function rawLogin(app: TestApp, username: string, password: string, opts: { ip?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? freshIp() };
  if (opts.cookie) headers.cookie = opts.cookie;
  return app.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username, password } });
}
function sessionOf(res: LightMyRequestResponse, username: string): Session {
  const c = res.cookies.find((x) => x.name === 'kam_session')!;
  const b = res.json<{ csrfToken: string; user: { id: number } }>();
  return { username, cookie: `kam_session=${c.value}`, csrf: b.csrfToken, userId: b.user.id };
}
const withHeaders = (app: TestApp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
  app.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
async function accountCount() {
  const r = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
async function auditCount() {
  const r = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('sessions', () => {
  it('sets an HttpOnly, SameSite cookie and answers /api/auth/me', async () => {
    const res = await rawLogin(t, 'kam1', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kam_session')!;
    expect({ httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, path: cookie.path }).toEqual({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const s = sessionOf(res, 'kam1');
    const me = body<{ user: { username: string; role: string }; csrfToken: string }>(await t.call(s, 'GET', '/api/auth/me'), 200);
    expect([me.user.username, me.user.role, me.csrfToken]).toEqual(['kam1', 'kam', s.csrf]);
    expect(JSON.stringify(res.json())).not.toContain('password');
  });

  it('logout ends the session: the cookie then gets 401 everywhere', async () => {
    const s = await t.login('kam1');
    expect((await t.call(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const out = await t.call(s, 'POST', '/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'kam_session')?.value).toBe('');
    for (const [method, url, payload] of [
      ['GET', '/api/auth/me', undefined],
      ['GET', '/api/v1/accounts', undefined],
      ['POST', '/api/v1/accounts', { name: '登出之后' }],
    ] as const) {
      const res = await t.call(s, method, url, payload);
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('a new login rotates the session the browser sent; other devices keep theirs', async () => {
    const first = sessionOf(await rawLogin(t, 'kam2', TEST_PASSWORD), 'kam2');
    const otherDevice = sessionOf(await rawLogin(t, 'kam2', TEST_PASSWORD), 'kam2');
    const rotatedRes = await rawLogin(t, 'kam2', TEST_PASSWORD, { cookie: first.cookie });
    expect(rotatedRes.statusCode).toBe(200);
    const rotated = sessionOf(rotatedRes, 'kam2');
    expect(rotated.cookie).not.toBe(first.cookie);
    expect(rotated.csrf).not.toBe(first.csrf);
    expect((await t.call(first, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.call(rotated, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await t.call(otherDevice, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without, or with a wrong, x-csrf-token — and nothing changes', async () => {
    const s = await t.login('kam1');
    const other = await t.login('kam2');
    const acc = body<{ account: { id: number; version: number } }>(await t.call(s, 'POST', '/api/v1/accounts', { name: 'CSRF 测试客户' }), 201).account;
    const before = { accounts: await accountCount(), audit: await auditCount(), account: (await t.call(s, 'GET', `/api/v1/accounts/${acc.id}`)).body };
    const attempts: [string, Record<string, string>][] = [
      ['no header', { cookie: s.cookie }],
      ['wrong token', { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) }],
      ['empty token', { cookie: s.cookie, 'x-csrf-token': '' }],
      ["another session's token", { cookie: s.cookie, 'x-csrf-token': other.csrf }],
    ];
    for (const [what, headers] of attempts) {
      for (const [method, url, payload] of [
        ['POST', '/api/v1/accounts', { name: `CSRF 新客户 ${what}` }],
        ['PATCH', `/api/v1/accounts/${acc.id}`, { version: acc.version, industry: '被篡改' }],
        ['DELETE', `/api/v1/accounts/${acc.id}?version=${acc.version}`, undefined],
        ['POST', '/api/v1/me/tokens', { name: 'stolen' }],
        ['POST', '/api/auth/logout', undefined],
      ] as const) {
        const res = await withHeaders(t, method, url, headers, payload);
        expect({ what, method, url, status: res.statusCode, code: res.json().error?.code }).toEqual({ what, method, url, status: 403, code: 'CSRF' });
      }
    }
    expect({ accounts: await accountCount(), audit: await auditCount(), account: (await t.call(s, 'GET', `/api/v1/accounts/${acc.id}`)).body }).toEqual(before);
    // The session survived the refused logout, and reads need no token.
    expect((await withHeaders(t, 'GET', '/api/auth/me', { cookie: s.cookie })).statusCode).toBe(200);
    expect(body<{ tokens?: unknown; items: unknown[] }>(await t.call(s, 'GET', '/api/v1/me/tokens'), 200).items).toEqual([]);
  });
});

describe('API tokens', () => {
  it('work as Bearer without CSRF, cannot mint more tokens, and stop working once revoked', async () => {
    const s = await t.login('kam1');
    const created = body<{ token: string; item: { id: number; name: string; prefix: string; revokedAt: string | null; lastUsedAt: string | null } }>(
      await t.call(s, 'POST', '/api/v1/me/tokens', { name: 'CRM 集成' }),
      201,
    );
    expect(created.token.startsWith(created.item.prefix)).toBe(true);
    expect([created.item.name, created.item.revokedAt, created.item.lastUsedAt]).toEqual(['CRM 集成', null, null]);
    const bearer = { authorization: `Bearer ${created.token}` };

    const me = body<{ user: { username: string }; csrfToken: string | null }>(await withHeaders(t, 'GET', '/api/auth/me', bearer), 200);
    expect([me.user.username, me.csrfToken]).toEqual(['kam1', null]);
    const acc = body<{ account: { id: number; ownerId: number } }>(await withHeaders(t, 'POST', '/api/v1/accounts', bearer, { name: '令牌创建的客户' }), 201).account;
    expect(acc.ownerId).toBe(s.userId);
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'action']).where('entity', '=', 'account').where('entity_id', '=', String(acc.id)).execute();
    expect(audit).toEqual([{ actor_id: s.userId, action: 'create' }]);
    // The token carries the user's permissions, no more.
    expect((await withHeaders(t, 'GET', '/api/v1/audit', bearer)).statusCode).toBe(403);
    const mint = await withHeaders(t, 'POST', '/api/v1/me/tokens', bearer, { name: 'child' });
    expect([mint.statusCode, mint.json().error.code]).toEqual([403, 'FORBIDDEN']);

    const listed = body<{ items: { id: number; lastUsedAt: string | null }[] }>(await t.call(s, 'GET', '/api/v1/me/tokens'), 200).items;
    expect(listed.map((i) => i.id)).toEqual([created.item.id]);
    expect(listed[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.token);

    // Another user cannot revoke it.
    const other = await t.login('kam2');
    expect((await t.call(other, 'DELETE', `/api/v1/me/tokens/${created.item.id}`)).statusCode).toBe(404);
    expect((await withHeaders(t, 'GET', '/api/auth/me', bearer)).statusCode).toBe(200);

    expect((await t.call(s, 'DELETE', `/api/v1/me/tokens/${created.item.id}`)).statusCode).toBe(204);
    for (const [method, url] of [
      ['GET', '/api/auth/me'],
      ['GET', '/api/v1/accounts'],
      ['GET', '/api/health'],
    ] as const) {
      const res = await withHeaders(t, method, url, bearer);
      expect([url, res.statusCode, res.json().error?.code]).toEqual([url, 401, 'UNAUTHENTICATED']);
    }
    const revokedWrite = await withHeaders(t, 'POST', '/api/v1/accounts', bearer, { name: '撤销后' });
    expect(revokedWrite.statusCode).toBe(401);
    expect((await t.call(s, 'DELETE', `/api/v1/me/tokens/${created.item.id}`)).statusCode).toBe(404);
  });

  it('refuses malformed and unknown tokens with 401', async () => {
    for (const authorization of ['Bearer', 'Basic a2FtMTpwdw==', 'Bearer kam_notarealtoken', 'Bearer  a b']) {
      const res = await withHeaders(t, 'GET', '/api/v1/accounts', { authorization });
      expect([authorization, res.statusCode, res.json().error.code]).toEqual([authorization, 401, 'UNAUTHENTICATED']);
    }
  });

  it('stop working, like sessions, when the user is deactivated', async () => {
    const admin = await t.login('admin');
    const victim = await t.login('sponsor2');
    const tok = body<{ token: string }>(await t.call(victim, 'POST', '/api/v1/me/tokens', { name: '离职前' }), 201).token;
    const user = body<{ items: { id: number; version: number; username: string }[] }>(await t.call(admin, 'GET', '/api/v1/users?q=sponsor2'), 200).items.find((u) => u.username === 'sponsor2')!;
    body(await t.call(admin, 'PATCH', `/api/v1/users/${user.id}`, { version: user.version, active: false }), 200);
    expect((await withHeaders(t, 'GET', '/api/auth/me', { authorization: `Bearer ${tok}` })).statusCode).toBe(401);
    expect((await t.call(victim, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const relogin = await rawLogin(t, 'sponsor2', TEST_PASSWORD);
    expect([relogin.statusCode, relogin.json().error.message]).toEqual([401, 'Wrong username or password']);
  });
});

describe('login', () => {
  it('answers a wrong password exactly like an unknown user', async () => {
    const wrong = await rawLogin(t, 'analyst', 'not-the-password');
    const unknown = await rawLogin(t, 'no-such-user', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password' } });
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.cookies.find((c) => c.name === 'kam_session')).toBeUndefined();
    // Usernames are not case-sensitive; passwords are.
    expect((await rawLogin(t, 'ANALYST', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await rawLogin(t, 'analyst', TEST_PASSWORD.toUpperCase())).statusCode).toBe(401);
  });

  it('after 5 wrong passwords refuses even the right one with 429 RATE_LIMITED, from any address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const res = await rawLogin(t, 'service', `wrong-password-${i}`, { ip });
      expect(res.statusCode).toBe(401);
    }
    const right = await rawLogin(t, 'service', TEST_PASSWORD, { ip });
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } });
    expect(right.cookies.find((c) => c.name === 'kam_session')).toBeUndefined();
    const elsewhere = await rawLogin(t, 'service', TEST_PASSWORD, { ip: freshIp() });
    expect(elsewhere.statusCode).toBe(429);
    // Also by another spelling of the same username.
    expect((await rawLogin(t, 'SERVICE', TEST_PASSWORD)).statusCode).toBe(429);
    // The lock is per user: others log in from elsewhere as usual.
    expect((await rawLogin(t, 'director', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('does not lock out colleagues behind the same address when one user mistypes', async () => {
    const office = freshIp();
    for (let i = 0; i < 5; i++) expect((await rawLogin(t, 'kam3', `typo-${i}`, { ip: office })).statusCode).toBe(401);
    expect((await rawLogin(t, 'kam3', TEST_PASSWORD, { ip: office })).statusCode).toBe(429);
    // Same address, another user: the address allows 50 failures before it locks.
    expect((await rawLogin(t, 'sponsor', TEST_PASSWORD, { ip: office })).statusCode).toBe(200);
  });

  it('counts failed logins sent in parallel, every one of them', async () => {
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => rawLogin(t, 'kam2', `parallel-${i}`, { ip })));
    expect(results.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    const row = await t.db.selectFrom('login_failures').select(['failures']).where('key', '=', 'user:kam2').executeTakeFirstOrThrow();
    expect(row.failures).toBe(5);
    expect((await rawLogin(t, 'kam2', TEST_PASSWORD, { ip: freshIp() })).statusCode).toBe(429);
  });
});

describe('expiry (with a controlled clock)', () => {
  let tc: TestApp;
  let now = Date.parse('2026-03-01T09:00:00Z');
  const clock = { now: () => new Date(now) };
  const minutes = (m: number) => {
    now += m * 60_000;
  };
  beforeAll(async () => {
    tc = await createTestApp({ clock });
  });
  afterAll(async () => {
    await tc?.close();
  });

  it('sessions slide while used and end after an hour idle (the configured TTL)', async () => {
    const s = await tc.login('kam1');
    for (let i = 0; i < 3; i++) {
      minutes(50);
      expect((await tc.call(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    }
    minutes(61);
    expect((await tc.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('API tokens end at their expiry', async () => {
    const s = await tc.login('kam2');
    const tok = body<{ token: string; item: { expiresAt: string } }>(await tc.call(s, 'POST', '/api/v1/me/tokens', { name: '一天', expiresInDays: 1 }), 201);
    expect(tok.item.expiresAt).toBe(new Date(now + 86_400_000).toISOString());
    const bearer = { authorization: `Bearer ${tok.token}` };
    minutes(23 * 60);
    expect((await withHeaders(tc, 'GET', '/api/auth/me', bearer)).statusCode).toBe(200);
    minutes(61);
    expect((await withHeaders(tc, 'GET', '/api/auth/me', bearer)).statusCode).toBe(401);
  });

  it('a login lock lifts after its time, and doubles with further failures', async () => {
    for (let i = 0; i < 5; i++) expect((await rawLogin(tc, 'sponsor', 'wrong-password')).statusCode).toBe(401);
    expect((await rawLogin(tc, 'sponsor', TEST_PASSWORD)).statusCode).toBe(429);
    minutes(1.1);
    // One more failure after the lock: locked again, for twice as long.
    expect((await rawLogin(tc, 'sponsor', 'wrong-password')).statusCode).toBe(401);
    const locked = await rawLogin(tc, 'sponsor', TEST_PASSWORD);
    expect([locked.statusCode, locked.json().error.details.retryAfterSeconds]).toEqual([429, 120]);
    minutes(2.1);
    expect((await rawLogin(tc, 'sponsor', TEST_PASSWORD)).statusCode).toBe(200);
    // A success clears the count.
    expect((await rawLogin(tc, 'sponsor', 'wrong-password')).statusCode).toBe(401);
    expect((await rawLogin(tc, 'sponsor', TEST_PASSWORD)).statusCode).toBe(200);
  });
});

// Users and teams through HTTP: who may see and change what, concurrency, and that access
// ends when a user is deactivated or their password reset.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let kam1: Session;

interface UserOut {
  id: number;
  username: string;
  displayName: string;
  role: string;
  teamId: number | null;
  active: boolean;
  email: string | null;
  version: number;
}
interface TeamOut {
  id: number;
  name: string;
  managerId: number | null;
  manager: { id: number; displayName: string } | null;
  memberCount: number;
  version: number;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  kam1 = await t.login('kam1');
});
afterAll(async () => {
  await t?.close();
});

async function users(s: Session, query = ''): Promise<UserOut[]> {
  const res = await t.call(s, 'GET', `/api/v1/users${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: UserOut[] }>().items;
}
async function teams(s: Session): Promise<TeamOut[]> {
  const res = await t.call(s, 'GET', '/api/v1/teams');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: TeamOut[] }>().items;
}
const byName = async (username: string) => (await users(admin)).find((u) => u.username === username)!;
const fields = (res: { json: () => { error: { details?: { fields?: { field: string }[] } } } }) =>
  res.json().error.details?.fields?.map((f) => f.field);

async function auditFor(entity: string, id: number) {
  const r = await sql<{ action: string; before: unknown; after: unknown; raw: string }>`
    select action, before, after, coalesce(before::text, '') || coalesce(after::text, '') as raw
    from audit_log where entity = ${entity} and entity_id = ${String(id)} order by id`.execute(t.db);
  return r.rows;
}

describe('listing users', () => {
  it('needs a login', async () => {
    expect((await t.call(null, 'GET', '/api/v1/users')).statusCode).toBe(401);
    expect((await t.call(null, 'GET', '/api/v1/teams')).statusCode).toBe(401);
  });

  it('any user may list (for pickers), but only admins see e-mail addresses', async () => {
    const a = await byName('analyst');
    const patched = await t.call(admin, 'PATCH', `/api/v1/users/${a.id}`, { version: a.version, email: 'sun@example.com' });
    expect(patched.statusCode, patched.body).toBe(200);
    const seenByKam = (await users(kam1)).find((u) => u.username === 'analyst')!;
    expect(seenByKam.email).toBeNull();
    expect(seenByKam).toMatchObject({ username: 'analyst', role: 'analyst', active: true });
    expect((await byName('analyst')).email).toBe('sun@example.com');
    // Nor can others find users by their e-mail address.
    expect(await users(kam1, '?q=sun@example')).toEqual([]);
    expect((await users(admin, '?q=sun@example')).map((u) => u.username)).toEqual(['analyst']);
  });

  it('filters by role, team, text and active, and pages with a cursor', async () => {
    expect((await users(kam1, '?role=kam')).map((u) => u.username).sort()).toEqual(['kam1', 'kam2', 'kam3']);
    const east = (await users(kam1)).find((u) => u.username === 'kam1')!.teamId!;
    expect((await users(kam1, `?teamId=${east}`)).map((u) => u.username).sort()).toEqual(['kam1', 'kam3']);
    expect((await users(kam1, '?q=spons')).map((u) => u.username).sort()).toEqual(['sponsor', 'sponsor2']);
    expect(await users(kam1, '?active=false')).toEqual([]);
    const page1 = await t.call(kam1, 'GET', '/api/v1/users?limit=2');
    const body1 = page1.json<{ items: UserOut[]; nextCursor: string | null }>();
    expect(body1.items).toHaveLength(2);
    const page2 = await t.call(kam1, 'GET', `/api/v1/users?limit=2&cursor=${encodeURIComponent(body1.nextCursor!)}`);
    const body2 = page2.json<{ items: UserOut[] }>();
    expect(body2.items[0]!.username > body1.items[1]!.username).toBe(true);
    expect((await t.call(kam1, 'GET', '/api/v1/users?role=boss')).statusCode).toBe(400);
  });
});

describe('creating users', () => {
  it('is for admins only', async () => {
    const d = await t.login('director');
    const res = await t.call(d, 'POST', '/api/v1/users', { username: 'newbie', displayName: '新人', role: 'kam', password: 'long-enough-pw' });
    expect(res.statusCode).toBe(403);
  });

  it('creates a user who can log in; the audit never holds the password hash', async () => {
    const east = (await teams(admin)).find((x) => x.name === '华东大客户部')!;
    const res = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'kam9',
      displayName: '钱九',
      role: 'kam',
      teamId: east.id,
      password: 'kam9-password-1',
      email: 'qian@example.com',
    });
    expect(res.statusCode, res.body).toBe(201);
    const u = res.json<UserOut>();
    expect(u).toMatchObject({ username: 'kam9', displayName: '钱九', role: 'kam', teamId: east.id, active: true, email: 'qian@example.com', version: 1 });
    await t.login('kam9', 'kam9-password-1');
    const audit = await auditFor('user', u.id);
    expect(audit.map((a) => a.action)).toContain('create');
    for (const a of audit) {
      expect(a.raw).not.toMatch(/argon2|password_hash/);
    }
  });

  it('refuses a duplicate username, case-insensitively', async () => {
    const res = await t.call(admin, 'POST', '/api/v1/users', { username: 'KAM1', displayName: 'x', role: 'kam', password: 'long-enough-pw' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'username' } });
  });

  it.each([
    [{ username: 'ab' }, 'username'],
    [{ username: 'li ming' }, 'username'],
    [{ password: 'short' }, 'password'],
    [{ role: 'boss' }, 'role'],
    [{ displayName: '  ' }, 'displayName'],
    [{ email: 'not-mail' }, 'email'],
    [{ teamId: 999_999 }, 'teamId'],
  ])('refuses %j naming %s', async (over, field) => {
    const body = { username: 'valid.name', displayName: '有效', role: 'kam', password: 'long-enough-pw', ...over };
    const res = await t.call(admin, 'POST', '/api/v1/users', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(fields(res)).toContain(field);
  });
});

describe('changing users', () => {
  it('is for admins only', async () => {
    const k2 = await byName('kam2');
    const res = await t.call(kam1, 'PATCH', `/api/v1/users/${k2.id}`, { version: k2.version, displayName: 'x' });
    expect(res.statusCode).toBe(403);
  });

  it('uses optimistic concurrency', async () => {
    const k2 = await byName('kam2');
    const ok = await t.call(admin, 'PATCH', `/api/v1/users/${k2.id}`, { version: k2.version, displayName: '张经理2' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<UserOut>()).toMatchObject({ displayName: '张经理2', version: k2.version + 1 });
    const stale = await t.call(admin, 'PATCH', `/api/v1/users/${k2.id}`, { version: k2.version, displayName: '张经理3' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: k2.version + 1 } });
    const audit = (await auditFor('user', k2.id)).filter((a) => a.action === 'update');
    expect(audit.at(-1)).toMatchObject({ action: 'update', before: { display_name: k2.displayName }, after: { display_name: '张经理2' } });
  });

  it('an admin cannot deactivate or demote themselves', async () => {
    const me = await byName('admin');
    const off = await t.call(admin, 'PATCH', `/api/v1/users/${me.id}`, { version: me.version, active: false });
    expect(off.statusCode).toBe(400);
    expect(fields(off)).toEqual(['active']);
    const demote = await t.call(admin, 'PATCH', `/api/v1/users/${me.id}`, { version: me.version, role: 'director' });
    expect(demote.statusCode).toBe(400);
    expect(fields(demote)).toEqual(['role']);
    expect((await byName('admin')).version).toBe(me.version);
  });

  it('deactivating ends the sessions and revokes the API tokens at once', async () => {
    const s = await t.login('kam3');
    const token = await t.call(s, 'POST', '/api/v1/me/tokens', { name: 'integration' });
    expect(token.statusCode, token.body).toBe(201);
    const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(200);

    const k3 = await byName('kam3');
    const res = await t.call(admin, 'PATCH', `/api/v1/users/${k3.id}`, { version: k3.version, active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UserOut>().active).toBe(false);

    expect((await t.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(401);
    await expect(t.login('kam3')).rejects.toThrow(/401/);
    const audit = (await auditFor('user', k3.id)).filter((a) => a.action === 'update');
    expect(audit.at(-1)!.after).toMatchObject({ active: false, sessionsEnded: 1, apiTokensRevoked: 1 });
    expect((await users(kam1, '?active=false')).map((u) => u.username)).toEqual(['kam3']);
  });

  it('404 for an unknown user', async () => {
    const res = await t.call(admin, 'PATCH', '/api/v1/users/999999', { version: 1, displayName: 'x' });
    expect(res.statusCode).toBe(404);
  });
});

describe('setting a password', () => {
  it('is for admins only', async () => {
    const k2 = await byName('kam2');
    expect((await t.call(kam1, 'POST', `/api/v1/users/${k2.id}/password`, { password: 'another-password' })).statusCode).toBe(403);
  });

  it('sets it and ends the user\'s sessions', async () => {
    const s = await t.login('kam2');
    const k2 = await byName('kam2');
    const short = await t.call(admin, 'POST', `/api/v1/users/${k2.id}/password`, { password: 'short' });
    expect(short.statusCode).toBe(400);
    const res = await t.call(admin, 'POST', `/api/v1/users/${k2.id}/password`, { password: 'a-new-password-2' });
    expect(res.statusCode, res.body).toBe(204);
    expect((await t.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await t.login('kam2', 'a-new-password-2');
    const reset = (await auditFor('user', k2.id)).filter((a) => a.action === 'password_reset');
    expect(reset).toHaveLength(1);
    expect(reset[0]).toMatchObject({ after: { username: 'kam2', sessionsEnded: 1 } });
    expect(reset[0]!.raw).not.toMatch(/argon2|a-new-password/);
  });
});

describe('teams', () => {
  it('lists teams with manager and member count', async () => {
    const all = await teams(kam1);
    const east = all.find((x) => x.name === '华东大客户部')!;
    expect(east).toMatchObject({ managerId: null, manager: null });
    expect(east.memberCount).toBeGreaterThanOrEqual(2);
  });

  it('only admins create and change teams; names are unique case-insensitively', async () => {
    expect((await t.call(kam1, 'POST', '/api/v1/teams', { name: '西部大客户部' })).statusCode).toBe(403);
    const director = (await byName('director')).id;
    const res = await t.call(admin, 'POST', '/api/v1/teams', { name: 'West Key Accounts', managerId: director });
    expect(res.statusCode, res.body).toBe(201);
    const team = res.json<TeamOut>();
    expect(team).toMatchObject({ name: 'West Key Accounts', managerId: director, manager: { id: director, displayName: '王总监' }, memberCount: 0, version: 1 });

    const dup = await t.call(admin, 'POST', '/api/v1/teams', { name: 'west key accounts' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', details: { field: 'name' } });

    const badManager = await t.call(admin, 'PATCH', `/api/v1/teams/${team.id}`, { version: 1, managerId: 999_999 });
    expect(badManager.statusCode).toBe(400);
    expect(fields(badManager)).toEqual(['managerId']);

    const renamed = await t.call(admin, 'PATCH', `/api/v1/teams/${team.id}`, { version: 1, name: '西部大客户部', managerId: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<TeamOut>()).toMatchObject({ name: '西部大客户部', managerId: null, manager: null, version: 2 });

    const stale = await t.call(admin, 'PATCH', `/api/v1/teams/${team.id}`, { version: 1, name: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');

    const clash = await t.call(admin, 'PATCH', `/api/v1/teams/${team.id}`, { version: 2, name: '华东大客户部' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('DUPLICATE');
    expect((await auditFor('team', team.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });
});

// Every write is audited (SPEC C10): who, what, which record, before and after — in the same
// transaction as the write, so a failed write leaves neither an audit row nor a timeline event.
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let director: Session;
let kam1: Session;
let kam2: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  director = await t.login('director');
  kam1 = await t.login('kam1');
  kam2 = await t.login('kam2');
});
afterAll(async () => {
  await t?.close();
});

function body<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

interface AuditItem {
  id: number;
  at: string;
  actor: { id: number; displayName: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

let mark = 0;
/** The audit rows written since the last call, oldest first, read through the API. */
async function newAudit(): Promise<AuditItem[]> {
  const items = body<{ items: AuditItem[] }>(await t.call(director, 'GET', '/api/v1/audit?limit=500'), 200).items.filter((i) => i.id > mark);
  if (items.length) mark = Math.max(...items.map((i) => i.id));
  return items.reverse();
}
async function skipAudit() {
  await newAudit();
}
const brief = (a: AuditItem) => ({ actor: a.actor?.id, action: a.action, entity: a.entity, entityId: a.entityId });

async function totals(accountId?: number) {
  const audit = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let tq = t.db.selectFrom('timeline_events').select((eb) => eb.fn.countAll<number>().as('n'));
  if (accountId !== undefined) tq = tq.where('account_id', '=', accountId);
  const timeline = await tq.executeTakeFirstOrThrow();
  return { audit: Number(audit.n), timeline: Number(timeline.n) };
}

describe('the audit trail of each write', () => {
  let accountId: number;
  let version: number;

  it('account create: the whole new row', async () => {
    await skipAudit();
    const res = body<{ account: { id: number; version: number } }>(await t.call(kam1, 'POST', '/api/v1/accounts', { name: '宝山钢铁股份有限公司', annualRevenue: 100, industry: '钢铁' }), 201);
    accountId = res.account.id;
    version = res.account.version;
    const [a, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    expect(brief(a!)).toEqual({ actor: kam1.userId, action: 'create', entity: 'account', entityId: String(accountId) });
    expect(a!.before).toBeNull();
    expect(a!.after).toMatchObject({ id: accountId, name: '宝山钢铁股份有限公司', annual_revenue: '100.00', industry: '钢铁', owner_id: kam1.userId, sponsor_id: null, version: 1, lifecycle_status: 'prospect' });
    expect(a!.actor!.displayName).toBe('李经理');
    expect(a!.requestId).toEqual(expect.any(String));
  });

  it('account update: only what changed, as stored (numeric as an exact decimal string)', async () => {
    const res = body<{ version: number }>(await t.call(kam1, 'PATCH', `/api/v1/accounts/${accountId}`, { version, annualRevenue: '250.50' }), 200);
    version = res.version;
    const [a, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    expect(brief(a!)).toEqual({ actor: kam1.userId, action: 'update', entity: 'account', entityId: String(accountId) });
    expect([a!.before, a!.after]).toEqual([{ annual_revenue: '100.00' }, { annual_revenue: '250.50' }]);

    version = body<{ version: number }>(await t.call(kam1, 'PATCH', `/api/v1/accounts/${accountId}`, { version, name: '宝钢股份', industry: '钢铁', needsAnalysis: { decisionProcess: '集团采购中心招标' } }), 200).version;
    const [b] = await newAudit();
    expect([b!.before, b!.after]).toEqual([
      { name: '宝山钢铁股份有限公司', name_key: '宝山钢铁股份有限公司', name_loose: '宝山钢铁', decision_process: null },
      { name: '宝钢股份', name_key: '宝钢股份', name_loose: '宝钢股份', decision_process: '集团采购中心招标' },
    ]);

    version = body<{ version: number }>(await t.call(director, 'PATCH', `/api/v1/accounts/${accountId}`, { version, ownerId: kam2.userId }), 200).version;
    const [c] = await newAudit();
    expect(brief(c!)).toEqual({ actor: director.userId, action: 'update', entity: 'account', entityId: String(accountId) });
    expect([c!.before, c!.after]).toEqual([{ owner_id: kam1.userId }, { owner_id: kam2.userId }]);
    version = body<{ version: number }>(await t.call(director, 'PATCH', `/api/v1/accounts/${accountId}`, { version, ownerId: kam1.userId }), 200).version;
    await skipAudit();
  });

  it('account team: member added, role changed, member removed', async () => {
    body(await t.call(kam1, 'PUT', `/api/v1/accounts/${accountId}/team/members/${kam2.userId}`, { role: 'technical' }), 200);
    body(await t.call(kam1, 'PUT', `/api/v1/accounts/${accountId}/team/members/${kam2.userId}`, { role: 'finance' }), 200);
    expect((await t.call(kam1, 'DELETE', `/api/v1/accounts/${accountId}/team/members/${kam2.userId}`)).statusCode).toBe(204);
    const [add, change, remove, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    const key = `${accountId}:${kam2.userId}`;
    expect([brief(add!), brief(change!), brief(remove!)]).toEqual([
      { actor: kam1.userId, action: 'create', entity: 'account_team_member', entityId: key },
      { actor: kam1.userId, action: 'update', entity: 'account_team_member', entityId: key },
      { actor: kam1.userId, action: 'delete', entity: 'account_team_member', entityId: key },
    ]);
    expect([add!.before, add!.after]).toEqual([null, { account_id: accountId, user_id: kam2.userId, role: 'technical' }]);
    expect(change!.before).toMatchObject({ account_id: accountId, user_id: kam2.userId, role: 'technical' });
    expect(change!.after).toEqual({ account_id: accountId, user_id: kam2.userId, role: 'finance' });
    expect(remove!.before).toMatchObject({ account_id: accountId, user_id: kam2.userId, role: 'finance' });
    expect(remove!.after).toBeNull();
  });

  it('needs: create, update, delete', async () => {
    const n = body<{ id: number; version: number }>(await t.call(kam1, 'POST', `/api/v1/accounts/${accountId}/needs`, { title: '智能排产', kind: 'implicit' }), 201);
    const n2 = body<{ version: number }>(await t.call(kam1, 'PATCH', `/api/v1/needs/${n.id}`, { version: n.version, kind: 'explicit', description: '客户已在招标文件中提出' }), 200);
    expect((await t.call(kam1, 'DELETE', `/api/v1/needs/${n.id}?version=${n2.version}`)).statusCode).toBe(204);
    const [c, u, d, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    expect([brief(c!), brief(u!), brief(d!)]).toEqual(['create', 'update', 'delete'].map((action) => ({ actor: kam1.userId, action, entity: 'need', entityId: String(n.id) })));
    expect(c!.after).toMatchObject({ id: n.id, account_id: accountId, title: '智能排产', kind: 'implicit', status: 'open' });
    expect([u!.before, u!.after]).toEqual([
      { kind: 'implicit', description: null },
      { kind: 'explicit', description: '客户已在招标文件中提出' },
    ]);
    expect(d!.before).toMatchObject({ id: n.id, kind: 'explicit', version: 2 });
  });

  it('contacts: create, update, delete (PII included, for those who may read the trail)', async () => {
    const c = body<{ id: number; version: number }>(await t.call(kam1, 'POST', '/api/v1/contacts', { accountId, name: '周八', phone: '13600000000', birthday: '1970-01-31' }), 201);
    const c2 = body<{ version: number }>(await t.call(kam1, 'PATCH', `/api/v1/contacts/${c.id}`, { version: c.version, phone: '13600000001', title: '采购总监' }), 200);
    expect((await t.call(kam1, 'DELETE', `/api/v1/contacts/${c.id}?version=${c2.version}`)).statusCode).toBe(204);
    const [cr, up, de, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    expect([brief(cr!), brief(up!), brief(de!)]).toEqual(['create', 'update', 'delete'].map((action) => ({ actor: kam1.userId, action, entity: 'contact', entityId: String(c.id) })));
    expect(cr!.after).toMatchObject({ id: c.id, account_id: accountId, name: '周八', phone: '13600000000', birthday: '1970-01-31' });
    expect([up!.before, up!.after]).toEqual([
      { phone: '13600000000', title: null },
      { phone: '13600000001', title: '采购总监' },
    ]);
    expect(de!.before).toMatchObject({ id: c.id, phone: '13600000001' });
  });

  it('account delete and restore', async () => {
    const cur = body<{ version: number }>(await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}`), 200);
    expect((await t.call(kam1, 'DELETE', `/api/v1/accounts/${accountId}?version=${cur.version}`)).statusCode).toBe(204);
    const [del, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    expect(brief(del!)).toEqual({ actor: kam1.userId, action: 'delete', entity: 'account', entityId: String(accountId) });
    expect(del!.before).toMatchObject({ id: accountId, name: '宝钢股份', annual_revenue: '250.50', version: cur.version });
    expect(del!.after).toBeNull();
    const bin = body<{ items: { id: number; entityId: string }[] }>(await t.call(director, 'GET', '/api/v1/recycle-bin?entity=account'), 200);
    const entry = bin.items.find((b) => b.entityId === String(accountId))!;
    body(await t.call(director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`), 200);
    const [res] = await newAudit();
    expect(brief(res!)).toEqual({ actor: director.userId, action: 'restore', entity: 'account', entityId: String(accountId) });
    expect(res!.after).toEqual({ recycleBinId: entry.id, label: '宝钢股份' });
  });

  it('merge', async () => {
    const src = body<{ account: { id: number } }>(await t.call(director, 'POST', '/api/v1/accounts', { name: '宝钢股份（重复）' }), 201).account.id;
    await skipAudit();
    body(await t.call(director, 'POST', `/api/v1/accounts/${accountId}/merge`, { sourceId: src }), 200);
    const [m, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    expect(brief(m!)).toEqual({ actor: director.userId, action: 'merge', entity: 'account', entityId: String(accountId) });
    expect(m!.before).toMatchObject({ id: src, name: '宝钢股份（重复）' });
    expect(m!.after).toEqual({ source: { id: src, name: '宝钢股份（重复）' }, moved: { contacts: 0, needs: 0, subsidiaries: 0, orders: 0, payments: 0 } });
  });

  it('login, API tokens', async () => {
    const s = await t.login('kam2');
    const tok = body<{ item: { id: number; prefix: string } }>(await t.call(s, 'POST', '/api/v1/me/tokens', { name: 'ERP 同步' }), 201);
    expect((await t.call(s, 'DELETE', `/api/v1/me/tokens/${tok.item.id}`)).statusCode).toBe(204);
    const [login, create, revoke, ...rest] = await newAudit();
    expect(rest).toEqual([]);
    expect([brief(login!), brief(create!), brief(revoke!)]).toEqual([
      { actor: kam2.userId, action: 'login', entity: 'user', entityId: String(kam2.userId) },
      { actor: kam2.userId, action: 'create', entity: 'api_token', entityId: String(tok.item.id) },
      { actor: kam2.userId, action: 'revoke', entity: 'api_token', entityId: String(tok.item.id) },
    ]);
    expect(create!.after).toEqual({ name: 'ERP 同步', prefix: tok.item.prefix });
    expect(revoke!.before).toEqual({ name: 'ERP 同步' });
  });

  it('users and teams (and never a password hash)', async () => {
    const team = body<{ id: number; version: number }>(await t.call(admin, 'POST', '/api/v1/teams', { name: '华北大客户部' }), 201);
    body(await t.call(admin, 'PATCH', `/api/v1/teams/${team.id}`, { version: team.version, name: '华北及东北大客户部' }), 200);
    const user = body<{ id: number; version: number }>(
      await t.call(admin, 'POST', '/api/v1/users', { username: 'kam9', displayName: '吴经理', role: 'kam', teamId: team.id, password: 'a-long-password-9' }),
      201,
    );
    body(await t.call(admin, 'PATCH', `/api/v1/users/${user.id}`, { version: user.version, displayName: '吴大经理' }), 200);
    expect((await t.call(admin, 'POST', `/api/v1/users/${user.id}/password`, { password: 'another-password-9' })).statusCode).toBe(204);
    const rows = await newAudit();
    expect(rows.map(brief)).toEqual([
      { actor: admin.userId, action: 'create', entity: 'team', entityId: String(team.id) },
      { actor: admin.userId, action: 'update', entity: 'team', entityId: String(team.id) },
      { actor: admin.userId, action: 'create', entity: 'user', entityId: String(user.id) },
      { actor: admin.userId, action: 'update', entity: 'user', entityId: String(user.id) },
      { actor: admin.userId, action: 'password_reset', entity: 'user', entityId: String(user.id) },
    ]);
    expect([rows[1]!.before, rows[1]!.after]).toEqual([{ name: '华北大客户部' }, { name: '华北及东北大客户部' }]);
    expect(rows[2]!.after).toMatchObject({ id: user.id, username: 'kam9', role: 'kam', team_id: team.id });
    expect([rows[3]!.before, rows[3]!.after]).toEqual([{ display_name: '吴经理' }, { display_name: '吴大经理' }]);
    const all = await t.db.selectFrom('audit_log').select(sql<string>`coalesce(before::text, '') || coalesce(after::text, '')`.as('j')).execute();
    expect(all.filter((r) => /password_hash|\$argon2/.test(r.j))).toEqual([]);
  });
});

describe('reading the audit trail', () => {
  it('filters by entity, record, actor and action, newest first, with a cursor', async () => {
    const a = body<{ account: { id: number; version: number } }>(await t.call(kam2, 'POST', '/api/v1/accounts', { name: '审计过滤客户' }), 201).account;
    let v = a.version;
    for (const industry of ['一', '二', '三']) {
      v = body<{ version: number }>(await t.call(kam2, 'PATCH', `/api/v1/accounts/${a.id}`, { version: v, industry }), 200).version;
    }
    const q = `/api/v1/audit?entity=account&entityId=${a.id}&actorId=${kam2.userId}`;
    const all = body<{ items: AuditItem[] }>(await t.call(admin, 'GET', q), 200).items;
    expect(all.map((i) => [i.action, i.after?.industry ?? null])).toEqual([
      ['update', '三'],
      ['update', '二'],
      ['update', '一'],
      ['create', null],
    ]);
    const updates = body<{ items: AuditItem[] }>(await t.call(admin, 'GET', `${q}&action=update`), 200).items;
    expect(updates.map((i) => i.id)).toEqual(all.slice(0, 3).map((i) => i.id));
    const page1 = body<{ items: AuditItem[]; nextCursor: string }>(await t.call(admin, 'GET', `${q}&limit=3`), 200);
    const page2 = body<{ items: AuditItem[]; nextCursor: string | null }>(await t.call(admin, 'GET', `${q}&limit=3&cursor=${page1.nextCursor}`), 200);
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual(all.map((i) => i.id));
    expect(page2.nextCursor).toBeNull();
    expect(body<{ items: AuditItem[] }>(await t.call(admin, 'GET', `/api/v1/audit?entity=account&entityId=${a.id}&actorId=${kam1.userId}`), 200).items).toEqual([]);
  });
});

describe('audit and write share one transaction', () => {
  it('a write refused by validation leaves no audit row and no timeline event', async () => {
    const group = body<{ account: { id: number; version: number } }>(await t.call(kam1, 'POST', '/api/v1/accounts', { name: '事务集团' }), 201).account;
    const child = body<{ account: { id: number; version: number } }>(await t.call(kam1, 'POST', '/api/v1/accounts', { name: '事务子公司', parentId: group.id }), 201).account;
    const before = await totals();
    const bad: [Session, 'POST' | 'PATCH' | 'PUT', string, unknown, number][] = [
      [kam1, 'PATCH', `/api/v1/accounts/${group.id}`, { version: group.version, lifecycleStatus: 'lost' }, 400],
      [kam1, 'PATCH', `/api/v1/accounts/${group.id}`, { version: group.version, parentId: child.id, industry: '会被回滚' }, 400],
      [kam1, 'PATCH', `/api/v1/accounts/${group.id}`, { version: group.version, name: '事务子公司' }, 409],
      [kam1, 'PATCH', `/api/v1/accounts/${group.id}`, { version: group.version, creditCode: '914403001922038217' }, 400],
      [kam1, 'POST', '/api/v1/accounts', { name: '事务集团' }, 409],
      [kam1, 'POST', '/api/v1/accounts', { name: '新事务客户', ownerId: 2_000_000_000 }, 403],
      [director, 'POST', '/api/v1/accounts', { name: '新事务客户', ownerId: 2_000_000_000 }, 400],
      [director, 'POST', '/api/v1/accounts', { name: '新事务客户', sponsorId: kam2.userId }, 400],
      [kam1, 'PUT', `/api/v1/accounts/${group.id}/team/members/${kam1.userId}`, { role: 'sales' }, 400],
      [kam1, 'POST', '/api/v1/contacts', { accountId: group.id, name: '坏数据', email: 'nope' }, 400],
      [kam1, 'POST', `/api/v1/accounts/${group.id}/needs`, { title: '', kind: 'explicit' }, 400],
      [director, 'POST', `/api/v1/accounts/${child.id}/merge`, { sourceId: group.id }, 400],
    ];
    for (const [s, method, url, payload, status] of bad) {
      const res = await t.call(s, method, url, payload);
      expect({ url, payload, status: res.statusCode }).toEqual({ url, payload, status });
    }
    expect(await totals()).toEqual(before);
    expect(body<{ industry: string | null; version: number }>(await t.call(kam1, 'GET', `/api/v1/accounts/${group.id}`), 200)).toMatchObject({ industry: null, version: group.version });
  });

  async function withFailingTrigger<T>(table: 'audit_log' | 'timeline_events', fn: () => Promise<T>): Promise<T> {
    await sql`create or replace function kam_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`.execute(t.db);
    await sql`create trigger kam_test_fail before insert on ${sql.table(table)} for each row execute function kam_test_fail()`.execute(t.db);
    try {
      return await fn();
    } finally {
      await sql`drop trigger kam_test_fail on ${sql.table(table)}`.execute(t.db);
    }
  }

  it('when the audit row cannot be written, the change itself is rolled back', async () => {
    const a = body<{ account: { id: number; version: number } }>(await t.call(kam1, 'POST', '/api/v1/accounts', { name: '回滚客户', annualRevenue: '100' }), 201).account;
    const before = await totals(a.id);
    const res = await withFailingTrigger('audit_log', () => t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, annualRevenue: '250.50' }));
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(body(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}`), 200)).toMatchObject({ annualRevenue: '100.00', version: a.version });
    expect(await totals(a.id)).toEqual(before);
    const contactRes = await withFailingTrigger('audit_log', () => t.call(kam1, 'POST', '/api/v1/contacts', { accountId: a.id, name: '不会出现' }));
    expect(contactRes.statusCode).toBe(500);
    expect(body<{ items: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/contacts`), 200).items).toEqual([]);
  });

  it('when the timeline event cannot be written, neither the change nor its audit row stays', async () => {
    const a = body<{ account: { id: number; version: number } }>(await t.call(kam1, 'POST', '/api/v1/accounts', { name: '时间线回滚' }), 201).account;
    const before = await totals(a.id);
    const res = await withFailingTrigger('timeline_events', () => t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, industry: '化工' }));
    expect(res.statusCode).toBe(500);
    const need = await withFailingTrigger('timeline_events', () => t.call(kam1, 'POST', `/api/v1/accounts/${a.id}/needs`, { title: '不会出现', kind: 'explicit' }));
    expect(need.statusCode).toBe(500);
    expect(await totals(a.id)).toEqual(before);
    expect(body(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}`), 200)).toMatchObject({ industry: null, version: a.version });
    expect(body<{ items: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/needs`), 200).items).toEqual([]);
    // And with the fault gone the same write goes through, audited once.
    body(await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, industry: '化工' }), 200);
    expect(await totals(a.id)).toEqual({ audit: before.audit + 1, timeline: before.timeline + 1 });
  });
});

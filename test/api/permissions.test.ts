// The permission matrix: every route of the API × every role × records inside and outside the
// caller's scope. A route without a matrix entry fails the coverage test, so a new route must
// say who may call it. Rules: src/server/auth/rules/permissions.ts (and SPEC C10).
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looseNameKey, strictNameKey } from '../../src/server/accounts/rules/names.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { TEST_PASSWORD } from '../support/fixtures.js';
import { Readable } from 'node:stream';
import { upload } from './support-imports.js';

type UserName = 'admin' | 'director' | 'kam1' | 'kam2' | 'kam3' | 'sponsor' | 'sponsor2' | 'service' | 'analyst';
type Who = UserName | 'anon';
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** Account shapes: who owns, sponsors and is on the team of the account. */
type Shape = 'k1s' | 'k1m' | 'k2' | 'k3' | 'none';

const USERS: UserName[] = ['admin', 'director', 'kam1', 'kam2', 'kam3', 'sponsor', 'sponsor2', 'service', 'analyst'];
const EVERYONE: Who[] = [...USERS, 'anon'];
const SHAPES: Shape[] = ['k1s', 'k1m', 'k2', 'k3', 'none'];

// ---- the expected rules, written out per shape (not computed from the code under test) ----
const ALL_SCOPE: UserName[] = ['admin', 'director', 'service', 'analyst'];
/** k1s: kam1 owns, sponsor sponsors. k1m: kam1 owns, kam2 and sponsor2 are team members.
 *  k2: kam2 owns. k3: kam3 (kam1's teammate) owns. none: nobody owns. `service` is a member of all. */
const VISIBLE: Record<Shape, UserName[]> = {
  k1s: [...ALL_SCOPE, 'kam1', 'kam3', 'sponsor'],
  k1m: [...ALL_SCOPE, 'kam1', 'kam2', 'kam3', 'sponsor2'],
  k2: [...ALL_SCOPE, 'kam2'],
  k3: [...ALL_SCOPE, 'kam1', 'kam3'],
  none: [...ALL_SCOPE],
};
const OWNER: Record<Shape, UserName | null> = { k1s: 'kam1', k1m: 'kam1', k2: 'kam2', k3: 'kam3', none: null };
/** `service` is on every account team here, and the account team sees PII (never the analyst). */
const PII: Record<Shape, UserName[]> = {
  k1s: ['admin', 'director', 'kam1', 'sponsor', 'service'],
  k1m: ['admin', 'director', 'kam1', 'kam2', 'sponsor2', 'service'],
  k2: ['admin', 'director', 'kam2', 'service'],
  k3: ['admin', 'director', 'kam3', 'service'],
  none: ['admin', 'director', 'service'],
};
const isBoss = (u: UserName) => u === 'admin' || u === 'director';
const isKam = (u: UserName) => u === 'kam1' || u === 'kam2' || u === 'kam3';
const canRead = (u: UserName, s: Shape) => VISIBLE[s].includes(u);
const canEdit = (u: UserName, s: Shape) => canRead(u, s) && (isBoss(u) || isKam(u));
const canManage = (u: UserName, s: Shape) => isBoss(u) || OWNER[s] === u;
const canSeePii = (u: UserName, s: Shape) => PII[s].includes(u);
/** Stakeholder assessments: like PII, but never service agents (even on the account team) nor analysts. */
const canSeeAssessments = (u: UserName, s: Shape) => canSeePii(u, s) && u !== 'service' && u !== 'analyst';
const canEditMap = (u: UserName, s: Shape) => canEdit(u, s) && canSeeAssessments(u, s);
/** The account plan and whitespace: whoever edits the account, and its executive sponsor (k1s: sponsor). */
const canPlan = (u: UserName, s: Shape) => canEdit(u, s) || (u === 'sponsor' && s === 'k1s');
/** Out of scope → 404 (existence not revealed); in scope but not allowed → 403. */
const scoped = (u: UserName, s: Shape, allowed: boolean, ok: number) => (!canRead(u, s) ? 404 : allowed ? ok : 403);

// ---- the app and its fixtures ----
let t: TestApp;
const sessions = {} as Record<UserName, Session>;
const uid = {} as Record<UserName, number>;
let seq = 0;
let ipSeq = 0;
/** Logins come from many addresses: the login route allows 30 a minute from one. */
const nextIp = () => `10.2.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

async function loginFrom(username: UserName, ip: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': ip }, payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kam_session')!;
  const b = res.json<{ csrfToken: string; user: { id: number } }>();
  return { username, cookie: `kam_session=${cookie.value}`, csrf: b.csrfToken, userId: b.user.id };
}

interface Fixture {
  accountId: number;
  name: string;
  contactId: number;
  needId: number;
  orderId: number;
  paymentId: number;
  /** Decision chain and pipeline (makeDecisionChain): two stakeholders, a link, an opportunity, a competitor. */
  stakeholderId: number;
  linkId: number;
  opportunityId: number;
  competitorId: number;
}

/** An account of the given shape with one contact (with PII) and one need, inserted directly. */
async function makeAccount(shape: Shape, label: string): Promise<Fixture> {
  const n = ++seq;
  const name = `矩阵客户-${label}-${shape}-${n}`;
  const acc = await t.db
    .insertInto('accounts')
    .values({
      name,
      name_key: strictNameKey(name),
      name_loose: looseNameKey(name),
      search_text: name.toLowerCase(),
      owner_id: OWNER[shape] ? uid[OWNER[shape]] : null,
      sponsor_id: shape === 'k1s' ? uid.sponsor : null,
      industry: '制造业',
      created_by: uid.admin,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members: [UserName, 'technical' | 'finance' | 'service'][] = [['service', 'service']];
  if (shape === 'k1m') members.push(['kam2', 'technical'], ['sponsor2', 'finance']);
  await t.db
    .insertInto('account_team_members')
    .values(members.map(([u, role]) => ({ account_id: acc.id, user_id: uid[u], role })))
    .execute();
  const contact = await t.db
    .insertInto('contacts')
    .values({
      account_id: acc.id,
      name: `联系人${n}`,
      title: '总经理',
      level: 'executive',
      phone: `1380000${String(n).padStart(4, '0')}`,
      email: `c${n}@example.com`,
      birthday: '1975-06-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const need = await t.db
    .insertInto('account_needs')
    .values({ account_id: acc.id, title: `需求${n}`, kind: 'implicit' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const order = await t.db
    .insertInto('orders')
    .values({ account_id: acc.id, order_number: `MX-${n}`, order_date: '2026-01-15', amount: '168.00', cost: '100.00' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('order_lines').values({ order_id: order.id, line_no: 1, product: '工业网关', quantity: '12', unit_price: '14', amount: '168.00', cost: '100.00' }).execute();
  const payment = await t.db
    .insertInto('payments')
    .values({ account_id: acc.id, order_id: order.id, due_date: '2026-02-15', amount: '168.00', payment_ref: `MXP-${n}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { accountId: acc.id, name, contactId: contact.id, needId: need.id, orderId: order.id, paymentId: payment.id, ...(await makeDecisionChain(acc.id, n)) };
}

/** Two people on the account's map (one assessed as a coach), a reports-to link, an opportunity with a competitor. */
async function makeDecisionChain(accountId: number, n: number) {
  const people = await t.db
    .insertInto('stakeholders')
    .values([
      { account_id: accountId, name: `决策人${n}`, buying_role: 'decision_maker', attitude: 'coach', influence: 9, relationship_level: 4, personal_needs: '升职' },
      { account_id: accountId, name: `下属${n}`, attitude: 'neutral', attitude_kind: 'skeptic', influence: 3 },
    ])
    .returning('id')
    .execute();
  const link = await t.db.insertInto('stakeholder_links').values({ account_id: accountId, from_id: people[1]!.id, to_id: people[0]!.id, kind: 'reports_to' }).returning('id').executeTakeFirstOrThrow();
  const opp = await t.db.insertInto('opportunities').values({ account_id: accountId, name: `商机${n}`, amount: '1000.00', expected_close_date: '2027-01-31' }).returning('id').executeTakeFirstOrThrow();
  const competitor = await t.db.insertInto('opportunity_competitors').values({ opportunity_id: opp.id, name: `对手${n}` }).returning('id').executeTakeFirstOrThrow();
  return { stakeholderId: people[0]!.id, linkId: link.id, opportunityId: opp.id, competitorId: competitor.id };
}

/** The next transaction id: PostgreSQL assigns one to every transaction that writes (or locks) a row. */
async function nextXid(): Promise<string> {
  return (await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(t.db)).rows[0]!.x;
}

let lastFingerprint: { xid: string; digest: Record<string, string> } | null = null;

/**
 * A digest of everything a write could change (sessions and login throttling aside), taken again
 * only when a transaction id was assigned since the last one: without one, no row can have
 * changed. Nearly every denied write assigns none, so its "after" costs one tiny query.
 */
async function fingerprint(): Promise<Record<string, string>> {
  const xid = await nextXid();
  if (lastFingerprint?.xid !== xid) lastFingerprint = { xid, digest: await digestTables() };
  return lastFingerprint.digest;
}

/**
 * Per table the row count and the newest row version's transaction id: an insert or a delete
 * changes the count, an update writes a row version with a new xmin. This is far cheaper than
 * hashing every row, which made the matrix the slowest test of CI on a database that grows as it runs.
 */
async function digestTables(): Promise<Record<string, string>> {
  const digest = (table: string, cols?: string) =>
    cols
      ? sql<string>`(select md5(coalesce(string_agg(${sql.raw(cols)}, '|' order by t.id), '')) from ${sql.table(table)} t)`
      : sql<string>`(select count(*)::text || ':' || coalesce(max(t.xmin::text::bigint), 0)::text from ${sql.table(table)} t)`;
  const r = await sql<Record<string, string>>`
    select
      ${digest('accounts')} as accounts,
      ${digest('contacts')} as contacts,
      ${digest('account_needs')} as needs,
      ${digest('account_team_members')} as team,
      ${digest('orders')} as orders,
      ${digest('order_lines')} as order_lines,
      ${digest('payments')} as payments,
      ${digest('recycle_bin')} as bin,
      ${digest('users')} as users,
      ${digest('teams')} as teams,
      ${digest('key_account_program')} as ka_program,
      ${digest('key_accounts')} as key_accounts,
      ${digest('key_account_decisions')} as ka_decisions,
      ${digest('account_plans')} as plans,
      ${digest('account_plan_actions')} as plan_actions,
      ${digest('account_whitespace')} as whitespace,
      ${digest('api_tokens', "t.id::text || ':' || coalesce(t.revoked_at::text, '')")} as tokens,
      ${digest('tier_models')} as tier_models,
      ${digest('tier_model_criteria')} as tier_criteria,
      ${digest('tier_results')} as tier_results,
      ${digest('tier_overrides')} as tier_overrides,
      ${digest('tier_ratings')} as tier_ratings,
      ${digest('tier_snapshots')} as tier_snapshots,
      ${digest('tier_entitlements')} as tier_entitlements,
      ${digest('import_jobs')} as import_jobs,
      ${digest('import_mappings')} as import_mappings,
      ${digest('stakeholders')} as stakeholders,
      ${digest('stakeholder_coverers')} as stakeholder_coverers,
      ${digest('stakeholder_links')} as stakeholder_links,
      ${digest('opportunities')} as opportunities,
      ${digest('opportunity_info_points')} as info_points,
      ${digest('opportunity_competitors')} as competitors,
      ${digest('pipeline_stages')} as pipeline_stages,
      ${digest('reminders')} as reminders,
      (select count(*)::text || ':' || coalesce(max(id), 0)::text from audit_log) as audit,
      (select count(*)::text || ':' || coalesce(max(id), 0)::text from timeline_events) as timeline
  `.execute(t.db);
  return r.rows[0]!;
}

async function maxAuditId(): Promise<number> {
  const r = await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
  return Number(r.m ?? 0);
}

/** An account of the shape with its 2027 plan and one action (version 1). */
async function planFixture(s: Shape): Promise<{ accountId: number; actionId: number }> {
  const f = await makeAccount(s, 'p');
  const plan = await t.db.insertInto('account_plans').values({ account_id: f.accountId, year: 2027, objectives: '目标' }).returning('id').executeTakeFirstOrThrow();
  const action = await t.db.insertInto('account_plan_actions').values({ plan_id: plan.id, title: '季度业务回顾' }).returning('id').executeTakeFirstOrThrow();
  return { accountId: f.accountId, actionId: action.id };
}

// ---- the matrix ----
interface Req {
  method: Method;
  url: string;
  body?: unknown;
}
interface Entry {
  /** 'METHOD /path' exactly as the router knows it. */
  route: string;
  variant?: string;
  /** Runs once per account shape when set. */
  shapes?: boolean;
  /** Public routes answer anonymous callers; every other route answers them 401. */
  public?: boolean;
  /** Expected status for a logged-in user. */
  expect(u: UserName, s: Shape): number;
  /** Builds the request (creating fresh records for writes that succeed). */
  prepare(u: Who, s: Shape): Promise<Req>;
  /** Instead of t.call: for requests that must not carry the matrix session. */
  send?(u: Who, req: Req): Promise<LightMyRequestResponse>;
  /** Expected status for anonymous callers of a public route. */
  anon?: number;
}

const base = {} as Record<Shape, Fixture>;
const all = () => 200;
const methodOf = (route: string) => route.split(' ')[0] as Method;
const ok = (status: number) => status >= 200 && status < 300;

function entries(): Entry[] {
  const r = (route: string, rest: Omit<Entry, 'route'>): Entry => ({ route, ...rest });
  const get = (url: string): Entry['prepare'] => async () => ({ method: 'GET', url });
  const onBase = (path: (f: Fixture) => string): Entry['prepare'] => async (_u, s) => ({ method: 'GET', url: path(base[s]) });
  const fresh = async (s: Shape) => makeAccount(s, 'w');
  return [
    // public
    r('GET /api/health', { public: true, anon: 200, expect: all, prepare: get('/api/health') }),
    r('GET /api/openapi.json', { public: true, anon: 200, expect: all, prepare: get('/api/openapi.json') }),
    r('GET /api/docs', { public: true, anon: 200, expect: all, prepare: get('/api/docs') }),
    r('POST /api/auth/login', {
      public: true,
      anon: 401, // anonymous with a wrong password
      expect: all,
      prepare: async (u) => ({ method: 'POST', url: '/api/auth/login', body: { username: u === 'anon' ? 'kam1' : u, password: u === 'anon' ? 'wrong-password-1' : TEST_PASSWORD } }),
      // Without the matrix session: a login with it would rotate it away.
      send: (_u, req) => t.app.inject({ method: 'POST', url: req.url, headers: { 'x-forwarded-for': nextIp() }, payload: req.body as object }),
    }),
    r('POST /api/auth/logout', {
      public: true,
      anon: 204,
      expect: () => 204,
      prepare: async () => ({ method: 'POST', url: '/api/auth/logout' }),
      // A fresh session each time: the matrix sessions must survive.
      send: async (u, req) => t.call(u === 'anon' ? null : await loginFrom(u, nextIp()), req.method, req.url),
    }),
    // session and tokens
    r('GET /api/auth/me', { expect: all, prepare: get('/api/auth/me') }),
    r('GET /api/v1/me/tokens', { expect: all, prepare: get('/api/v1/me/tokens') }),
    r('POST /api/v1/me/tokens', { expect: () => 201, prepare: async () => ({ method: 'POST', url: '/api/v1/me/tokens', body: { name: `t${++seq}` } }) }),
    r('DELETE /api/v1/me/tokens/:id', {
      variant: 'own token',
      expect: () => 204,
      prepare: async (u) => {
        const owner = u === 'anon' ? 'kam1' : u;
        const { row } = await t.services.auth.createToken({ id: uid[owner], username: owner, displayName: owner, role: 'kam', teamId: null }, { name: `own${++seq}` });
        return { method: 'DELETE', url: `/api/v1/me/tokens/${row.id}` };
      },
    }),
    r('DELETE /api/v1/me/tokens/:id', {
      variant: "someone else's token",
      expect: () => 404,
      prepare: async (u) => {
        const owner: UserName = u === 'admin' ? 'kam1' : 'admin';
        const { row } = await t.services.auth.createToken({ id: uid[owner], username: owner, displayName: owner, role: 'admin', teamId: null }, { name: `other${++seq}` });
        return { method: 'DELETE', url: `/api/v1/me/tokens/${row.id}` };
      },
    }),
    r('GET /api/v1/meta', { expect: all, prepare: get('/api/v1/meta') }),
    // accounts
    r('GET /api/v1/accounts', { expect: all, prepare: get('/api/v1/accounts?limit=500') }),
    // Exports: whoever reads the list exports it (its rows are the list's, scope applied).
    r('GET /api/v1/accounts/export', { expect: all, prepare: get('/api/v1/accounts/export?format=csv') }),
    r('GET /api/v1/accounts/duplicates', { expect: all, prepare: get(`/api/v1/accounts/duplicates?name=${encodeURIComponent('矩阵客户')}`) }),
    r('POST /api/v1/accounts', {
      expect: (u) => (isBoss(u) || isKam(u) ? 201 : 403),
      prepare: async () => ({ method: 'POST', url: '/api/v1/accounts', body: { name: `新客户${++seq}` } }),
    }),
    r('POST /api/v1/accounts', {
      variant: 'with another owner',
      expect: (u) => (isBoss(u) || u === 'kam2' ? 201 : 403),
      prepare: async () => ({ method: 'POST', url: '/api/v1/accounts', body: { name: `新客户${++seq}`, ownerId: uid.kam2 } }),
    }),
    r('POST /api/v1/accounts', {
      variant: 'with a sponsor',
      expect: (u) => (isBoss(u) ? 201 : 403),
      prepare: async () => ({ method: 'POST', url: '/api/v1/accounts', body: { name: `新客户${++seq}`, sponsorId: uid.sponsor } }),
    }),
    r('GET /api/v1/accounts/:id', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}`) }),
    r('PATCH /api/v1/accounts/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/accounts/${(await fresh(s)).accountId}`, body: { version: 1, industry: '电信' } }),
    }),
    r('PATCH /api/v1/accounts/:id', {
      variant: 'owner change',
      shapes: true,
      expect: (u, s) => scoped(u, s, isBoss(u), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/accounts/${(await fresh(s)).accountId}`, body: { version: 1, ownerId: uid.kam2 } }),
    }),
    r('PATCH /api/v1/accounts/:id', {
      variant: 'sponsor change',
      shapes: true,
      expect: (u, s) => scoped(u, s, isBoss(u), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/accounts/${(await fresh(s)).accountId}`, body: { version: 1, sponsorId: uid.sponsor2 } }),
    }),
    r('DELETE /api/v1/accounts/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canManage(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/accounts/${(await fresh(s)).accountId}?version=1` }),
    }),
    r('GET /api/v1/accounts/:id/hierarchy', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/hierarchy`) }),
    r('GET /api/v1/accounts/:id/timeline', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/timeline`) }),
    r('GET /api/v1/accounts/:id/team', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/team`) }),
    r('PUT /api/v1/accounts/:id/team/members/:userId', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canManage(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PUT', url: `/api/v1/accounts/${(await fresh(s)).accountId}/team/members/${uid.director}`, body: { role: 'delivery' } }),
    }),
    r('DELETE /api/v1/accounts/:id/team/members/:userId', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canManage(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/accounts/${(await fresh(s)).accountId}/team/members/${uid.service}` }),
    }),
    r('POST /api/v1/accounts/:id/merge', {
      shapes: true,
      // A role decision, not a record one: 403 for every other role whatever the record.
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async (_u, s) => {
        const target = await fresh(s);
        const source = await fresh('none');
        return { method: 'POST', url: `/api/v1/accounts/${target.accountId}/merge`, body: { sourceId: source.accountId } };
      },
    }),
    r('GET /api/v1/accounts/:id/needs', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/needs`) }),
    r('POST /api/v1/accounts/:id/needs', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 201),
      prepare: async (_u, s) => ({ method: 'POST', url: `/api/v1/accounts/${(await fresh(s)).accountId}/needs`, body: { title: '降本', kind: 'explicit' } }),
    }),
    r('PATCH /api/v1/needs/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/needs/${(await fresh(s)).needId}`, body: { version: 1, kind: 'explicit' } }),
    }),
    r('DELETE /api/v1/needs/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/needs/${(await fresh(s)).needId}?version=1` }),
    }),
    r('GET /api/v1/accounts/:id/contacts', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/contacts`) }),
    // orders and payments: read as the account; written by admins, directors and account managers in scope
    r('GET /api/v1/orders', { expect: all, prepare: get('/api/v1/orders?limit=500') }),
    r('GET /api/v1/orders/export', { expect: all, prepare: get('/api/v1/orders/export?format=csv') }),
    r('POST /api/v1/orders', {
      shapes: true,
      expect: (u, s) => (!canRead(u, s) ? 400 : canEdit(u, s) ? 201 : 403),
      prepare: async (_u, s) => ({
        method: 'POST',
        url: '/api/v1/orders',
        body: { accountId: (await fresh(s)).accountId, orderNumber: `MXN-${++seq}`, orderDate: '2026-03-01', lines: [{ product: '边缘服务器', quantity: '2', unitPrice: '9.8' }] },
      }),
    }),
    r('GET /api/v1/orders/:id', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/orders/${f.orderId}`) }),
    r('PATCH /api/v1/orders/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/orders/${(await fresh(s)).orderId}`, body: { version: 1, notes: '加急' } }),
    }),
    r('DELETE /api/v1/orders/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/orders/${(await fresh(s)).orderId}?version=1` }),
    }),
    r('GET /api/v1/payments', { expect: all, prepare: get('/api/v1/payments?limit=500') }),
    r('GET /api/v1/payments/export', { expect: all, prepare: get('/api/v1/payments/export?format=xlsx') }),
    r('POST /api/v1/payments', {
      shapes: true,
      expect: (u, s) => (!canRead(u, s) ? 400 : canEdit(u, s) ? 201 : 403),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        return { method: 'POST', url: '/api/v1/payments', body: { accountId: f.accountId, orderId: f.orderId, dueDate: '2026-04-01', amount: '50.00' } };
      },
    }),
    r('GET /api/v1/payments/:id', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/payments/${f.paymentId}`) }),
    r('PATCH /api/v1/payments/:id', {
      variant: 'mark paid',
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/payments/${(await fresh(s)).paymentId}`, body: { version: 1, paidDate: '2026-02-20' } }),
    }),
    r('DELETE /api/v1/payments/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/payments/${(await fresh(s)).paymentId}?version=1` }),
    }),
    r('GET /api/v1/accounts/:id/receivables', {
      shapes: true,
      expect: (u, s) => scoped(u, s, true, 200),
      prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/receivables?asOf=2026-03-31`),
    }),
    r('GET /api/v1/receivables', { expect: all, prepare: get('/api/v1/receivables?asOf=2026-03-31') }),
    // customer tiering (SPEC C2): everyone reads (aggregates scoped to what they see); directors and
    // admins recompute, snapshot, publish, preview, override and edit entitlements; admins edit models;
    // whoever edits the account rates it.
    r('GET /api/v1/tiering/pyramid', { expect: all, prepare: get('/api/v1/tiering/pyramid') }),
    r('POST /api/v1/tiering/recompute', { expect: (u) => (isBoss(u) ? 200 : 403), prepare: async () => ({ method: 'POST', url: '/api/v1/tiering/recompute', body: { asOf: '2026-06-30' } }) }),
    r('GET /api/v1/tiering/pareto', { expect: all, prepare: get('/api/v1/tiering/pareto') }),
    r('GET /api/v1/tiering/snapshots', { expect: all, prepare: get('/api/v1/tiering/snapshots') }),
    r('POST /api/v1/tiering/snapshots', {
      expect: (u) => (isBoss(u) ? 201 : 403),
      prepare: async () => {
        await tiersComputed();
        return { method: 'POST', url: '/api/v1/tiering/snapshots', body: { label: `快照${++seq}`, kind: 'month' } };
      },
    }),
    r('GET /api/v1/tiering/snapshots/:id', { expect: all, prepare: async () => ({ method: 'GET', url: `/api/v1/tiering/snapshots/${await aSnapshot()}` }) }),
    r('GET /api/v1/tiering/migration', {
      expect: all,
      prepare: async () => {
        const id = await aSnapshot();
        return { method: 'GET', url: `/api/v1/tiering/migration?from=${id}&to=${id}` };
      },
    }),
    r('GET /api/v1/tiering/models', { expect: all, prepare: get('/api/v1/tiering/models') }),
    r('POST /api/v1/tiering/models', { expect: (u) => (u === 'admin' ? 201 : 403), prepare: async () => ({ method: 'POST', url: '/api/v1/tiering/models', body: { name: `草稿${++seq}`, windowMonths: 24 } }) }),
    r('GET /api/v1/tiering/models/:id', { expect: all, prepare: async () => ({ method: 'GET', url: `/api/v1/tiering/models/${(await freshDraft()).id}` }) }),
    r('PATCH /api/v1/tiering/models/:id', {
      expect: (u) => (u === 'admin' ? 200 : 403),
      prepare: async () => {
        const d = await freshDraft();
        return { method: 'PATCH', url: `/api/v1/tiering/models/${d.id}`, body: { version: d.version, windowMonths: 18 } };
      },
    }),
    r('PATCH /api/v1/tiering/models/:id', {
      variant: 'published: immutable',
      expect: (u) => (u === 'admin' ? 409 : 403),
      prepare: async () => {
        const m = (await t.services.tiering.listModels(SYS.actor)).items.find((x) => x.status === 'published')!;
        return { method: 'PATCH', url: `/api/v1/tiering/models/${m.id}`, body: { version: m.version, windowMonths: 6 } };
      },
    }),
    r('POST /api/v1/tiering/models/:id/publish', {
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async () => {
        const d = await freshDraft();
        return { method: 'POST', url: `/api/v1/tiering/models/${d.id}/publish`, body: { version: d.version } };
      },
    }),
    r('POST /api/v1/tiering/models/:id/what-if', {
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async () => ({ method: 'POST', url: `/api/v1/tiering/models/${(await freshDraft()).id}/what-if`, body: { asOf: '2026-06-30' } }),
    }),
    r('GET /api/v1/tiering/entitlements', { expect: all, prepare: get('/api/v1/tiering/entitlements') }),
    r('PUT /api/v1/tiering/entitlements/:tier', {
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async () => {
        const e = await t.db.selectFrom('tier_entitlements').select('version').where('tier', '=', 2).executeTakeFirstOrThrow();
        return { method: 'PUT', url: '/api/v1/tiering/entitlements/major', body: { version: e.version, managerVisitsPerYear: 12 + (seq++ % 3) } };
      },
    }),
    r('GET /api/v1/accounts/:id/tier', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/tier`) }),
    r('PUT /api/v1/accounts/:id/tier-ratings', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PUT', url: `/api/v1/accounts/${(await fresh(s)).accountId}/tier-ratings`, body: { relationship: 4, growth: 3 } }),
    }),
    r('PUT /api/v1/accounts/:id/tier-override', {
      shapes: true,
      expect: (u, s) => scoped(u, s, isBoss(u), 200),
      prepare: async (_u, s) => ({ method: 'PUT', url: `/api/v1/accounts/${(await fresh(s)).accountId}/tier-override`, body: { tier: 'key', reason: '战略客户' } }),
    }),
    r('DELETE /api/v1/accounts/:id/tier-override', {
      shapes: true,
      expect: (u, s) => scoped(u, s, isBoss(u), 204),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        await t.db.insertInto('tier_overrides').values({ account_id: f.accountId, tier: 2, reason: '测试', set_by: uid.director }).execute();
        return { method: 'DELETE', url: `/api/v1/accounts/${f.accountId}/tier-override` };
      },
    }),
    // contacts
    r('GET /api/v1/contacts', { expect: all, prepare: get('/api/v1/contacts?limit=500') }),
    r('GET /api/v1/contacts/export', { expect: all, prepare: get('/api/v1/contacts/export?format=xlsx') }),
    r('POST /api/v1/contacts', {
      shapes: true,
      // The account is a reference in the body: out of scope it is "does not exist or is not visible" (400).
      expect: (u, s) => (!canRead(u, s) ? 400 : canEdit(u, s) ? 201 : 403),
      prepare: async (_u, s) => ({ method: 'POST', url: '/api/v1/contacts', body: { accountId: (await fresh(s)).accountId, name: '新联系人' } }),
    }),
    r('POST /api/v1/contacts', {
      variant: 'with PII',
      shapes: true,
      expect: (u, s) => (!canRead(u, s) ? 400 : canEdit(u, s) && canSeePii(u, s) ? 201 : 403),
      prepare: async (_u, s) => ({ method: 'POST', url: '/api/v1/contacts', body: { accountId: (await fresh(s)).accountId, name: '新联系人', phone: '13912345678' } }),
    }),
    r('GET /api/v1/contacts/:id', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/contacts/${f.contactId}`) }),
    r('PATCH /api/v1/contacts/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/contacts/${(await fresh(s)).contactId}`, body: { version: 1, title: 'CTO' } }),
    }),
    r('PATCH /api/v1/contacts/:id', {
      variant: 'PII',
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s) && canSeePii(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/contacts/${(await fresh(s)).contactId}`, body: { version: 1, email: 'new@example.com' } }),
    }),
    r('DELETE /api/v1/contacts/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/contacts/${(await fresh(s)).contactId}?version=1` }),
    }),
    // the key-account program (C3): directors and admins decide; plans are written by whoever edits the account and its sponsor
    r('GET /api/v1/key-accounts/program', { expect: all, prepare: get('/api/v1/key-accounts/program') }),
    r('PUT /api/v1/key-accounts/program', {
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async () => {
        const p = await t.db.selectFrom('key_account_program').select('version').executeTakeFirstOrThrow();
        return { method: 'PUT', url: '/api/v1/key-accounts/program', body: { version: p.version, criteriaText: `条件${++seq}` } };
      },
    }),
    r('GET /api/v1/key-accounts', { expect: all, prepare: get('/api/v1/key-accounts') }),
    r('GET /api/v1/key-accounts/review', { expect: (u) => (isBoss(u) ? 200 : 403), prepare: get('/api/v1/key-accounts/review') }),
    r('GET /api/v1/key-accounts/capacity', { expect: (u) => (isBoss(u) || isKam(u) || u === 'analyst' ? 200 : 403), prepare: get('/api/v1/key-accounts/capacity') }),
    r('POST /api/v1/key-accounts', {
      shapes: true,
      // Designation needs an owner and a sponsor: the shape without an owner is refused (422) even for a director.
      expect: (u, s) => (!isBoss(u) ? 403 : s === 'none' ? 422 : 201),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        if (s !== 'k1s') await t.db.updateTable('accounts').set({ sponsor_id: uid.admin }).where('id', '=', f.accountId).execute();
        return { method: 'POST', url: '/api/v1/key-accounts', body: { accountId: f.accountId, reason: '战略合作' } };
      },
    }),
    r('POST /api/v1/key-accounts/:id/remove', {
      shapes: true,
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        await t.db.insertInto('key_accounts').values({ account_id: f.accountId, reason: '测试', met_criteria: false, designated_by: uid.director }).execute();
        return { method: 'POST', url: `/api/v1/key-accounts/${f.accountId}/remove`, body: { reason: '不再满足条件' } };
      },
    }),
    r('GET /api/v1/accounts/:id/key-account', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/key-account`) }),
    r('GET /api/v1/accounts/:id/plans', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/plans`) }),
    r('GET /api/v1/accounts/:id/plans/:year', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/plans/2026`) }),
    r('PUT /api/v1/accounts/:id/plans/:year', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canPlan(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PUT', url: `/api/v1/accounts/${(await fresh(s)).accountId}/plans/2027`, body: { objectives: '份额提升到 40%' } }),
    }),
    r('POST /api/v1/accounts/:id/plans/:year/actions', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canPlan(u, s), 201),
      prepare: async (_u, s) => {
        const { accountId } = await planFixture(s);
        return { method: 'POST', url: `/api/v1/accounts/${accountId}/plans/2027/actions`, body: { title: '高层互访', dueDate: '2027-03-31' } };
      },
    }),
    r('PATCH /api/v1/plan-actions/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canPlan(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/plan-actions/${(await planFixture(s)).actionId}`, body: { version: 1, status: 'done' } }),
    }),
    r('DELETE /api/v1/plan-actions/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canPlan(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/plan-actions/${(await planFixture(s)).actionId}?version=1` }),
    }),
    r('GET /api/v1/accounts/:id/whitespace', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/whitespace`) }),
    r('PUT /api/v1/accounts/:id/whitespace', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canPlan(u, s), 200),
      prepare: async (_u, s) => ({
        method: 'PUT',
        url: `/api/v1/accounts/${(await fresh(s)).accountId}/whitespace`,
        body: { version: null, businessUnits: ['总部'], cells: [{ businessUnit: '总部', productLine: '安全服务', status: 'opportunity' }] },
      }),
    }),
    // audit and recycle bin
    r('GET /api/v1/audit', { expect: (u) => (isBoss(u) ? 200 : 403), prepare: get('/api/v1/audit') }),
    r('GET /api/v1/recycle-bin', { expect: (u) => (isBoss(u) ? 200 : 403), prepare: get('/api/v1/recycle-bin') }),
    r('POST /api/v1/recycle-bin/:id/restore', {
      shapes: true,
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        const admin = { id: uid.admin, username: 'admin', displayName: 'admin', role: 'admin' as const, teamId: null };
        await t.services.accounts.remove({ actor: admin }, f.accountId, 1);
        const entry = await t.db.selectFrom('recycle_bin').select('id').where('entity', '=', 'account').where('entity_id', '=', String(f.accountId)).executeTakeFirstOrThrow();
        return { method: 'POST', url: `/api/v1/recycle-bin/${entry.id}/restore` };
      },
    }),
    // users and teams
    r('GET /api/v1/users', { expect: all, prepare: get('/api/v1/users') }),
    r('POST /api/v1/users', {
      expect: (u) => (u === 'admin' ? 201 : 403),
      prepare: async () => ({ method: 'POST', url: '/api/v1/users', body: { username: `user${++seq}`, displayName: '新用户', role: 'kam', password: 'a-long-password-1' } }),
    }),
    r('PATCH /api/v1/users/:id', {
      expect: (u) => (u === 'admin' ? 200 : 403),
      prepare: async () => ({ method: 'PATCH', url: `/api/v1/users/${await freshUser()}`, body: { version: 1, displayName: '改名' } }),
    }),
    r('POST /api/v1/users/:id/password', {
      expect: (u) => (u === 'admin' ? 204 : 403),
      prepare: async () => ({ method: 'POST', url: `/api/v1/users/${await freshUser()}/password`, body: { password: 'another-long-password' } }),
    }),
    r('GET /api/v1/teams', { expect: all, prepare: get('/api/v1/teams') }),
    r('POST /api/v1/teams', {
      expect: (u) => (u === 'admin' ? 201 : 403),
      prepare: async () => ({ method: 'POST', url: '/api/v1/teams', body: { name: `团队${++seq}` } }),
    }),
    r('PATCH /api/v1/teams/:id', {
      expect: (u) => (u === 'admin' ? 200 : 403),
      prepare: async () => {
        const team = await t.db.insertInto('teams').values({ name: `团队${++seq}` }).returning('id').executeTakeFirstOrThrow();
        return { method: 'PATCH', url: `/api/v1/teams/${team.id}`, body: { version: 1, name: `团队${++seq}` } };
      },
    }),
    // Web import: administrators and directors only; a director sees their own jobs, an administrator all.
    r('POST /api/v1/imports', {
      expect: (u) => (isBoss(u) ? 201 : 403),
      prepare: async () => ({ method: 'POST', url: '/api/v1/imports?entity=accounts' }),
      send: (u) => upload(t, u === 'anon' ? null : sessions[u], 'accounts', `矩阵${++seq}.csv`, `客户名称,客户编码\n矩阵导入${seq},MI-${seq}\n`),
    }),
    r('GET /api/v1/imports', { expect: (u) => (isBoss(u) ? 200 : 403), prepare: get('/api/v1/imports') }),
    r('GET /api/v1/imports/:id', { variant: "the director's job", expect: (u) => (isBoss(u) ? 200 : 403), prepare: async () => ({ method: 'GET', url: `/api/v1/imports/${await importJob('director')}` }) }),
    r('GET /api/v1/imports/:id', { variant: "the admin's job", expect: (u) => (u === 'admin' ? 200 : u === 'director' ? 404 : 403), prepare: async () => ({ method: 'GET', url: `/api/v1/imports/${await importJob('admin')}` }) }),
    r('POST /api/v1/imports/:id/run', {
      expect: (u) => (isBoss(u) ? 202 : 403),
      prepare: async () => ({ method: 'POST', url: `/api/v1/imports/${await importJob('director')}/run`, body: { dryRun: true } }),
    }),
    r('POST /api/v1/imports/:id/cancel', {
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async () => ({ method: 'POST', url: `/api/v1/imports/${await importJob('director', 'queued')}/cancel` }),
    }),
    r('GET /api/v1/imports/:id/report', {
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async () => ({ method: 'GET', url: `/api/v1/imports/${await importJob('director', 'succeeded')}/report?format=csv` }),
    }),
    r('DELETE /api/v1/imports/:id', {
      expect: (u) => (isBoss(u) ? 204 : 403),
      prepare: async () => ({ method: 'DELETE', url: `/api/v1/imports/${await importJob('director')}` }),
    }),
    r('GET /api/v1/import-mappings', { expect: (u) => (isBoss(u) ? 200 : 403), prepare: get('/api/v1/import-mappings?entity=accounts') }),
    r('GET /api/v1/import-mappings/:id', { expect: (u) => (isBoss(u) ? 200 : 403), prepare: async () => ({ method: 'GET', url: `/api/v1/import-mappings/${await importMapping()}` }) }),
    r('POST /api/v1/import-mappings', {
      expect: (u) => (isBoss(u) ? 201 : 403),
      prepare: async () => ({ method: 'POST', url: '/api/v1/import-mappings', body: { entity: 'orders', name: `映射${++seq}`, columns: { 单号: 'orderNumber' } } }),
    }),
    r('PATCH /api/v1/import-mappings/:id', {
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async () => ({ method: 'PATCH', url: `/api/v1/import-mappings/${await importMapping()}`, body: { version: 1, name: `改名映射${++seq}` } }),
    }),
    r('DELETE /api/v1/import-mappings/:id', {
      expect: (u) => (isBoss(u) ? 204 : 403),
      prepare: async () => ({ method: 'DELETE', url: `/api/v1/import-mappings/${await importMapping()}?version=1` }),
    }),
    // decision chain (SPEC C4): read as the account; written by those who edit it and see the assessments
    r('GET /api/v1/accounts/:id/relationship-map', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/relationship-map`) }),
    r('GET /api/v1/accounts/:id/stakeholders', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/stakeholders`) }),
    r('POST /api/v1/accounts/:id/stakeholders', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEditMap(u, s), 201),
      prepare: async (_u, s) => ({ method: 'POST', url: `/api/v1/accounts/${(await fresh(s)).accountId}/stakeholders`, body: { name: '新关键人', attitude: 'supporter', influence: 6 } }),
    }),
    r('GET /api/v1/stakeholders/:id', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/stakeholders/${f.stakeholderId}`) }),
    r('PATCH /api/v1/stakeholders/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEditMap(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/stakeholders/${(await fresh(s)).stakeholderId}`, body: { version: 1, attitude: 'ally' } }),
    }),
    r('DELETE /api/v1/stakeholders/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEditMap(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/stakeholders/${(await fresh(s)).stakeholderId}?version=1` }),
    }),
    r('GET /api/v1/accounts/:id/stakeholder-links', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/accounts/${f.accountId}/stakeholder-links`) }),
    r('POST /api/v1/accounts/:id/stakeholder-links', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEditMap(u, s), 201),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        const other = await t.db.selectFrom('stakeholders').select('id').where('account_id', '=', f.accountId).where('id', '<>', f.stakeholderId).executeTakeFirstOrThrow();
        return { method: 'POST', url: `/api/v1/accounts/${f.accountId}/stakeholder-links`, body: { fromId: f.stakeholderId, toId: other.id, kind: 'influences' } };
      },
    }),
    r('PATCH /api/v1/stakeholder-links/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEditMap(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/stakeholder-links/${(await fresh(s)).linkId}`, body: { version: 1, hidden: true } }),
    }),
    r('DELETE /api/v1/stakeholder-links/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEditMap(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/stakeholder-links/${(await fresh(s)).linkId}?version=1` }),
    }),
    // pipeline (SPEC C5): read as the account; written like the account's profile; stages by admins
    r('GET /api/v1/opportunities', { expect: all, prepare: get('/api/v1/opportunities?limit=500') }),
    r('POST /api/v1/opportunities', {
      shapes: true,
      expect: (u, s) => (!canRead(u, s) ? 400 : canEdit(u, s) ? 201 : 403),
      prepare: async (_u, s) => ({ method: 'POST', url: '/api/v1/opportunities', body: { accountId: (await fresh(s)).accountId, name: '新商机', amount: '5000' } }),
    }),
    r('GET /api/v1/opportunities/:id', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/opportunities/${f.opportunityId}`) }),
    r('PATCH /api/v1/opportunities/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PATCH', url: `/api/v1/opportunities/${(await fresh(s)).opportunityId}`, body: { version: 1, amount: '6000' } }),
    }),
    r('DELETE /api/v1/opportunities/:id', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 204),
      prepare: async (_u, s) => ({ method: 'DELETE', url: `/api/v1/opportunities/${(await fresh(s)).opportunityId}?version=1` }),
    }),
    r('POST /api/v1/opportunities/:id/stage', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'POST', url: `/api/v1/opportunities/${(await fresh(s)).opportunityId}/stage`, body: { version: 1, to: 2, reason: '矩阵测试越过里程碑' } }),
    }),
    r('GET /api/v1/opportunities/:id/info-points', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/opportunities/${f.opportunityId}/info-points`) }),
    r('PUT /api/v1/opportunities/:id/info-points/:point', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => ({ method: 'PUT', url: `/api/v1/opportunities/${(await fresh(s)).opportunityId}/info-points/3`, body: { version: 0, status: 'partial', notes: '组织结构已摸清一半' } }),
    }),
    r('GET /api/v1/opportunities/:id/competitors', { shapes: true, expect: (u, s) => scoped(u, s, true, 200), prepare: onBase((f) => `/api/v1/opportunities/${f.opportunityId}/competitors`) }),
    r('POST /api/v1/opportunities/:id/competitors', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 201),
      prepare: async (_u, s) => ({ method: 'POST', url: `/api/v1/opportunities/${(await fresh(s)).opportunityId}/competitors`, body: { name: '华为', threat: 4 } }),
    }),
    r('PATCH /api/v1/opportunities/:id/competitors/:competitorId', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 200),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        return { method: 'PATCH', url: `/api/v1/opportunities/${f.opportunityId}/competitors/${f.competitorId}`, body: { version: 1, outcome: 'won' } };
      },
    }),
    r('DELETE /api/v1/opportunities/:id/competitors/:competitorId', {
      shapes: true,
      expect: (u, s) => scoped(u, s, canEdit(u, s), 204),
      prepare: async (_u, s) => {
        const f = await fresh(s);
        return { method: 'DELETE', url: `/api/v1/opportunities/${f.opportunityId}/competitors/${f.competitorId}?version=1` };
      },
    }),
    r('GET /api/v1/pipeline/stages', { expect: all, prepare: get('/api/v1/pipeline/stages') }),
    r('PUT /api/v1/pipeline/stages', {
      expect: (u) => (u === 'admin' ? 200 : 403),
      prepare: async () => {
        const st = await t.db.selectFrom('pipeline_stages').select(['version', 'probability']).where('stage', '=', 3).executeTakeFirstOrThrow();
        return { method: 'PUT', url: '/api/v1/pipeline/stages', body: { stages: [{ stage: 3, version: st.version, probability: st.probability === 30 ? 31 : 30 }] } };
      },
    }),
    r('GET /api/v1/pipeline/forecast', { expect: all, prepare: get('/api/v1/pipeline/forecast') }),
    r('GET /api/v1/pipeline/metrics', { expect: all, prepare: get('/api/v1/pipeline/metrics') }),
    r('GET /api/v1/pipeline/funnel', { expect: all, prepare: get('/api/v1/pipeline/funnel') }),
    r('GET /api/v1/pipeline/competitors', { expect: all, prepare: get('/api/v1/pipeline/competitors') }),
    r('GET /api/v1/pipeline/stalled', { expect: all, prepare: get('/api/v1/pipeline/stalled?days=1') }),
    // reminders: everyone has an inbox of their own; the sweep is run by directors and admins
    r('GET /api/v1/reminders', { expect: all, prepare: get('/api/v1/reminders?status=all') }),
    r('GET /api/v1/reminders/unread-count', { expect: all, prepare: get('/api/v1/reminders/unread-count') }),
    r('PATCH /api/v1/reminders/:id', {
      variant: 'own reminder',
      expect: () => 200,
      prepare: async (u) => ({ method: 'PATCH', url: `/api/v1/reminders/${await reminderOf(u === 'anon' ? 'kam1' : u)}`, body: { version: 1, done: true } }),
    }),
    r('PATCH /api/v1/reminders/:id', {
      variant: "someone else's reminder",
      expect: () => 404,
      prepare: async (u) => ({ method: 'PATCH', url: `/api/v1/reminders/${await reminderOf(u === 'kam1' ? 'kam2' : 'kam1')}`, body: { version: 1, done: true } }),
    }),
    r('POST /api/v1/reminders/sweep', {
      shapes: true,
      // A role decision; one account's map (the whole sweep is the server's hourly job).
      expect: (u) => (isBoss(u) ? 200 : 403),
      prepare: async (_u, s) => ({ method: 'POST', url: `/api/v1/reminders/sweep?accountId=${base[s].accountId}` }),
    }),
  ];
}

async function reminderOf(user: UserName): Promise<number> {
  const row = await t.db.insertInto('reminders').values({ user_id: uid[user], kind: 'test', subject: `矩阵提醒${++seq}` }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An uploaded import job of `owner` (director or admin), optionally moved to a later status. */
async function importJob(owner: 'director' | 'admin', status?: 'queued' | 'succeeded'): Promise<number> {
  const actor = { id: uid[owner], username: owner, displayName: owner, role: owner, teamId: null };
  const job = await t.services.importJobs.upload({ actor }, { entity: 'accounts', fileName: 'm.csv', stream: Readable.from([Buffer.from(`客户名称\n矩阵作业${++seq}\n`)]) });
  if (status) {
    const report = { rows: 1, issues: [{ row: 2, column: '客户名称 (A)', field: 'name', code: 'required', reason: 'the name is empty' }], issueCount: 1 };
    await t.db.updateTable('import_jobs').set({ status, report: status === 'succeeded' ? JSON.stringify(report) : null }).where('id', '=', job.id).execute();
  }
  return job.id;
}

async function importMapping(): Promise<number> {
  const row = await t.db.insertInto('import_mappings').values({ entity: 'accounts', name: `矩阵映射${++seq}`, columns: JSON.stringify({ 名称: 'name' }), created_by: uid.admin }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function freshUser(): Promise<number> {
  const row = await t.db
    .insertInto('users')
    .values({ username: `fresh${++seq}`, display_name: '临时用户', role: 'kam', password_hash: 'not-a-hash' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The router's routes under /api as 'METHOD /path' (HEAD and the docs UI's files left out). */
function routerRoutes(): string[] {
  const tree = t.app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out = new Set<string>();
  for (const line of tree.split('\n')) {
    const at = line.indexOf('── ');
    if (at < 0) continue;
    const depth = Math.round(at / 4);
    const m = /^(\S+)(?: \(([^)]*)\))?$/.exec(line.slice(at + 3).trim());
    if (!m) throw new Error(`Cannot read route line: ${line}`);
    stack.length = depth;
    stack.push(m[1]!);
    const path = stack.join('');
    for (const method of (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (method === 'HEAD' || !path.startsWith('/api/') || path.startsWith('/api/docs/')) continue;
      out.add(`${method} ${path}`);
    }
  }
  return [...out].sort();
}

// Tiering fixtures: tiers computed once, a snapshot, and fresh drafts of the scoring model.
const SYS = { actor: { id: 0, username: 'system:test', displayName: '测试', role: 'admin' as const, teamId: null } };
let computed = false;
let snapshotId = 0;
async function tiersComputed() {
  if (!computed) await t.services.tiering.recompute(SYS, { asOf: '2026-06-30', trigger: 'test' });
  computed = true;
}
async function aSnapshot(): Promise<number> {
  await tiersComputed();
  if (!snapshotId) snapshotId = (await t.services.tiering.createSnapshot(SYS, { label: 'matrix' })).id;
  return snapshotId;
}
const freshDraft = () => t.services.tiering.createDraft(SYS, { name: `矩阵草稿${++seq}` });

const MATRIX = entries();

beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.db.selectFrom('users').select(['id', 'username']).execute();
  for (const r of rows) uid[r.username as UserName] = r.id;
  for (const u of USERS) sessions[u] = await loginFrom(u, nextIp());
  for (const s of SHAPES) base[s] = await makeAccount(s, 'base');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('route coverage', () => {
  it('has a matrix entry for every route of the API, and no entry for a route that is gone', async () => {
    const routes = routerRoutes();
    // The parser is checked against the OpenAPI document: every documented operation is found.
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(documented.filter((d) => !routes.includes(d))).toEqual([]);
    expect(documented.length).toBeGreaterThanOrEqual(30);
    const covered = new Set(MATRIX.map((e) => e.route));
    expect(routes.filter((r) => !covered.has(r)), 'routes without a permission-matrix entry').toEqual([]);
    expect([...covered].filter((c) => !routes.includes(c)), 'matrix entries for routes that do not exist').toEqual([]);
  });
});

describe('anonymous callers', () => {
  const PUBLIC = ['GET /api/health', 'GET /api/openapi.json', 'GET /api/docs', 'POST /api/auth/login', 'POST /api/auth/logout'];

  it('get 401 on every non-public route before any input is validated (bad ids, no body, bad query)', async () => {
    const answers: string[] = [];
    for (const route of routerRoutes().filter((r) => !PUBLIC.includes(r))) {
      const [method, path] = route.split(' ') as [Method, string];
      const url = `${path.replace(/:\w+/g, 'not-a-number')}?limit=100000&cursor=%%%`;
      const res = await t.app.inject({ method, url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{"broken json' , headers: { 'content-type': 'application/json' } }) });
      answers.push(`${route} → ${res.statusCode} ${res.json().error?.code}`);
    }
    expect(answers.filter((a) => !a.endsWith('→ 401 UNAUTHENTICATED'))).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(30);
  });

  it('also get 401 with a session cookie that is not (or no longer) valid', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie: 'kam_session=forged' }, payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('reach the public routes', async () => {
    expect((await t.call(null, 'GET', '/api/health')).json()).toEqual({ status: 'ok' });
    expect((await t.call(null, 'GET', '/api/openapi.json')).json().openapi).toBe('3.1.0');
    expect((await t.call(null, 'GET', '/api/docs')).statusCode).toBe(200);
    const bad = await t.call(null, 'POST', '/api/auth/login', { username: 'nobody-here', password: 'whatever-123' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    // Logging out without a session is harmless and answers like a real logout.
    expect((await t.call(null, 'POST', '/api/auth/logout')).statusCode).toBe(204);
  });
});

describe('what each role sees in lists', () => {
  const listed = (res: LightMyRequestResponse) => (res.json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
  const idsOf = (shapes: Shape[], key: 'accountId' | 'contactId') => shapes.map((s) => base[s][key]).sort((a, b) => a - b);

  it.each(USERS)('GET /api/v1/accounts as %s returns exactly the accounts in scope', async (u) => {
    const res = await t.call(sessions[u], 'GET', '/api/v1/accounts?limit=500');
    expect(res.statusCode, res.body).toBe(200);
    expect(listed(res)).toEqual(idsOf(SHAPES.filter((s) => canRead(u, s)), 'accountId'));
  });

  it('spells out the scope of kam1, kam2, sponsor and sponsor2', () => {
    // The same sets as above, written out, so that a change of the tables is a visible decision.
    expect(SHAPES.filter((s) => canRead('kam1', s))).toEqual(['k1s', 'k1m', 'k3']);
    expect(SHAPES.filter((s) => canRead('kam2', s))).toEqual(['k1m', 'k2']);
    expect(SHAPES.filter((s) => canRead('kam3', s))).toEqual(['k1s', 'k1m', 'k3']);
    expect(SHAPES.filter((s) => canRead('sponsor', s))).toEqual(['k1s']);
    expect(SHAPES.filter((s) => canRead('sponsor2', s))).toEqual(['k1m']);
  });

  it.each(USERS)('GET /api/v1/contacts as %s returns exactly the contacts in scope, PII only where allowed', async (u) => {
    const res = await t.call(sessions[u], 'GET', '/api/v1/contacts?limit=500');
    expect(res.statusCode, res.body).toBe(200);
    const shapes = SHAPES.filter((s) => canRead(u, s));
    expect(listed(res)).toEqual(idsOf(shapes, 'contactId'));
    const items = res.json().items as { accountId: number; phone: string | null; email: string | null; birthday: string | null; piiHidden: boolean }[];
    for (const s of shapes) {
      const c = items.find((i) => i.accountId === base[s].accountId)!;
      const pii = canSeePii(u, s);
      expect({ shape: s, piiHidden: c.piiHidden, hasPhone: c.phone !== null, hasEmail: c.email !== null, hasBirthday: c.birthday !== null }).toEqual({
        shape: s,
        piiHidden: !pii,
        hasPhone: pii,
        hasEmail: pii,
        hasBirthday: pii,
      });
    }
  });

  it.each(USERS)('GET /api/v1/orders and /api/v1/payments as %s return exactly those of the accounts in scope, amounts included', async (u) => {
    const shapes = SHAPES.filter((s) => canRead(u, s));
    const orders = await t.call(sessions[u], 'GET', '/api/v1/orders?limit=500');
    expect(orders.statusCode, orders.body).toBe(200);
    expect(listed(orders)).toEqual(shapes.map((s) => base[s].orderId).sort((a, b) => a - b));
    expect((orders.json().items as { amount: string }[]).every((o) => o.amount === '168.00')).toBe(true);
    const payments = await t.call(sessions[u], 'GET', '/api/v1/payments?limit=500');
    expect(payments.statusCode, payments.body).toBe(200);
    expect(listed(payments)).toEqual(shapes.map((s) => base[s].paymentId).sort((a, b) => a - b));
  });

  it.each(USERS)('GET /api/v1/accounts/duplicates as %s names only accounts in scope', async (u) => {
    const res = await t.call(sessions[u], 'GET', `/api/v1/accounts/duplicates?name=${encodeURIComponent(base.k2.name)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(canRead(u, 'k2') ? [{ id: base.k2.accountId, name: base.k2.name }] : []);
  });

  it('answers an out-of-scope record exactly like a record that does not exist', async () => {
    const missing = await t.call(sessions.kam2, 'GET', '/api/v1/accounts/2000000000');
    const hidden = await t.call(sessions.kam2, 'GET', `/api/v1/accounts/${base.k1s.accountId}`);
    expect([missing.statusCode, hidden.statusCode]).toEqual([404, 404]);
    expect(hidden.json()).toEqual(missing.json());
    const missingContact = await t.call(sessions.kam2, 'PATCH', '/api/v1/contacts/2000000000', { version: 1, title: 'x' });
    const hiddenContact = await t.call(sessions.kam2, 'PATCH', `/api/v1/contacts/${base.k1s.contactId}`, { version: 1, title: 'x' });
    expect(hiddenContact.statusCode).toBe(404);
    expect(hiddenContact.json()).toEqual(missingContact.json());
    const missingAcc = await t.call(sessions.kam2, 'POST', '/api/v1/contacts', { accountId: 2000000000, name: 'x' });
    const hiddenAcc = await t.call(sessions.kam2, 'POST', '/api/v1/contacts', { accountId: base.k1s.accountId, name: 'x' });
    expect(hiddenAcc.statusCode).toBe(400);
    expect(hiddenAcc.json().error.details.fields[0].field).toBe('accountId');
    expect(hiddenAcc.body.replace(String(base.k1s.accountId), 'N')).toBe(missingAcc.body.replace('2000000000', 'N'));
  });
});

describe('the matrix', () => {
  const label = (e: Entry) => `${e.route}${e.variant ? ` (${e.variant})` : ''}`;

  it.each(MATRIX.map((e) => [label(e), e] as const))('%s', async (_name, e) => {
    const mismatches: string[] = [];
    const unauthorisedSuccesses: string[] = [];
    const method = methodOf(e.route);
    for (const who of EVERYONE) {
      for (const s of e.shapes ? SHAPES : (['none'] as Shape[])) {
        const expected = who === 'anon' ? (e.public ? e.anon! : 401) : e.expect(who, s);
        const req = await e.prepare(who, s);
        expect(req.method).toBe(method);
        const before = method !== 'GET' && !ok(expected) ? await fingerprint() : null;
        const auditBefore = method !== 'GET' && ok(expected) ? await maxAuditId() : 0;
        const res = e.send ? await e.send(who, req) : await t.call(who === 'anon' ? null : sessions[who], req.method, req.url, req.body);
        const where = `${who}${e.shapes ? ` on ${s}` : ''}`;
        if (res.statusCode !== expected) mismatches.push(`${where}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (ok(res.statusCode) && !ok(expected)) unauthorisedSuccesses.push(where);
        if (!ok(res.statusCode)) {
          // Errors keep the one shape, with a code matching the status.
          const code = { 400: 'VALIDATION', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[res.statusCode];
          if (code && res.json().error?.code !== code) mismatches.push(`${where}: error code ${res.json().error?.code} for ${res.statusCode}`);
        }
        if (before) {
          const after = await fingerprint();
          if (JSON.stringify(after) !== JSON.stringify(before)) mismatches.push(`${where}: a denied write changed the database`);
        }
        if (method !== 'GET' && ok(res.statusCode) && !e.route.startsWith('POST /api/auth/')) {
          // Every successful write leaves an audit row by its actor.
          const rows = await t.db.selectFrom('audit_log').select(['actor_id', 'action']).where('id', '>', auditBefore).execute();
          if (!rows.some((row) => row.actor_id === uid[who as UserName])) mismatches.push(`${where}: no audit row by the actor`);
        }
      }
    }
    expect({ unauthorisedSuccesses, mismatches }).toEqual({ unauthorisedSuccesses: [], mismatches: [] });
    // A write entry makes ~50 requests with fresh accounts and database fingerprints, on a
    // database that grows through the matrix: more than the default minute on a loaded machine.
  }, 240_000);
});

describe('stakeholder assessments by role', () => {
  it.each(USERS)('GET /api/v1/accounts/:id/relationship-map as %s shows assessments and measures only where allowed', async (u) => {
    for (const s of SHAPES.filter((x) => canRead(u, x))) {
      const res = await t.call(sessions[u], 'GET', `/api/v1/accounts/${base[s].accountId}/relationship-map`);
      expect(res.statusCode, res.body).toBe(200);
      const m = res.json<{ assessmentsHidden: boolean; measures: unknown; nodes: { name: string; attitude: string | null; influence: number | null; personalNeeds: string | null }[] }>();
      const sees = canSeeAssessments(u, s);
      const dm = m.nodes.find((n) => n.name.startsWith('决策人'))!;
      expect({ shape: s, hidden: m.assessmentsHidden, measures: m.measures !== null, attitude: dm.attitude, influence: dm.influence, needs: dm.personalNeeds }).toEqual(
        sees ? { shape: s, hidden: false, measures: true, attitude: 'coach', influence: 9, needs: '升职' } : { shape: s, hidden: true, measures: false, attitude: null, influence: null, needs: null },
      );
    }
  });
});

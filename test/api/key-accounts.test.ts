// The key-account program through HTTP (SPEC C3): criteria on the effective tier (override
// first), the review (纳入 / 淘汰), designation with a reason and its preconditions, size warnings,
// manager capacity against the tiers' ratios, the yearly plan and the whitespace matrix.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let director: Session;
let kam1: Session;
let kam2: Session;
let sponsor: Session;
let service: Session;
let modelId: number;
const id: Record<string, number> = {};

function body<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

interface ProgramAccount {
  accountId: number;
  name: string;
  tier: string | null;
  overridden: boolean;
  grossProfit: string | null;
  isKeyAccount: boolean;
  meetsCriteria: boolean;
  unmet: string[];
}
interface Review {
  candidates: ProgramAccount[];
  candidateCount: number;
  failing: ProgramAccount[];
}
interface Program {
  minSize: number;
  maxSize: number;
  criteriaTiers: string[];
  minGrossProfit: string | null;
  size: number;
  sizeWarning: 'below' | 'above' | null;
  version: number;
}

/** An account owned by `owner`, sponsored by `sponsorId` (or not), scored into `tier` (or unscored). */
async function account(key: string, o: { owner: Session; sponsored: boolean; tier: number | null; gp?: string; score?: string; override?: number; lifecycle?: string }) {
  const a = body<{ account: { id: number } }>(
    await t.call(director, 'POST', '/api/v1/accounts', { name: `大客户计划-${key}`, ownerId: o.owner.userId, ...(o.sponsored ? { sponsorId: sponsor.userId } : {}), lifecycleStatus: o.lifecycle ?? 'active' }),
    201,
  ).account.id;
  id[key] = a;
  if (o.tier !== null) {
    await t.db
      .insertInto('tier_results')
      .values({ account_id: a, run_id: 1, model_id: modelId, tier: o.tier, score: o.score ?? '50.0000', insufficient_data: false, revenue: '1000000.00', gross_profit: o.gp ?? '400000.00', raw: [], pct: [], computed_at: new Date() })
      .execute();
  }
  if (o.override) await t.db.insertInto('tier_overrides').values({ account_id: a, tier: o.override, reason: '董事会决定', set_by: director.userId }).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  kam1 = await t.login('kam1');
  kam2 = await t.login('kam2');
  sponsor = await t.login('sponsor');
  service = await t.login('service');
  modelId = (await t.db.selectFrom('tier_models').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()).id;
  await account('A', { owner: kam1, sponsored: true, tier: 1, gp: '400000.00', score: '95.0000' }); // key tier, sponsor: a candidate
  await account('B', { owner: kam1, sponsored: true, tier: 2, score: '80.0000', override: 1 }); // raised to 1 by a director: a candidate
  await account('C', { owner: kam1, sponsored: true, tier: 1, score: '90.0000', override: 3 }); // lowered to 3: not one
  await account('D', { owner: kam1, sponsored: false, tier: null }); // never scored: long-tail for capacity
  await account('E', { owner: kam2, sponsored: false, tier: 1, score: '70.0000' }); // qualifies but has no sponsor
  await account('F', { owner: kam2, sponsored: true, tier: 1, score: '99.0000', lifecycle: 'dormant' }); // dormant: not one
});
afterAll(async () => {
  await t?.close();
});

describe('the program', () => {
  it('starts with the written defaults: tier 重要 only, 5–25 accounts, none yet (below the range)', async () => {
    const p = body<Program>(await t.call(kam1, 'GET', '/api/v1/key-accounts/program'), 200);
    expect([p.criteriaTiers, p.minGrossProfit, p.minSize, p.maxSize, p.size, p.sizeWarning]).toEqual([['key'], null, 5, 25, 0, 'below']);
  });

  it('the review proposes the accounts whose effective tier qualifies, best score first', async () => {
    const r = body<Review>(await t.call(director, 'GET', '/api/v1/key-accounts/review'), 200);
    // A (tier 1, 95), B (override 1, 80), E (tier 1, 70). Not C (overridden to 3), D (unscored), F (dormant).
    expect(r.candidates.map((c) => c.accountId)).toEqual([id.A, id.B, id.E]);
    expect(r.candidateCount).toBe(3);
    expect(r.candidates.every((c) => c.meetsCriteria && c.unmet.length === 0)).toBe(true); // the SQL and the pure rule agree
    expect(r.candidates.find((c) => c.accountId === id.B)).toMatchObject({ tier: 'key', overridden: true });
    expect(r.failing).toEqual([]);
    expect((await t.call(kam1, 'GET', '/api/v1/key-accounts/review')).statusCode).toBe(403);
  });

  it('designation needs a reason, an owner and an executive sponsor, and happens once', async () => {
    const ok = body<{ metCriteria: boolean; size: number; sizeWarning: string | null }>(await t.call(director, 'POST', '/api/v1/key-accounts', { accountId: id.A, reason: '年采购额第一，战略合作' }), 201);
    expect(ok).toEqual({ accountId: id.A, metCriteria: true, size: 1, sizeWarning: 'below' });
    const again = await t.call(director, 'POST', '/api/v1/key-accounts', { accountId: id.A, reason: '再来一次' });
    expect([again.statusCode, again.json<{ error: { code: string } }>().error.code]).toEqual([409, 'CONFLICT']);
    const noSponsor = await t.call(director, 'POST', '/api/v1/key-accounts', { accountId: id.E, reason: '候选' });
    expect(noSponsor.statusCode).toBe(422);
    expect(noSponsor.json<{ error: { details: { fields: { field: string; code: string }[] } } }>().error.details.fields).toEqual([expect.objectContaining({ field: 'sponsorId', code: 'sponsor_required' })]);
    const noReason = await t.call(director, 'POST', '/api/v1/key-accounts', { accountId: id.B, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect((await t.call(kam1, 'POST', '/api/v1/key-accounts', { accountId: id.B, reason: '我来' })).statusCode).toBe(403);
    expect(await t.db.selectFrom('key_accounts').select('account_id').execute()).toEqual([{ account_id: id.A }]);
  });

  it('a director may designate one that misses the criteria; the review then lists it to let go (淘汰)', async () => {
    const r = body<{ metCriteria: boolean }>(await t.call(director, 'POST', '/api/v1/key-accounts', { accountId: id.C, reason: '集团战略' }), 201);
    expect(r.metCriteria).toBe(false);
    const review = body<Review>(await t.call(director, 'GET', '/api/v1/key-accounts/review'), 200);
    expect(review.failing.map((f) => [f.accountId, f.unmet])).toEqual([[id.C, ['tier']]]);
    expect(review.candidates.map((c) => c.accountId)).toEqual([id.B, id.E]);
  });

  it('a stricter criterion moves a key account to 淘汰; the program is versioned and checked', async () => {
    const p = body<Program>(await t.call(director, 'GET', '/api/v1/key-accounts/program'), 200);
    const bad = await t.call(director, 'PUT', '/api/v1/key-accounts/program', { version: p.version, minSize: 30 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { fields: { field: string }[] } } }>().error.details.fields[0]!.field).toBe('minSize');
    const next = body<Program>(await t.call(director, 'PUT', '/api/v1/key-accounts/program', { version: p.version, minGrossProfit: '400000.01', minSize: 0, maxSize: 1 }), 200);
    expect([next.minGrossProfit, next.size, next.sizeWarning, next.version]).toEqual(['400000.01', 2, 'above', p.version + 1]);
    expect((await t.call(director, 'PUT', '/api/v1/key-accounts/program', { version: p.version, maxSize: 30 })).statusCode).toBe(409);
    const review = body<Review>(await t.call(director, 'GET', '/api/v1/key-accounts/review'), 200);
    // A's 400,000.00 is one fen short; C misses the tier too. B and E (400,000.00) drop out of the candidates.
    expect(review.failing.map((f) => [f.accountId, f.unmet])).toEqual([
      [id.A, ['gross_profit']],
      [id.C, ['tier', 'gross_profit']],
    ]);
    expect(review.candidates).toEqual([]);
    body(await t.call(director, 'PUT', '/api/v1/key-accounts/program', { version: next.version, minGrossProfit: null, minSize: 5, maxSize: 25 }), 200);
  });

  it('the list shows the key accounts the caller sees; removal needs a reason and leaves the history', async () => {
    const mine = body<{ items: ProgramAccount[]; size: number }>(await t.call(kam1, 'GET', '/api/v1/key-accounts'), 200);
    expect(mine.items.map((i) => [i.accountId, i.meetsCriteria])).toEqual([
      [id.A, true],
      [id.C, false],
    ]);
    const other = body<{ items: ProgramAccount[]; size: number }>(await t.call(kam2, 'GET', '/api/v1/key-accounts'), 200);
    expect([other.items, other.size]).toEqual([[], 2]);
    body(await t.call(director, 'POST', `/api/v1/key-accounts/${id.C}/remove`, { reason: '不再满足条件' }), 200);
    expect((await t.call(director, 'POST', `/api/v1/key-accounts/${id.C}/remove`, { reason: '再删' })).statusCode).toBe(404);
    const status = body<{ isKeyAccount: boolean; decisions: { action: string; reason: string; metCriteria: boolean }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${id.C}/key-account`), 200);
    expect(status.isKeyAccount).toBe(false);
    expect(status.decisions.map((d) => [d.action, d.reason, d.metCriteria])).toEqual([
      ['remove', '不再满足条件', false],
      ['designate', '集团战略', false],
    ]);
    const events = await t.db.selectFrom('timeline_events').select(['kind', 'summary']).where('account_id', '=', id.C!).where('kind', 'like', 'key_account.%').orderBy('id').execute();
    expect(events).toEqual([
      { kind: 'key_account.designated', summary: '集团战略' },
      { kind: 'key_account.removed', summary: '不再满足条件' },
    ]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'key_account').where('entity_id', '=', String(id.C)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['designate', 'remove']);
    expect((await t.call(kam2, 'GET', `/api/v1/accounts/${id.C}/key-account`)).statusCode).toBe(404);
  });
});

describe('manager capacity', () => {
  it('loads each manager by the tiers’ ratios (1:1, 1:10, 1:30, 1:200): kam1 = 2/1 + 1/30 + 1/200 = 2.038, over', async () => {
    const all = body<{ accountsPerManager: Record<string, number>; managers: { displayName: string; userId: number; byTier: Record<string, number>; total: number; load: number; over: boolean }[] }>(
      await t.call(director, 'GET', '/api/v1/key-accounts/capacity'),
      200,
    );
    expect(all.accountsPerManager).toEqual({ key: 1, major: 10, ordinary: 30, longTail: 200 });
    const k1 = all.managers.find((m) => m.userId === kam1.userId)!;
    // A and B (override) are tier 1, C tier 3 (override), D unscored → 4.
    expect([k1.byTier, k1.total, k1.load, k1.over]).toEqual([{ key: 2, major: 0, ordinary: 1, longTail: 1 }, 4, 2.038, true]);
    const k2 = all.managers.find((m) => m.userId === kam2.userId)!;
    // E tier 1, F tier 1 (dormant still owned): 2 key accounts' worth.
    expect([k2.byTier, k2.load, k2.over]).toEqual([{ key: 2, major: 0, ordinary: 0, longTail: 0 }, 2, true]);
    const own = body<{ managers: { userId: number }[] }>(await t.call(kam1, 'GET', '/api/v1/key-accounts/capacity'), 200);
    expect(own.managers.map((m) => m.userId)).toEqual([kam1.userId]);
    expect((await t.call(service, 'GET', '/api/v1/key-accounts/capacity')).statusCode).toBe(403);
  });
});

describe('the account plan', () => {
  interface Plan {
    year: number;
    objectives: string;
    version: number;
    actions: { id: number; title: string; status: string; dueDate: string | null; owner: { id: number } | null; version: number }[];
  }
  it('is started once a year, then changed by version; actions have an owner and a due date', async () => {
    expect(body<Plan | null>(await t.call(kam1, 'GET', `/api/v1/accounts/${id.A}/plans/2027`), 200)).toBeNull();
    const p = body<Plan>(await t.call(kam1, 'PUT', `/api/v1/accounts/${id.A}/plans/2027`, { objectives: '份额提升到 40%', risks: '竞争对手低价' }), 200);
    expect([p.year, p.objectives, p.version, p.actions]).toEqual([2027, '份额提升到 40%', 1, []]);
    expect((await t.call(kam1, 'PUT', `/api/v1/accounts/${id.A}/plans/2027`, { objectives: '另起一份' })).statusCode).toBe(409);
    const p2 = body<Plan>(await t.call(sponsor, 'PUT', `/api/v1/accounts/${id.A}/plans/2027`, { version: 1, strategies: '高层互访，联合创新' }), 200);
    expect([p2.version, p2.objectives]).toEqual([2, '份额提升到 40%']);
    expect((await t.call(kam1, 'PUT', `/api/v1/accounts/${id.A}/plans/2027`, { version: 1, objectives: '旧版本' })).statusCode).toBe(409);

    const a = body<Plan['actions'][0]>(await t.call(kam1, 'POST', `/api/v1/accounts/${id.A}/plans/2027/actions`, { title: '季度业务回顾', ownerId: kam1.userId, dueDate: '2027-03-31' }), 201);
    expect([a.title, a.owner?.id, a.dueDate, a.status]).toEqual(['季度业务回顾', kam1.userId, '2027-03-31', 'open']);
    const bad = await t.call(kam1, 'POST', `/api/v1/accounts/${id.A}/plans/2027/actions`, { title: 'x', dueDate: '2027-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('dueDate');
    expect((await t.call(kam1, 'POST', `/api/v1/accounts/${id.A}/plans/2027/actions`, { title: 'x', ownerId: 999999 })).statusCode).toBe(400);
    expect((await t.call(kam1, 'POST', `/api/v1/accounts/${id.A}/plans/2030/actions`, { title: '没有计划' })).statusCode).toBe(404);
    const done = body<Plan['actions'][0]>(await t.call(kam1, 'PATCH', `/api/v1/plan-actions/${a.id}`, { version: 1, status: 'done' }), 200);
    expect([done.status, done.version]).toEqual(['done', 2]);
    expect((await t.call(kam1, 'PATCH', `/api/v1/plan-actions/${a.id}`, { version: 1, status: 'open' })).statusCode).toBe(409);
    const years = body<{ items: { year: number; actions: number }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${id.A}/plans`), 200);
    expect(years.items.map((y) => [y.year, y.actions])).toEqual([[2027, 1]]);
    expect((await t.call(kam2, 'GET', `/api/v1/accounts/${id.A}/plans/2027`)).statusCode).toBe(404);
    expect((await t.call(service, 'PUT', `/api/v1/accounts/${id.A}/plans/2027`, { version: 2, objectives: '服务' })).statusCode).toBe(403);
    expect(res204(await t.call(kam1, 'DELETE', `/api/v1/plan-actions/${a.id}?version=2`))).toBe(204);
    expect(body<Plan>(await t.call(kam1, 'GET', `/api/v1/accounts/${id.A}/plans/2027`), 200).actions).toEqual([]);
  });
});

const res204 = (r: LightMyRequestResponse) => r.statusCode;

describe('the whitespace matrix', () => {
  it('is saved whole against the program’s product lines, with a summary of what is in use', async () => {
    const empty = body<{ productLines: string[]; businessUnits: string[]; version: number | null }>(await t.call(kam1, 'GET', `/api/v1/accounts/${id.A}/whitespace`), 200);
    expect(empty.productLines).toEqual(['专线与组网', '云与数据中心', '语音与协同', '物联网', '安全服务', '系统集成']);
    expect([empty.businessUnits, empty.version]).toEqual([[], null]);
    const bad = await t.call(kam1, 'PUT', `/api/v1/accounts/${id.A}/whitespace`, { version: null, businessUnits: ['总部'], cells: [{ businessUnit: '总部', productLine: '卫星通信', status: 'in_use' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { fields: { field: string }[] } } }>().error.details.fields.map((f) => f.field)).toEqual(['cells.0.productLine']);
    const saved = body<{ summary: { total: number; counts: Record<string, number>; inUseShare: number }; version: number }>(
      await t.call(kam1, 'PUT', `/api/v1/accounts/${id.A}/whitespace`, {
        version: null,
        businessUnits: ['总部', '华东分公司'],
        cells: [
          { businessUnit: '总部', productLine: '专线与组网', status: 'in_use' },
          { businessUnit: '总部', productLine: '云与数据中心', status: 'competitor', note: '友商 IDC' },
          { businessUnit: '华东分公司', productLine: '安全服务', status: 'opportunity' },
        ],
      }),
      200,
    );
    // 2 units × 6 lines = 12 cells: 1 in use, 1 competitor, 1 opportunity, 9 blank.
    expect(saved.summary).toEqual({ total: 12, counts: { in_use: 1, opportunity: 1, competitor: 1, none: 9 }, inUseShare: 0.0833 });
    expect(saved.version).toBe(1);
    expect((await t.call(kam1, 'PUT', `/api/v1/accounts/${id.A}/whitespace`, { version: null, businessUnits: [], cells: [] })).statusCode).toBe(409);
    expect((await t.call(kam2, 'GET', `/api/v1/accounts/${id.A}/whitespace`)).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  it('designates the sponsored active accounts not yet in the program, best tier first, and plans the first three', async () => {
    const { seedKeyAccounts } = await import('../../src/server/key-accounts/demo.js');
    // Eligible now: B (effective tier 1) and C (overridden to 3, let go earlier). A is already in; E has no sponsor; F is dormant.
    expect(await seedKeyAccounts(t.db, { now: new Date('2026-11-23T00:00:00Z') })).toEqual({ keyAccounts: 2, plans: 2 });
    const rows = await t.db.selectFrom('key_accounts').select(['account_id', 'met_criteria']).where('account_id', 'in', [id.B!, id.C!]).orderBy('account_id').execute();
    expect(rows).toEqual([
      { account_id: id.B, met_criteria: true },
      { account_id: id.C, met_criteria: false },
    ]);
    const plan = body<{ actions: { status: string }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${id.B}/plans/2026`), 200);
    expect(plan.actions.map((a) => a.status)).toEqual(['done', 'open', 'open']);
  });
});

describe('the recycle bin', () => {
  /** Every row the account's tier assessment and program membership keep, as the database holds them. */
  async function kept(accountId: number) {
    const all = async (table: string, where: string) =>
      (await sql<Record<string, unknown>>`select * from ${sql.table(table)} t where ${sql.raw(where)} = ${accountId} order by 1, 2`.execute(t.db)).rows;
    return {
      ratings: await all('tier_ratings', 't.account_id'),
      override: await all('tier_overrides', 't.account_id'),
      keyAccount: await all('key_accounts', 't.account_id'),
      decisions: await all('key_account_decisions', 't.account_id'),
      plans: await all('account_plans', 't.account_id'),
      actions: await all('account_plan_actions', '(select p.account_id from account_plans p where p.id = t.plan_id)'),
      whitespace: await all('account_whitespace', 't.account_id'),
    };
  }

  it('brings back the ratings, the override, the designation, the plan and the whitespace of a deleted account', async () => {
    await account('R', { owner: kam1, sponsored: true, tier: 1, override: 2 });
    const acc = id.R!;
    body(await t.call(kam1, 'PUT', `/api/v1/accounts/${acc}/tier-ratings`, { strategicValue: 5, growth: 3 }), 200);
    body(await t.call(director, 'POST', '/api/v1/key-accounts', { accountId: acc, reason: '战略客户' }), 201);
    body(await t.call(kam1, 'PUT', `/api/v1/accounts/${acc}/plans/2027`, { objectives: '份额翻番' }), 200);
    body(await t.call(kam1, 'POST', `/api/v1/accounts/${acc}/plans/2027/actions`, { title: '高层拜访', ownerId: kam1.userId, dueDate: '2027-06-30' }), 201);
    body(await t.call(kam1, 'PUT', `/api/v1/accounts/${acc}/whitespace`, { version: null, businessUnits: ['总部'], cells: [{ businessUnit: '总部', productLine: '物联网', status: 'opportunity' }] }), 200);
    const before = await kept(acc);
    expect(Object.values(before).map((rows) => rows.length)).toEqual([2, 1, 1, 1, 1, 1, 1]);

    const { version } = await t.db.selectFrom('accounts').select('version').where('id', '=', acc).executeTakeFirstOrThrow();
    expect((await t.call(director, 'DELETE', `/api/v1/accounts/${acc}?version=${version}`)).statusCode).toBe(204);
    expect(Object.values(await kept(acc)).map((rows) => rows.length)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const entry = await t.db.selectFrom('recycle_bin').select('id').where('entity', '=', 'account').where('entity_id', '=', String(acc)).executeTakeFirstOrThrow();
    body(await t.call(director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`), 200);

    expect(await kept(acc)).toEqual(before);
    expect(body<{ objectives: string; actions: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/plans/2027`), 200)).toMatchObject({ objectives: '份额翻番', actions: [{ title: '高层拜访' }] });
  });
});

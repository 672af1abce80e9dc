// Customer tiering through HTTP: models (draft → publish, immutability, weights refused with a 422
// naming the field), recompute, the explanation, ratings and overrides (audited, on the timeline,
// kept across recomputes), the pyramid scoped to the caller, what-if, entitlements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looseNameKey, strictNameKey } from '../../src/server/accounts/rules/names.js';
import { AS_OF, EXPECTED, type Label } from '../fixtures/tiering/hand-worked.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { loadHandWorked } from '../support/tiering.js';

let t: TestApp;
let admin: Session;
let director: Session;
let kam1: Session;
let kam2: Session;
let analyst: Session;
let ids: Record<Label, number>;

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => new Date('2026-07-01T02:00:00Z') } });
  admin = await t.login('admin');
  director = await t.login('director');
  kam1 = await t.login('kam1');
  kam2 = await t.login('kam2');
  analyst = await t.login('analyst');
  ids = await loadHandWorked(t.db);
  // kam1 owns A, B and K; nobody else is owned.
  await t.db.updateTable('accounts').set({ owner_id: kam1.userId }).where('id', 'in', [ids.A, ids.B, ids.K]).execute();
}, 120_000);
afterAll(async () => t?.close());

describe('scoring models', () => {
  it('lists the published default (30/30/20/20, 12 months, shares 5/15/30/50)', async () => {
    const res = await t.call(analyst, 'GET', '/api/v1/tiering/models');
    expect(res.statusCode).toBe(200);
    const [m] = res.json().items;
    expect(m).toMatchObject({
      versionNo: 1,
      status: 'published',
      windowMonths: 12,
      tierRule: 'shares',
      shares: ['5', '15', '30', '50'],
      tierNames: ['重要客户', '主要客户', '普通客户', '长尾客户'],
      criteria: [
        { criterion: 'orderAmount', weight: '30' },
        { criterion: 'contribution', weight: '30' },
        { criterion: 'credit', weight: '20' },
        { criterion: 'growth', weight: '20' },
      ],
    });
  });

  it('refuses weights that do not sum to 100 % with a 422 naming the field, and writes nothing', async () => {
    const before = await t.db.selectFrom('tier_models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.call(admin, 'POST', '/api/v1/tiering/models', { criteria: [{ criterion: 'orderAmount', weight: 50 }, { criterion: 'relationship', weight: '49.5' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('UNPROCESSABLE');
    expect(res.json().error.details.fields).toEqual([{ field: 'criteria', reason: 'weights must sum to exactly 100 %; they sum to 99.5 %', code: 'weights_sum' }]);
    const bad = await t.call(admin, 'POST', '/api/v1/tiering/models', { criteria: [{ criterion: 'charm', weight: 100 }] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('criteria.0.criterion');
    const after = await t.db.selectFrom('tier_models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('edits a draft, publishes it (the old version retires), and keeps published versions immutable', async () => {
    const draft = (await t.call(admin, 'POST', '/api/v1/tiering/models', { name: '加入客情关系', criteria: [{ criterion: 'orderAmount', weight: 30 }, { criterion: 'contribution', weight: 30 }, { criterion: 'credit', weight: 20 }, { criterion: 'growth', weight: 10 }, { criterion: 'relationship', weight: 10 }] })).json();
    expect(draft).toMatchObject({ versionNo: 2, status: 'draft', basedOnId: expect.any(Number) });
    const edited = await t.call(admin, 'PATCH', `/api/v1/tiering/models/${draft.id}`, { version: draft.version, windowMonths: 12, notes: '试行' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(draft.version + 1);
    const stale = await t.call(admin, 'PATCH', `/api/v1/tiering/models/${draft.id}`, { version: draft.version, windowMonths: 6 });
    expect(stale.statusCode).toBe(409);

    // What-if before publishing: the draft against the live tiers (none computed yet → all "new").
    await t.call(director, 'POST', '/api/v1/tiering/recompute', { asOf: AS_OF });
    const wi = await t.call(director, 'POST', `/api/v1/tiering/models/${draft.id}/what-if`, { asOf: AS_OF });
    expect(wi.statusCode, wi.body).toBe(200);
    const w = wi.json();
    expect(w.matrix.flat().reduce((a: number, b: number) => a + b, 0) + w.newIn.reduce((a: number, b: number) => a + b, 0)).toBe(12);
    expect(w.moved).toBe(w.movers.length);
    // Growth weighs 10 instead of 20 and relationship 10 (only L is rated: 4): by hand, scores become
    // A = H 73, B = D = E 52, C 48, I 33, L 32 …; ties by id put B in tier 2 and D in tier 3.
    expect(w.movers.map((m: { accountId: number; from: string; to: string }) => [m.accountId, m.from, m.to])).toEqual([
      [ids.B, 'ordinary', 'major'],
      [ids.D, 'major', 'ordinary'],
    ]);

    const pub = await t.call(director, 'POST', `/api/v1/tiering/models/${draft.id}/publish`, { version: edited.json().version });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().status).toBe('published');
    const list = (await t.call(admin, 'GET', '/api/v1/tiering/models')).json().items;
    expect(list.map((m: { versionNo: number; status: string }) => `${m.versionNo}:${m.status}`)).toEqual(['2:published', '1:retired']);
    const change = await t.call(admin, 'PATCH', `/api/v1/tiering/models/${draft.id}`, { version: pub.json().version, windowMonths: 6 });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.code).toBe('CONFLICT');
    // Not even SQL can change it.
    await expect(t.db.updateTable('tier_models').set({ window_months: 6 }).where('id', '=', draft.id).execute()).rejects.toThrow(/immutable/);
    await expect(t.db.updateTable('tier_model_criteria').set({ weight_bp: 1 }).where('model_id', '=', draft.id).execute()).rejects.toThrow(/immutable/);
    // Back to the default weights for the rest of the file.
    const back = (await t.call(admin, 'POST', '/api/v1/tiering/models', { basedOnId: list[1].id, name: '默认模型 v3' })).json();
    expect((await t.call(admin, 'POST', `/api/v1/tiering/models/${back.id}/publish`, { version: back.version })).statusCode).toBe(200);
  });
});

describe('an account\'s tier', () => {
  it('recomputes and explains, with the hand-worked numbers', async () => {
    const run = await t.call(director, 'POST', '/api/v1/tiering/recompute', { asOf: AS_OF });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ accounts: 12, scored: 11 });
    const e = (await t.call(kam1, 'GET', `/api/v1/accounts/${ids.A}/tier`)).json();
    expect(e).toMatchObject({ tier: 'key', tierName: '重要客户', override: null, canOverride: false, canRate: true });
    expect(e.computed).toMatchObject({ tier: 'key', score: EXPECTED.A.score, insufficientData: false, cutoff: '80.0000', window: { after: '2025-06-30', through: AS_OF } });
    expect(e.computed.criteria[0]).toEqual({ criterion: 'orderAmount', raw: '1000.00', percentile: '90.0000', weight: '30', contribution: '27.0000' });
    const k = (await t.call(kam1, 'GET', `/api/v1/accounts/${ids.K}/tier`)).json();
    expect(k.computed).toMatchObject({ tier: 'longTail', insufficientData: true, score: null });
    // Out of scope: like a missing account.
    const hidden = await t.call(kam2, 'GET', `/api/v1/accounts/${ids.A}/tier`);
    expect(hidden.statusCode).toBe(404);
  });

  it('audits ratings; a rating lifts an account out of "insufficient data" at the next recompute', async () => {
    const res = await t.call(kam1, 'PUT', `/api/v1/accounts/${ids.K}/tier-ratings`, { strategicValue: 5, growth: 4 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ratings.map((r: { criterion: string; rating: number }) => `${r.criterion}=${r.rating}`)).toEqual(['growth=4', 'strategicValue=5']);
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'after']).where('entity', '=', 'tier_rating').where('entity_id', '=', String(ids.K)).execute();
    expect(audit).toEqual([{ actor_id: kam1.userId, after: { growth: 4, strategic_value: 5 } }]);
    const bad = await t.call(kam1, 'PUT', `/api/v1/accounts/${ids.K}/tier-ratings`, { growth: 6 });
    expect(bad.statusCode).toBe(400);
    await t.call(director, 'POST', '/api/v1/tiering/recompute', { asOf: AS_OF });
    const k = (await t.call(kam1, 'GET', `/api/v1/accounts/${ids.K}/tier`)).json();
    expect(k.computed.insufficientData).toBe(false);
    await t.call(kam1, 'PUT', `/api/v1/accounts/${ids.K}/tier-ratings`, { strategicValue: null, growth: null });
  });

  it('keeps a director\'s override across recomputes, beside the computed tier, on the timeline, until removed', async () => {
    const set = await t.call(director, 'PUT', `/api/v1/accounts/${ids.F}/tier-override`, { tier: 'major', reason: '集团战略合作伙伴' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ tier: 'major', computed: { tier: 'longTail' }, override: { tier: 'major', reason: '集团战略合作伙伴' } });
    expect((await t.call(kam1, 'PUT', `/api/v1/accounts/${ids.A}/tier-override`, { tier: 'longTail', reason: 'x' })).statusCode).toBe(403);
    await t.call(director, 'POST', '/api/v1/tiering/recompute', { asOf: AS_OF });
    const after = (await t.call(admin, 'GET', `/api/v1/accounts/${ids.F}/tier`)).json();
    expect([after.tier, after.computed.tier, after.override.setBy.id]).toEqual(['major', 'longTail', director.userId]);
    const pyr = (await t.call(director, 'GET', '/api/v1/tiering/pyramid')).json();
    expect(pyr.tiers.map((x: { accounts: number }) => x.accounts)).toEqual([1, 3, 3, 5]);
    expect(pyr.tiers[1].overridden).toBe(1);
    expect((await t.call(director, 'DELETE', `/api/v1/accounts/${ids.F}/tier-override`)).statusCode).toBe(204);
    expect((await t.call(director, 'DELETE', `/api/v1/accounts/${ids.F}/tier-override`)).statusCode).toBe(404);
    const kinds = await t.db.selectFrom('timeline_events').select(['kind', 'summary']).where('account_id', '=', ids.F).where('kind', 'like', 'tier.%').orderBy('id').execute();
    expect(kinds).toEqual([
      { kind: 'tier.override_set', summary: '主要客户（集团战略合作伙伴）' },
      { kind: 'tier.override_removed', summary: '主要客户 → 长尾客户' },
    ]);
  });
});

describe('aggregates by scope', () => {
  it('the pyramid and Pareto of an account manager cover only their accounts; directors and analysts see all', async () => {
    const all = (await t.call(analyst, 'GET', '/api/v1/tiering/pyramid')).json();
    expect(all.scope).toBe('all');
    expect(all.tiers.reduce((a: number, x: { accounts: number }) => a + x.accounts, 0)).toBe(12);
    expect(all.lastRecompute).toMatchObject({ accounts: 12, asOf: AS_OF, modelVersion: 3 });
    const mine = (await t.call(kam1, 'GET', '/api/v1/tiering/pyramid')).json();
    expect(mine.scope).toBe('yours');
    // A key, B ordinary, K long-tail (insufficient)
    expect(mine.tiers.map((x: { accounts: number; revenue: string }) => [x.accounts, x.revenue])).toEqual([
      [1, '1000.00'],
      [0, '0.00'],
      [1, '800.00'],
      [1, '0.00'],
    ]);
    const p = (await t.call(kam1, 'GET', '/api/v1/tiering/pareto')).json();
    // 3 accounts: top ceil(0.6) = 1 → A 1000 of 1800
    expect(p.revenue).toMatchObject({ accounts: 3, top: 1, total: '1800.00', topSum: '1000.00', topShare: '0.5556' });
    expect((await t.call(kam2, 'GET', '/api/v1/tiering/pyramid')).json().tiers.every((x: { accounts: number }) => x.accounts === 0)).toBe(true);
  });

  it('snapshots are taken by directors; migration is scoped like the pyramid', async () => {
    expect((await t.call(kam1, 'POST', '/api/v1/tiering/snapshots', {})).statusCode).toBe(403);
    const a = await t.call(director, 'POST', '/api/v1/tiering/snapshots', { label: '2026-06', kind: 'month' });
    expect(a.statusCode, a.body).toBe(201);
    const hist = await t.call(director, 'POST', '/api/v1/tiering/snapshots', { label: '2025-12', kind: 'month', asOf: '2025-12-31' });
    expect(hist.statusCode, hist.body).toBe(201);
    expect(hist.json()).toMatchObject({ asOf: '2025-12-31', accounts: 12 });
    const m = await t.call(kam1, 'GET', `/api/v1/tiering/migration?from=${hist.json().id}&to=${a.json().id}`);
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json().matrix.flat().reduce((x: number, y: number) => x + y, 0)).toBe(3);
    const missing = await t.call(kam1, 'GET', `/api/v1/tiering/migration?from=999999&to=${a.json().id}`);
    expect([missing.statusCode, missing.json().error.details.fields[0].field]).toEqual([400, 'from']);
    const list = (await t.call(kam1, 'GET', '/api/v1/tiering/snapshots')).json().items;
    expect(list.map((x: { label: string }) => x.label)).toEqual(['2026-06', '2025-12']);
  });
});

describe('entitlements', () => {
  it('has defaults per tier and is edited by directors (optimistic version, audited)', async () => {
    const list = (await t.call(kam1, 'GET', '/api/v1/tiering/entitlements')).json().items;
    expect(list.map((e: { tier: string; accountsPerManager: number; dedicatedManager: boolean; sponsorRequired: boolean }) => [e.tier, e.accountsPerManager, e.dedicatedManager, e.sponsorRequired])).toEqual([
      ['key', 1, true, true],
      ['major', 10, false, false],
      ['ordinary', 30, false, false],
      ['longTail', 200, false, false],
    ]);
    const key = list[0];
    expect((await t.call(kam1, 'PUT', '/api/v1/tiering/entitlements/key', { version: key.version, responseHours: 2 })).statusCode).toBe(403);
    const ok = await t.call(director, 'PUT', '/api/v1/tiering/entitlements/key', { version: key.version, responseHours: 2, discountCeiling: '22.5', benefits: ['专属客户经理'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ responseHours: 2, discountCeiling: '22.5', benefits: ['专属客户经理'], version: key.version + 1 });
    expect((await t.call(director, 'PUT', '/api/v1/tiering/entitlements/key', { version: key.version, responseHours: 3 })).statusCode).toBe(409);
    const bad = await t.call(director, 'PUT', '/api/v1/tiering/entitlements/key', { version: key.version + 1, responseHours: 100, resolutionHours: 10 });
    expect([bad.statusCode, bad.json().error.details.fields[0].field]).toEqual([400, 'resolutionHours']);
  });
});

describe('a fresh account before any recompute', () => {
  it('answers its tier as not computed yet', async () => {
    const name = '新开户客户';
    const acc = await t.db.insertInto('accounts').values({ name, name_key: strictNameKey(name), name_loose: looseNameKey(name), search_text: name }).returning('id').executeTakeFirstOrThrow();
    const e = (await t.call(director, 'GET', `/api/v1/accounts/${acc.id}/tier`)).json();
    expect([e.tier, e.computed]).toEqual([null, null]);
  });
});

describe('bad input', () => {
  it('answers 4xx naming the field, never 5xx, for malformed requests to every tiering route', async () => {
    const id = ids.A;
    const cases: [string, 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, unknown][] = [
      ['recompute bad date', 'POST', '/api/v1/tiering/recompute', { asOf: '2026-02-30' }],
      ['recompute unknown field', 'POST', '/api/v1/tiering/recompute', { everything: true }],
      ['snapshot bad kind', 'POST', '/api/v1/tiering/snapshots', { kind: 'weekly' }],
      ['snapshot huge label', 'POST', '/api/v1/tiering/snapshots', { label: 'x'.repeat(101) }],
      ['snapshot id too large', 'GET', '/api/v1/tiering/snapshots/99999999999', undefined],
      ['migration missing to', 'GET', '/api/v1/tiering/migration?from=1', undefined],
      ['migration not a number', 'GET', '/api/v1/tiering/migration?from=a&to=b', undefined],
      ['model weight text', 'POST', '/api/v1/tiering/models', { criteria: [{ criterion: 'credit', weight: 'all' }] }],
      ['model weight 3 decimals', 'POST', '/api/v1/tiering/models', { criteria: [{ criterion: 'credit', weight: '33.333' }] }],
      ['model shares 3 values', 'POST', '/api/v1/tiering/models', { shares: [10, 20, 70] }],
      ['model shares not summing', 'POST', '/api/v1/tiering/models', { shares: [10, 20, 30, 30] }],
      ['model thresholds rising', 'POST', '/api/v1/tiering/models', { tierRule: 'thresholds', thresholds: [10, 20, 30] }],
      ['model window 0', 'POST', '/api/v1/tiering/models', { windowMonths: 0 }],
      ['model based on nothing', 'POST', '/api/v1/tiering/models', { basedOnId: 2_000_000_000 }],
      ['model tier names empty', 'POST', '/api/v1/tiering/models', { tierNames: ['', 'b', 'c', 'd'] }],
      ['patch without version', 'PATCH', '/api/v1/tiering/models/1', { windowMonths: 3 }],
      ['publish missing model', 'POST', '/api/v1/tiering/models/2000000000/publish', { version: 1 }],
      ['what-if bad date', 'POST', '/api/v1/tiering/models/1/what-if', { asOf: 'tomorrow' }],
      ['entitlement bad tier', 'PUT', '/api/v1/tiering/entitlements/platinum', { version: 1 }],
      ['entitlement negative', 'PUT', '/api/v1/tiering/entitlements/key', { version: 1, managerVisitsPerYear: -1 }],
      ['entitlement discount 101', 'PUT', '/api/v1/tiering/entitlements/key', { version: 1, discountCeiling: 101 }],
      ['rating 2.5', 'PUT', `/api/v1/accounts/${id}/tier-ratings`, { growth: 2.5 }],
      ['rating unknown criterion', 'PUT', `/api/v1/accounts/${id}/tier-ratings`, { charm: 5 }],
      ['override unknown tier', 'PUT', `/api/v1/accounts/${id}/tier-override`, { tier: 'gold', reason: 'x' }],
      ['override without reason', 'PUT', `/api/v1/accounts/${id}/tier-override`, { tier: 'key', reason: '  ' }],
      ['override missing account', 'PUT', '/api/v1/accounts/2000000000/tier-override', { tier: 'key', reason: 'x' }],
      ['tier of missing account', 'GET', '/api/v1/accounts/2000000000/tier', undefined],
    ];
    const answers = [];
    for (const [name, method, url, body] of cases) {
      const res = await t.call(admin, method, url, body);
      answers.push({ name, status: res.statusCode, ok: res.statusCode >= 400 && res.statusCode < 500 && typeof res.json().error?.code === 'string' });
    }
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const weights = await t.call(admin, 'POST', '/api/v1/tiering/models', { shares: [10, 20, 30, 30] });
    expect([weights.statusCode, weights.json().error.details.fields[0].field]).toEqual([422, 'shares']);
  });
});

// The set-based SQL against the pure rules (the reference) on edge cases and on generated customer
// bases: one account, all zero, no orders at all, returns, ties everywhere, qualitative criteria,
// thresholds, consolidated groups. Every account's tier, score, flags, raw values and percentiles
// must be identical.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looseNameKey, strictNameKey } from '../../src/server/accounts/rules/names.js';
import { fromScaled, toScaled } from '../../src/server/tiering/rules/exact.js';
import { DEFAULT_MODEL, type ModelParams } from '../../src/server/tiering/rules/model.js';
import { computeTiers, SCALE_OF, type AccountFacts } from '../../src/server/tiering/rules/scoring.js';
import { resultsRepository } from '../../src/server/tiering/results-repository.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { stagedAndInlineScores } from '../support/tiering.js';

const AS_OF = '2026-06-30';
let d: TestDatabase;
let modelId: number;
beforeAll(async () => {
  d = await createTestDatabase();
  modelId = (await d.db.selectFrom('tier_models').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()).id;
});
afterAll(async () => d?.destroy());

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed: number, n: number, opts: { groups?: boolean } = {}): Omit<AccountFacts, 'id'>[] {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const day = (from: string, spanDays: number) => new Date(Date.parse(`${from}T00:00:00Z`) + Math.floor(r() * spanDays) * 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: n }, (_, i) => {
    const orders = Array.from({ length: Math.floor(r() * 5) }, () => {
      const amount = pick(['100.00', '250.50', '1000.00', '-80.00', '0.00', '999.99', '100.00']);
      return { date: day('2024-05-01', 800), amount, cost: r() < 0.2 ? null : pick(['50.00', '0.00', '300.00', '-40.00']) };
    });
    const payments = Array.from({ length: Math.floor(r() * 4) }, () => {
      const due = day('2025-05-01', 450);
      return { dueDate: due, paidDate: r() < 0.3 ? null : day(due, 120) };
    });
    const ratings: AccountFacts['ratings'] = {};
    if (r() < 0.25) ratings.growth = Math.floor(r() * 6);
    if (r() < 0.3) ratings.relationship = Math.floor(r() * 6);
    if (r() < 0.15) ratings.strategic_value = Math.floor(r() * 6);
    const parentIndex = opts.groups && i > 0 && r() < 0.4 ? Math.floor(r() * i) : null;
    return { orders, payments, ratings, parentId: parentIndex };
  });
}

async function load(facts: Omit<AccountFacts, 'id'>[]): Promise<AccountFacts[]> {
  await sql`delete from accounts`.execute(d.db);
  const out: AccountFacts[] = [];
  for (const [i, f] of facts.entries()) {
    const name = `对照客户${Date.now()}-${i}`;
    const parent = f.parentId != null ? out[f.parentId]!.id : null;
    const acc = await d.db.insertInto('accounts').values({ name, name_key: strictNameKey(name), name_loose: looseNameKey(name), search_text: name, parent_id: parent }).returning('id').executeTakeFirstOrThrow();
    let k = 0;
    for (const o of f.orders) await d.db.insertInto('orders').values({ account_id: acc.id, order_number: `${name}-${++k}`, order_date: o.date, amount: o.amount, cost: o.cost }).execute();
    for (const p of f.payments) await d.db.insertInto('payments').values({ account_id: acc.id, due_date: p.dueDate, paid_date: p.paidDate, amount: '1.00' }).execute();
    for (const [criterion, rating] of Object.entries(f.ratings ?? {})) await d.db.insertInto('tier_ratings').values({ account_id: acc.id, criterion, rating: rating! }).execute();
    out.push({ ...f, id: acc.id, parentId: parent });
  }
  return out;
}

async function compare(model: ModelParams, accounts: AccountFacts[]) {
  await d.db.transaction().execute((trx) => resultsRepository(d.db).recompute(trx, model, { modelId, asOf: AS_OF, trigger: 'test', actorId: null, tierNames: ['1', '2', '3', '4'] }));
  const rows = await d.db
    .selectFrom('tier_results')
    .select(['account_id', 'tier', 'score', 'insufficient_data', 'revenue', sql<string>`array_to_string(raw, ',')`.as('raw'), sql<string | null>`array_to_string(pct, ',')`.as('pct')])
    .orderBy('account_id')
    .execute();
  const sqlView = rows.map((r) => ({
    id: r.account_id,
    tier: r.tier,
    score: r.score,
    insufficient: r.insufficient_data,
    revenue: r.revenue,
    raw: r.raw.split(',').map((v, i) => fromScaled(toScaled(v, SCALE_OF[model.criteria[i]!.criterion]), SCALE_OF[model.criteria[i]!.criterion])),
    pct: r.pct === null ? null : r.pct.split(',').map((v) => fromScaled(toScaled(v, 4), 4)),
  }));
  const ref = computeTiers(model, accounts, AS_OF).map((x) => ({
    id: x.id,
    tier: x.tier,
    score: x.score,
    insufficient: x.insufficientData,
    revenue: fromScaled(x.revenue, 2),
    raw: model.criteria.map((c) => fromScaled(x.raw[c.criterion], SCALE_OF[c.criterion])),
    pct: x.pct ? model.criteria.map((c) => x.pct![c.criterion]!) : null,
  }));
  expect(sqlView).toEqual(ref.sort((a, b) => a.id - b.id));
  // The PGlite recompute's staged scoring (slices of 7 accounts, a rank statement per criterion)
  // gives the one-statement scoring's rows exactly.
  const [staged, inline] = await stagedAndInlineScores(d.db, model, modelId, AS_OF, 7);
  expect(staged).toEqual(inline);
  return ref;
}

const WITH_QUALITATIVE: ModelParams = {
  ...DEFAULT_MODEL,
  criteria: [
    { criterion: 'order_amount', weightBp: 2500 },
    { criterion: 'contribution', weightBp: 2500 },
    { criterion: 'credit', weightBp: 1500 },
    { criterion: 'growth', weightBp: 1500 },
    { criterion: 'relationship', weightBp: 1000 },
    { criterion: 'strategic_value', weightBp: 500 },
    { criterion: 'need_diversity', weightBp: 500 },
  ],
};

describe('SQL = rules', () => {
  it('one account', async () => {
    const [r] = await compare(DEFAULT_MODEL, await load([{ orders: [{ date: '2026-01-01', amount: '5.00', cost: '1.00' }], payments: [] }]));
    expect([r!.tier, r!.score]).toEqual([1, '0.0000']);
  });

  it('all zero', async () => {
    const zero = { orders: [{ date: '2026-01-01', amount: '0.00', cost: '0.00' }], payments: [] };
    const ref = await compare(DEFAULT_MODEL, await load(Array.from({ length: 20 }, () => zero)));
    expect(ref.map((r) => r.tier)).toEqual([1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('no orders anywhere: everyone long-tail, flagged', async () => {
    const ref = await compare(DEFAULT_MODEL, await load(Array.from({ length: 5 }, () => ({ orders: [], payments: [{ dueDate: '2026-01-01', paidDate: null }] }))));
    expect(ref.every((r) => r.tier === 4 && r.insufficient)).toBe(true);
  });

  it.each([1, 2, 3])('a generated base of 80 accounts (seed %i), shares', async (seed) => {
    await compare(DEFAULT_MODEL, await load(generate(seed, 80)));
  });

  it('a generated base with all seven criteria and thresholds', async () => {
    await compare({ ...WITH_QUALITATIVE, tierRule: 'thresholds', thresholds: ['60', '45.5', '20'] }, await load(generate(7, 80)));
  });

  it('a generated base with groups, consolidated, 24-month window, shares 10/20/30/40', async () => {
    await compare({ ...WITH_QUALITATIVE, consolidateGroups: true, windowMonths: 24, sharesBp: [1000, 2000, 3000, 4000] }, await load(generate(11, 60, { groups: true })));
  });
});

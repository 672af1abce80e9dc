// The set-based SQL recompute against the hand-worked fixture (the same numbers as the pure rules),
// threshold mode, snapshots that later recomputes leave alone, the migration matrix and Pareto,
// and recomputes under concurrency: readers see one consistent pyramid, two recomputes serialise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/server/services.js';
import type { WriteContext } from '../../src/server/audit/audit-log.js';
import { fromScaled, toScaled } from '../../src/server/tiering/rules/exact.js';
import { AS_OF, EXPECTED, LABELS, PARETO, THRESHOLDS, type Label } from '../fixtures/tiering/hand-worked.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { paramsOf } from '../../src/server/tiering/service.js';
import { tieringRepository } from '../../src/server/tiering/repository.js';
import { loadHandWorked, stagedAndInlineScores } from '../support/tiering.js';

const SYSTEM: WriteContext = { actor: { id: 0, username: 'system:test', displayName: '测试', role: 'admin', teamId: null } };
let d: TestDatabase;
let s: Services;
let ids: Record<Label, number>;
const labelOf = (id: number) => LABELS.find((l) => ids[l] === id)!;

async function results() {
  const rows = await d.db.selectFrom('tier_results').select(['account_id', 'tier', 'score', 'insufficient_data', 'revenue', 'gross_profit']).select((eb) => eb.fn<string>('array_to_string', ['raw', eb.val(',')]).as('raw')).execute();
  return new Map(rows.map((r) => [labelOf(r.account_id), r]));
}
const fmt = (v: string, scale: number) => fromScaled(toScaled(v, scale), scale);

beforeAll(async () => {
  d = await createTestDatabase();
  s = createServices(d.db, { now: () => new Date('2026-07-01T02:00:00Z') }, { sessionTtlMs: 3600_000, currency: 'CNY', timezone: 'Asia/Shanghai' });
  ids = await loadHandWorked(d.db);
});
afterAll(async () => d?.destroy());

describe('the SQL recompute on the hand-worked fixture', () => {
  it('gives every account the raw values, score and tier worked out by hand (shares 5/15/30/50)', async () => {
    const run = await s.tiering.recompute(SYSTEM, { asOf: AS_OF, trigger: 'test' });
    expect(run).toMatchObject({ accounts: 12, scored: 11, changed: 0, modelVersion: 1 });
    const r = await results();
    for (const l of LABELS) {
      const row = r.get(l)!;
      const [amount, profit, credit, growth] = row.raw.split(',');
      const e = EXPECTED[l];
      expect({ l, amount: fmt(amount!, 2), profit: fmt(profit!, 2), credit: fmt(credit!, 12), growth: fmt(growth!, 12), score: row.score, tier: row.tier, insufficient: row.insufficient_data }).toEqual({
        l,
        amount: e.amount,
        profit: e.profit,
        credit: e.credit,
        growth: e.growth,
        score: e.score,
        tier: e.tierShares,
        insufficient: l === 'K',
      });
      expect(row.revenue).toBe(e.amount);
    }
  });

  it('scores staged in slices of accounts (the PGlite recompute) equal the one-statement scoring, row for row', async () => {
    const model = (await tieringRepository(d.db).publishedModel())!;
    const params = paramsOf(model);
    const [staged, inline] = await stagedAndInlineScores(d.db, params, model.id, AS_OF, 3);
    expect(staged.length).toBe(12);
    expect(staged).toEqual(inline);
  });

  it('rewrites only the rows whose figures changed, and remembers the previous tier', async () => {
    const before = await d.db.selectFrom('tier_results').select(['account_id', 'run_id']).orderBy('account_id').execute();
    const again = await s.tiering.recompute(SYSTEM, { asOf: AS_OF, trigger: 'test' });
    expect(again.changed).toBe(0);
    const after = await d.db.selectFrom('tier_results').select(['account_id', 'run_id']).orderBy('account_id').execute();
    expect(after).toEqual(before); // same figures: no row rewritten, each keeps the run that wrote it
    expect((await s.tiering.pyramid(SYSTEM.actor)).lastRecompute!.runId).toBe(again.runId);
  });

  it('explains an account: percentiles, weights, contributions and the cut-off', async () => {
    const e = await s.accountTiers.explain(SYSTEM.actor, ids.D);
    expect(e.computed).toMatchObject({ tier: 'major', score: '59.0000', insufficientData: false, cutoff: '59.0000', scoredAccounts: 11, tierRule: 'shares' });
    expect(e.computed!.criteria).toEqual([
      { criterion: 'orderAmount', raw: '500.00', percentile: '60.0000', weight: '30', contribution: '18.0000' },
      { criterion: 'contribution', raw: '100.00', percentile: '50.0000', weight: '30', contribution: '15.0000' },
      { criterion: 'credit', raw: '1.000000000000', percentile: '60.0000', weight: '20', contribution: '12.0000' },
      { criterion: 'growth', raw: '1.000000000000', percentile: '70.0000', weight: '20', contribution: '14.0000' },
    ]);
    const k = await s.accountTiers.explain(SYSTEM.actor, ids.K);
    expect(k.computed).toMatchObject({ tier: 'longTail', score: null, insufficientData: true });
    expect(k.computed!.criteria.every((c) => c.percentile === null)).toBe(true);
  });

  it('Pareto over the results is exact (top 3 of 12 accounts)', async () => {
    const p = await s.tiering.pareto(SYSTEM.actor);
    expect({ n: p.revenue.accounts, top: p.revenue.top, revenueTotal: p.revenue.total, revenueTopShare: p.revenue.topShare, profitTotal: p.grossProfit.total, profitTopShare: p.grossProfit.topShare }).toEqual(PARETO);
    expect(p.revenue.curve.find((c) => c.customers === 50)!.share).toBe('0.9670');
    expect(p.revenue.curve[0]!.share).toBe('0.0000');
  });

  it('threshold mode: a published draft with thresholds 80/56/27 gives the hand-worked tiers', async () => {
    const draft = await s.tiering.createDraft(SYSTEM, { tierRule: 'thresholds', thresholds: THRESHOLDS });
    await s.tiering.publish(SYSTEM, draft.id, draft.version);
    const run = await s.tiering.recompute(SYSTEM, { asOf: AS_OF, trigger: 'test' });
    const r = await results();
    for (const l of LABELS) expect([l, r.get(l)!.tier]).toEqual([l, EXPECTED[l].tierThresholds]);
    // Changed: B 3→2, E 3→2, G 4→3, H 2→1, I 4→3: one timeline event each, in the same run.
    expect(run.changed).toBe(5);
    const events = await d.db.selectFrom('timeline_events').select(['account_id', 'summary']).where('kind', '=', 'tier.changed').where('entity_id', '=', String(run.runId)).execute();
    expect(events.map((e) => labelOf(e.account_id)).sort()).toEqual(['B', 'E', 'G', 'H', 'I']);
    expect(events.find((e) => e.account_id === ids.H)!.summary).toBe('主要客户 → 重要客户');
    const h = await d.db.selectFrom('tier_results').select(['tier', 'previous_tier', 'run_id']).where('account_id', '=', ids.H).executeTakeFirstOrThrow();
    expect(h).toEqual({ tier: 1, previous_tier: 2, run_id: run.runId });
    const e = await s.accountTiers.explain(SYSTEM.actor, ids.B);
    expect(e.computed).toMatchObject({ tier: 'major', cutoff: '56.0000', tierRule: 'thresholds' });
  });
});

describe('snapshots and migration', () => {
  it('a snapshot is unchanged by later recomputes and overrides; the migration matrix between two is exact', async () => {
    // Back to shares (the published default as a new version), recompute, snapshot.
    const models = await s.tiering.listModels(SYSTEM.actor);
    const v1 = models.items.find((m) => m.versionNo === 1)!;
    const shares = await s.tiering.createDraft(SYSTEM, { basedOnId: v1.id });
    await s.tiering.publish(SYSTEM, shares.id, shares.version);
    await s.tiering.recompute(SYSTEM, { asOf: AS_OF, trigger: 'test' });
    const first = await s.tiering.createSnapshot(SYSTEM, { label: '2026-06', kind: 'month' });
    expect(first.accounts).toBe(12);
    expect(first.tiers.map((t) => t.accounts)).toEqual([1, 2, 3, 6]);
    const rowsBefore = await d.db.selectFrom('tier_snapshot_rows').selectAll().where('snapshot_id', '=', first.id).orderBy('account_id').execute();

    // An override and a recompute as of a later date (the window moves: F's return drops out …).
    await s.accountTiers.setOverride(SYSTEM, ids.F, { tier: 'major', reason: '战略合作伙伴' });
    await s.tiering.recompute(SYSTEM, { asOf: '2026-10-31', trigger: 'test' });
    const rowsAfter = await d.db.selectFrom('tier_snapshot_rows').selectAll().where('snapshot_id', '=', first.id).orderBy('account_id').execute();
    expect(rowsAfter).toEqual(rowsBefore);
    await expect(d.db.updateTable('tier_snapshot_rows').set({ tier: 1 }).where('snapshot_id', '=', first.id).execute()).rejects.toThrow(/immutable/);

    const second = await s.tiering.createSnapshot(SYSTEM, { label: '2026-10', kind: 'month' });
    const secondRows = await d.db.selectFrom('tier_snapshot_rows').select(['account_id', 'tier']).where('snapshot_id', '=', second.id).execute();
    const before = new Map(rowsBefore.map((r) => [r.account_id, r.tier]));
    const expected = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    for (const r of secondRows) expected[before.get(r.account_id)! - 1]![r.tier - 1]!++;
    const m = await s.tiering.migration(SYSTEM.actor, first.id, second.id);
    expect(m.matrix).toEqual(expected);
    expect(m.matrix[3]![1]).toBeGreaterThanOrEqual(1); // F: long-tail → major by the override
    expect(m.up.map((u) => u.accountId)).toContain(ids.F);
    expect(m.newIn).toEqual([0, 0, 0, 0]);
    expect(m.goneFrom).toEqual([0, 0, 0, 0]);
    expect(m.stayed + m.upCount + m.downCount).toBe(12);
  });

  it('counts new and gone accounts between snapshots', async () => {
    const a = await s.tiering.createSnapshot(SYSTEM, { label: 'before' });
    const extra = await loadHandWorked(d.db, '新增');
    await d.db.deleteFrom('accounts').where('id', '=', ids.L).execute();
    await s.tiering.recompute(SYSTEM, { asOf: AS_OF, trigger: 'test' });
    const b = await s.tiering.createSnapshot(SYSTEM, { label: 'after' });
    const m = await s.tiering.migration(SYSTEM.actor, a.id, b.id);
    expect(m.newIn.reduce((x, y) => x + y, 0)).toBe(Object.keys(extra).length);
    expect(m.goneFrom.reduce((x, y) => x + y, 0)).toBe(1);
  });
});

describe('recomputes under concurrency', () => {
  it('readers during recomputes always see one whole pyramid; concurrent recomputes serialise and leave one run', async () => {
    const total = Number((await d.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const runsBefore = Number((await d.db.selectFrom('tier_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const sums: number[] = [];
    let done = false;
    const reader = (async () => {
      while (!done) {
        const p = await s.tiering.pyramid(SYSTEM.actor);
        sums.push(p.tiers.reduce((x, t) => x + t.accounts, 0));
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const runs = await Promise.all([
      s.tiering.recompute(SYSTEM, { asOf: AS_OF, trigger: 'test' }),
      s.tiering.recompute(SYSTEM, { asOf: '2026-10-31', trigger: 'test' }),
      s.tiering.recompute(SYSTEM, { asOf: AS_OF, trigger: 'test' }),
    ]);
    done = true;
    await reader;
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.every((n) => n === total)).toBe(true);
    expect(runs.every((r) => r.accounts === total)).toBe(true);
    // One row per account (results are updated in place; a row keeps the run that last changed it).
    const after = await d.db.selectFrom('tier_results').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('account_id').distinct().as('accounts')]).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(total);
    expect(Number(after.accounts)).toBe(total);
    expect(Number((await d.db.selectFrom('tier_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(runsBefore + 3);
  });
});

// The pure rules against the hand-worked fixture (test/fixtures/tiering/hand-worked.ts) and edge cases.
import { describe, expect, it } from 'vitest';
import { AS_OF, EXPECTED, FACTS, LABELS, PARETO, THRESHOLDS } from '../../../../test/fixtures/tiering/hand-worked.js';
import { fromScaled } from './exact.js';
import { migrationMatrix } from './migration.js';
import { DEFAULT_MODEL, validateModel, type ModelParams, type TierNo } from './model.js';
import { pareto } from './pareto.js';
import { computeTiers, type AccountFacts } from './scoring.js';
import { addMonths, scoringWindow } from './window.js';

const accounts: AccountFacts[] = LABELS.map((l, i) => ({ id: i + 1, ...FACTS[l] }));
const label = (id: number) => LABELS[id - 1]!;

describe('the hand-worked fixture', () => {
  const shares = computeTiers(DEFAULT_MODEL, accounts, AS_OF);
  const thresholds = computeTiers({ ...DEFAULT_MODEL, tierRule: 'thresholds', thresholds: THRESHOLDS }, accounts, AS_OF);

  it.each(LABELS.map((l) => [l]))('account %s: raw values, percentiles, score and tier as worked by hand', (l) => {
    const r = shares.find((x) => label(x.id) === l)!;
    const e = EXPECTED[l];
    expect({
      amount: fromScaled(r.raw.order_amount, 2),
      profit: fromScaled(r.raw.contribution, 2),
      credit: fromScaled(r.raw.credit, 12),
      growth: fromScaled(r.raw.growth, 12),
      below: r.below ? [r.below.order_amount, r.below.contribution, r.below.credit, r.below.growth] : null,
      score: r.score,
      tierShares: r.tier,
      tierThresholds: thresholds.find((x) => x.id === r.id)!.tier,
    }).toEqual(e);
    expect(r.insufficientData).toBe(l === 'K');
    if (e.below) expect(r.pct!.order_amount).toBe(`${e.below[0] * 10}.0000`);
  });

  it('breaks score ties by account id: A before H across the tier-1 line, D before E across tier 2', () => {
    const tier = (l: string) => shares.find((x) => label(x.id) === l)!.tier;
    expect([tier('A'), tier('H'), tier('D'), tier('E')]).toEqual([1, 2, 2, 3]);
    expect(shares.filter((r) => r.tier === 1).length).toBe(1);
  });

  it('Pareto over the fixture revenue and gross profit', () => {
    const rev = pareto(shares.map((r) => [r.id, r.revenue]));
    const gp = pareto(shares.map((r) => [r.id, r.grossProfit]));
    expect({ n: rev.accounts, top: rev.top, revenueTotal: rev.total, revenueTopShare: rev.topShare, profitTotal: gp.total, profitTopShare: gp.topShare }).toEqual(PARETO);
    expect(rev.curve[0]).toEqual({ customers: 0, share: '0.0000' });
    expect(rev.curve[20]).toEqual({ customers: 100, share: '1.0000' });
    // 50 % of 12 = 6 accounts: 1000 + 1000 + 800 + 800 + 500 + 300 = 4400 / 4550 = 0.96703…
    expect(rev.curve[10]).toEqual({ customers: 50, share: '0.9670' });
  });
});

describe('edge cases', () => {
  const one = (facts: Omit<AccountFacts, 'id'>, id = 1): AccountFacts => ({ id, ...facts });
  const order = { date: '2026-03-01', amount: '100.00', cost: '50.00' };

  it('one account: percentile 0, score 0, and the top 5 % rounds up to that one account', () => {
    const [r] = computeTiers(DEFAULT_MODEL, [one({ orders: [order], payments: [] })], AS_OF);
    expect([r!.score, r!.tier, r!.pct]).toEqual(['0.0000', 1, { order_amount: '0.0000', contribution: '0.0000', credit: '0.0000', growth: '0.0000' }]);
    const [t] = computeTiers({ ...DEFAULT_MODEL, tierRule: 'thresholds', thresholds: ['80', '60', '0'] }, [one({ orders: [order], payments: [] })], AS_OF);
    expect(t!.tier).toBe(3);
  });

  it('all zero: every value ties, every score is 0, shares fill tiers by id', () => {
    const zero = { date: '2026-03-01', amount: '0.00', cost: '0.00' };
    const rs = computeTiers(DEFAULT_MODEL, Array.from({ length: 20 }, (_, i) => one({ orders: [zero], payments: [] }, i + 1)), AS_OF);
    expect(rs.every((r) => r.score === '0.0000')).toBe(true);
    // n = 20: tier 1 ≤ ceil(1) = 1, tier 2 ≤ ceil(4) = 4, tier 3 ≤ ceil(10) = 10
    expect(rs.map((r) => r.tier)).toEqual([1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('no accounts with data: all long-tail and flagged', () => {
    const rs = computeTiers(DEFAULT_MODEL, [one({ orders: [], payments: [] }, 1), one({ orders: [], payments: [{ dueDate: '2026-01-01', paidDate: null }] }, 2)], AS_OF);
    expect(rs.map((r) => [r.tier, r.insufficientData, r.score])).toEqual([
      [4, true, null],
      [4, true, null],
    ]);
  });

  it('consolidates a group on its subsidiaries when the model says so (own revenue kept apart)', () => {
    const group = [one({ orders: [order], payments: [] }, 1), { ...one({ orders: [{ ...order, amount: '300.00' }], payments: [] }, 2), parentId: 1 }, { ...one({ orders: [{ ...order, amount: '50.00' }], payments: [] }, 3), parentId: 2 }];
    const plain = computeTiers(DEFAULT_MODEL, group, AS_OF);
    const cons = computeTiers({ ...DEFAULT_MODEL, consolidateGroups: true }, group, AS_OF);
    expect(plain.map((r) => fromScaled(r.raw.order_amount, 2))).toEqual(['100.00', '300.00', '50.00']);
    expect(cons.map((r) => fromScaled(r.raw.order_amount, 2))).toEqual(['450.00', '350.00', '50.00']);
    expect(cons.map((r) => fromScaled(r.revenue, 2))).toEqual(['100.00', '300.00', '50.00']);
  });
});

describe('model validation', () => {
  const m = (over: Partial<ModelParams>): ModelParams => ({ ...DEFAULT_MODEL, ...over });
  it('accepts the default model', () => expect(validateModel(DEFAULT_MODEL)).toEqual([]));
  it('refuses weights that do not sum to exactly 100 %, naming the field and the sum', () => {
    const issues = validateModel(m({ criteria: [{ criterion: 'order_amount', weightBp: 3000 }, { criterion: 'credit', weightBp: 6999 }] }));
    expect(issues).toEqual([{ field: 'criteria', reason: 'weights must sum to exactly 100 %; they sum to 99.99 %', code: 'weights_sum' }]);
    expect(validateModel(m({ criteria: [{ criterion: 'order_amount', weightBp: 10001 }] })).map((i) => i.field)).toEqual(['criteria.0.weight', 'criteria']);
  });
  it('refuses repeated criteria, bad shares, thresholds that do not fall, windows out of range', () => {
    const issues = validateModel(
      m({ criteria: [{ criterion: 'credit', weightBp: 5000 }, { criterion: 'credit', weightBp: 5000 }], sharesBp: [500, 1500, 3000, 4000], thresholds: ['50', '60', '10'], windowMonths: 0 }),
    );
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(['criteria.1.criterion:duplicate', 'windowMonths:out_of_range', 'shares:shares_sum', 'thresholds:order']);
  });
});

describe('windows and migration', () => {
  it('does month arithmetic like PostgreSQL (clamped to the month end)', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(scoringWindow('2026-06-30', 12)).toEqual({ start: '2025-06-30', end: '2026-06-30', prevStart: '2024-06-30' });
  });

  it('builds the 4×4 matrix with new and gone, and the movers', () => {
    const from = new Map<number, TierNo>([[1, 1], [2, 2], [3, 3], [4, 4], [5, 2]]);
    const to = new Map<number, TierNo>([[1, 2], [2, 1], [3, 3], [5, 4], [6, 1], [7, 4]]);
    const mm = migrationMatrix(from, to);
    expect(mm.matrix).toEqual([
      [0, 1, 0, 0],
      [1, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    expect([mm.newIn, mm.goneFrom, mm.stayed]).toEqual([[1, 0, 0, 1], [0, 0, 0, 1], 1]);
    expect(mm.up).toEqual([{ accountId: 2, from: 2, to: 1 }]);
    expect(mm.down).toEqual([{ accountId: 1, from: 1, to: 2 }, { accountId: 5, from: 2, to: 4 }]);
  });
});

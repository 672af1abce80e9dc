// The pipeline board's figures: exact column sums and weighted amounts (the forecast's worked
// example), the exit criteria a move leaves unmet, and the stalled marker.
import { describe, expect, it } from 'vitest';
import { columnOf, columnTotals, criterionLabel, daysInStage, fromCents, isStalled, toCents, unmetForMove } from '../../src/web/pipeline/model.js';

const stages = [
  { stage: 1, exitCriteria: [{ key: 'need_confirmed', label: '需求已确认' }, { key: 'budget_known', label: '预算已知' }] },
  { stage: 2, exitCriteria: [{ key: 'solution_presented', label: '方案已汇报' }] },
  { stage: 3, exitCriteria: [] },
];

describe('board column totals', () => {
  it('sums amounts and weighted amounts exactly, rounding half-up once', () => {
    // 100,000.00 × 30 % + 55,555.55 × 75 % + 1,000.01 × 5 % = 71,716.663 → 71,716.66
    expect(columnTotals([{ amount: '100000.00', probability: 30 }, { amount: '55555.55', probability: 75 }, { amount: '1000.01', probability: 5 }])).toEqual({ count: 3, amount: '156555.56', weighted: '71716.66' });
    expect(columnTotals([{ amount: '0.01', probability: 50 }])).toEqual({ count: 1, amount: '0.01', weighted: '0.01' });
    expect(columnTotals([{ amount: '0.01', probability: 49 }]).weighted).toBe('0.00');
    expect(columnTotals([{ amount: '3000', probability: 110 }]).weighted).toBe('3300.00');
    expect(columnTotals([])).toEqual({ count: 0, amount: '0.00', weighted: '0.00' });
  });
  it('parses and prints cents', () => {
    expect([toCents('1234.5'), toCents('7'), toCents('-0.05'), toCents('x')]).toEqual([123450n, 700n, -5n, 0n]);
    expect([fromCents(123450n), fromCents(-5n), fromCents(99999999999999999999n)]).toEqual(['1234.50', '-0.05', '999999999999999999.99']);
  });
});

describe('exit criteria of a move', () => {
  const opp = { stage: 1, status: 'open', milestones: { '1': ['need_confirmed'] } };
  it('lists the unmet criteria of the stage left and of every stage skipped', () => {
    expect(unmetForMove(stages, opp, 2)).toEqual([{ stage: 1, key: 'budget_known', label: '预算已知' }]);
    expect(unmetForMove(stages, opp, 4).map((c) => `${c.stage}:${c.key}`)).toEqual(['1:budget_known', '2:solution_presented']);
  });
  it('asks nothing of backward moves, closing lost or reopening', () => {
    expect(unmetForMove(stages, { ...opp, stage: 3 }, 2)).toEqual([]);
    expect(unmetForMove(stages, opp, 'lost')).toEqual([]);
    expect(unmetForMove(stages, { ...opp, status: 'lost' }, 3)).toEqual([]);
  });
  it('names a criterion of the history by its label', () => {
    expect([criterionLabel(stages, '2:solution_presented'), criterionLabel(stages, '9:x')]).toEqual(['方案已汇报', '9:x']);
    expect([criterionLabel(stages, '1:budget_known', (c) => `[${c.key}] ${c.label}`), criterionLabel(stages, '1:nope', () => 'never')]).toEqual(['[budget_known] 预算已知', '1:nope']);
  });
});

describe('days in stage and stalled', () => {
  const now = new Date('2026-11-23T06:00:00Z');
  it('counts whole days and marks open deals from 30 days on', () => {
    expect(daysInStage('2026-10-24T06:00:01Z', now)).toBe(29);
    expect(daysInStage('2026-10-24T06:00:00Z', now)).toBe(30);
    expect(isStalled({ status: 'open', stageEnteredAt: '2026-10-24T06:00:00Z' }, now)).toBe(true);
    expect(isStalled({ status: 'won', stageEnteredAt: '2026-01-01T00:00:00Z' }, now)).toBe(false);
    expect(isStalled({ status: 'open', stageEnteredAt: '2026-10-25T00:00:00Z' }, now)).toBe(false);
  });
  it('puts lost deals in the lost column', () => {
    expect([columnOf({ stage: 4, status: 'lost' }), columnOf({ stage: 4, status: 'open' })]).toEqual(['lost', 4]);
  });
});

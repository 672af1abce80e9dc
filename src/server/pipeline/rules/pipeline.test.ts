import { describe, expect, it } from 'vitest';
import { cycleTime, forecast, funnel, quarterOf, stalledBefore, winRate } from './forecast.js';
import { planStageMove, unmetCriteria, type StageDef } from './stages.js';

const STAGES: StageDef[] = [
  { stage: 1, key: 'initiation', probability: 5, won: false, exitCriteria: [{ key: 'need', label: 'n' }, { key: 'budget', label: 'b' }] },
  { stage: 2, key: 'solution', probability: 10, won: false, exitCriteria: [{ key: 'demo', label: 'd' }] },
  { stage: 3, key: 'deep', probability: 30, won: false, exitCriteria: [] },
  { stage: 4, key: 'product', probability: 40, won: false, exitCriteria: [{ key: 'specs', label: 's' }] },
  { stage: 5, key: 'negotiation', probability: 70, won: false, exitCriteria: [] },
  { stage: 6, key: 'signing', probability: 75, won: false, exitCriteria: [{ key: 'signed', label: 's' }] },
  { stage: 7, key: 'execution', probability: 100, won: true, exitCriteria: [] },
  { stage: 8, key: 'service', probability: 110, won: true, exitCriteria: [] },
];
const open = (stage: number, milestones: Record<string, string[]> = {}) => ({ stage, maxStage: stage, status: 'open' as const, milestones });

describe('stage moves', () => {
  it('moves on when the exit criteria of the stage left are met', () => {
    expect(planStageMove(open(1, { 1: ['need', 'budget'] }), { to: 2 }, STAGES)).toEqual({ ok: true, toStage: 2, status: 'open', overridden: false, unmet: [], maxStage: 2 });
  });

  it('refuses a move with unmet criteria, naming them, unless overridden with a reason', () => {
    const refused = planStageMove(open(1, { 1: ['need'] }), { to: 3 }, STAGES);
    expect(refused).toEqual({ ok: false, issues: [{ field: 'to', code: 'criteria_unmet', reason: 'exit criteria not met: 1:budget, 2:demo (give a reason to override)' }] });
    expect(planStageMove(open(1, { 1: ['need'] }), { to: 3, reason: '  ' }, STAGES).ok).toBe(false);
    expect(planStageMove(open(1, { 1: ['need'] }), { to: 3, reason: '客户高层已拍板' }, STAGES)).toEqual({ ok: true, toStage: 3, status: 'open', overridden: true, unmet: ['1:budget', '2:demo'], maxStage: 3 });
  });

  it('wins at contract execution, and moving back is free while open but needs a reason once won', () => {
    expect(planStageMove(open(6, { 6: ['signed'] }), { to: 7 }, STAGES)).toMatchObject({ ok: true, status: 'won', maxStage: 7 });
    expect(planStageMove(open(4), { to: 2 }, STAGES)).toEqual({ ok: true, toStage: 2, status: 'open', overridden: false, unmet: [], maxStage: 4 });
    const won = { stage: 7, maxStage: 7, status: 'won' as const, milestones: {} };
    expect(planStageMove(won, { to: 8 }, STAGES)).toMatchObject({ ok: true, status: 'won', maxStage: 8 });
    expect(planStageMove(won, { to: 5 }, STAGES)).toEqual({ ok: false, issues: [{ field: 'reason', code: 'required', reason: 'moving a won opportunity back needs a reason' }] });
  });

  it('closes lost only with a reason and the winning competitor', () => {
    expect(planStageMove(open(4), { to: 'lost' }, STAGES)).toEqual({
      ok: false,
      issues: [
        { field: 'lostReason', code: 'required', reason: 'closing lost needs the reason' },
        { field: 'winningCompetitor', code: 'required', reason: 'closing lost needs the competitor who won' },
      ],
    });
    expect(planStageMove(open(4), { to: 'lost', lostReason: '价格', winningCompetitor: '华为' }, STAGES)).toEqual({ ok: true, toStage: 4, status: 'lost', overridden: false, unmet: [], maxStage: 4 });
    const lost = { stage: 4, maxStage: 4, status: 'lost' as const, milestones: {} };
    expect(planStageMove(lost, { to: 'lost', lostReason: 'x', winningCompetitor: 'y' }, STAGES)).toMatchObject({ ok: false });
    expect(planStageMove(lost, { to: 4 }, STAGES)).toMatchObject({ ok: false, issues: [{ field: 'reason', code: 'required' }] });
    expect(planStageMove(lost, { to: 4, reason: '客户重启招标' }, STAGES)).toMatchObject({ ok: true, status: 'open', toStage: 4 });
  });

  it('refuses the same stage and unknown stages', () => {
    expect(planStageMove(open(3), { to: 3 }, STAGES)).toMatchObject({ ok: false, issues: [{ code: 'same_stage' }] });
    expect(planStageMove(open(3), { to: 9 }, STAGES)).toMatchObject({ ok: false, issues: [{ code: 'unknown_stage' }] });
    expect(unmetCriteria(STAGES, {}, 4, 8)).toEqual(['4:specs', '6:signed']);
  });
});

describe('forecast, win rate, cycle time and funnel', () => {
  // Hand-worked: 100,000.00 × 30% = 30,000.00; 55,555.55 × 75% = 41,666.6625; 1,000.01 × 5% = 50.0005;
  // 20,000.00 × 110% = 22,000.00 (customer service: further value expected).
  const rows = [
    { amount: '100000.00', probability: 30, closeDate: '2026-12-15', ownerId: 3, tier: 1 },
    { amount: '55555.55', probability: 75, closeDate: '2026-12-31', ownerId: 4, tier: 2 },
    { amount: '1000.01', probability: 5, closeDate: '2027-01-10', ownerId: 3, tier: null },
    { amount: '20000.00', probability: 110, closeDate: null, ownerId: null, tier: 1 },
  ];

  it('weights amounts by probability, exact, rounded half-up once per total', () => {
    const f = forecast(rows);
    // 30,000 + 41,666.6625 + 50.0005 + 22,000 = 93,716.663 → 93,716.66
    expect(f.total).toEqual({ key: 'total', count: 4, amount: '176555.56', weighted: '93716.66' });
    expect(f.byMonth).toEqual([
      { key: '2026-12', count: 2, amount: '155555.55', weighted: '71666.66' }, // 71,666.6625
      { key: '2027-01', count: 1, amount: '1000.01', weighted: '50.00' }, // 50.0005 → 50.00
      { key: 'none', count: 1, amount: '20000.00', weighted: '22000.00' },
    ]);
    expect(f.byQuarter.map((b) => [b.key, b.weighted])).toEqual([['2026-Q4', '71666.66'], ['2027-Q1', '50.00'], ['none', '22000.00']]);
    expect(f.byOwner.map((b) => [b.key, b.weighted])).toEqual([['3', '30050.00'], ['4', '41666.66'], ['none', '22000.00']]); // 30,050.0005
    expect(f.byTier.map((b) => [b.key, b.weighted])).toEqual([['1', '52000.00'], ['2', '41666.66'], ['none', '50.00']]);
  });

  it('splits each month and quarter by owner and by tier, each cell exact and rounded once', () => {
    const f = forecast([...rows, { amount: '0.05', probability: 10, closeDate: '2026-12-01', ownerId: 3, tier: 1 }]);
    // 2026-12 owner 3: 30,000 + 0.005 = 30,000.005 → 30,000.01; 2027-01 owner 3: 50.0005 → 50.00
    expect(f.split.month.owner).toEqual([
      { period: '2026-12', key: '3', count: 2, amount: '100000.05', weighted: '30000.01' },
      { period: '2026-12', key: '4', count: 1, amount: '55555.55', weighted: '41666.66' },
      { period: '2027-01', key: '3', count: 1, amount: '1000.01', weighted: '50.00' },
      { period: 'none', key: 'none', count: 1, amount: '20000.00', weighted: '22000.00' },
    ]);
    expect(f.split.quarter.tier.map((c) => [c.period, c.key, c.weighted])).toEqual([
      ['2026-Q4', '1', '30000.01'],
      ['2026-Q4', '2', '41666.66'],
      ['2027-Q1', 'none', '50.00'],
      ['none', '1', '22000.00'],
    ]);
    expect(f.split.month.tier.map((c) => [c.period, c.key])).toEqual([['2026-12', '1'], ['2026-12', '2'], ['2027-01', 'none'], ['none', '1']]);
    expect(f.split.quarter.owner.map((c) => [c.period, c.key, c.count])).toEqual([['2026-Q4', '3', 2], ['2026-Q4', '4', 1], ['2027-Q1', '3', 1], ['none', 'none', 1]]);
  });

  it('rounds half-up: 0.05 × 10% = 0.005 → 0.01', () => {
    expect(forecast([{ amount: '0.05', probability: 10, closeDate: null, ownerId: null, tier: null }]).total.weighted).toBe('0.01');
    expect(forecast([{ amount: '0.04', probability: 10, closeDate: null, ownerId: null, tier: null }]).total.weighted).toBe('0.00');
    expect(forecast([]).total).toEqual({ key: 'total', count: 0, amount: '0.00', weighted: '0.00' });
  });

  it('computes the win rate over closed deals', () => {
    expect(winRate(4238, 2473)).toEqual({ won: 4238, lost: 2473, rate: 0.6315 });
    expect(winRate(1, 2)).toEqual({ won: 1, lost: 2, rate: 0.3333 });
    expect(winRate(0, 0).rate).toBeNull();
  });

  it('computes the cycle time of won deals (mean to 0.1 day, median)', () => {
    expect(cycleTime([10, 20, 45])).toEqual({ count: 3, meanDays: 25, medianDays: 20 });
    expect(cycleTime([10, 21, 45, 100])).toEqual({ count: 4, meanDays: 44, medianDays: 33 });
    expect(cycleTime([1, 2])).toEqual({ count: 2, meanDays: 1.5, medianDays: 1.5 });
    expect(cycleTime([])).toEqual({ count: 0, meanDays: null, medianDays: null });
  });

  it('builds the stage-to-stage funnel from the furthest stage each opportunity reached', () => {
    // 10 reached only stage 1, 5 stopped at 2, 3 at 4, 2 won (7): reached 1=20, 2=10, 3=5, 4=5, 5..7=2, 8=0
    expect(funnel({ 1: 10, 2: 5, 4: 3, 7: 2 })).toEqual([
      { stage: 1, reached: 20, conversion: 0.5 },
      { stage: 2, reached: 10, conversion: 0.5 },
      { stage: 3, reached: 5, conversion: 1 },
      { stage: 4, reached: 5, conversion: 0.4 },
      { stage: 5, reached: 2, conversion: 1 },
      { stage: 6, reached: 2, conversion: 1 },
      { stage: 7, reached: 2, conversion: 0 },
      { stage: 8, reached: 0, conversion: null },
    ]);
  });

  it('names quarters and the stalled cut-off', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31', null].map(quarterOf)).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4', 'none']);
    expect(stalledBefore(new Date('2026-11-23T00:00:00Z'), 30).toISOString()).toBe('2026-10-24T00:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { managerLoad, programSizeWarning, unmetCriteria, type AccountFacts, type ProgramCriteria } from './program.js';

const DEFAULT: ProgramCriteria = { tiers: [1], minGrossProfit: null, anyClassifications: [] };
const facts = (over: Partial<AccountFacts> = {}): AccountFacts => ({ tier: 1, grossProfit: '1000000.00', classifications: [], lifecycleStatus: 'active', ...over });

describe('key-account criteria', () => {
  it('by default a 重要客户 qualifies and nothing else does', () => {
    expect(unmetCriteria(DEFAULT, facts())).toEqual([]);
    expect(unmetCriteria(DEFAULT, facts({ tier: 2 }))).toEqual(['tier']);
    expect(unmetCriteria(DEFAULT, facts({ tier: null, grossProfit: null }))).toEqual(['tier']);
  });

  it('a minimum gross profit is compared exactly, to the fen', () => {
    const c = { ...DEFAULT, minGrossProfit: '500000.00' };
    expect(unmetCriteria(c, facts({ grossProfit: '500000.00' }))).toEqual([]);
    expect(unmetCriteria(c, facts({ grossProfit: '499999.99' }))).toEqual(['gross_profit']);
    expect(unmetCriteria(c, facts({ grossProfit: '-20.00' }))).toEqual(['gross_profit']);
    expect(unmetCriteria(c, facts({ grossProfit: null }))).toEqual(['gross_profit']);
  });

  it('classifications: any one of those listed', () => {
    const c = { ...DEFAULT, anyClassifications: ['strategic', 'group'] };
    expect(unmetCriteria(c, facts({ classifications: ['economic', 'group'] }))).toEqual([]);
    expect(unmetCriteria(c, facts({ classifications: ['economic'] }))).toEqual(['classification']);
  });

  it('lost and dormant customers never qualify; every unmet criterion is named, in order', () => {
    const c = { tiers: [1, 2], minGrossProfit: '1.00', anyClassifications: ['strategic'] };
    expect(unmetCriteria(c, facts({ tier: 3, grossProfit: '0.00', lifecycleStatus: 'lost' }))).toEqual(['tier', 'gross_profit', 'classification', 'lifecycle']);
    expect(unmetCriteria(DEFAULT, facts({ lifecycleStatus: 'dormant' }))).toEqual(['lifecycle']);
  });

  it('no criteria at all: every live account qualifies', () => {
    expect(unmetCriteria({ tiers: [], minGrossProfit: null, anyClassifications: [] }, facts({ tier: null, grossProfit: null }))).toEqual([]);
  });
});

describe('program size', () => {
  it('warns outside 5–25, inclusive bounds are fine', () => {
    const r = { min: 5, max: 25 };
    expect([4, 5, 25, 26, 0].map((n) => programSizeWarning(n, r))).toEqual(['below', null, null, 'above', 'below']);
  });
});

describe('manager capacity', () => {
  const RATIOS = { 1: 1, 2: 10, 3: 30, 4: 200 };
  it('one key account is a full manager; one more of anything is over', () => {
    expect(managerLoad({ userId: 1, byTier: { 1: 1 } }, RATIOS)).toEqual({ load: 1, over: false });
    expect(managerLoad({ userId: 1, byTier: { 1: 1, 4: 1 } }, RATIOS)).toEqual({ load: 1.005, over: true });
  });
  it('5 major + 15 ordinary = 0.5 + 0.5 = exactly full, not over (no float error)', () => {
    expect(managerLoad({ userId: 1, byTier: { 2: 5, 3: 15 } }, RATIOS)).toEqual({ load: 1, over: false });
  });
  it('ratios that do not divide evenly: 1/3 + 1/3 + 1/3 is exactly full', () => {
    expect(managerLoad({ userId: 1, byTier: { 1: 1, 2: 1, 3: 1 } }, { 1: 3, 2: 3, 3: 3 })).toEqual({ load: 1, over: false });
    expect(managerLoad({ userId: 1, byTier: { 3: 31 } }, RATIOS)).toEqual({ load: 1.033, over: true });
  });
  it('refuses a tier without a ratio', () => {
    expect(() => managerLoad({ userId: 1, byTier: { 5: 1 } }, RATIOS)).toThrow(/tier 5/);
  });
});

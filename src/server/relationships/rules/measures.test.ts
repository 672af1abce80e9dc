import { describe, expect, it } from 'vitest';
import { alertConditions, clearedEvents } from './alerts.js';
import { computeMeasures, DEFAULT_STALE_AFTER_DAYS, fraction, staleAfterDays, type MapPerson } from './measures.js';

const p = (id: number, attitude: MapPerson['attitude'], influence: number, extra: Partial<MapPerson> = {}): MapPerson => ({
  id,
  name: `P${id}`,
  buyingRole: null,
  attitude,
  attitudeKind: null,
  influence,
  lastContactDate: '2026-11-01',
  ...extra,
});

// A hand-worked map of six people (today 2026-11-23, stale after 31 days = tier 2):
//   1 coach 8 · 2 ally 6 · 3 supporter 4 · 4 neutral 5 · 5 neutral/skeptic 3 · 6 opponent 9 (decision maker)
//   Σ influence = 35; support = 8+6+4 = 18 → 18/35 = 0.514285… → 0.5143
//   opposition = 3 (skeptic) + 9 (opponent) = 12 → 12/35 = 0.342857… → 0.3429
const MAP: MapPerson[] = [
  p(1, 'coach', 8, { lastContactDate: '2026-11-20' }),
  p(2, 'ally', 6, { lastContactDate: '2026-10-23' }), // 31 days: not stale (stale is > 31)
  p(3, 'supporter', 4, { lastContactDate: '2026-10-22' }), // 32 days: stale
  p(4, 'neutral', 5, { lastContactDate: null }), // never contacted: stale
  p(5, 'neutral', 3, { attitudeKind: 'skeptic' }),
  p(6, 'opponent', 9, { buyingRole: 'decision_maker', lastContactDate: '2026-08-24' }), // 91 days ago
];

describe('relationship measures', () => {
  it('computes coverage and opposition as exact fractions of influence', () => {
    const m = computeMeasures(MAP, { today: '2026-11-23', staleAfterDays: 31 });
    expect(m.stakeholders).toBe(6);
    expect(m.supportCoverage).toEqual({ numerator: 18, denominator: 35, value: 0.5143 });
    expect(m.opposition).toEqual({ numerator: 12, denominator: 35, value: 0.3429 });
    expect(m.coachPresent).toBe(true);
  });

  it('finds the top decision maker and whether he was contacted in the last 90 days', () => {
    const m = computeMeasures(MAP, { today: '2026-11-23', staleAfterDays: 31 });
    expect(m.decisionMaker).toEqual({ id: 6, name: 'P6', lastContactDate: '2026-08-24', daysSinceContact: 91 });
    expect(m.decisionMakerContacted).toBe(false);
    // One day earlier it is exactly 90 days: contacted.
    expect(computeMeasures(MAP, { today: '2026-11-22', staleAfterDays: 31 }).decisionMakerContacted).toBe(true);
    // Two decision makers: the more influential one; on a tie, the lower id.
    const two = [p(7, 'ally', 9, { buyingRole: 'decision_maker', lastContactDate: '2026-11-01' }), ...MAP];
    expect(computeMeasures(two, { today: '2026-11-23', staleAfterDays: 31 }).decisionMaker?.id).toBe(6);
    const tie = [p(9, 'ally', 9, { buyingRole: 'decision_maker' }), p(8, 'ally', 9, { buyingRole: 'decision_maker' })];
    expect(computeMeasures(tie, { today: '2026-11-23', staleAfterDays: 31 }).decisionMaker?.id).toBe(8);
  });

  it('lists stale relationships by the interval on a fixed date', () => {
    const m = computeMeasures(MAP, { today: '2026-11-23', staleAfterDays: 31 });
    expect(m.staleIds).toEqual([3, 4, 6]);
    // With the default (no tier) of 90 days only the never-contacted and the 91-day ones are stale.
    expect(computeMeasures(MAP, { today: '2026-11-23', staleAfterDays: DEFAULT_STALE_AFTER_DAYS }).staleIds).toEqual([4, 6]);
  });

  it('derives the stale interval from the tier entitlements (⌈365 ÷ visits a year⌉), 90 days otherwise', () => {
    expect([24, 12, 4, 1].map(staleAfterDays)).toEqual([16, 31, 92, 365]);
    expect([0, null, undefined].map(staleAfterDays)).toEqual([90, 90, 90]);
  });

  it('answers an empty map with null fractions and no decision maker', () => {
    const m = computeMeasures([], { today: '2026-11-23', staleAfterDays: 90 });
    expect(m.supportCoverage).toEqual({ numerator: 0, denominator: 0, value: null });
    expect([m.coachPresent, m.decisionMaker, m.decisionMakerContacted, m.staleIds]).toEqual([false, null, false, []]);
    expect(fraction(1, 3).value).toBe(0.3333);
    expect(fraction(2, 3).value).toBe(0.6667);
  });
});

describe('alerts from the measures', () => {
  const today = { today: '2026-11-23', staleAfterDays: 31 };

  it('raises the decision-maker and stale key-person (influence ≥ 7) conditions as states', () => {
    const m = computeMeasures(MAP, today);
    // Key people: 1 (8, contacted) and 6 (9, 91 days); 3 and 4 are stale but not key.
    expect(alertConditions(42, MAP, m, null)).toEqual([
      { kind: 'decision_maker_uncontacted', key: 'decision_maker_uncontacted:42:6', stakeholderId: 6, state: true },
      { kind: 'relationship_stale', key: 'relationship_stale:42:6', stakeholderId: 6, state: true },
    ]);
  });

  it('raises coverage_dropped when coverage falls below the last measure (exact comparison)', () => {
    const m = computeMeasures(MAP, today); // 18/35
    const kinds = (prev: { support_influence: number; total_influence: number; coach_present: boolean }) => alertConditions(1, MAP, m, prev).map((c) => c.kind);
    expect(kinds({ support_influence: 18, total_influence: 35, coach_present: true })).not.toContain('coverage_dropped');
    expect(kinds({ support_influence: 36, total_influence: 70, coach_present: true })).not.toContain('coverage_dropped'); // same fraction
    expect(kinds({ support_influence: 19, total_influence: 35, coach_present: true })).toContain('coverage_dropped');
    expect(kinds({ support_influence: 18, total_influence: 36, coach_present: true })).not.toContain('coverage_dropped'); // 0.5 < 0.514
  });

  it('raises coach_left when the coach is gone, and clears it when a coach is back', () => {
    const noCoach = MAP.map((x) => (x.id === 1 ? { ...x, attitude: 'ally' as const } : x));
    const m = computeMeasures(noCoach, today);
    expect(alertConditions(5, noCoach, m, { support_influence: 18, total_influence: 35, coach_present: true }).map((c) => c.key)).toContain('coach_left:5');
    expect(alertConditions(5, noCoach, m, { support_influence: 18, total_influence: 35, coach_present: false }).map((c) => c.key)).not.toContain('coach_left:5');
    expect(clearedEvents(5, m)).toEqual([]);
    expect(clearedEvents(5, computeMeasures(MAP, today))).toEqual(['coach_left:5']);
  });
});

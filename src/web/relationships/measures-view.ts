// The measures panel's content as data: each measure's value, its sentence (a translation key with
// parameters) and whether it is an alert. Pure (unit-tested); the panel only translates and draws.
import type { Fraction, MeasureRecord, Measures, Stakeholder } from './model.js'; // .js: also type-checked by the server's NodeNext config through test/unit

export type MeasureKey = 'coverage' | 'opposition' | 'coach' | 'decisionMaker' | 'stale';

export interface Sentence {
  key: string;
  params?: Record<string, string | number>;
}

export interface MeasureItem {
  key: MeasureKey;
  /** The headline value ("51.4%", "2 / 7" …); null when the measure is a yes/no sentence. */
  value: string | null;
  /** 0–100 for a bar, when the measure is a share. */
  percent: number | null;
  detail: Sentence;
  /** A second line that explains the alert. */
  warning: Sentence | null;
  alert: boolean;
  /** People the measure points at (the stale ones, the decision maker). */
  people: { id: number; name: string }[];
}

const EMPTY = '—';

/**
 * A share as a percentage with one decimal, rounded half-up on the exact 4-place value the API
 * returns (0.5143 → "51.4%", 0.1235 → "12.4%"); integer arithmetic, so no float surprises.
 */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  const basisPoints = Math.round(value * 10000);
  const tenths = Math.floor((basisPoints + 5) / 10);
  return `${(tenths / 10).toFixed(1)}%`;
}

/** a/b < c/d for non-negative numerators and positive denominators, exactly. */
function lessThan(a: number, b: number, c: number, d: number): boolean {
  return a * d < c * b;
}

/**
 * The last recorded coverage that differs from the current one, when the current is lower: the
 * latest change of coverage was a drop (what the server's coverage_dropped alert reports).
 */
export function coverageDrop(current: Fraction, history: readonly MeasureRecord[]): Fraction | null {
  if (current.denominator <= 0) return null;
  for (const h of history) {
    if (h.totalInfluence <= 0) continue;
    if (h.supportInfluence * current.denominator === current.numerator * h.totalInfluence) continue;
    if (lessThan(current.numerator, current.denominator, h.supportInfluence, h.totalInfluence)) {
      const value = Math.round((h.supportInfluence * 10000) / h.totalInfluence) / 10000;
      return { numerator: h.supportInfluence, denominator: h.totalInfluence, value };
    }
    return null;
  }
  return null;
}

export function measureItems(m: Measures, history: readonly MeasureRecord[], people: readonly Pick<Stakeholder, 'id' | 'name'>[]): MeasureItem[] {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const pct = (f: Fraction) => (f.value === null ? null : Math.round(f.value * 1000) / 10);
  const drop = coverageDrop(m.supportCoverage, history);
  const opposed = m.opposition.numerator > m.supportCoverage.numerator;

  const dm = m.decisionMaker;
  let dmDetail: Sentence;
  if (!dm) dmDetail = { key: 'dmNone' };
  else if (dm.daysSinceContact === null) dmDetail = { key: 'dmNever', params: { name: dm.name } };
  else if (m.decisionMakerContacted) dmDetail = { key: 'dmContacted', params: { name: dm.name, days: dm.daysSinceContact } };
  else dmDetail = { key: 'dmNotContacted', params: { name: dm.name, days: dm.daysSinceContact } };

  const stale = m.staleIds.map((id) => ({ id, name: names.get(id) ?? `#${id}` }));
  return [
    {
      key: 'coverage',
      value: formatPercent(m.supportCoverage.value),
      percent: pct(m.supportCoverage),
      detail: { key: 'coverageDetail', params: { num: m.supportCoverage.numerator, den: m.supportCoverage.denominator } },
      warning: drop ? { key: 'coverageDropped', params: { previous: formatPercent(drop.value) } } : null,
      alert: drop !== null,
      people: [],
    },
    {
      key: 'opposition',
      value: formatPercent(m.opposition.value),
      percent: pct(m.opposition),
      detail: { key: 'oppositionDetail', params: { num: m.opposition.numerator, den: m.opposition.denominator } },
      warning: opposed ? { key: 'oppositionHigh' } : null,
      alert: opposed,
      people: [],
    },
    {
      key: 'coach',
      value: null,
      percent: null,
      detail: { key: m.coachPresent ? 'coachYes' : 'coachNo' },
      warning: null,
      alert: !m.coachPresent && m.stakeholders > 0,
      people: [],
    },
    {
      key: 'decisionMaker',
      value: null,
      percent: null,
      detail: dmDetail,
      warning: null,
      alert: m.stakeholders > 0 && !m.decisionMakerContacted,
      people: dm ? [{ id: dm.id, name: dm.name }] : [],
    },
    {
      key: 'stale',
      value: `${stale.length} / ${m.stakeholders}`,
      percent: null,
      detail: stale.length ? { key: 'staleSome', params: { count: stale.length, days: m.staleAfterDays } } : { key: 'staleNone', params: { days: m.staleAfterDays } },
      warning: null,
      alert: stale.length > 0,
      people: stale,
    },
  ];
}

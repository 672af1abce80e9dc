// Pipeline figures (SPEC C5): weighted forecast, win rate, cycle time, funnel and stalled deals.
// Money is exact: amounts in cents as BigInt; weighted = Σ amount × probability ÷ 100, summed
// exactly and rounded half-up to 0.01 once per total. Formulas in docs/PIPELINE.md.
import { fromScaled, toScaled } from '../../tiering/rules/exact.js';
import { STAGE_COUNT } from './stages.js';

export interface ForecastRow {
  /** The amount (or a sum of amounts) as a decimal string with at most 2 decimals. */
  amount: string;
  /** Percent (stage probability or the opportunity's own), 0–200. */
  probability: number;
  /** Expected close date YYYY-MM-DD, or null. */
  closeDate: string | null;
  ownerId: number | null;
  tier: number | null;
  /** How many opportunities the row stands for (1 for one opportunity). */
  count?: number;
}

export interface ForecastBucket {
  key: string;
  count: number;
  amount: string;
  weighted: string;
}

/** One period's share of one owner or tier (the stacks of the forecast chart). */
export interface ForecastCell extends ForecastBucket {
  period: string;
}

export interface Forecast {
  total: ForecastBucket;
  byMonth: ForecastBucket[];
  byQuarter: ForecastBucket[];
  byOwner: ForecastBucket[];
  byTier: ForecastBucket[];
  /** Month and quarter split by owner and by tier, each cell exact and rounded once. */
  split: { month: { owner: ForecastCell[]; tier: ForecastCell[] }; quarter: { owner: ForecastCell[]; tier: ForecastCell[] } };
}

interface Acc {
  count: number;
  cents: bigint;
  /** Σ cents × percent (= weighted in units of 0.0001). */
  weighted: bigint;
}

/** x / 100 rounded half away from zero (x ≥ 0 here). */
const per100 = (x: bigint) => (x * 2n + 100n) / 200n;

function bucket(key: string, a: Acc): ForecastBucket {
  return { key, count: a.count, amount: fromScaled(a.cents, 2), weighted: fromScaled(per100(a.weighted), 2) };
}

export const monthOf = (date: string | null) => (date ? date.slice(0, 7) : 'none');
export function quarterOf(date: string | null): string {
  if (!date) return 'none';
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

const SEP = '|';
/** Keys in natural order, `none` last. */
const byKey = (a: string, b: string) => (a === b ? 0 : a === 'none' ? 1 : b === 'none' ? -1 : a.localeCompare(b, 'en', { numeric: true }));

export function forecast(rows: readonly ForecastRow[]): Forecast {
  const total: Acc = { count: 0, cents: 0n, weighted: 0n };
  const maps = { month: new Map<string, Acc>(), quarter: new Map<string, Acc>(), owner: new Map<string, Acc>(), tier: new Map<string, Acc>() };
  // Cells keyed by period + SEP + owner / tier; SEP never occurs in either.
  const cells = { monthOwner: new Map<string, Acc>(), monthTier: new Map<string, Acc>(), quarterOwner: new Map<string, Acc>(), quarterTier: new Map<string, Acc>() };
  const add = (m: Map<string, Acc>, key: string, n: number, cents: bigint, w: bigint) => {
    const a = m.get(key) ?? { count: 0, cents: 0n, weighted: 0n };
    a.count += n;
    a.cents += cents;
    a.weighted += w;
    m.set(key, a);
  };
  for (const r of rows) {
    const n = r.count ?? 1;
    const cents = toScaled(r.amount, 2);
    const w = cents * BigInt(r.probability);
    total.count += n;
    total.cents += cents;
    total.weighted += w;
    const month = monthOf(r.closeDate);
    const quarter = quarterOf(r.closeDate);
    const owner = r.ownerId === null ? 'none' : String(r.ownerId);
    const tier = r.tier === null ? 'none' : String(r.tier);
    add(maps.month, month, n, cents, w);
    add(maps.quarter, quarter, n, cents, w);
    add(maps.owner, owner, n, cents, w);
    add(maps.tier, tier, n, cents, w);
    add(cells.monthOwner, month + SEP + owner, n, cents, w);
    add(cells.monthTier, month + SEP + tier, n, cents, w);
    add(cells.quarterOwner, quarter + SEP + owner, n, cents, w);
    add(cells.quarterTier, quarter + SEP + tier, n, cents, w);
  }
  const sorted = (m: Map<string, Acc>) => [...m.entries()].sort(([a], [b]) => byKey(a, b)).map(([k, a]) => bucket(k, a));
  const split = (m: Map<string, Acc>): ForecastCell[] =>
    [...m.entries()]
      .map(([k, a]) => {
        const [period = '', key = ''] = k.split(SEP);
        return { period, ...bucket(key, a) };
      })
      .sort((a, b) => byKey(a.period, b.period) || byKey(a.key, b.key));
  return {
    total: bucket('total', total),
    byMonth: sorted(maps.month),
    byQuarter: sorted(maps.quarter),
    byOwner: sorted(maps.owner),
    byTier: sorted(maps.tier),
    split: { month: { owner: split(cells.monthOwner), tier: split(cells.monthTier) }, quarter: { owner: split(cells.quarterOwner), tier: split(cells.quarterTier) } },
  };
}

export interface WinRate {
  won: number;
  lost: number;
  /** won ÷ (won + lost), rounded half-up to 4 decimals; null when nothing is closed. */
  rate: number | null;
}

export function winRate(won: number, lost: number): WinRate {
  const closed = won + lost;
  return { won, lost, rate: closed === 0 ? null : Math.round((won * 10000) / closed) / 10000 };
}

export interface CycleTime {
  count: number;
  /** Mean days from opened to closed, to 0.1 day; null without won deals. */
  meanDays: number | null;
  medianDays: number | null;
}

/** Cycle time of won deals: closed_on − opened_on in days. */
export function cycleTime(days: readonly number[]): CycleTime {
  if (days.length === 0) return { count: 0, meanDays: null, medianDays: null };
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const sum = sorted.reduce((s, d) => s + d, 0);
  return { count: sorted.length, meanDays: Math.round((sum * 10) / sorted.length) / 10, medianDays: median };
}

export interface FunnelStep {
  stage: number;
  /** Opportunities that reached this stage (their furthest stage is this one or later). */
  reached: number;
  /** reached(next) ÷ reached(this), to 4 decimals; null for the last stage or when none reached it. */
  conversion: number | null;
}

/** The stage-to-stage funnel from how many opportunities have each furthest stage (max_stage). */
export function funnel(countsByMaxStage: Readonly<Record<number, number>>, stages = STAGE_COUNT): FunnelStep[] {
  const reached: number[] = [];
  let running = 0;
  for (let s = stages; s >= 1; s--) {
    running += countsByMaxStage[s] ?? 0;
    reached[s] = running;
  }
  const out: FunnelStep[] = [];
  for (let s = 1; s <= stages; s++) {
    const here = reached[s]!;
    const next = s < stages ? reached[s + 1]! : null;
    out.push({ stage: s, reached: here, conversion: next === null || here === 0 ? null : Math.round((next * 10000) / here) / 10000 });
  }
  return out;
}

/** The instant before which a stage entry means a stalled deal (no stage change in `days` days). */
export function stalledBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

// Pareto (SPEC C2): the share of revenue (and of gross profit) from the top 20 % of customers,
// and the curve. Customers are ordered by the figure descending, then by account id; the top p %
// are the first ceil(n × p ÷ 100). A share is the top's sum ÷ the total, rounded half away from
// zero to 4 decimals (0–1); null when the total is not positive (no meaningful share). Negative
// figures (net returns) stay in: they sit at the bottom and lower the total.
import { ceilDiv, divRound, fromScaled } from './exact.js';

export interface ParetoPoint {
  /** Percent of customers (0–100). */
  customers: number;
  /** Cumulative share of the total (0–1, 4 decimals), null when the total is not positive. */
  share: string | null;
}

export interface ParetoFigure {
  /** Accounts counted. */
  accounts: number;
  /** Accounts in the top 20 %. */
  top: number;
  total: string;
  topSum: string;
  topShare: string | null;
  curve: ParetoPoint[];
}

export const TOP_PERCENT = 20;
export const CURVE_STEP = 5;

/** The counts k whose cumulative sums the figure needs, for n accounts. */
export function paretoCounts(n: number): number[] {
  const ks = new Set<number>([ceilDiv(n * TOP_PERCENT, 100)]);
  for (let p = 0; p <= 100; p += CURVE_STEP) ks.add(ceilDiv(n * p, 100));
  return [...ks].sort((a, b) => a - b);
}

/** From n, the total and the cumulative sum of the top k (scale 2) for each k of paretoCounts(n). */
export function paretoFromSums(n: number, total: bigint, cumAt: (k: number) => bigint): ParetoFigure {
  const cum = (k: number) => (k === 0 ? 0n : cumAt(k));
  const share = (k: number) => (total > 0n ? fromScaled(divRound(cum(k), total, 4), 4) : null);
  const top = ceilDiv(n * TOP_PERCENT, 100);
  const curve: ParetoPoint[] = [];
  for (let p = 0; p <= 100; p += CURVE_STEP) curve.push({ customers: p, share: share(ceilDiv(n * p, 100)) });
  return { accounts: n, top, total: fromScaled(total, 2), topSum: fromScaled(cum(top), 2), topShare: share(top), curve };
}

/** The reference: values [account id, figure at scale 2]. */
export function pareto(values: [number, bigint][]): ParetoFigure {
  const sorted = [...values].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] - b[0]));
  const cum: bigint[] = [0n];
  for (const [, v] of sorted) cum.push(cum[cum.length - 1]! + v);
  return paretoFromSums(sorted.length, cum[sorted.length]!, (k) => cum[k]!);
}

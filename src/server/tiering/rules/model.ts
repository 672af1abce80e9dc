// The vocabulary of tiering (SPEC C2): criteria, tiers, the default model, and the validation of
// a model's parameters. Pure: no database, no clock.
import type { FieldIssue } from '../../shared/errors.js';

/** Quantitative criteria come from orders and payments; the others are 0–5 ratings by the account manager. */
export const QUANTITATIVE = ['order_amount', 'contribution', 'credit', 'growth'] as const;
export const QUALITATIVE = ['relationship', 'need_diversity', 'strategic_value'] as const;
export const CRITERIA = [...QUANTITATIVE, ...QUALITATIVE] as const;
export type Criterion = (typeof CRITERIA)[number];
/** What an account manager may rate 0–5: the qualitative criteria, and growth (used where history is short). */
export const RATED = ['growth', ...QUALITATIVE] as const;
export type RatedCriterion = (typeof RATED)[number];

/** Tiers 1 … 4, top to bottom; the API names them by these keys. */
export const TIER_KEYS = ['key', 'major', 'ordinary', 'longTail'] as const;
export type TierKey = (typeof TIER_KEYS)[number];
export type TierNo = 1 | 2 | 3 | 4;
export const tierKey = (n: number): TierKey => TIER_KEYS[n - 1]!;
export const tierNo = (k: TierKey): TierNo => (TIER_KEYS.indexOf(k) + 1) as TierNo;
export const DEFAULT_TIER_NAMES = ['重要客户', '主要客户', '普通客户', '长尾客户'] as const;

/** API names of criteria (camelCase) ↔ stored names. */
export const CRITERION_API: Record<Criterion, string> = {
  order_amount: 'orderAmount',
  contribution: 'contribution',
  credit: 'credit',
  growth: 'growth',
  relationship: 'relationship',
  need_diversity: 'needDiversity',
  strategic_value: 'strategicValue',
};
export const criterionFromApi = (name: string): Criterion | undefined =>
  (Object.entries(CRITERION_API) as [Criterion, string][]).find(([, api]) => api === name)?.[0];

export const FULL_BP = 10_000;

export interface WeightedCriterion {
  criterion: Criterion;
  /** Basis points: 10000 = 100 %. */
  weightBp: number;
}

export interface ModelParams {
  criteria: WeightedCriterion[];
  windowMonths: number;
  tierRule: 'shares' | 'thresholds';
  /** Population shares of tiers 1–4 in basis points, summing to 10000. */
  sharesBp: [number, number, number, number];
  /** Lowest score (0–100, two decimals) of tiers 1, 2, 3, strictly descending. */
  thresholds: [string, string, string];
  consolidateGroups: boolean;
}

export const DEFAULT_MODEL: ModelParams = {
  criteria: [
    { criterion: 'order_amount', weightBp: 3000 },
    { criterion: 'contribution', weightBp: 3000 },
    { criterion: 'credit', weightBp: 2000 },
    { criterion: 'growth', weightBp: 2000 },
  ],
  windowMonths: 12,
  tierRule: 'shares',
  sharesBp: [500, 1500, 3000, 5000],
  thresholds: ['80', '60', '30'],
  consolidateGroups: false,
};

/** Percent with up to two decimals ("30", "12.5") → basis points; undefined if not such a number. */
export function percentToBp(p: string | number): number | undefined {
  const s = String(p).trim();
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= FULL_BP ? bp : undefined;
}
export const bpToPercent = (bp: number) => {
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
};

/** Threshold as hundredths of a score point, for exact comparison. */
export function thresholdCents(t: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(t.trim());
  if (!m) throw new Error(`not a threshold: ${t}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * Every issue with a model's parameters, each naming its field: weights must sum to exactly
 * 100 % (10000 bp), criteria may not repeat, shares must sum to 100 %, thresholds must fall
 * strictly from tier 1 to tier 3 within 0–100.
 */
export function validateModel(m: ModelParams): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (m.criteria.length === 0) issues.push({ field: 'criteria', reason: 'needs at least one criterion', code: 'required' });
  const seen = new Set<string>();
  m.criteria.forEach((c, i) => {
    if (!(CRITERIA as readonly string[]).includes(c.criterion)) issues.push({ field: `criteria.${i}.criterion`, reason: `must be one of ${CRITERIA.map((k) => CRITERION_API[k]).join(', ')}`, code: 'invalid' });
    if (seen.has(c.criterion)) issues.push({ field: `criteria.${i}.criterion`, reason: `${CRITERION_API[c.criterion] ?? c.criterion} appears twice`, code: 'duplicate' });
    seen.add(c.criterion);
    if (!Number.isInteger(c.weightBp) || c.weightBp < 0 || c.weightBp > FULL_BP) issues.push({ field: `criteria.${i}.weight`, reason: 'must be a percentage from 0 to 100 with at most two decimals', code: 'invalid' });
  });
  const total = m.criteria.reduce((s, c) => s + c.weightBp, 0);
  if (m.criteria.length > 0 && total !== FULL_BP) {
    issues.push({ field: 'criteria', reason: `weights must sum to exactly 100 %; they sum to ${bpToPercent(total)} %`, code: 'weights_sum' });
  }
  if (!Number.isInteger(m.windowMonths) || m.windowMonths < 1 || m.windowMonths > 120) issues.push({ field: 'windowMonths', reason: 'must be a whole number of months from 1 to 120', code: 'out_of_range' });
  const shares = m.sharesBp.reduce((s, v) => s + v, 0);
  if (m.sharesBp.some((v) => !Number.isInteger(v) || v < 0)) issues.push({ field: 'shares', reason: 'must be percentages from 0 to 100', code: 'invalid' });
  else if (shares !== FULL_BP) issues.push({ field: 'shares', reason: `tier shares must sum to exactly 100 %; they sum to ${bpToPercent(shares)} %`, code: 'shares_sum' });
  const t = m.thresholds.map((x) => (/^\d{1,3}(\.\d{1,2})?$/.test(x.trim()) ? thresholdCents(x) : NaN));
  if (t.some((x) => Number.isNaN(x) || x > 10_000)) issues.push({ field: 'thresholds', reason: 'must be three scores from 0 to 100 with at most two decimals', code: 'invalid' });
  else if (!(t[0]! > t[1]! && t[1]! > t[2]!)) issues.push({ field: 'thresholds', reason: 'must fall strictly: tier 1 above tier 2 above tier 3', code: 'order' });
  return issues;
}

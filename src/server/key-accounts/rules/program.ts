// The key-account program's rules (SPEC C3), pure: whether an account meets the written
// criteria, whether the program's size is inside its range, and each manager's load against
// the tiers' accounts-per-manager ratios (分级服务: 1:1 for key accounts … 1:200 for the long tail).
// The SQL of ../repository.ts selects candidates with the same criteria; tests check both agree.
import { compare, dec } from '../../orders/rules/money.js';

export interface ProgramCriteria {
  /** Tier numbers that qualify (1 = 重要客户 … 4 = 长尾客户); empty: any tier. */
  tiers: readonly number[];
  /** Minimum gross profit in the tiering window, as a decimal string; null: no minimum. */
  minGrossProfit: string | null;
  /** The account must carry at least one of these classifications; empty: no requirement. */
  anyClassifications: readonly string[];
}

export interface AccountFacts {
  /** The effective tier: a director's override, else the last recompute's; null: never scored. */
  tier: number | null;
  /** Gross profit in the last recompute's window; null: never scored. */
  grossProfit: string | null;
  classifications: readonly string[];
  lifecycleStatus: string;
}

export type UnmetCriterion = 'tier' | 'gross_profit' | 'classification' | 'lifecycle';

/** The criteria the account does not meet, in a fixed order; empty means it qualifies. */
export function unmetCriteria(c: ProgramCriteria, a: AccountFacts): UnmetCriterion[] {
  const unmet: UnmetCriterion[] = [];
  if (c.tiers.length > 0 && (a.tier === null || !c.tiers.includes(a.tier))) unmet.push('tier');
  if (c.minGrossProfit !== null && (a.grossProfit === null || compare(dec(a.grossProfit), dec(c.minGrossProfit)) < 0)) unmet.push('gross_profit');
  if (c.anyClassifications.length > 0 && !a.classifications.some((x) => c.anyClassifications.includes(x))) unmet.push('classification');
  // A lost or dormant customer is no key account, whatever its history says.
  if (a.lifecycleStatus === 'lost' || a.lifecycleStatus === 'dormant') unmet.push('lifecycle');
  return unmet;
}

export type SizeWarning = 'below' | 'above' | null;

/** Outside the configured range (5–25 by default, the seeds' rule of thumb) → a warning, never a refusal. */
export function programSizeWarning(size: number, range: { min: number; max: number }): SizeWarning {
  if (size < range.min) return 'below';
  if (size > range.max) return 'above';
  return null;
}

export interface ManagerAccounts {
  userId: number;
  /** Accounts the manager owns, per effective tier (1–4); unscored accounts count as long-tail. */
  byTier: Readonly<Record<number, number>>;
}

/**
 * A manager's load: Σ over tiers of (accounts in the tier ÷ the tier's accounts per manager).
 * 1.0 is a full manager: one key account at 1:1, or 30 ordinary ones at 1:30, or half of each.
 * Rounded to 3 decimals for display; `over` compares exactly (scaled integers).
 */
export function managerLoad(m: ManagerAccounts, accountsPerManager: Readonly<Record<number, number>>): { load: number; over: boolean } {
  // Exact: Σ n_t / r_t > 1  ⇔  Σ n_t · (L / r_t) > L with L the product of the ratios.
  const tiers = Object.keys(m.byTier).map(Number);
  const ratios = tiers.map((t) => {
    const r = accountsPerManager[t];
    if (r === undefined || r <= 0) throw new Error(`no accounts-per-manager ratio for tier ${t}`);
    return r;
  });
  const l = ratios.reduce((p, r) => p * BigInt(r), 1n);
  const scaled = tiers.reduce((s, t, i) => s + BigInt(m.byTier[t] ?? 0) * (l / BigInt(ratios[i]!)), 0n);
  const load = tiers.reduce((s, t, i) => s + (m.byTier[t] ?? 0) / ratios[i]!, 0);
  return { load: Math.round(load * 1000) / 1000, over: scaled > l };
}

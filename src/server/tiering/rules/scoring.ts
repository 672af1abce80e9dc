// The reference computation of tiers (SPEC C2), written for clarity and exactness, not speed.
// The recompute runs the same definitions as set-based SQL (tiering/scoring-sql.ts) and the tests
// assert both give the same numbers. Definitions (docs/TIERING.md):
//
// Raw values over the window (start, asOf] (consolidated over descendants when the model says so):
//   order_amount  Σ order amount (negative lines / credit notes count negative)
//   contribution  Σ (amount − cost) over orders with a cost (an order without a cost adds 0)
//   credit        Σ_p max(0, 90 − late_p) ÷ (90 × n) over the n payments due in the window, where
//                 late_p = max(0, min(paid or asOf, asOf) − due) days; 1 when nothing fell due.
//                 Rounded to 12 decimals.
//   growth        A0 = order amount of the previous window (prevStart, start]. A0 > 0:
//                 clip((A1 − A0) ÷ A0, −1, 1); otherwise (short history) the manager's growth
//                 rating r: (2r − 5) ÷ 5 (0 → −1, 5 → +1); no rating: 0. Rounded to 12 decimals.
//   qualitative   the manager's rating 0–5; none: 0.
// Insufficient data: no order in the window and no rating at all → long-tail, flagged, unscored.
// Normalisation over the n scored accounts: rank_c = 1 + #{scored accounts with a smaller value};
//   equal values share a rank (the account id never changes a normalised value);
//   percentile = 100 × (rank − 1) ÷ (n − 1) (0 when n = 1).
// Score = Σ weight × percentile = S ÷ (100 × max(n − 1, 1)) with the exact integer
//   S = Σ weight_bp × (rank − 1); shown rounded to 4 decimals, compared exactly via S.
// Tiers by shares: scored accounts ordered by S descending, then account id ascending (ties broken
//   by id); position p goes to the first tier t with p ≤ ceil(n × cumulative share_t).
// Tiers by thresholds: the first tier t whose threshold ≤ score (exactly), else long-tail.
import { ceilDiv, divRound, toScaled } from './exact.js';
import { thresholdCents, type Criterion, type ModelParams, type RatedCriterion, type TierNo } from './model.js';
import { daysFrom, scoringWindow } from './window.js';

export const RATIO_SCALE = 12;
export const CREDIT_GRACE_DAYS = 90;

export interface OrderFact {
  date: string;
  amount: string;
  cost: string | null;
}
export interface PaymentFact {
  dueDate: string;
  paidDate: string | null;
}
export interface AccountFacts {
  id: number;
  parentId?: number | null;
  orders: OrderFact[];
  payments: PaymentFact[];
  ratings?: Partial<Record<RatedCriterion, number>>;
}

export interface AccountTier {
  id: number;
  insufficientData: boolean;
  /** Raw values as scaled integers: amounts at scale 2, ratios at scale 12, ratings at scale 0. */
  raw: Record<Criterion, bigint>;
  /** rank − 1 per criterion of the model (null when unscored). */
  below: Partial<Record<Criterion, number>> | null;
  /** Exact score numerator S (null when unscored). */
  scoreNumerator: number | null;
  /** Score 0–100 rounded to 4 decimals, as a decimal string (null when unscored). */
  score: string | null;
  /** Percentile 0–100 per criterion, rounded to 4 decimals. */
  pct: Partial<Record<Criterion, string>> | null;
  tier: TierNo;
  /** The account's own window revenue and gross profit (never consolidated), scale 2. */
  revenue: bigint;
  grossProfit: bigint;
}

export const SCALE_OF: Record<Criterion, number> = {
  order_amount: 2,
  contribution: 2,
  credit: RATIO_SCALE,
  growth: RATIO_SCALE,
  relationship: 0,
  need_diversity: 0,
  strategic_value: 0,
};

function inWindow(date: string, after: string, upTo: string) {
  return date > after && date <= upTo;
}

/** Raw values of one account (facts already consolidated by the caller if needed). */
export function rawValues(facts: { orders: OrderFact[]; payments: PaymentFact[]; ratings: Partial<Record<RatedCriterion, number>> }, asOf: string, windowMonths: number) {
  const w = scoringWindow(asOf, windowMonths);
  let a1 = 0n;
  let gp = 0n;
  let a0 = 0n;
  let ordersInWindow = 0;
  for (const o of facts.orders) {
    if (inWindow(o.date, w.start, w.end)) {
      ordersInWindow++;
      a1 += toScaled(o.amount, 2);
      if (o.cost !== null) gp += toScaled(o.amount, 2) - toScaled(o.cost, 2);
    } else if (inWindow(o.date, w.prevStart, w.start)) {
      a0 += toScaled(o.amount, 2);
    }
  }
  let due = 0;
  let points = 0;
  for (const p of facts.payments) {
    if (!inWindow(p.dueDate, w.start, w.end)) continue;
    due++;
    const settled = p.paidDate !== null && p.paidDate < asOf ? p.paidDate : asOf;
    const late = Math.max(0, daysFrom(p.dueDate, settled));
    points += Math.max(0, CREDIT_GRACE_DAYS - late);
  }
  const credit = due === 0 ? 10n ** BigInt(RATIO_SCALE) : divRound(BigInt(points), BigInt(CREDIT_GRACE_DAYS * due), RATIO_SCALE);
  let growth: bigint;
  const r = facts.ratings;
  if (a0 > 0n) {
    const diff = a1 - a0;
    const clipped = diff > a0 ? a0 : diff < -a0 ? -a0 : diff;
    growth = divRound(clipped, a0, RATIO_SCALE);
  } else if (r.growth !== undefined) {
    growth = divRound(BigInt(2 * r.growth - 5), 5n, RATIO_SCALE);
  } else {
    growth = 0n;
  }
  const raw: Record<Criterion, bigint> = {
    order_amount: a1,
    contribution: gp,
    credit,
    growth,
    relationship: BigInt(r.relationship ?? 0),
    need_diversity: BigInt(r.need_diversity ?? 0),
    strategic_value: BigInt(r.strategic_value ?? 0),
  };
  const hasRating = Object.values(r).some((v) => v !== undefined);
  return { raw, ordersInWindow, insufficient: ordersInWindow === 0 && !hasRating, revenue: a1, grossProfit: gp };
}

/** The accounts whose figures count for `id`: itself, and with consolidation its descendants. */
function members(accounts: AccountFacts[], consolidate: boolean): Map<number, AccountFacts[]> {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const children = new Map<number, number[]>();
  for (const a of accounts) if (a.parentId != null) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const out = new Map<number, AccountFacts[]>();
  for (const a of accounts) {
    if (!consolidate) {
      out.set(a.id, [a]);
      continue;
    }
    const list: AccountFacts[] = [];
    const stack = [a.id];
    const seen = new Set<number>();
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      list.push(byId.get(id)!);
      stack.push(...(children.get(id) ?? []));
    }
    out.set(a.id, list);
  }
  return out;
}

export function computeTiers(model: ModelParams, accounts: AccountFacts[], asOf: string): AccountTier[] {
  const groups = members(accounts, model.consolidateGroups);
  const rows = accounts.map((a) => {
    const own = rawValues({ orders: a.orders, payments: a.payments, ratings: a.ratings ?? {} }, asOf, model.windowMonths);
    const g = groups.get(a.id)!;
    const v = g.length === 1 ? own : rawValues({ orders: g.flatMap((m) => m.orders), payments: g.flatMap((m) => m.payments), ratings: a.ratings ?? {} }, asOf, model.windowMonths);
    return { id: a.id, raw: v.raw, insufficient: v.insufficient, revenue: own.revenue, grossProfit: own.grossProfit };
  });
  const scored = rows.filter((r) => !r.insufficient);
  const n = scored.length;
  const denom = Math.max(n - 1, 1);
  const below = new Map<number, Partial<Record<Criterion, number>>>();
  for (const r of scored) below.set(r.id, {});
  for (const { criterion } of model.criteria) {
    const values = scored.map((r) => r.raw[criterion]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const r of scored) {
      // #values strictly smaller (binary search for the first index ≥ the value)
      let lo = 0;
      let hi = values.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (values[mid]! < r.raw[criterion]) lo = mid + 1;
        else hi = mid;
      }
      below.get(r.id)![criterion] = lo;
    }
  }
  const numerator = new Map<number, number>();
  for (const r of scored) numerator.set(r.id, model.criteria.reduce((s, c) => s + c.weightBp * below.get(r.id)![c.criterion]!, 0));

  const tierOf = new Map<number, TierNo>();
  if (model.tierRule === 'shares') {
    const order = [...scored].sort((a, b) => numerator.get(b.id)! - numerator.get(a.id)! || a.id - b.id);
    const cum: number[] = [];
    let acc = 0;
    for (const s of model.sharesBp.slice(0, 3)) {
      acc += s;
      cum.push(ceilDiv(n * acc, 10_000));
    }
    order.forEach((r, i) => {
      const p = i + 1;
      tierOf.set(r.id, p <= cum[0]! ? 1 : p <= cum[1]! ? 2 : p <= cum[2]! ? 3 : 4);
    });
  } else {
    const t = model.thresholds.map(thresholdCents);
    for (const r of scored) {
      const s = numerator.get(r.id)!; // score = s / (100 × denom); score ≥ t/100 ⇔ s ≥ denom × t
      tierOf.set(r.id, s >= denom * t[0]! ? 1 : s >= denom * t[1]! ? 2 : s >= denom * t[2]! ? 3 : 4);
    }
  }

  return rows.map((r) => {
    if (r.insufficient) {
      return { id: r.id, insufficientData: true, raw: r.raw, below: null, scoreNumerator: null, score: null, pct: null, tier: 4, revenue: r.revenue, grossProfit: r.grossProfit };
    }
    const b = below.get(r.id)!;
    const s = numerator.get(r.id)!;
    const pct: Partial<Record<Criterion, string>> = {};
    for (const { criterion } of model.criteria) pct[criterion] = fmt4(divRound(BigInt(100 * b[criterion]!), BigInt(denom), 4));
    return {
      id: r.id,
      insufficientData: false,
      raw: r.raw,
      below: b,
      scoreNumerator: s,
      score: n <= 1 ? '0.0000' : fmt4(divRound(BigInt(s), BigInt(100 * denom), 4)),
      pct,
      tier: tierOf.get(r.id)!,
      revenue: r.revenue,
      grossProfit: r.grossProfit,
    };
  });
}

function fmt4(v: bigint): string {
  const s = v.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

// Receivables aging (应收账款账龄) as of a given date — the date is always passed in, never read
// from a clock, so a report "as of 2025-12-31" is the same whenever it is run.
//
// Semantics (also in docs/ORDERS.md):
// - A payment row is a receivable: `amount` due on `due_date`, settled on `paid_date`.
// - It is OPEN as of D when it is unpaid (paid_date null) or was paid after D (paid_date > D):
//   looking back, a payment settled later was still owed on D. Paid on or before D → settled,
//   in no bucket. So a payment paid late sits, for each D between its due date and its payment,
//   in the bucket of its lateness on D, and leaves the buckets from its payment date on.
// - A receivable raised after D (its order is dated after D) is not one yet on D: left out.
// - Days overdue on D = D − due_date. ≤ 0 → "not due" (due today is not overdue yet);
//   1–30, 31–60, 61–90, and over 90 (91+) days → the overdue buckets.
// - Amounts keep their sign: a credit note or refund owed to the customer (negative) reduces
//   its bucket's total and still counts as one item.
// - Settled late ("paid late"): paid_date > due_date; its lateness is paid_date − due_date days.
//   The receivables report adds, as a credit signal, the payments settled late in the 365 days
//   up to D (paid_date in (D − 365, D]).
import { add, dec, money, ZERO, type Dec } from './money.js';
import { daysBetween } from './dates.js';

export type AgingBucketKey = 'notDue' | '1-30' | '31-60' | '61-90' | '90+';

export interface AgingBucketDef {
  key: AgingBucketKey;
  /** Inclusive bounds in days overdue; null = unbounded. */
  minDays: number | null;
  maxDays: number | null;
}

export const AGING_BUCKETS: readonly AgingBucketDef[] = [
  { key: 'notDue', minDays: null, maxDays: 0 },
  { key: '1-30', minDays: 1, maxDays: 30 },
  { key: '31-60', minDays: 31, maxDays: 60 },
  { key: '61-90', minDays: 61, maxDays: 90 },
  { key: '90+', minDays: 91, maxDays: null },
];

/** The window (days up to and including D) over which settled-late payments are reported. */
export const PAID_LATE_WINDOW_DAYS = 365;

export function bucketOf(daysOverdue: number): AgingBucketKey {
  for (const b of AGING_BUCKETS) {
    if ((b.minDays === null || daysOverdue >= b.minDays) && (b.maxDays === null || daysOverdue <= b.maxDays)) return b.key;
  }
  return '90+';
}

export interface Receivable {
  dueDate: string;
  paidDate: string | null;
  /** Decimal string; negative for money owed to the customer. */
  amount: string;
  /** The date of its order, when it has one: before that it was not yet owed. */
  raisedOn?: string | null | undefined;
}

/** Open (still owed) as of `asOf`: raised by then, and unpaid or paid only after `asOf`. */
export function isOpenAt(r: Pick<Receivable, 'paidDate' | 'raisedOn'>, asOf: string): boolean {
  if (r.raisedOn != null && r.raisedOn > asOf) return false; // ISO dates compare as text
  return r.paidDate === null || r.paidDate > asOf;
}

/** Days overdue as of `asOf` (negative while not yet due). */
export function daysOverdue(r: Pick<Receivable, 'dueDate'>, asOf: string): number {
  return daysBetween(r.dueDate, asOf);
}

export type PaymentStatus = 'paid' | 'overdue' | 'notDue';

/** A payment's state as of `asOf`, and how many days late it is (or was, when settled late). */
export function paymentStatus(r: Pick<Receivable, 'dueDate' | 'paidDate'>, asOf: string): { status: PaymentStatus; daysLate: number } {
  if (r.paidDate !== null && r.paidDate <= asOf) return { status: 'paid', daysLate: Math.max(0, daysBetween(r.dueDate, r.paidDate)) };
  const d = daysOverdue(r, asOf);
  return d > 0 ? { status: 'overdue', daysLate: d } : { status: 'notDue', daysLate: 0 };
}

export interface BucketTotal {
  key: AgingBucketKey;
  minDays: number | null;
  maxDays: number | null;
  count: number;
  amount: string;
}

export interface AgingReport {
  asOf: string;
  buckets: BucketTotal[];
  /** All open items. */
  total: { count: number; amount: string };
  /** Open items past due (every bucket but notDue). */
  overdue: { count: number; amount: string };
  /** Settled late within PAID_LATE_WINDOW_DAYS up to asOf. */
  paidLate: { count: number; amount: string; maxDaysLate: number };
}

/** The aging report of a set of receivables (the SQL in orders/repository.ts computes the same). */
export function ageReceivables(items: readonly Receivable[], asOf: string): AgingReport {
  const sums = new Map<AgingBucketKey, { count: number; amount: Dec }>(AGING_BUCKETS.map((b) => [b.key, { count: 0, amount: ZERO }]));
  const late = { count: 0, amount: ZERO, maxDaysLate: 0 };
  for (const r of items) {
    if (isOpenAt(r, asOf)) {
      const s = sums.get(bucketOf(daysOverdue(r, asOf)))!;
      s.count += 1;
      s.amount = add(s.amount, dec(r.amount));
    } else if (r.paidDate !== null && r.paidDate <= asOf) {
      const lateBy = daysBetween(r.dueDate, r.paidDate!);
      if (lateBy > 0 && daysBetween(r.paidDate!, asOf) < PAID_LATE_WINDOW_DAYS) {
        late.count += 1;
        late.amount = add(late.amount, dec(r.amount));
        late.maxDaysLate = Math.max(late.maxDaysLate, lateBy);
      }
    }
  }
  return agingReport(
    asOf,
    AGING_BUCKETS.map((b) => ({ key: b.key, count: sums.get(b.key)!.count, amount: money(sums.get(b.key)!.amount) })),
    { count: late.count, amount: money(late.amount), maxDaysLate: late.maxDaysLate },
  );
}

/** Assembles the report from per-bucket counts and sums (from SQL or from ageReceivables). */
export function agingReport(
  asOf: string,
  perBucket: readonly { key: AgingBucketKey; count: number; amount: string }[],
  paidLate: { count: number; amount: string; maxDaysLate: number },
): AgingReport {
  const buckets = AGING_BUCKETS.map((b) => {
    const found = perBucket.find((p) => p.key === b.key);
    return { key: b.key, minDays: b.minDays, maxDays: b.maxDays, count: found?.count ?? 0, amount: money(dec(found?.amount ?? '0')) };
  });
  const sum = (bs: BucketTotal[]) => ({ count: bs.reduce((n, b) => n + b.count, 0), amount: money(bs.reduce<Dec>((s, b) => add(s, dec(b.amount)), ZERO)) });
  return {
    asOf,
    buckets,
    total: sum(buckets),
    overdue: sum(buckets.filter((b) => b.key !== 'notDue')),
    paidLate: { count: paidLate.count, amount: money(dec(paidLate.amount)), maxDaysLate: paidLate.maxDaysLate },
  };
}

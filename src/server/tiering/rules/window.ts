// The scoring window: the W months up to and including the as-of date, and the W months before.
// Month arithmetic is PostgreSQL's (date - interval 'W months'): the day of the month is kept and
// clamped to the month's last day (2026-03-31 − 1 month = 2026-02-28).

export interface ScoringWindow {
  /** Orders dated after `start` and on or before `end` are in the window: (start, end]. */
  start: string;
  end: string;
  /** The previous window, (prevStart, start], for growth. */
  prevStart: string;
}

export function addMonths(date: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), last);
  return `${String(y).padStart(4, '0')}-${String(mo + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function scoringWindow(asOf: string, windowMonths: number): ScoringWindow {
  return { start: addMonths(asOf, -windowMonths), end: asOf, prevStart: addMonths(asOf, -2 * windowMonths) };
}

/** Whole days from a to b ('YYYY-MM-DD'), positive when b is later. */
export function daysFrom(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

// Pure shaping of the pipeline figures for the forecast page: the stacks of the forecast chart
// and the rows of the tables behind every chart. No React, no i18n: labels come in as functions,
// so test/unit/forecast-model.test.ts checks the exact output.

export interface ForecastBucket {
  key: string;
  count: number;
  /** Exact decimal strings from the server. */
  amount: string;
  weighted: string;
}

export interface ForecastCell extends ForecastBucket {
  period: string;
}

export type Period = 'month' | 'quarter';
export type SplitBy = 'owner' | 'tier';

const toCents = (v: string): bigint => {
  const neg = v.startsWith('-');
  const [int = '0', frac = ''] = (neg ? v.slice(1) : v).split('.');
  const c = BigInt(int || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return neg ? -c : c;
};
const fromCents = (c: bigint): string => {
  const neg = c < 0n;
  const s = (neg ? -c : c).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

/** Exact sum of decimal strings with at most 2 decimals. */
export function sumDecimals(values: readonly string[]): string {
  return fromCents(values.reduce((s, v) => s + toCents(v), 0n));
}

export const OTHER = 'other';

/**
 * The series of the chart: the `top` keys by weighted amount (largest first, `none` last), the
 * rest folded into `other` (the exact sum of their cells), so 200 account managers still make a
 * readable chart.
 */
export function foldCells(totals: readonly ForecastBucket[], cells: readonly ForecastCell[], top = Infinity): { keys: string[]; cells: ForecastCell[] } {
  const ranked = [...totals].filter((b) => b.key !== 'none').sort((a, b) => Number(toCents(b.weighted) - toCents(a.weighted)) || a.key.localeCompare(b.key, 'en', { numeric: true }));
  const kept = new Set(ranked.slice(0, top).map((b) => b.key));
  const folded = ranked.length > top;
  const hasNone = totals.some((b) => b.key === 'none');
  if (hasNone && !folded) kept.add('none');
  const keys = [...ranked.filter((b) => kept.has(b.key)).map((b) => b.key), ...(hasNone && !folded ? ['none'] : []), ...(folded ? [OTHER] : [])];
  if (!folded) return { keys, cells: [...cells] };
  const acc = new Map<string, { period: string; key: string; count: number; amount: bigint; weighted: bigint }>();
  const out: ForecastCell[] = [];
  for (const c of cells) {
    if (kept.has(c.key)) {
      out.push(c);
      continue;
    }
    const k = `${c.period}|${OTHER}`;
    const a = acc.get(k) ?? { period: c.period, key: OTHER, count: 0, amount: 0n, weighted: 0n };
    a.count += c.count;
    a.amount += toCents(c.amount);
    a.weighted += toCents(c.weighted);
    acc.set(k, a);
  }
  for (const a of acc.values()) out.push({ period: a.period, key: a.key, count: a.count, amount: fromCents(a.amount), weighted: fromCents(a.weighted) });
  return { keys, cells: out };
}

export interface ForecastStacks {
  /** Period keys in order (`none` = no expected close date, last). */
  periods: string[];
  /** One series per owner or tier; `values[i]` is the weighted amount of periods[i] (0 when none). */
  series: { key: string; name: string; values: number[] }[];
}

/**
 * The stacks of the chart: one series per owner / tier over the periods. Chart heights are
 * numbers (echarts draws floats); the exact strings stay in the table and the totals.
 */
export function forecastStacks(periods: readonly ForecastBucket[], cells: readonly ForecastCell[], nameOf: (key: string) => string, order?: readonly string[]): ForecastStacks {
  const keys = order ? order.filter((k) => cells.some((c) => c.key === k)) : [...new Set(cells.map((c) => c.key))];
  for (const c of cells) if (!keys.includes(c.key)) keys.push(c.key);
  const index = new Map(periods.map((p, i) => [p.key, i]));
  const series = keys.map((key) => {
    const values = periods.map(() => 0);
    for (const c of cells) if (c.key === key && index.has(c.period)) values[index.get(c.period)!] = Number(c.weighted);
    return { key, name: nameOf(key), values };
  });
  return { periods: periods.map((p) => p.key), series };
}

export interface ForecastTableRow {
  period: string;
  count: number;
  amount: string;
  weighted: string;
  /** Weighted amount per owner / tier key (exact strings; absent = nothing in that cell). */
  cells: Record<string, string>;
}

/** The table behind the forecast chart: per period its exact totals and each owner's / tier's share. */
export function forecastTable(periods: readonly ForecastBucket[], cells: readonly ForecastCell[]): ForecastTableRow[] {
  return periods.map((p) => {
    const row: ForecastTableRow = { period: p.key, count: p.count, amount: p.amount, weighted: p.weighted, cells: {} };
    for (const c of cells) if (c.period === p.key) row.cells[c.key] = c.weighted;
    return row;
  });
}

/** "2026-12" → "2026年12月" / "Dec 2026"; "2026-Q4" → "2026年第4季度" / "Q4 2026"; `none` as given. */
export function periodLabel(key: string, lang: 'zh-CN' | 'en', none: string): string {
  if (key === 'none') return none;
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return lang === 'zh-CN' ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    if (lang === 'zh-CN') return `${m[1]}年${Number(m[2])}月`;
    const month = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    return `${month} ${m[1]}`;
  }
  return key;
}

/** A rate 0–1 (4 decimals from the server) as a percent with one decimal: 0.6315 → "63.2%"; null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export interface FunnelRow {
  stage: number;
  reached: number;
  /** reached(next) ÷ reached(this) as the server gave it, null for the last stage or none reached. */
  conversion: number | null;
  /** Share of the first stage that got this far. */
  ofFirst: number | null;
}

/** The funnel's rows with each stage's share of those that entered the first stage. */
export function funnelRows(steps: readonly { stage: number; reached: number; conversion: number | null }[]): FunnelRow[] {
  const first = steps[0]?.reached ?? 0;
  return steps.map((s) => ({ ...s, ofFirst: first === 0 ? null : Math.round((s.reached * 10000) / first) / 10000 }));
}

/** Σ amount × probability ÷ 100 of open opportunities, exact in cents, rounded half-up once (the server's rule). */
export function weightedSum(opps: readonly { amount: string; probability: number; status: string }[]): string {
  let total = 0n;
  for (const o of opps) if (o.status === 'open') total += toCents(o.amount) * BigInt(o.probability);
  return fromCents((total * 2n + 100n) / 200n);
}

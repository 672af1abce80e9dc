// Money of orders in exact decimal arithmetic: a value is an integer count of 10^-scale units
// (BigInt), so no float ever touches an amount.
//
// The line rule (documented for users in docs/ORDERS.md):
//   line amount = quantity × unit price × (1 − discount), computed exactly, then rounded
//   half-up — half away from zero, as invoices do and as PostgreSQL's round(numeric) does —
//   to 0.01 per line. An order's amount is the sum of its rounded line amounts.
// Northwind's 2,155 lines total 1,265,793.29 under this rule (1,265,793.0395 unrounded).
// Negative quantities (returns, credit notes) give negative amounts; rounding is symmetric,
// so −0.005 → −0.01 as 0.005 → 0.01.

export interface Dec {
  units: bigint;
  scale: number;
}

const PLAIN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** A plain decimal literal ("12", "-0.15", "1265793.29"); null for anything else (no exponent, no commas). */
export function parseDecimal(text: string): Dec | null {
  const m = PLAIN.exec(text.trim());
  if (!m) return null;
  const [, sign, int, frac = ''] = m;
  const units = BigInt(`${int}${frac}`);
  return { units: sign === '-' ? -units : units, scale: frac.length };
}

export function dec(text: string | number): Dec {
  const d = parseDecimal(String(text));
  if (!d) throw new Error(`not a decimal: ${String(text)}`);
  return d;
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export const add = (a: Dec, b: Dec): Dec => {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
};
export const sub = (a: Dec, b: Dec): Dec => {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
};
export const mul = (a: Dec, b: Dec): Dec => ({ units: a.units * b.units, scale: a.scale + b.scale });
export const compare = (a: Dec, b: Dec): number => {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};
export const ZERO: Dec = { units: 0n, scale: 0 };
export const ONE: Dec = { units: 1n, scale: 0 };

/** Rounds half away from zero to `places` decimals (a value with fewer decimals is padded). */
export function roundHalfUp(d: Dec, places: number): Dec {
  if (d.scale <= places) return { units: d.units * 10n ** BigInt(places - d.scale), scale: places };
  const factor = 10n ** BigInt(d.scale - places);
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  let q = abs / factor;
  if ((abs % factor) * 2n >= factor) q += 1n;
  return { units: negative ? -q : q, scale: places };
}

/** Text with exactly `places` decimals when given ("168.00"), otherwise as held; never "-0.00". */
export function format(d: Dec, places?: number): string {
  const r = places === undefined ? d : roundHalfUp(d, places);
  const negative = r.units < 0n;
  const digits = (negative ? -r.units : r.units).toString().padStart(r.scale + 1, '0');
  const int = digits.slice(0, digits.length - r.scale);
  const frac = r.scale > 0 ? `.${digits.slice(digits.length - r.scale)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/** Money as the API and the database hold it: a decimal string with 2 places. */
export const money = (d: Dec): string => format(d, 2);

/** Digits before the point, to check numeric(p, s) limits before the database does. */
export function integerDigits(d: Dec): number {
  const abs = d.units < 0n ? -d.units : d.units;
  const whole = abs / 10n ** BigInt(d.scale);
  return whole === 0n ? 0 : whole.toString().length;
}

export interface LineInput {
  /** numeric(18,4); negative for a return. */
  quantity: string;
  /** numeric(20,4). */
  unitPrice: string;
  /** A fraction 0..1 (0.15 = 15 % off); numeric(7,6). Absent = 0. */
  discount?: string | undefined;
}

/** quantity × unit price × (1 − discount), exact, rounded half-up to 0.01: "168.00". */
export function lineAmount(line: LineInput): string {
  const discount = line.discount === undefined ? ZERO : dec(line.discount);
  return money(mul(mul(dec(line.quantity), dec(line.unitPrice)), sub(ONE, discount)));
}

/** Exact sum of decimal strings, as money ("0.00" for none). */
export function sumMoney(values: readonly string[]): string {
  return money(values.reduce<Dec>((s, v) => add(s, dec(v)), ZERO));
}

export interface OrderTotals {
  amount: string;
  /** The sum of the lines' costs when every line has one; null when any is unknown (a partial cost would overstate the margin). */
  cost: string | null;
}

/** An order's totals from its lines' (already rounded) amounts and costs. */
export function orderTotals(lines: readonly { amount: string; cost?: string | null | undefined }[]): OrderTotals {
  const amount = sumMoney(lines.map((l) => l.amount));
  const costs = lines.map((l) => l.cost);
  const cost = lines.length > 0 && costs.every((c): c is string => typeof c === 'string') ? sumMoney(costs) : null;
  return { amount, cost };
}

/** Decimal text without trailing zero decimals: "12.0000" → "12", "0.150000" → "0.15". */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

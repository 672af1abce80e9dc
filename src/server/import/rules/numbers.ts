// Numbers as spreadsheets and ERP exports write them: thousands separators, currency signs
// (¥ ￥ $ RMB CNY 元), full-width digits, (1,234.00) for negatives, 15% and 万/亿 multipliers.
import { decFromString, integerDigits, mul, shift, fromInt, type Dec } from './decimal.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, reason: string): Parsed<T> => ({ ok: false, code, reason });

/** A spreadsheet number as the text Excel shows: 15 significant digits, no float noise. */
export function numberToText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const p = Number(n.toPrecision(15));
  if (Math.abs(p) >= 1e-6 && Math.abs(p) < 1e21) return String(p);
  return p.toExponential().replace(/\.?0+e/, 'e');
}

const CURRENCY = /^(?:rmb|cny|usd|us\$|¥|\$|元)|(?:rmb|cny|usd|元)$/i;
const MULTIPLIERS: Record<string, number> = { 万: 4, 亿: 8 };

export interface NumberOptions {
  /** Accept a trailing % (15% → 0.15). */
  percent?: boolean;
}

export interface ParsedNumber {
  value: Dec;
  /** Written with a % sign. */
  percent: boolean;
}

function stripCurrency(s: string): string {
  let prev = '';
  while (prev !== s) {
    prev = s;
    s = s.replace(CURRENCY, '');
  }
  return s;
}

/** Parses the text of a cell into an exact decimal. */
export function parseNumber(raw: string | number, opts: NumberOptions = {}): Parsed<ParsedNumber> {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail('invalid_number', 'is not a finite number');
    return ok({ value: decFromString(numberToText(raw))!, percent: false });
  }
  let s = raw.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return fail('invalid_number', 'is empty');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1]!;
  }
  let signs = 0;
  const takeSign = () => {
    if (/^[-+]/.test(s) && signs++ === 0) {
      if (s[0] === '-') negative = !negative;
      s = s.slice(1);
    } else if (/\d-$/.test(s) && signs++ === 0) {
      negative = !negative; // 1234- (trailing minus of SAP-style exports)
      s = s.slice(0, -1);
    }
  };
  takeSign();
  s = stripCurrency(s);
  takeSign();
  let percent = false;
  if (s.endsWith('%')) {
    if (!opts.percent) return fail('unexpected_percent', 'is a percentage where an amount is expected');
    percent = true;
    s = s.slice(0, -1);
  }
  let power = 0;
  const unit = s.at(-1);
  if (unit && unit in MULTIPLIERS) {
    power = MULTIPLIERS[unit]!;
    s = s.slice(0, -1);
  }
  if (s.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) {
      return fail('invalid_number', `"${raw}" is not a number (a comma may only group thousands: 1,234,567.89)`);
    }
    s = s.replace(/,/g, '');
  }
  if (!/^(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$/.test(s)) return fail('invalid_number', `"${raw}" is not a number`);
  let value = decFromString(s)!;
  if (power) value = mul(value, fromInt(10n ** BigInt(power)));
  if (percent) value = shift(value, 2);
  if (negative) value = { units: -value.units, scale: value.scale };
  return ok({ value, percent });
}

export interface DecimalLimits {
  /** Most decimals allowed (money: 2). */
  scale: number;
  /** Most digits before the point (numeric(20, 2): 18). */
  integerDigits: number;
  min?: Dec;
}

/** Checks a parsed decimal against a column's precision. */
export function checkDecimal(value: Dec, limits: DecimalLimits): Parsed<Dec> {
  if (value.scale > limits.scale) {
    return fail('too_many_decimals', limits.scale === 0 ? 'must be a whole number' : `has more than ${limits.scale} decimals`);
  }
  if (integerDigits(value) > limits.integerDigits) return fail('out_of_range', 'is too large');
  if (limits.min && value.units < 0n && limits.min.units >= 0n) return fail('negative', 'must not be negative');
  return ok(value);
}

/** A whole number in [min, max]. Accepts 1,200 and 1200.0. */
export function parseInteger(raw: string | number, min: number, max: number): Parsed<number> {
  const p = parseNumber(raw);
  if (!p.ok) return p;
  if (p.value.value.scale > 0) return fail('not_integer', 'must be a whole number');
  const n = Number(p.value.value.units);
  if (n < min) return fail('out_of_range', min === 0 ? 'must not be negative' : `must be at least ${min}`);
  if (n > max) return fail('out_of_range', `must be at most ${max.toLocaleString('en')}`);
  return ok(n);
}

/**
 * A discount: a fraction (0.15), a percentage (15%) or Chinese 折 (8.5折 = pay 85% = 0.15 off).
 * A bare number above 1 is refused as ambiguous rather than guessed.
 */
export function parseDiscount(raw: string | number): Parsed<Dec> {
  if (typeof raw === 'string') {
    const zhe = /^\s*(\d{1,2}(?:\.\d+)?)\s*折\s*$/.exec(raw.normalize('NFKC'));
    if (zhe) {
      const pay = decFromString(zhe[1]!)!;
      const fraction = shift(pay, zhe[1]!.split('.')[0]!.length === 1 ? 1 : 2);
      if (fraction.units <= 0n || integerDigits(fraction) > 0) return fail('out_of_range', 'must be between 0 and 10折');
      return ok(oneMinus(fraction));
    }
  }
  const p = parseNumber(raw, { percent: true });
  if (!p.ok) return p;
  const v = p.value.value;
  if (v.units < 0n) return fail('out_of_range', 'a discount must not be negative');
  if (integerDigits(v) > 0 && !(v.units === 10n ** BigInt(v.scale))) {
    return fail('out_of_range', p.value.percent ? 'a discount must not exceed 100%' : 'a discount above 1 is unclear: write a fraction (0.15) or a percentage (15%)');
  }
  return ok(v);
}

function oneMinus(d: Dec): Dec {
  const one = 10n ** BigInt(d.scale);
  return { units: one - d.units, scale: d.scale };
}

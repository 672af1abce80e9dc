// Exact decimal arithmetic for imported money: a value is an integer count of 10^-scale units.
// Floats never touch an amount, so 14 × 12 × (1 − 0.05) is exactly 159.6, not 159.59999….

export interface Dec {
  units: bigint;
  scale: number;
}

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/** A plain decimal literal (optional sign, point, exponent); null for anything else. */
export function decFromString(text: string): Dec | null {
  const m = PLAIN.exec(text);
  if (!m) return null;
  const [, sign, int = '', frac = '', exp] = m;
  if (int.length + frac.length === 0) return null;
  const digits = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  let scale = frac.length - (exp ? Number(exp) : 0);
  let units = BigInt(digits || '0');
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalise({ units: sign === '-' ? -units : units, scale });
}

/** Drops trailing zero decimals: 1.500 → 1.5. */
export function normalise(d: Dec): Dec {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return normalise({ units: x + y, scale });
}

export function sub(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return normalise({ units: x - y, scale });
}

export function mul(a: Dec, b: Dec): Dec {
  return normalise({ units: a.units * b.units, scale: a.scale + b.scale });
}

export function compare(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const ZERO: Dec = { units: 0n, scale: 0 };
export const ONE: Dec = { units: 1n, scale: 0 };

export function fromInt(n: number | bigint): Dec {
  return { units: BigInt(n), scale: 0 };
}

/** Rounds half away from zero (ROUND_HALF_UP as accountants and invoices use it) to `places` decimals. */
export function roundHalfUp(d: Dec, places: number): Dec {
  if (d.scale <= places) return d;
  const factor = 10n ** BigInt(d.scale - places);
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  let q = abs / factor;
  if ((abs % factor) * 2n >= factor) q += 1n;
  return normalise({ units: negative ? -q : q, scale: places });
}

/** Divides by 10^n exactly (15 → 0.15 for n = 2). */
export function shift(d: Dec, n: number): Dec {
  return normalise({ units: d.units, scale: d.scale + n });
}

/** Canonical text: no exponent, minimal decimals unless `places` pads them (1.5 → "1.50"). */
export function decToString(d: Dec, places?: number): string {
  let { units, scale } = d;
  if (places !== undefined && scale < places) {
    units *= 10n ** BigInt(places - scale);
    scale = places;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/** Number of digits before the point (for numeric(p, s) limits). */
export function integerDigits(d: Dec): number {
  const abs = d.units < 0n ? -d.units : d.units;
  const whole = abs / 10n ** BigInt(d.scale);
  return whole === 0n ? 0 : whole.toString().length;
}

// Exact decimal arithmetic for tiering on scaled BigInts: "123.45" at scale 2 is 12345n.
// Rounding is half away from zero, as PostgreSQL's round(numeric, n).

export const pow10 = (n: number) => 10n ** BigInt(n);

/** A decimal string ("-12.5", "3") → an integer at `scale` decimals; throws if it has more. */
export function toScaled(s: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? '';
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) throw new Error(`${s} has more than ${scale} decimals`);
  const v = BigInt(m[2]!) * pow10(scale) + BigInt((frac.slice(0, scale) || '0').padEnd(scale, '0'));
  return m[1] === '-' ? -v : v;
}

/** An integer at `scale` decimals → its decimal string with exactly `scale` decimals. */
export function fromScaled(v: bigint, scale: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const p = pow10(scale);
  const whole = (a / p).toString();
  const frac = scale > 0 ? `.${(a % p).toString().padStart(scale, '0')}` : '';
  return `${neg ? '-' : ''}${whole}${frac}`;
}

/** num / den (den > 0) rounded half away from zero to `scale` decimals, as a scaled integer. */
export function divRound(num: bigint, den: bigint, scale: number): bigint {
  if (den <= 0n) throw new Error('denominator must be positive');
  const x = num * pow10(scale);
  const q = x / den;
  const r = x % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= den) return x < 0n ? q - 1n : q + 1n;
  return q;
}

/** Ceiling of a / b for non-negative integers. */
export const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

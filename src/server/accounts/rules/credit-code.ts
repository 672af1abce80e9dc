// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet
// (digits and capitals without I, O, S, V, Z); the last is a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'characters' | 'check_digit';

/** The check character for the first 17 characters, or null if there are not 17 or any is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

/** Upper-cases and strips spaces; full-width characters become half-width. */
export function cleanCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (![...code].every((c) => ALPHABET.includes(c))) return 'characters';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check_digit';
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: 'must be 18 characters',
  characters: 'may contain only digits and the capitals A–Y except I, O, S, V, Z',
  check_digit: 'check digit does not match (mistyped?)',
};

// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last one a
// check character computed over the first 17 with weights 3^i mod 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'characters' | 'checkDigit';

export function checkCreditCode(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return 'length';
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = ALPHABET.indexOf(code.charAt(i));
    if (v < 0) return 'characters';
    if (i < 17) sum += v * (WEIGHTS[i] ?? 0);
  }
  const expected = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(expected) === code.charAt(17) ? null : 'checkDigit';
}

// 统一社会信用代码 (GB 32100-2015): exact outcomes for real codes and for each kind of problem.
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_MESSAGES, cleanCreditCode, creditCodeCheckChar, creditCodeProblem } from './credit-code.js';

describe('creditCodeProblem on real codes', () => {
  it.each([
    '91350100M000100Y43', // 福建 (GB 32100 example)
    '914403001922038216', // 华为技术有限公司
    '91110000100010433L', // check character is a letter
  ])('%s is valid', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });
});

describe('creditCodeCheckChar, worked by hand', () => {
  // Alphabet values: 0–9 = 0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30.
  // Weights: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.  check = (31 − Σ mod 31) mod 31.
  it('91350100M000100Y4 → 3', () => {
    // 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30 + 4·28
    // = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('91110000100010433 → L', () => {
    // 9·1 + 1·3 + 1·9 + 1·27 + 1·20 + 1·8 + 4·10 + 3·30 + 3·28 = 290; 290 mod 31 = 11; 31 − 11 = 20 = L
    expect(creditCodeCheckChar('91110000100010433')).toBe('L');
  });

  it('a sum that is a multiple of 31 gives 0, a sum of 1 gives Y', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(creditCodeCheckChar('10000000000000000')).toBe('Y'); // 31 − 1 = 30 = Y
    expect(creditCodeCheckChar('01000000000000000')).toBe('W'); // 1·3 = 3; 31 − 3 = 28 = W
  });

  it('returns null when a character is outside the alphabet', () => {
    expect(creditCodeCheckChar('9135010OM000100Y4')).toBeNull();
    expect(creditCodeCheckChar('91350100M00010')).toBeNull(); // too short
    expect(creditCodeCheckChar('91350100M000100Y43')).toBeNull(); // too long
  });
});

describe('creditCodeProblem, each kind', () => {
  it('length: anything but 18 characters', () => {
    expect(creditCodeProblem('')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length'); // 17
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length'); // 19
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('characters: the letter %s is not in the alphabet', (letter) => {
    const code = `91350100${letter}000100Y43`;
    expect(code).toHaveLength(18);
    expect(creditCodeProblem(code)).toBe('characters');
  });

  it('characters: lower case, punctuation and full-width are refused until cleaned', () => {
    expect(creditCodeProblem('91350100m000100y43')).toBe('characters');
    expect(creditCodeProblem('91350100-000100Y43')).toBe('characters');
    expect(creditCodeProblem('９1350100M000100Y43')).toBe('characters');
  });

  it('characters is reported before the check digit, length before both', () => {
    expect(creditCodeProblem('91350100M000100Y4O')).toBe('characters');
    expect(creditCodeProblem('91350100M000100Y4OO')).toBe('length');
  });

  it('check_digit: one mistyped character', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check_digit');
    expect(creditCodeProblem('914403001922038217')).toBe('check_digit');
    expect(creditCodeProblem('91110000100010433M')).toBe('check_digit');
    // Two neighbours swapped (weights differ, so the sum changes).
    expect(creditCodeProblem('91350100M000100Y34')).toBe('check_digit');
  });

  it('every problem kind has a message', () => {
    expect(Object.keys(CREDIT_CODE_MESSAGES).sort()).toEqual(['characters', 'check_digit', 'length']);
  });
});

describe('cleanCreditCode', () => {
  it('upper-cases, strips white space and folds full-width characters', () => {
    expect(cleanCreditCode('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(cleanCreditCode(' 9135 0100 M000 100Y 43\t')).toBe('91350100M000100Y43');
    expect(cleanCreditCode('９１３５０１００ｍ０００１００ｙ４３')).toBe('91350100M000100Y43');
    expect(cleanCreditCode('９１３５０１００Ｍ０００１００Ｙ４３　')).toBe('91350100M000100Y43');
  });

  it('a cleaned lower-case code validates; a lower-case forbidden letter is still refused', () => {
    expect(creditCodeProblem(cleanCreditCode('91110000100010433l'))).toBeNull();
    expect(creditCodeProblem(cleanCreditCode('91350100o000100y43'))).toBe('characters');
  });

  it('does not remove hyphens or other punctuation', () => {
    expect(cleanCreditCode('913501-00M000100Y43')).toBe('913501-00M000100Y43');
  });
});

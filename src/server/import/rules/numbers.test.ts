// Amounts as files write them: every accepted form, every refusal, exact to the last digit.
import { describe, expect, it } from 'vitest';
import { decFromString, decToString, mul, roundHalfUp, sub, ONE } from './decimal.js';
import { numberToText, parseDiscount, parseInteger, parseNumber } from './numbers.js';

const num = (raw: string | number, percent = false) => {
  const p = parseNumber(raw, { percent });
  return p.ok ? decToString(p.value.value) : `!${p.code}`;
};

describe('parseNumber', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1,234,567', '1234567'],
    ['  12  ', '12'],
    ['¥1,234.50', '1234.5'],
    ['￥1,234.50', '1234.5'],
    ['$99.90', '99.9'],
    ['RMB 1,000', '1000'],
    ['CNY1000', '1000'],
    ['rmb1000', '1000'],
    ['1000元', '1000'],
    ['1,000.00 元', '1000'],
    ['１２３４．５', '1234.5'], // full-width digits and point
    ['１，２３４', '1234'], // full-width comma
    ['(1,234.50)', '-1234.5'], // accounting negative
    ['（100）', '-100'], // full-width parentheses
    ['-¥100', '-100'],
    ['¥-100', '-100'],
    ['+100', '100'],
    ['100-', '-100'], // trailing minus (SAP exports)
    ['1.5万', '15000'],
    ['2亿', '200000000'],
    ['3.5万元', '35000'],
    ['1.5E+3', '1500'],
    ['1e-2', '0.01'],
    ['.5', '0.5'],
    ['0', '0'],
    [1234.5, '1234.5'],
    [0.1 + 0.2, '0.3'], // a float from a spreadsheet cell: 15 significant digits
    [-12, '-12'],
  ])('%j → %s', (raw, expected) => {
    expect(num(raw)).toBe(expected);
  });

  it.each([
    ['abc', 'invalid_number'],
    ['12abc', 'invalid_number'],
    ['1,23', 'invalid_number'], // a comma that does not group thousands
    ['1.234,56', 'invalid_number'], // European decimal comma is refused, not guessed
    ['12,34,567', 'invalid_number'],
    ['', 'invalid_number'],
    ['--5', 'invalid_number'],
    ['1.2.3', 'invalid_number'],
    ['=1+1', 'invalid_number'], // formula text is not evaluated
    ['15%', 'unexpected_percent'],
    [Number.NaN, 'invalid_number'],
    [Number.POSITIVE_INFINITY, 'invalid_number'],
  ])('%j is refused (%s)', (raw, code) => {
    expect(num(raw)).toBe(`!${code}`);
  });

  it('reads percentages where they are allowed', () => {
    expect(num('15%', true)).toBe('0.15');
    expect(num('12.5 %', true)).toBe('0.125');
    expect(num('１５％', true)).toBe('0.15');
  });
});

describe('parseInteger', () => {
  it('accepts separators and .0, refuses fractions and out of range', () => {
    expect(parseInteger('1,200', 0, 10)).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(parseInteger('1,200', 0, 10_000)).toEqual({ ok: true, value: 1200 });
    expect(parseInteger('12.0', 0, 100)).toEqual({ ok: true, value: 12 });
    expect(parseInteger(42, 0, 100)).toEqual({ ok: true, value: 42 });
    expect(parseInteger('12.5', 0, 100)).toMatchObject({ ok: false, code: 'not_integer' });
    expect(parseInteger('-1', 0, 100)).toMatchObject({ ok: false, code: 'out_of_range' });
  });
});

describe('parseDiscount', () => {
  const d = (raw: string | number) => {
    const p = parseDiscount(raw);
    return p.ok ? decToString(p.value) : `!${p.code}`;
  };
  it.each([
    ['0.15', '0.15'],
    ['15%', '0.15'],
    [0.05, '0.05'],
    ['0', '0'],
    ['1', '1'],
    ['100%', '1'],
    ['8.5折', '0.15'],
    ['9折', '0.1'],
    ['85折', '0.15'],
  ])('%j → %s', (raw, expected) => expect(d(raw)).toBe(expected));

  it.each(['15', '150%', '-0.1', 'x'])('%j is refused', (raw) => expect(d(raw)).toMatch(/^!/));
});

describe('decimal arithmetic', () => {
  const dec = (s: string) => decFromString(s)!;
  it('rounds half away from zero, symmetric for returns', () => {
    expect(decToString(roundHalfUp(dec('0.005'), 2))).toBe('0.01');
    expect(decToString(roundHalfUp(dec('-0.005'), 2))).toBe('-0.01');
    expect(decToString(roundHalfUp(dec('2.344999'), 2))).toBe('2.34');
    expect(decToString(roundHalfUp(dec('1.5'), 0))).toBe('2');
  });
  it('multiplies exactly: 14 × 12 × (1 − 0.05) = 159.6, no float noise', () => {
    expect(decToString(mul(mul(dec('14'), dec('12')), sub(ONE, dec('0.05'))))).toBe('159.6');
  });
  it('pads to places and keeps big values exact', () => {
    expect(decToString(dec('1.5'), 2)).toBe('1.50');
    expect(decToString(dec('123456789012345678.99'))).toBe('123456789012345678.99');
    expect(decToString(dec('-0.5'))).toBe('-0.5');
  });
  it('numberToText shows spreadsheet floats as Excel does', () => {
    expect(numberToText(13800138000)).toBe('13800138000');
    expect(numberToText(1.1 * 3)).toBe('3.3');
    expect(numberToText(1e-9)).toBe('1e-9');
  });
});

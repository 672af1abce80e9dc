// Line and order amounts, worked by hand (and Northwind's total under the per-line rule).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, dec, format, integerDigits, lineAmount, money, orderTotals, parseDecimal, roundHalfUp, sumMoney } from './money.js';

describe('parseDecimal and format', () => {
  it('reads plain decimals exactly and refuses the rest', () => {
    expect(parseDecimal('12')).toEqual({ units: 12n, scale: 0 });
    expect(parseDecimal('-0.15')).toEqual({ units: -15n, scale: 2 });
    expect(parseDecimal(' 9.8 ')).toEqual({ units: 98n, scale: 1 });
    for (const bad of ['', '1e3', '1,000', '.5', '5.', 'abc', '--1', '1.2.3']) expect(parseDecimal(bad)).toBeNull();
  });

  it('formats with fixed places, without -0.00', () => {
    expect(money(dec('168'))).toBe('168.00');
    expect(money(dec('-0.004'))).toBe('0.00');
    expect(format(dec('1.5'))).toBe('1.5');
    expect(format(dec('-1.5'), 3)).toBe('-1.500');
    expect(integerDigits(dec('-123.45'))).toBe(3);
    expect(integerDigits(dec('0.45'))).toBe(0);
    expect(compare(dec('1.10'), dec('1.1'))).toBe(0);
  });

  it('rounds half away from zero', () => {
    expect(money(roundHalfUp(dec('1.005'), 2))).toBe('1.01');
    expect(money(roundHalfUp(dec('1.00499999'), 2))).toBe('1.00');
    expect(money(roundHalfUp(dec('-1.005'), 2))).toBe('-1.01');
    expect(money(roundHalfUp(dec('-1.0049'), 2))).toBe('-1.00');
    expect(money(roundHalfUp(dec('2.675'), 2))).toBe('2.68'); // 2.675 is 2.67499… as a float
  });
});

describe('lineAmount = quantity × unit price × (1 − discount), rounded half-up to 0.01', () => {
  it('Northwind order 10248: 14 × 12 = 168.00, 9.8 × 10 = 98.00, 34.8 × 5 = 174.00; total 440.00', () => {
    const lines = [
      { quantity: '12', unitPrice: '14', discount: '0' },
      { quantity: '10', unitPrice: '9.8', discount: '0' },
      { quantity: '5', unitPrice: '34.8' },
    ].map((l) => ({ amount: lineAmount(l) }));
    expect(lines.map((l) => l.amount)).toEqual(['168.00', '98.00', '174.00']);
    expect(orderTotals(lines)).toEqual({ amount: '440.00', cost: null });
  });

  it('15 % off: 42.4 × 35 × 0.85 = 1,261.40; 16.8 × 15 × 0.85 = 214.20 (Northwind 10250)', () => {
    expect(lineAmount({ quantity: '35', unitPrice: '42.4', discount: '0.15' })).toBe('1261.40');
    expect(lineAmount({ quantity: '15', unitPrice: '16.8', discount: '0.15' })).toBe('214.20');
    expect(lineAmount({ quantity: '10', unitPrice: '7.7', discount: '0' })).toBe('77.00');
  });

  it('rounds each line half-up: 15.5 × 7 × 0.95 = 103.075 → 103.08; 3 × 0.335 = 1.005 → 1.01', () => {
    expect(lineAmount({ quantity: '7', unitPrice: '15.5', discount: '0.05' })).toBe('103.08');
    expect(lineAmount({ quantity: '3', unitPrice: '0.335' })).toBe('1.01');
    expect(lineAmount({ quantity: '1.0000', unitPrice: '0.0049', discount: '0.000000' })).toBe('0.00');
    expect(lineAmount({ quantity: '2', unitPrice: '99.99', discount: '1' })).toBe('0.00');
  });

  it('returns are negative and round symmetrically: −3 × 0.335 = −1.01; −2 × 19.99 × 0.9 = −35.98', () => {
    expect(lineAmount({ quantity: '-3', unitPrice: '0.335' })).toBe('-1.01');
    expect(lineAmount({ quantity: '-2', unitPrice: '19.99', discount: '0.1' })).toBe('-35.98');
    // a sale and a partial return on one order: 168.00 − 35.98 = 132.02
    const t = orderTotals([
      { amount: lineAmount({ quantity: '12', unitPrice: '14' }), cost: '120.00' },
      { amount: lineAmount({ quantity: '-2', unitPrice: '19.99', discount: '0.1' }), cost: '-25.50' },
    ]);
    expect(t).toEqual({ amount: '132.02', cost: '94.50' });
  });

  it('large values stay exact: 99,999,999,999,999.9999 × 1 × (1 − 0.000001)', () => {
    // 99999999999999.9999 × 0.999999 = 99999899999999.9999000001 → 99999900000000.00
    expect(lineAmount({ quantity: '1', unitPrice: '99999999999999.9999', discount: '0.000001' })).toBe('99999900000000.00');
  });
});

describe('orderTotals and sumMoney', () => {
  it('no lines: amount 0.00 and unknown cost', () => {
    expect(orderTotals([])).toEqual({ amount: '0.00', cost: null });
  });
  it('a missing line cost makes the order cost unknown', () => {
    expect(orderTotals([{ amount: '10.00', cost: '6.00' }, { amount: '5.00', cost: null }])).toEqual({ amount: '15.00', cost: null });
  });
  it('sums exactly where floats drift: 0.1 + 0.2 = 0.30, 1e6 × 0.01', () => {
    expect(sumMoney(['0.1', '0.2'])).toBe('0.30');
    expect(sumMoney(Array.from({ length: 1_000_000 }, () => '0.01'))).toBe('10000.00');
  });
});

// Northwind (../shared/data, see its PROVENANCE.md): 2,155 lines total 1,265,793.29 when each line
// is rounded half-up before summing (1,265,793.0395 unrounded).
const NORTHWIND = path.resolve(import.meta.dirname, '../../../../../shared/data/northwind/order_details.csv');
describe.skipIf(!fs.existsSync(NORTHWIND))('Northwind order_details under the per-line rule', () => {
  it('totals 1,265,793.29 over 2,155 lines', () => {
    const rows = fs.readFileSync(NORTHWIND, 'utf8').trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(2155);
    const amounts = rows.map((r) => {
      const [, , unitPrice, quantity, discount] = r.split(',');
      return lineAmount({ quantity: quantity!, unitPrice: unitPrice!, discount: discount! });
    });
    expect(sumMoney(amounts)).toBe('1265793.29');
  });
});

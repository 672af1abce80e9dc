// Receivables aging as of a fixed date, worked by hand.
import { describe, expect, it } from 'vitest';
import { AGING_CASES } from '../../../../test/support/aging-cases.js';
import { ageReceivables, bucketOf, daysOverdue, isOpenAt, paymentStatus } from './aging.js';
import { addDays, daysBetween, isIsoDate, localDate } from './dates.js';

const AS_OF = '2026-03-31';


describe('dates', () => {
  it('counts whole days across month ends and leap years', () => {
    expect(daysBetween('2026-01-30', '2026-03-31')).toBe(60);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-31', '2026-03-30')).toBe(-1);
    expect(addDays('2026-03-31', -365)).toBe('2025-03-31');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
  it('today is the office calendar date, not UTC', () => {
    const now = new Date('2026-03-31T17:30:00Z'); // 01:30 on 1 April in Shanghai
    expect(localDate(now, 'Asia/Shanghai')).toBe('2026-04-01');
    expect(localDate(now, 'UTC')).toBe('2026-03-31');
  });
});

describe('buckets', () => {
  it('bounds: ≤0 not due, 1–30, 31–60, 61–90, 91+', () => {
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 4000].map(bucketOf)).toEqual(['notDue', 'notDue', '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
  });

  it('open means unpaid or paid after the date', () => {
    expect(isOpenAt({ paidDate: null }, AS_OF)).toBe(true);
    expect(isOpenAt({ paidDate: '2026-04-01' }, AS_OF)).toBe(true);
    expect(isOpenAt({ paidDate: AS_OF }, AS_OF)).toBe(false);
    expect(daysOverdue({ dueDate: '2025-12-30' }, AS_OF)).toBe(91);
  });

  it('status and lateness', () => {
    expect(paymentStatus({ dueDate: '2026-04-10', paidDate: null }, AS_OF)).toEqual({ status: 'notDue', daysLate: 0 });
    expect(paymentStatus({ dueDate: '2026-03-01', paidDate: null }, AS_OF)).toEqual({ status: 'overdue', daysLate: 30 });
    expect(paymentStatus({ dueDate: '2026-02-15', paidDate: '2026-03-31' }, AS_OF)).toEqual({ status: 'paid', daysLate: 44 });
    expect(paymentStatus({ dueDate: '2026-03-10', paidDate: '2026-03-09' }, AS_OF)).toEqual({ status: 'paid', daysLate: 0 });
    // paid in the future relative to asOf: still overdue on asOf
    expect(paymentStatus({ dueDate: '2026-02-15', paidDate: '2026-04-05' }, AS_OF)).toEqual({ status: 'overdue', daysLate: 44 });
  });
});

describe('ageReceivables on 2026-03-31', () => {
  const r = ageReceivables(AGING_CASES, AS_OF);

  it('puts each open item in its bucket; credit notes count negative', () => {
    expect(r.buckets.map((b) => [b.key, b.count, b.amount])).toEqual([
      ['notDue', 2, '1200.00'], // A + B
      ['1-30', 4, '589.50'], // C 300 + D 400 + L −120.50 + P 10
      ['31-60', 3, '1150.00'], // E 500 + F 600 + J 50
      ['61-90', 2, '1500.00'], // G 700 + H 800
      ['90+', 1, '900.00'], // I
    ]);
    expect(r.buckets[0]).toMatchObject({ minDays: null, maxDays: 0 });
    expect(r.buckets[4]).toMatchObject({ minDays: 91, maxDays: null });
  });

  it('totals: 12 open for 5,339.50, of which 10 overdue for 4,139.50', () => {
    expect(r.total).toEqual({ count: 12, amount: '5339.50' });
    expect(r.overdue).toEqual({ count: 10, amount: '4139.50' });
  });

  it('paid late within the year to asOf: only K (44 days late)', () => {
    expect(r.paidLate).toEqual({ count: 1, amount: '60.00', maxDaysLate: 44 });
  });

  it('a day later J is still open, O is raised, and everything has aged by one day', () => {
    const next = ageReceivables(AGING_CASES, '2026-04-01');
    expect(next.buckets.map((b) => [b.key, b.count, b.amount])).toEqual([
      ['notDue', 1, '1000.00'], // A
      ['1-30', 4, '389.50'], // B(1) + C(2) + L(17) + P(2) = 200 + 300 − 120.50 + 10
      ['31-60', 4, '1040.00'], // D(31) + E(32) + J(45) + O(31) = 400 + 500 + 50 + 90; F is now 61
      ['61-90', 2, '1300.00'], // F(61) + G(62); H is now 91
      ['90+', 2, '1700.00'], // H + I
    ]);
  });

  it('nothing open: zero buckets', () => {
    const empty = ageReceivables([], AS_OF);
    expect(empty.total).toEqual({ count: 0, amount: '0.00' });
    expect(empty.buckets.every((b) => b.amount === '0.00' && b.count === 0)).toBe(true);
  });
});

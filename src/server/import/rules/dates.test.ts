// Dates in every form the importer accepts, Excel serials with the 1900 leap-year bug, refusals.
import { describe, expect, it } from 'vitest';
import { excelSerialToDate, parseDate } from './dates.js';

const date = (raw: string | number, opts = {}) => {
  const p = parseDate(raw, opts);
  return p.ok ? p.value : `!${p.code}`;
};

describe('parseDate', () => {
  it.each([
    ['2026-01-05', '2026-01-05'],
    ['2026-1-5', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026/01/05', '2026-01-05'],
    ['2026.1.5', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['2026年01月05日', '2026-01-05'],
    ['2026 年 1 月 5 日', '2026-01-05'],
    ['2026年1月5号', '2026-01-05'],
    ['２０２６－０１－０５', '2026-01-05'], // full-width
    ['20260105', '2026-01-05'],
    ['2026-01-05 10:30', '2026-01-05'],
    ['2026-01-05 10:30:59', '2026-01-05'],
    ['2026/1/5 8:05', '2026-01-05'],
    ['2026-01-05T10:30:00', '2026-01-05'], // ISO without zone: the date as written
    ['2026-01-05T10:30:00.123', '2026-01-05'],
    ['2026-01-05T20:00:00Z', '2026-01-06'], // 04:00 next day in Asia/Shanghai
    ['2026-01-05T20:00:00+08:00', '2026-01-05'],
    ['2026-01-05T23:30:00-05:00', '2026-01-06'],
    ['2024-02-29', '2024-02-29'],
    [' 2026-01-05 ', '2026-01-05'],
  ])('%j → %s', (raw, expected) => expect(date(raw)).toBe(expected));

  it('reads a zoned date-time in the configured zone', () => {
    expect(date('2026-01-05T20:00:00Z', { timeZone: 'UTC' })).toBe('2026-01-05');
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026/1/32',
    '1/5/2026', // day/month order unknown
    '05/01/26',
    '26-1-5',
    'tomorrow',
    '2026-01-05 25:00',
    '=TODAY()',
    '99999999',
  ])('%j is refused', (raw) => expect(date(raw)).toMatch(/^!invalid_date/));

  it('explains an ambiguous day/month date', () => {
    const p = parseDate('01/05/2026');
    expect(p.ok).toBe(false);
    expect(!p.ok && p.reason).toMatch(/ambiguous/);
  });
});

describe('Excel serial dates', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [35250, '1996-07-04'],
    [45292, '2024-01-01'],
    [46027, '2026-01-05'],
    [46027.75, '2026-01-05'], // 18:00 on the same day
    [46027.99999999999, '2026-01-06'], // float noise of midnight
    [2958465, '9999-12-31'],
  ])('%d → %s', (serial, expected) => expect(date(serial)).toBe(expected));

  it('refuses the nonexistent 1900-02-29 (serial 60), 0 and negatives', () => {
    expect(excelSerialToDate(60)).toMatchObject({ ok: false });
    expect(excelSerialToDate(0)).toMatchObject({ ok: false });
    expect(excelSerialToDate(-1)).toMatchObject({ ok: false });
    expect(excelSerialToDate(2958466)).toMatchObject({ ok: false });
  });

  it('counts from 1904 in 1904 workbooks', () => {
    expect(date(0, { date1904: true })).toBe('1904-01-01');
    expect(date(44565, { date1904: true })).toBe('2026-01-05');
  });

  it('reads short numeric text as a serial too', () => {
    expect(date('46027')).toBe('2026-01-05');
  });
});

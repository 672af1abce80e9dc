// Dates as people and spreadsheets write them → 'YYYY-MM-DD'.
// 2026-01-05 · 2026/1/5 · 2026.1.5 · 2026年1月5日 · 20260105 · ISO date-times · Excel serials.
import { fail, ok, type Parsed } from './numbers.js';

export interface DateOptions {
  /** The workbook counts from 1904-01-01 (old Mac Excel) instead of 1900. */
  date1904?: boolean;
  /** Time zone in which a date-time with an offset (…Z, …+08:00) is read as a date. */
  timeZone?: string;
}

const DAY_MS = 86_400_000;
const MAX_SERIAL = 2_958_465; // 9999-12-31

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function ymd(y: number, m: number, d: number): Parsed<string> {
  if (y < 1000 || y > 9999) return fail('invalid_date', 'has a year outside 1000–9999');
  if (m < 1 || m > 12) return fail('invalid_date', `has no month ${m}`);
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (d < 1 || dt.getUTCMonth() !== m - 1) return fail('invalid_date', `${y}-${pad(m)} has no day ${d}`);
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

function fromUtcMs(ms: number): string {
  const dt = new Date(ms);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/**
 * An Excel serial day number. In the 1900 system Excel counts the nonexistent 1900-02-29
 * (serial 60, a bug kept from Lotus 1-2-3): serials 1–59 are 1900-01-01…02-28, 61 onwards
 * are one day less than a plain count from 1899-12-31. A fraction is the time of day.
 */
export function excelSerialToDate(serial: number, date1904 = false): Parsed<string> {
  if (!Number.isFinite(serial)) return fail('invalid_date', 'is not a date');
  // Round to the millisecond first: 45296.99999999999 is midnight of the next day, not 23:59.
  const whole = Math.floor(Math.round(serial * DAY_MS) / DAY_MS);
  if (date1904) {
    if (whole < 0 || whole > MAX_SERIAL - 1462) return fail('invalid_date', 'is outside the range of Excel dates');
    return ok(fromUtcMs(Date.UTC(1904, 0, 1) + whole * DAY_MS));
  }
  if (whole < 1 || whole > MAX_SERIAL) return fail('invalid_date', 'is outside the range of Excel dates');
  if (whole === 60) return fail('invalid_date', "is Excel's serial 60, the nonexistent 1900-02-29");
  const base = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return ok(fromUtcMs(base + whole * DAY_MS));
}

function dateInZone(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const SEPARATED = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses a cell into 'YYYY-MM-DD'. Numbers (and 1–5 digit numeric text) are Excel serials. */
export function parseDate(raw: string | number, opts: DateOptions = {}): Parsed<string> {
  if (typeof raw === 'number') return excelSerialToDate(raw, opts.date1904);
  const s = raw.normalize('NFKC').trim();
  if (s === '') return fail('invalid_date', 'is empty');
  if (/^\d{1,5}(\.\d+)?$/.test(s)) return excelSerialToDate(Number(s), opts.date1904);
  const compact = COMPACT.exec(s);
  if (compact) return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));

  // A date, optionally followed by a time (after a space or T) and a zone.
  const split = /^(.+?)(?:[T\s]+(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s);
  const datePart = split?.[1] ?? s;
  const time = split?.[2];
  const zone = split?.[3];
  const m = SEPARATED.exec(datePart) ?? CHINESE.exec(datePart);
  if (!m) return fail('invalid_date', unclear(s));
  const [y, mo, d] = SEPARATED.test(datePart) ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
  const date = ymd(Number(y), Number(mo), Number(d));
  if (!date.ok || !time) return date;
  const t = TIME.exec(time);
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3] ?? 0) > 59) return fail('invalid_date', `has an invalid time "${time}"`);
  if (!zone || !ZONE.test(zone)) return date;
  const iso = `${date.value}T${pad(Number(t[1]))}:${t[2]}:${t[3] ?? '00'}${zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return fail('invalid_date', `"${raw}" is not a date`);
  return ok(dateInZone(ms, opts.timeZone ?? 'Asia/Shanghai'));
}

function unclear(s: string): string {
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(s)) return `"${s}" is ambiguous (day/month order, short year): write 2026-01-05`;
  return `"${s}" is not a date (write 2026-01-05, 2026/1/5 or 2026年1月5日)`;
}

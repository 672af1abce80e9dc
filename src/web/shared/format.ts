// Display formatting. Money arrives as exact decimal strings and is only ever formatted here,
// never used for arithmetic: Intl.NumberFormat formats the string itself (no float rounding).
import dayjs from 'dayjs';
import { currentLanguage } from '../i18n';

let currency = 'CNY';
let timeZone = 'Asia/Shanghai';

/** Set from GET /api/v1/meta once it loads. */
export function configureFormatting(opts: { currency?: string; timezone?: string }): void {
  if (opts.currency) currency = opts.currency;
  if (opts.timezone) timeZone = opts.timezone;
}

export const EMPTY = '—';

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

function intlLocale(): string {
  return currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-US';
}

/** "12345678.9" → "¥12,345,678.90". Unparseable input is shown as it came. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const s = String(value).trim();
  if (!DECIMAL_RE.test(s)) return s;
  const fmt = new Intl.NumberFormat(intlLocale(), {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  // ES2023 Intl.NumberFormat formats numeric strings exactly.
  return fmt.format(s as `${number}`);
}

/** Thousands separators for a plain decimal string typed into an input (display only). */
export function groupDigits(value: string | number | undefined): string {
  if (value === undefined || value === '') return '';
  const [int = '', frac] = String(value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined) return EMPTY;
  return new Intl.NumberFormat(intlLocale()).format(value);
}

function inZone(iso: string) {
  const d = dayjs(iso);
  try {
    return d.tz(timeZone);
  } catch {
    return d;
  }
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  return inZone(iso).format('YYYY-MM-DD HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  // Plain dates (birthdays) have no time zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return inZone(iso).format('YYYY-MM-DD');
}

export function formatRelative(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  return dayjs(iso).fromNow();
}

export function orEmpty(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? EMPTY : String(value);
}

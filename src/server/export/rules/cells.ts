// How one value becomes one spreadsheet cell, for CSV and for XLSX. Pure: the writers and the
// entity definitions call these; the unit tests pin the exact output.
//
// Formula injection: a spreadsheet treats a text cell that begins with = + - @ (and, after
// trimming, a tab or carriage return) as a formula. Every *text* cell that begins with one of
// these characters is prefixed with a single quote ', so Excel, WPS and LibreOffice show it as
// text. Values of *numeric* columns (ids, counts, money) are not text: they are validated as
// numbers first and written as numbers, so a credit note of -12.50 stays -12.50 — in XLSX a
// numeric cell, in CSV the bare characters -12.50 (a number is not a formula; prefixing it would
// turn it into text and break sums). A name the user typed as "-12.50" is text and does get the
// quote. This is the documented choice (docs/EXPORT.md).

export type ColumnKind = 'text' | 'int' | 'money' | 'date' | 'datetime' | 'list';

export interface ExportColumn {
  key: string;
  kind: ColumnKind;
  header: { zh: string; en: string };
}

/** A row value as the entity gives it: text, numbers, decimal strings (money), dates or lists. */
export type RawValue = string | number | Date | readonly string[] | null | undefined;

export const UTF8_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Text that a spreadsheet would run as a formula gets a leading single quote. */
export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted and its quotes doubled. */
export function csvEscape(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Wall-clock time in a time zone, as YYYY-MM-DD HH:mm:ss (what people read in a sheet). */
export function localDateTime(value: Date | string, timeZone: string): string {
  const d = value instanceof Date ? value : new Date(value);
  const parts = formatterFor(timeZone).formatToParts(d);
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

// Building a DateTimeFormat costs far more than using one; an export formats millions of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar day in a time zone, YYYY-MM-DD (for file names). */
export function localDate(value: Date, timeZone: string): string {
  return localDateTime(value, timeZone).slice(0, 10);
}

function isNumericText(v: unknown): v is string {
  return typeof v === 'string' && DECIMAL.test(v);
}

/** The text of a cell in a CSV file (before CSV escaping). */
export function csvCellText(kind: ColumnKind, value: RawValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'int':
    case 'money':
      // A validated number is written as is (a minus sign included); anything else is text.
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (isNumericText(value)) return value;
      return neutraliseText(String(value));
    case 'date':
      return typeof value === 'string' ? neutraliseText(value) : localDate(value as Date, timeZone);
    case 'datetime':
      return value instanceof Date || typeof value === 'string' ? localDateTime(value, timeZone) : '';
    case 'list':
      return neutraliseText((Array.isArray(value) ? value : [String(value)]).join('; '));
    case 'text':
      return neutraliseText(String(value));
  }
}

export function csvLine(columns: readonly ExportColumn[], values: readonly RawValue[], timeZone: string): string {
  return columns.map((c, i) => csvEscape(csvCellText(c.kind, values[i], timeZone))).join(',') + CSV_EOL;
}

export function csvHeaderLine(columns: readonly ExportColumn[], lang: 'zh' | 'en'): string {
  return columns.map((c) => csvEscape(c.header[lang])).join(',') + CSV_EOL;
}

/** Digits a double carries exactly: beyond this a decimal string would change on the way to Excel. */
const EXACT_DIGITS = 15;

/**
 * The value of a cell in an XLSX file: numbers as numbers, money as a number while a double holds
 * it exactly (≤ 15 significant digits, i.e. below 10 trillion yuan with fen) and as text beyond,
 * dates as Date cells carrying the wall-clock time of the time zone (Excel has no time zones).
 */
export function xlsxCellValue(kind: ColumnKind, value: RawValue, timeZone: string): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'int':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (isNumericText(value)) return Number(value);
      return neutraliseText(String(value));
    case 'money': {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (isNumericText(value)) {
        const digits = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
        return digits <= EXACT_DIGITS ? Number(value) : value;
      }
      return neutraliseText(String(value));
    }
    case 'date':
      if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : neutraliseText(value);
      return new Date(`${localDate(value as Date, timeZone)}T00:00:00Z`);
    case 'datetime':
      if (value instanceof Date || typeof value === 'string') return new Date(`${localDateTime(value, timeZone).replace(' ', 'T')}Z`);
      return null;
    case 'list':
      return neutraliseText((Array.isArray(value) ? value : [String(value)]).join('; '));
    case 'text':
      return neutraliseText(String(value));
  }
}

/** Excel number formats per column kind (text columns keep the default). */
export const XLSX_NUM_FMT: Partial<Record<ColumnKind, string>> = {
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

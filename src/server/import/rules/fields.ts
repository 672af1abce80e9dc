// Field declarations of importable entities and the parsing of one cell by its field's type.
import { parseDate, type DateOptions } from './dates.js';
import { decToString, type Dec } from './decimal.js';
import type { HeaderField } from './headers.js';
import { checkDecimal, fail, numberToText, ok, parseDiscount, parseInteger, parseNumber, type Parsed } from './numbers.js';

export type FieldType = 'text' | 'integer' | 'decimal' | 'money' | 'date' | 'enum' | 'enum-list' | 'boolean' | 'discount';

export interface FieldDef extends HeaderField {
  type: FieldType;
  /** text: most characters. */
  maxLength?: number;
  /** enum, enum-list: accepted spellings (any case, width, spacing) → stored value. */
  values?: Readonly<Record<string, string>>;
  /** integer: range. */
  min?: number;
  max?: number;
  /** decimal, money: most decimals (money: 2) and digits before the point; negatives allowed? */
  scale?: number;
  integerDigits?: number;
  negative?: boolean;
}

/** A cell as a reader gives it: CSV cells are text, XLSX cells may be numbers or booleans. */
export type CellValue = string | number | boolean | null | undefined;
export type FieldValue = string | number | boolean | string[] | Dec;

function isBlank(raw: CellValue): raw is null | undefined | '' {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

export function cellText(raw: CellValue): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') return numberToText(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return raw;
}

const enumKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');

function parseEnum(def: FieldDef, text: string): Parsed<string> {
  const values = def.values ?? {};
  const key = enumKey(text);
  for (const [spelling, stored] of Object.entries(values)) if (enumKey(spelling) === key) return ok(stored);
  const accepted = [...new Set(Object.values(values))].join(', ');
  return fail('invalid_choice', `"${text}" is not one of: ${accepted} (or their Chinese names)`);
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', '有', '√', '✓', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不', '无', '×', '✗', 'f']);

/** Parses a cell; blank cells are null (whether that is allowed is the row's business). */
export function parseCell(def: FieldDef, raw: CellValue, opts: DateOptions = {}): Parsed<FieldValue | null> {
  if (isBlank(raw)) return ok(null);
  switch (def.type) {
    case 'text': {
      const text = cellText(raw).trim();
      if (text.includes('\u0000')) return fail('invalid_text', 'contains the NUL character');
      if (def.maxLength && text.length > def.maxLength) return fail('too_long', `is longer than ${def.maxLength} characters`);
      return ok(text);
    }
    case 'integer':
      return parseInteger(raw as string | number, def.min ?? -2_147_483_648, def.max ?? 2_147_483_647);
    case 'decimal':
    case 'money': {
      const p = parseNumber(raw as string | number);
      if (!p.ok) return p;
      if (!def.negative && p.value.value.units < 0n) return fail('negative', 'must not be negative');
      return checkDecimal(p.value.value, { scale: def.scale ?? (def.type === 'money' ? 2 : 4), integerDigits: def.integerDigits ?? 18 });
    }
    case 'discount':
      return parseDiscount(raw as string | number);
    case 'date':
      return parseDate(typeof raw === 'boolean' ? String(raw) : raw, opts);
    case 'enum':
      return parseEnum(def, cellText(raw).trim());
    case 'enum-list': {
      const out: string[] = [];
      for (const part of cellText(raw).split(/[,，;；、/|]+/)) {
        if (part.trim() === '') continue;
        const v = parseEnum(def, part.trim());
        if (!v.ok) return v;
        if (!out.includes(v.value)) out.push(v.value);
      }
      return ok(out);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const key = enumKey(cellText(raw));
      if (TRUE.has(key)) return ok(true);
      if (FALSE.has(key)) return ok(false);
      return fail('invalid_boolean', `"${cellText(raw)}" is not yes/no (是/否, true/false, 1/0)`);
    }
  }
}

/** A field value as text for messages and the rejected-rows file. */
export function valueText(v: FieldValue | null): string {
  if (v === null) return '';
  if (typeof v === 'object' && !Array.isArray(v)) return decToString(v);
  return Array.isArray(v) ? v.join(',') : String(v);
}

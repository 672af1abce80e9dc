// One cell by its field's type.
import { describe, expect, it } from 'vitest';
import { decToString, type Dec } from './decimal.js';
import { parseCell, type FieldDef } from './fields.js';

const f = (def: Partial<FieldDef>): FieldDef => ({ name: 'x', aliases: [], type: 'text', ...def });
const val = (def: Partial<FieldDef>, raw: Parameters<typeof parseCell>[1]) => {
  const p = parseCell(f(def), raw);
  if (!p.ok) return `!${p.code}`;
  return p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value) ? decToString(p.value as Dec) : p.value;
};

describe('parseCell', () => {
  it('blank cells are null for every type', () => {
    for (const type of ['text', 'integer', 'money', 'date', 'enum', 'boolean'] as const) {
      expect(val({ type }, '  ')).toBe(null);
      expect(val({ type }, null)).toBe(null);
    }
  });

  it('text: trimmed, formula text kept literally, NUL and length refused', () => {
    expect(val({}, '  华为  ')).toBe('华为');
    expect(val({}, '=HYPERLINK("http://evil","x")')).toBe('=HYPERLINK("http://evil","x")');
    expect(val({}, 13800138000)).toBe('13800138000');
    expect(val({}, true)).toBe('TRUE');
    expect(val({}, 'a\u0000b')).toBe('!invalid_text');
    expect(val({ maxLength: 3 }, 'abcd')).toBe('!too_long');
  });

  it('money: 2 decimals, no negatives unless allowed', () => {
    expect(val({ type: 'money' }, '¥1,234.5')).toBe('1234.5');
    expect(val({ type: 'money' }, '1.234')).toBe('!too_many_decimals');
    expect(val({ type: 'money' }, '-5')).toBe('!negative');
    expect(val({ type: 'money', negative: true }, '(5.00)')).toBe('-5');
    expect(val({ type: 'money' }, '1'.repeat(19))).toBe('!out_of_range');
  });

  it('enum and enum lists by any spelling', () => {
    const values = { active: 'active', 活跃: 'active', lost: 'lost' };
    expect(val({ type: 'enum', values }, 'ACTIVE')).toBe('active');
    expect(val({ type: 'enum', values }, '活跃')).toBe('active');
    expect(val({ type: 'enum', values }, 'gone')).toBe('!invalid_choice');
    expect(val({ type: 'enum-list', values }, '活跃、lost,active')).toEqual(['active', 'lost']);
  });

  it('boolean and date', () => {
    expect(val({ type: 'boolean' }, '是')).toBe(true);
    expect(val({ type: 'boolean' }, 'No')).toBe(false);
    expect(val({ type: 'boolean' }, 'maybe')).toBe('!invalid_boolean');
    expect(val({ type: 'date' }, 46027)).toBe('2026-01-05');
    expect(val({ type: 'date' }, '2026年1月5日')).toBe('2026-01-05');
  });
});

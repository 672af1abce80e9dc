// Header matching: Chinese and English aliases, insensitive to case, spaces, width; explicit maps.
import { describe, expect, it } from 'vitest';
import { columnLetter, matchHeaders, normaliseHeader, type HeaderField } from './headers.js';

const FIELDS: HeaderField[] = [
  { name: 'name', aliases: ['客户名称', 'company name'], required: true },
  { name: 'externalCode', aliases: ['客户编码', 'customer id'] },
  { name: 'region', aliases: ['区域', 'region'] },
];

describe('matchHeaders', () => {
  it('matches Chinese and English names, ignoring case, spaces, underscores, width and a * marker', () => {
    const m = matchHeaders(['Company_Name', ' 客户编码* ', 'ＲＥＧＩＯＮ', 'notes'], FIELDS);
    expect(m.fields).toEqual(['name', 'externalCode', 'region', null]);
    expect(m.unknown).toEqual(['notes']);
    expect(m.issues).toEqual([]);
  });

  it('matches a field by its own name', () => {
    expect(matchHeaders(['NAME', 'externalcode'], FIELDS).fields).toEqual(['name', 'externalCode']);
  });

  it('reports a missing required field and two columns for one field', () => {
    expect(matchHeaders(['客户编码'], FIELDS).issues.map((i) => i.code)).toEqual(['missing_column']);
    const m = matchHeaders(['客户名称', 'company name'], FIELDS);
    expect(m.issues[0]).toMatchObject({ code: 'duplicate_column' });
    expect(m.issues[0]!.reason).toContain('(A)');
  });

  it('follows an explicit mapping, which wins over name matching and can ignore a column', () => {
    const m = matchHeaders(['公司', 'region', 'country'], FIELDS, { 公司: 'name', country: 'region' });
    expect(m.fields).toEqual(['name', null, 'region']);
    const n = matchHeaders(['客户名称', '区域'], FIELDS, { 区域: '-' });
    expect(n.fields).toEqual(['name', null]);
    expect(matchHeaders(['客户名称', '区域'], FIELDS, { 区域: null }).fields).toEqual(['name', null]);
  });

  it('maps to a field by one of its aliases, and reports unknown fields and columns', () => {
    expect(matchHeaders(['x'], FIELDS, { x: '客户名称' }).fields).toEqual(['name']);
    const m = matchHeaders(['客户名称'], FIELDS, { nope: 'name', 客户名称: 'colour' });
    expect(m.issues.map((i) => i.code).sort()).toEqual(['unknown_column', 'unknown_field']);
  });

  it('requires one of a group', () => {
    const m = matchHeaders(['客户名称'], FIELDS, {}, [['externalCode', 'region']]);
    expect(m.issues[0]!.reason).toContain('externalCode / region');
  });

  it('normalises and letters columns', () => {
    expect(normaliseHeader('\uFEFF Order_ID ')).toBe('orderid');
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

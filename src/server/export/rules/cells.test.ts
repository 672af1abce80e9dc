import { describe, expect, it } from 'vitest';
import {
  csvCellText,
  csvEscape,
  csvHeaderLine,
  csvLine,
  localDate,
  localDateTime,
  neutraliseText,
  xlsxCellValue,
  type ExportColumn,
} from './cells.js';
import { contentDisposition } from './disposition.js';

const TZ = 'Asia/Shanghai';

describe('neutraliseText', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+86 138', "'+86 138"],
    ['-12.50', "'-12.50"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['华为技术', '华为技术'],
    ['a=b', 'a=b'],
    ['', ''],
    [' =1', ' =1'],
  ])('%j → %j', (input, out) => {
    expect(neutraliseText(input)).toBe(out);
  });
});

describe('csvEscape', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\r', '"cr\r"'],
    ['中文', '中文'],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(csvEscape(input)).toBe(out);
  });
});

describe('csvCellText', () => {
  it('writes numbers of numeric columns as numbers, minus sign included', () => {
    expect(csvCellText('money', '-12.50', TZ)).toBe('-12.50');
    expect(csvCellText('money', '1234567890123456.78', TZ)).toBe('1234567890123456.78');
    expect(csvCellText('int', 42, TZ)).toBe('42');
    expect(csvCellText('int', -3, TZ)).toBe('-3');
  });
  it('treats non-numbers in numeric columns as text (and neutralises them)', () => {
    expect(csvCellText('money', '=1+1', TZ)).toBe("'=1+1");
  });
  it('writes empty cells for null and undefined', () => {
    expect(csvCellText('text', null, TZ)).toBe('');
    expect(csvCellText('money', undefined, TZ)).toBe('');
  });
  it('writes times as wall-clock time of the time zone and joins lists', () => {
    expect(csvCellText('datetime', new Date('2026-11-23T16:30:05.123Z'), TZ)).toBe('2026-11-24 00:30:05');
    expect(csvCellText('datetime', '2026-01-05T00:00:00Z', 'UTC')).toBe('2026-01-05 00:00:00');
    expect(csvCellText('date', '1975-06-01', TZ)).toBe('1975-06-01');
    expect(csvCellText('list', ['important', 'strategic'], TZ)).toBe('important; strategic');
    expect(csvCellText('list', [], TZ)).toBe('');
  });
});

describe('csvLine and csvHeaderLine', () => {
  const cols: ExportColumn[] = [
    { key: 'id', kind: 'int', header: { zh: 'ID', en: 'ID' } },
    { key: 'name', kind: 'text', header: { zh: '客户名称', en: 'Name' } },
    { key: 'revenue', kind: 'money', header: { zh: '年收入(元)', en: 'Annual revenue, "CNY"' } },
  ];
  it('joins escaped cells with commas and ends with CRLF', () => {
    expect(csvLine(cols, [7, '=HYPERLINK("http://evil","点我"),\n', '-12.50'], TZ)).toBe(`7,"'=HYPERLINK(""http://evil"",""点我""),\n",-12.50\r\n`);
    expect(csvLine(cols, [8, '华为, "深圳"', null], TZ)).toBe('8,"华为, ""深圳""",\r\n');
  });
  it('writes the headers in the chosen language', () => {
    expect(csvHeaderLine(cols, 'zh')).toBe('ID,客户名称,年收入(元)\r\n');
    expect(csvHeaderLine(cols, 'en')).toBe('ID,Name,"Annual revenue, ""CNY"""\r\n');
  });
});

describe('xlsxCellValue', () => {
  it('keeps numbers numbers and money exact', () => {
    expect(xlsxCellValue('money', '-12.50', TZ)).toBe(-12.5);
    expect(xlsxCellValue('money', '9999999999999.99', TZ)).toBe(9999999999999.99);
    // 16 significant digits would not survive a double: kept as text.
    expect(xlsxCellValue('money', '99999999999999.99', TZ)).toBe('99999999999999.99');
    expect(xlsxCellValue('money', '0.05', TZ)).toBe(0.05);
    expect(xlsxCellValue('int', 12, TZ)).toBe(12);
    expect(xlsxCellValue('text', '-12.50', TZ)).toBe("'-12.50");
    expect(xlsxCellValue('text', '@foo', TZ)).toBe("'@foo");
    expect(xlsxCellValue('text', null, TZ)).toBeNull();
  });
  it('gives dates the wall-clock time of the time zone', () => {
    expect(xlsxCellValue('datetime', new Date('2026-11-23T16:30:05Z'), TZ)).toEqual(new Date('2026-11-24T00:30:05Z'));
    expect(xlsxCellValue('date', '1975-06-01', TZ)).toEqual(new Date('1975-06-01T00:00:00Z'));
  });
});

describe('dates for file names', () => {
  it('uses the calendar day of the time zone', () => {
    expect(localDate(new Date('2026-11-23T16:30:00Z'), TZ)).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-23T15:59:59Z'), TZ)).toBe('2026-11-23');
    expect(localDateTime(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01 00:00:00');
  });
});

describe('contentDisposition', () => {
  it('gives a UTF-8 filename* and an ASCII fallback', () => {
    expect(contentDisposition('客户档案-2026-11-23.csv', 'accounts-2026-11-23.csv')).toBe(
      `attachment; filename="accounts-2026-11-23.csv"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%E6%A1%A3%E6%A1%88-2026-11-23.csv`,
    );
    expect(contentDisposition("a'b (1).csv", 'a"b\\.csv')).toBe(`attachment; filename="a_b_.csv"; filename*=UTF-8''a%27b%20%281%29.csv`);
  });
});

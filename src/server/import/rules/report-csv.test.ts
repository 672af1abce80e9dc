import { describe, expect, it } from 'vitest';
import { reportCsv } from './report-csv.js';

describe('reportCsv', () => {
  it('writes one line per issue with a BOM, quotes where CSV needs them and formulas neutralised', () => {
    const csv = reportCsv(
      [
        { row: 3, column: '客户名称 (A)', field: 'name', code: 'required', reason: 'the name is empty' },
        { row: 7, column: '=HYPERLINK("x") (B)', field: 'externalCode', code: 'duplicate', reason: '-1, "again"' },
        { row: null, column: null, field: null, code: 'no_rows', reason: 'no data rows' },
      ],
      'zh',
    );
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF行号,列,字段,代码,原因',
      '3,客户名称 (A),name,required,the name is empty',
      `7,"'=HYPERLINK(""x"") (B)",externalCode,duplicate,"'-1, ""again"""`,
      '整个文件,,,no_rows,no data rows',
      '',
    ]);
  });
  it('says how many issues were not kept, in English too', () => {
    expect(reportCsv([], 'en', 12).split('\r\n')).toEqual(['\uFEFFrow,column,field,code,reason', ',,,,12 more issues not listed', '']);
  });
});

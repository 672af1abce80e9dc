// Files in every encoding and format the importer reads, and the bad files it must refuse with
// one clear message, writing nothing: empty, header only, wrong delimiter, truncated XLSX, zip
// bomb, a single 50 MB line, mixed encodings, a binary file.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/shared/errors.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { all, kamImport, snapshot, tempDir, writeText, writeXlsx, writeZip } from './support.js';

const HEADER = '客户名称,客户编码,行业,年营业额\n';
const ROWS = '华为技术有限公司,C001,通信,"1,234,567.89"\n阿里巴巴（中国）有限公司,C002,互联网,¥2000\n';

let d: TestDatabase;
let dir: string;
beforeAll(async () => {
  d = await createTestDatabase();
  dir = tempDir('bad-files');
});
afterAll(async () => {
  await d?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs an import expected to fail as a whole; returns the message and checks nothing was written. */
async function refused(file: string, entity = 'accounts'): Promise<string> {
  const before = await snapshot(d.db);
  let message = '';
  await kamImport(d.db, entity, file).then(
    () => expect.fail('the import should have been refused'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(AppError);
      message = (e as AppError).message + JSON.stringify((e as AppError).details ?? '');
    },
  );
  expect(await snapshot(d.db)).toEqual(before);
  return message;
}

describe('encodings', () => {
  it('reads UTF-8 with a BOM', async () => {
    const r = await kamImport(d.db, 'accounts', writeText(dir, 'bom.csv', HEADER + ROWS, 'utf8-bom'));
    expect(r.report).toMatchObject({ encoding: 'UTF-8', rows: 2, created: 2, rejected: 0 });
    expect(await all(d.db, `select name, external_code, industry, annual_revenue from accounts where external_code in ('C001','C002') order by 2`)).toEqual([
      { name: '华为技术有限公司', external_code: 'C001', industry: '通信', annual_revenue: '1234567.89' },
      { name: '阿里巴巴（中国）有限公司', external_code: 'C002', industry: '互联网', annual_revenue: '2000.00' },
    ]);
  });

  it('detects GBK (the bytes are not UTF-8) and reads it the same', async () => {
    const file = writeText(dir, 'gbk.csv', HEADER + ROWS.replace(/C00/g, 'G00').replace('华为技术', '华为终端').replace('阿里巴巴', '腾讯科技').replace('¥', '￥'), 'gbk'); // GBK has only the full-width ￥
    const r = await kamImport(d.db, 'accounts', file);
    expect(r.report).toMatchObject({ encoding: 'GBK', created: 2 });
    expect(await all(d.db, `select name from accounts where external_code like 'G%' order by 1`)).toEqual([{ name: '华为终端有限公司' }, { name: '腾讯科技（中国）有限公司' }]);
  });

  it('refuses a file that mixes UTF-8 and GBK lines', async () => {
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`${HEADER}上海电气集团,M1,能源,1\n中国石油天然气,M2,能源,2\n`), iconv.encode('北京首都国际机场,M3,交通,3\n', 'gbk')]));
    expect(await refused(file)).toMatch(/mixes encodings.*line 4/);
  });

  it('sniffs ; and tab delimiters', async () => {
    const semi = await kamImport(d.db, 'accounts', writeText(dir, 'semi.csv', '客户名称;客户编码\n分号公司;S1\n'));
    expect(semi.report).toMatchObject({ delimiter: ';', created: 1 });
    const tab = await kamImport(d.db, 'accounts', writeText(dir, 'tab.txt', '客户名称\t客户编码\n制表符公司\tT1\n'));
    expect(tab.report).toMatchObject({ delimiter: '\t', created: 1 });
  });
});

describe('XLSX', () => {
  it('reads the first sheet: numbers, dates as Excel serials, text', async () => {
    const file = await writeXlsx(dir, 'orders.xlsx', [
      ['客户名称', '客户编码'],
      ['表格公司', 'X1'],
    ]);
    expect((await kamImport(d.db, 'accounts', file)).report).toMatchObject({ format: 'xlsx', created: 1 });
    const orders = await writeXlsx(dir, 'o.xlsx', [
      ['订单号', '客户编码', '订单日期', '金额'],
      ['XO-1', 'X1', new Date(Date.UTC(2026, 0, 5)), 1234.5],
      ['XO-2', 'X1', '2026年1月6日', '(10.00)'],
    ]);
    const r = await kamImport(d.db, 'orders', orders);
    expect(r.report).toMatchObject({ rows: 2, created: 2, rejected: 0 });
    expect(await all(d.db, `select order_number, order_date, amount from orders where order_number like 'XO-%' order by 1`)).toEqual([
      { order_number: 'XO-1', order_date: '2026-01-05', amount: '1234.50' },
      { order_number: 'XO-2', order_date: '2026-01-06', amount: '-10.00' },
    ]);
  });

  it('refuses a truncated XLSX', async () => {
    const whole = fs.readFileSync(await writeXlsx(dir, 'whole.xlsx', [['客户名称'], ['截断公司']]));
    const cut = path.join(dir, 'truncated.xlsx');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await refused(cut)).toMatch(/incomplete or damaged/);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const sheet = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(64 * 1024 ** 2, 0x20), Buffer.from('</sheetData></worksheet>')]);
    const bomb = writeZip(dir, 'bomb.xlsx', [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    expect(fs.statSync(bomb).size).toBeLessThan(200 * 1024);
    expect(await refused(bomb)).toMatch(/zip bomb/);
  });

  it('refuses a CSV renamed to .xlsx and an old .xls', async () => {
    expect(await refused(writeText(dir, 'renamed.xlsx', HEADER))).toMatch(/not an XLSX workbook/);
    const xls = path.join(dir, 'old.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(await refused(xls)).toMatch(/\.xls files are not read/);
  });
});

describe('bad files', () => {
  it('an empty file', async () => {
    expect(await refused(writeText(dir, 'empty.csv', ''))).toMatch(/empty/);
    expect(await refused(writeText(dir, 'blank.csv', '\n\n  \n'))).toMatch(/empty/);
  });

  it('a header and no rows', async () => {
    expect(await refused(writeText(dir, 'header.csv', HEADER))).toMatch(/header row but no data rows/);
  });

  it('a wrong delimiter: the header is one column, and says so', async () => {
    expect(await refused(writeText(dir, 'pipes.csv', '客户名称|客户编码\n竖线公司|P1\n'))).toMatch(/one column "客户名称\|客户编码".*delimiter/);
  });

  it('a header that fits no field names what it found and what is missing', async () => {
    const message = await refused(writeText(dir, 'other.csv', 'colour,size\nred,3\n'));
    expect(message).toContain('"colour", "size"');
    expect(message).toContain('required field name');
  });

  it('a single 50 MB line is refused after 1 MB, not buffered', async () => {
    const file = path.join(dir, 'line.csv');
    fs.writeFileSync(file, Buffer.alloc(50 * 1024 ** 2, 'a'));
    expect(await refused(file)).toMatch(/line 1 is longer than 1,048,576 characters/);
  });

  it('a quote that is never closed', async () => {
    expect(await refused(writeText(dir, 'quote.csv', `${HEADER}"未闭合公司,Q1,x,1\n${'x,y,z,1\n'.repeat(10)}`))).toMatch(/never closed/);
  });

  it('a binary file', async () => {
    const file = path.join(dir, 'image.csv');
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(await refused(file)).toMatch(/not a text \(CSV\) file/);
  });

  it('a missing file and an unknown entity', async () => {
    expect(await refused(path.join(dir, 'nope.csv'))).toMatch(/no file/);
    expect(await refused(writeText(dir, 'x.csv', HEADER + ROWS), 'widgets')).toMatch(/one of accounts, contacts, orders, payments/);
  });
});

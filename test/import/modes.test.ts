// The rules of an import on hand-made files: the validation report, all-or-nothing, --dry-run,
// --skip-invalid with its rejected-rows file, --create-missing, keys and re-import, dates and
// amounts in every form, formula text, duplicates inside a file, batches.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { all, count, kamImport, one, snapshot, tempDir, writeText } from './support.js';

let d: TestDatabase;
let dir: string;
beforeAll(async () => {
  d = await createTestDatabase();
  dir = tempDir('modes');
  const r = await kamImport(d.db, 'accounts', writeText(dir, 'base.csv', '客户名称,客户编码,客户经理\n上海电气集团股份有限公司,SH01,kam1\nACME Trading Co.,AC01,\n无编码公司,,\n'));
  expect(r.report).toMatchObject({ created: 3, rejected: 0 });
});
afterAll(async () => {
  await d?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ORDER_HEAD = '订单号,客户编码,订单日期,金额\n';

describe('all-or-nothing, dry run, skip-invalid', () => {
  const file = () => writeText(dir, 'mixed-orders.csv', `${ORDER_HEAD}A-1,SH01,2026-01-05,100\nA-2,NOPE,2026-01-05,100\nA-3,SH01,2026-02-30,100\nA-4,SH01,2026-01-06,abc\nA-5,AC01,2026/1/7,"1,000.50"\n`);

  it('by default a bad row imports nothing and every bad row is reported by row and column', async () => {
    const before = await snapshot(d.db);
    const r = await kamImport(d.db, 'orders', file());
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ rows: 5, rejected: 3, committed: false });
    expect(r.report.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, '客户编码 (B)', 'unknown_account'],
      [4, '订单日期 (C)', 'invalid_date'],
      [5, '金额 (D)', 'invalid_number'],
    ]);
    expect(r.err.join('\n')).toContain('row 3, column 客户编码 (B): unknown customer "NOPE"');
    expect(r.err.join('\n')).toContain('nothing was imported');
    expect(await snapshot(d.db)).toEqual(before); // not even the audit row
  });

  it('--dry-run checks and writes nothing, also when every row is good', async () => {
    const before = await snapshot(d.db);
    const bad = await kamImport(d.db, 'orders', file(), { dryRun: true });
    expect(bad).toMatchObject({ code: 1, report: { dryRun: true, committed: false, rejected: 3 } });
    const good = await kamImport(d.db, 'orders', writeText(dir, 'good.csv', `${ORDER_HEAD}D-1,SH01,2026-01-05,1\n`), { dryRun: true });
    expect(good).toMatchObject({ code: 0, report: { created: 1, committed: false } });
    expect(good.out[0]).toMatch(/^Dry run, nothing written/);
    expect(await snapshot(d.db)).toEqual(before);
  });

  it('--skip-invalid imports the good rows and writes the rejected ones with a reason beside the input', async () => {
    const input = file();
    const r = await kamImport(d.db, 'orders', input, { skipInvalid: true });
    expect(r).toMatchObject({ code: 0, report: { created: 2, rejected: 3, committed: true, rejectedFile: `${input}.rejected.csv` } });
    expect(await all(d.db, `select order_number, amount from orders where order_number like 'A-%' order by 1`)).toEqual([
      { order_number: 'A-1', amount: '100.00' },
      { order_number: 'A-5', amount: '1000.50' },
    ]);
    const rejected = fs.readFileSync(`${input}.rejected.csv`, 'utf8');
    const lines = rejected.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('订单号,客户编码,订单日期,金额,reason');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^A-2,NOPE,2026-01-05,100,"row 3: 客户编码 \(B\): unknown customer ""NOPE""/);
    expect(lines[3]).toMatch(/^A-4,SH01,2026-01-06,abc,"row 5: 金额 \(D\): amount ""abc"" is not a number/);
    // A later clean run removes the stale file.
    await kamImport(d.db, 'orders', writeText(dir, 'mixed-orders.csv', `${ORDER_HEAD}A-1,SH01,2026-01-05,100\n`), { skipInvalid: true });
    expect(fs.existsSync(`${input}.rejected.csv`)).toBe(false);
  });

  it('--create-missing creates an account for an unknown customer code', async () => {
    const r = await kamImport(d.db, 'orders', writeText(dir, 'new-customers.csv', `订单号,客户编码,客户名称,订单日期,金额\nN-1,NEW1,新客户一,2026-01-05,10\nN-2,NEW1,新客户一,2026-01-06,20\nN-3,NEW2,,2026-01-06,30\n`), { createMissing: true });
    expect(r.report).toMatchObject({ created: 3, accountsCreated: 2, rejected: 0 });
    expect(await all(d.db, `select name, external_code from accounts where external_code like 'NEW%' order by 2`)).toEqual([
      { name: '新客户一', external_code: 'NEW1' },
      { name: 'NEW2', external_code: 'NEW2' },
    ]);
  });
});

describe('values in every form', () => {
  it('reads each date form and amounts with separators, currency signs, full-width digits and parentheses', async () => {
    const rows = [
      ['F-1', '2026-01-05', '¥1,234.50'],
      ['F-2', '2026/1/5', '￥1,234.50'],
      ['F-3', '2026年1月5日', 'RMB 1,234.50'],
      ['F-4', '2026.1.5', '1234.50元'],
      ['F-5', '20260105', '１，２３４．５０'],
      ['F-6', '46027', 'CNY1234.5'],
      ['F-7', '2026-01-05T10:30:00+08:00', '$1,234.50'],
      ['F-8', '2026-01-05 23:59:59', '(1,234.50)'],
    ];
    const r = await kamImport(d.db, 'orders', writeText(dir, 'forms.csv', `订单号,客户,日期,金额\n${rows.map(([n, dt, a]) => `${n},SH01,${dt},"${a}"`).join('\n')}\n`));
    expect(r.report.issues).toEqual([]);
    expect(r.report).toMatchObject({ created: 8, rejected: 0 });
    const got = await all<{ order_date: string; amount: string }>(d.db, `select order_date, amount from orders where order_number like 'F-%' order by order_number`);
    expect(new Set(got.map((o) => o.order_date))).toEqual(new Set(['2026-01-05']));
    expect(got.map((o) => o.amount)).toEqual([...Array(7).fill('1234.50'), '-1234.50']);
  });

  it('stores formula text literally, and drops only the quote an export put in front of it', async () => {
    const r = await kamImport(d.db, 'accounts', writeText(dir, 'formula.csv', '客户名称,客户编码,地址\n"=HYPERLINK(""http://evil"",""x"")",FX1,=1+1\n公式公司,FX2,\'=SUM(A1:A3)\n'));
    expect(r.report).toMatchObject({ created: 2, rejected: 0 });
    expect(await all(d.db, `select name, address from accounts where external_code like 'FX%' order by external_code`)).toEqual([
      { name: '=HYPERLINK("http://evil","x")', address: '=1+1' },
      { name: '公式公司', address: '=SUM(A1:A3)' },
    ]);
  });

  it('computes a line amount as quantity × unit price × (1 − discount), half-up per line; negatives are returns', async () => {
    const csv = '订单号,客户编码,订单日期,产品,数量,单价,折扣\nL-1,SH01,2026-03-01,螺栓,3,0.335,0\nL-1,SH01,2026-03-01,螺母,10,9.99,15%\nL-1,SH01,2026-03-01,螺栓,-1,0.335,\nL-2,AC01,2026-03-02,垫片,7,1.10,8.5折\n';
    const r = await kamImport(d.db, 'orders', writeText(dir, 'lines.csv', csv));
    expect(r.report).toMatchObject({ rows: 4, rejected: 0, extra: { orders: 2, lines: 4 } });
    // 1.005 → 1.01; 84.915 → 84.92; −0.335 → −0.34; 7 × 1.10 × 0.85 = 6.545 → 6.55
    expect(await all(d.db, `select l.line_no, l.amount, l.discount from order_lines l join orders o on o.id = l.order_id where o.order_number = 'L-1' order by 1`)).toEqual([
      { line_no: 1, amount: '1.01', discount: '0.000000' },
      { line_no: 2, amount: '84.92', discount: '0.150000' },
      { line_no: 3, amount: '-0.34', discount: '0.000000' },
    ]);
    expect(await all(d.db, `select order_number, amount from orders where order_number in ('L-1','L-2') order by 1`)).toEqual([
      { order_number: 'L-1', amount: '85.59' },
      { order_number: 'L-2', amount: '6.55' },
    ]);
  });
});

describe('keys and duplicates', () => {
  it('a repeated order number in an order file is two orders with one number: refused', async () => {
    const r = await kamImport(d.db, 'orders', writeText(dir, 'dup.csv', `${ORDER_HEAD}DUP-1,SH01,2026-01-05,1\nDUP-1,SH01,2026-01-05,2\n`));
    expect(r.code).toBe(1);
    expect(r.report.issues[0]).toMatchObject({ row: 3, code: 'duplicate' });
    expect(r.report.issues[0]!.reason).toBe('the same order number "DUP-1" as row 2');
  });

  it('in a line file rows of one order are fine, but one number for two customers or dates is refused', async () => {
    const ok = await kamImport(d.db, 'orders', writeText(dir, 'one-order.csv', '订单号,客户编码,订单日期,产品,数量,单价\nM-1,SH01,2026-01-05,a,1,1\nM-1,SH01,2026/1/5,b,1,2\n'));
    expect(ok.report).toMatchObject({ rejected: 0, extra: { orders: 1, lines: 2 } });
    const bad = await kamImport(d.db, 'orders', writeText(dir, 'two-orders.csv', '订单号,客户编码,订单日期,产品,数量,单价\nM-2,SH01,2026-01-05,a,1,1\nM-2,AC01,2026-01-05,b,1,2\n'));
    expect(bad.code).toBe(1);
    expect(bad.report.issues[0]!.reason).toMatch(/already used in row 2 with another customer or date/);
  });

  it('lines of one order spread over batches stay one order; duplicates are found across batches', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => `B-1,SH01,2026-01-05,p${i},1,${i + 1}`).join('\n');
    const r = await kamImport(d.db, 'orders', writeText(dir, 'batches.csv', `订单号,客户编码,订单日期,产品,数量,单价\n${lines}\n`), { batchSize: 2 });
    expect(r.report).toMatchObject({ rows: 7, rejected: 0, extra: { orders: 1, lines: 7 } });
    expect(await one(d.db, `select amount, (select count(*)::int from order_lines where order_id = o.id) as n from orders o where order_number = 'B-1'`)).toEqual({ amount: '28.00', n: 7 });
    const again = await kamImport(d.db, 'orders', writeText(dir, 'batches.csv', `订单号,客户编码,订单日期,产品,数量,单价\n${lines}\n`), { batchSize: 3 });
    expect(again.report.rejected).toBe(0);
    expect(await one(d.db, `select amount, (select count(*)::int from order_lines where order_id = o.id) as n from orders o where order_number = 'B-1'`)).toEqual({ amount: '28.00', n: 7 });
    const dup = await kamImport(d.db, 'accounts', writeText(dir, 'dup-accounts.csv', '客户名称,客户编码\n甲公司,DA1\n乙公司,DA2\n丙公司,DA3\n甲 公司,DA4\n'), { batchSize: 2 });
    expect(dup.report.issues.map((i) => [i.row, i.reason])).toEqual([[5, 'the same name "甲公司" as row 2']]);
  });

  it('a customer is matched by code first, then by normalised name; unknown ones are reported by row', async () => {
    const csv = '客户,姓名,手机\nSH01,张三,13800138000\n上海电气集团股份有限公司,李四,13900139000\nacme trading co.,王五,\n不存在公司,赵六,\n';
    const r = await kamImport(d.db, 'contacts', writeText(dir, 'contacts.csv', csv), { skipInvalid: true });
    expect(r.report).toMatchObject({ created: 3, rejected: 1 });
    expect(r.report.issues[0]).toMatchObject({ row: 5, code: 'unknown_account' });
    expect(await all(d.db, `select a.external_code, c.name from contacts c join accounts a on a.id = c.account_id order by c.name`)).toEqual(
      expect.arrayContaining([{ external_code: 'SH01', name: '张三' }, { external_code: 'SH01', name: '李四' }, { external_code: 'AC01', name: '王五' }]),
    );
    // One summary timeline event per account, however many contacts it got.
    expect(await count(d.db, 'timeline_events', `kind = 'import.applied' and entity = 'contacts'`)).toBe(2);
    const again = await kamImport(d.db, 'contacts', writeText(dir, 'contacts2.csv', '客户,姓名,手机,职务\nSH01,张三,138-0013-8000,总经理\n'));
    expect(again.report).toMatchObject({ created: 0, updated: 1 });
    expect(await one(d.db, `select title, phone from contacts where name = '张三'`)).toEqual({ title: '总经理', phone: '138-0013-8000' });
  });

  it('re-importing accounts upserts by code: changed cells update, empty cells keep, nothing doubles', async () => {
    const before = await count(d.db, 'accounts');
    const r = await kamImport(d.db, 'accounts', writeText(dir, 'upsert.csv', '客户名称,客户编码,行业,客户经理\n上海电气集团股份有限公司,SH01,能源,\n无编码公司,NC01,,\n'));
    expect(r.report).toMatchObject({ created: 0, updated: 2 });
    expect(await count(d.db, 'accounts')).toBe(before);
    expect(await one(d.db, `select a.industry, u.username from accounts a join users u on u.id = a.owner_id where external_code = 'SH01'`)).toEqual({ industry: '能源', username: 'kam1' });
    expect(await one(d.db, `select external_code from accounts where name = '无编码公司'`)).toEqual({ external_code: 'NC01' }); // matched by name, code added
  });
});

describe('payments', () => {
  it('imports payments against orders, takes the customer from the order, and refuses a mismatch', async () => {
    const csv = '付款单号,订单号,客户编码,到期日,付款日期,金额\nP-1,A-1,,2026-02-05,2026-02-01,100\nP-2,,AC01,2026-03-01,,"1,000.00"\nP-3,A-1,AC01,2026-03-01,,1\nP-4,NOPE,,2026-03-01,,1\n';
    const r = await kamImport(d.db, 'payments', writeText(dir, 'payments.csv', csv), { skipInvalid: true });
    expect(r.report).toMatchObject({ created: 2, rejected: 2 });
    expect(r.report.issues.map((i) => [i.row, i.code])).toEqual([[4, 'account_mismatch'], [5, 'unknown_order']]);
    expect(await all(d.db, `select p.payment_ref, a.external_code, p.due_date, p.paid_date, p.amount from payments p join accounts a on a.id = p.account_id order by 1`)).toEqual([
      { payment_ref: 'P-1', external_code: 'SH01', due_date: '2026-02-05', paid_date: '2026-02-01', amount: '100.00' },
      { payment_ref: 'P-2', external_code: 'AC01', due_date: '2026-03-01', paid_date: null, amount: '1000.00' },
    ]);
    const again = await kamImport(d.db, 'payments', writeText(dir, 'payments2.csv', '付款单号,付款日期\nP-2,2026-03-03\n'));
    expect(again.report).toMatchObject({ updated: 1, created: 0 });
    expect(await count(d.db, 'payments')).toBe(2);
  });
});

// Exports of the account and contact lists (SPEC C10, issue 4): exact CSV text, formula
// neutralisation, the list's filters and the caller's scope, PII, XLSX types, audit, many rows.
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looseNameKey, strictNameKey } from '../../src/server/accounts/rules/names.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

type UserName = 'admin' | 'director' | 'kam1' | 'kam2' | 'kam3' | 'sponsor' | 'analyst';
const USERS: UserName[] = ['admin', 'director', 'kam1', 'kam2', 'kam3', 'sponsor', 'analyst'];
// A fixed clock: the file name carries the day in Asia/Shanghai (12:00 there).
const NOW = new Date('2026-11-23T04:00:00Z');

let t: TestApp;
const s = {} as Record<UserName, Session>;
const ids = {} as Record<'huawei' | 'evil' | 'acme' | 'cmb', number>;
let contactId: number;

const BOM = '\uFEFF';
const ACCOUNT_HEADER = 'ID,客户名称,简称,统一社会信用代码,行业,地区,客户分类,细分,生命周期,客户经理,上级客户ID,年营业额,员工数,创建时间,更新时间\r\n';
const CONTACT_HEADER = 'ID,客户ID,客户名称,姓名,部门,职务,层级,电话,邮箱,生日,偏好,创建时间,更新时间\r\n';

async function account(name: string, cols: Record<string, unknown>): Promise<number> {
  const row = await t.db
    .insertInto('accounts')
    .values({
      name,
      name_key: strictNameKey(name),
      name_loose: looseNameKey(name),
      search_text: name.toLowerCase(),
      created_at: new Date('2026-01-01T00:00:00Z'),
      updated_at: new Date('2026-01-02T03:04:05Z'),
      ...cols,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => NOW } });
  for (const u of USERS) s[u] = await t.login(u);
  ids.huawei = await account('华为技术有限公司', {
    short_name: '华为',
    industry: '通信',
    region: '深圳',
    classifications: ['important', 'strategic'],
    segment: 'industry',
    lifecycle_status: 'active',
    owner_id: s.kam1.userId,
    sponsor_id: s.sponsor.userId,
    annual_revenue: '123456789.50',
    employees: 200000,
  });
  ids.evil = await account('=HYPERLINK("http://evil.example","点我")', {
    short_name: '-12.50',
    industry: '通信',
    lifecycle_status: 'active',
    owner_id: s.kam2.userId,
    annual_revenue: '0.05',
  });
  ids.acme = await account('Acme, "Quoted"\nSecond line', { industry: '制造业', owner_id: s.kam1.userId, parent_id: null });
  ids.cmb = await account('招商银行', { industry: '金融', lifecycle_status: 'dormant', owner_id: s.kam3.userId, updated_at: new Date('2026-03-01T16:00:00Z') });
  const c = await t.db
    .insertInto('contacts')
    .values({
      account_id: ids.huawei,
      name: '张三',
      department: '信息技术部',
      title: '总经理',
      level: 'executive',
      phone: '+86 138-0013-8000',
      email: 'zhang.san@example.com',
      birthday: '1978-11-23',
      preferences: '喜欢"龙井", 高尔夫\n周末不打扰',
      created_at: new Date('2026-02-01T00:00:00Z'),
      updated_at: new Date('2026-02-01T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  contactId = c.id;
  await t.db.insertInto('contacts').values({ account_id: ids.cmb, name: '@李四', phone: '13900000000' }).execute();
});
afterAll(async () => {
  await t?.close();
});

const get = (who: UserName, url: string) => t.call(s[who], 'GET', url);
const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];

describe('GET /api/v1/accounts/export (CSV)', () => {
  it('writes the filtered list as exact CSV: BOM, Chinese, quotes, commas, newlines, formulas neutralised', async () => {
    const res = await get('admin', '/api/v1/accounts/export?format=csv&industry=%E9%80%9A%E4%BF%A1&lifecycleStatus=active&sort=createdAt');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="accounts-2026-11-23.csv"; filename*=UTF-8''${encodeURIComponent('客户档案-2026-11-23.csv')}`,
    );
    expect(res.body).toBe(
      BOM +
        ACCOUNT_HEADER +
        `${ids.huawei},华为技术有限公司,华为,,通信,深圳,important; strategic,industry,active,李经理,,123456789.50,200000,2026-01-01 08:00:00,2026-01-02 11:04:05\r\n` +
        `${ids.evil},"'=HYPERLINK(""http://evil.example"",""点我"")",'-12.50,,通信,,,,active,张经理,,0.05,,2026-01-01 08:00:00,2026-01-02 11:04:05\r\n`,
    );
  });

  it('quotes a name with a comma, quotes and a line break, and takes the sort of the list', async () => {
    const res = await get('admin', '/api/v1/accounts/export?industry=%E5%88%B6%E9%80%A0%E4%B8%9A');
    expect(res.body).toBe(BOM + ACCOUNT_HEADER + `${ids.acme},"Acme, ""Quoted""\nSecond line",,,制造业,,,,prospect,李经理,,,,2026-01-01 08:00:00,2026-01-02 11:04:05\r\n`);
    const desc = csvRows((await get('admin', '/api/v1/accounts/export?sort=-updatedAt')).body).slice(1).map((r) => Number(r[0]));
    expect(desc).toEqual([ids.cmb, ids.acme, ids.evil, ids.huawei]);
  });

  it('writes English headers and file name with lang=en', async () => {
    const res = await get('admin', `/api/v1/accounts/export?lang=en&q=${encodeURIComponent('招商')}`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="accounts-2026-11-23.csv"; filename*=UTF-8''accounts-2026-11-23.csv`);
    expect(res.body).toBe(
      BOM +
        'ID,Name,Short name,Credit code,Industry,Region,Classifications,Segment,Lifecycle status,Account manager,Parent ID,Annual revenue,Employees,Created at,Updated at\r\n' +
        `${ids.cmb},招商银行,,,金融,,,,dormant,赵经理,,,,2026-01-01 08:00:00,2026-03-02 00:00:00\r\n`,
    );
  });

  it.each(USERS)("has exactly the accounts of %s's list (scope applied)", async (u) => {
    const list = (await get(u, '/api/v1/accounts?limit=500&sort=createdAt')).json<{ items: { id: number }[] }>().items.map((i) => i.id);
    const exported = csvRows((await get(u, '/api/v1/accounts/export?sort=createdAt')).body).slice(1).map((r) => Number(r[0]));
    expect(exported).toEqual(list);
  });

  it('spells out kam1 and sponsor: own and teammate accounts, sponsored ones', async () => {
    const of = async (u: UserName) => csvRows((await get(u, '/api/v1/accounts/export?sort=createdAt')).body).slice(1).map((r) => Number(r[0]));
    expect(await of('kam1')).toEqual([ids.huawei, ids.acme, ids.cmb]);
    expect(await of('kam2')).toEqual([ids.evil]);
    expect(await of('sponsor')).toEqual([ids.huawei]);
  });

  it('writes one audit row per export with the entity, filters and row count', async () => {
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    await get('kam1', '/api/v1/accounts/export?format=xlsx&lifecycleStatus=active,prospect');
    const rows = await t.db.selectFrom('audit_log').selectAll().where('id', '>', Number(before.m ?? 0)).execute();
    expect(rows.map((r) => ({ actor: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id, after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after }))).toEqual([
      {
        actor: s.kam1.userId,
        action: 'export',
        entity: 'account',
        entityId: null,
        after: { format: 'xlsx', filters: { lifecycleStatus: ['active', 'prospect'] }, rows: 2, complete: true },
      },
    ]);
  });

  it('refuses bad options naming the field, like the list does', async () => {
    const bad = await get('admin', '/api/v1/accounts/export?format=pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    expect(JSON.stringify(bad.json().error.details)).toContain('format');
    const badFilter = await get('admin', '/api/v1/accounts/export?lifecycleStatus=sleeping');
    expect(badFilter.statusCode).toBe(400);
    expect(JSON.stringify(badFilter.json().error.details)).toContain('lifecycleStatus');
  });
});

describe('GET /api/v1/contacts/export', () => {
  it('writes exact CSV with PII for those who may see it', async () => {
    const res = await get('kam1', `/api/v1/contacts/export?accountId=${ids.huawei}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="contacts-2026-11-23.csv"; filename*=UTF-8''${encodeURIComponent('联系人-2026-11-23.csv')}`,
    );
    expect(res.body).toBe(
      BOM +
        CONTACT_HEADER +
        `${contactId},${ids.huawei},华为技术有限公司,张三,信息技术部,总经理,executive,'+86 138-0013-8000,zhang.san@example.com,1978-11-23,"喜欢""龙井"", 高尔夫\n周末不打扰",2026-02-01 08:00:00,2026-02-01 08:00:00\r\n`,
    );
  });

  it("leaves phone, email and birthday empty in the analyst's export", async () => {
    const rows = csvRows((await get('analyst', '/api/v1/contacts/export')).body);
    expect(rows.length).toBe(3);
    expect(rows.slice(1).map((r) => [r[3], r[7], r[8], r[9]])).toEqual([
      ['张三', '', '', ''],
      ["'@李四", '', '', ''],
    ]);
    const admin = csvRows((await get('admin', '/api/v1/contacts/export')).body);
    expect(admin.slice(1).map((r) => [r[3], r[7]])).toEqual([
      ['张三', "'+86 138-0013-8000"],
      ["'@李四", '13900000000'],
    ]);
  });

  it("has only the contacts of kam2's accounts", async () => {
    const rows = csvRows((await get('kam2', '/api/v1/contacts/export')).body);
    expect(rows).toEqual([CONTACT_HEADER.trim().split(',')]);
  });
});

describe('XLSX', () => {
  it('reads back with numbers as numbers, dates as dates and formula-looking text as text', async () => {
    const res = await get('admin', '/api/v1/accounts/export?format=xlsx&industry=%E9%80%9A%E4%BF%A1&sort=createdAt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="accounts-2026-11-23.xlsx"; filename*=UTF-8''${encodeURIComponent('客户档案-2026-11-23.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('客户档案');
    expect(ws.rowCount).toBe(3);
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(ACCOUNT_HEADER.trim().split(','));
    const r2 = ws.getRow(2);
    expect(values(2)).toEqual([
      ids.huawei,
      '华为技术有限公司',
      '华为',
      undefined,
      '通信',
      '深圳',
      'important; strategic',
      'industry',
      'active',
      '李经理',
      undefined,
      123456789.5,
      200000,
      new Date('2026-01-01T08:00:00Z'),
      new Date('2026-01-02T11:04:05Z'),
    ]);
    expect(r2.getCell(12).type).toBe(ExcelJS.ValueType.Number);
    expect(r2.getCell(12).numFmt).toBe('#,##0.00');
    expect(r2.getCell(14).type).toBe(ExcelJS.ValueType.Date);
    const r3 = ws.getRow(3);
    expect(r3.getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(r3.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(r3.getCell(3).value).toBe("'-12.50");
    expect(r3.getCell(12).value).toBe(0.05);
  });

  it("exports the analyst's contacts without PII", async () => {
    const res = await get('analyst', '/api/v1/contacts/export?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    for (const n of [2, 3]) expect([8, 9, 10].map((c) => ws.getRow(n).getCell(c).value)).toEqual([null, null, null]);
  });
});

describe('many rows', () => {
  it('exports 20,000 accounts through keyset pages (page boundaries included)', async () => {
    await sql`
      insert into accounts (name, name_key, name_loose, search_text, industry, annual_revenue)
      select '批量客户' || g, '批量客户' || g, '批量客户' || g, '批量客户' || g, '批量', g * 10
      from generate_series(1, 20000) g`.execute(t.db);
    const res = await get('admin', '/api/v1/accounts/export?industry=%E6%89%B9%E9%87%8F&sort=createdAt');
    expect(res.statusCode).toBe(200);
    const lines = res.body.split('\r\n');
    expect(lines.length).toBe(20002); // header, 20,000 rows, the empty string after the last CRLF
    expect(lines[1]).toMatch(/^\d+,批量客户1,/);
    expect(lines[20000]).toMatch(/^\d+,批量客户20000,.*,200000\.00,/);
    const ids = lines.slice(1, -1).map((l) => Number(l.split(',')[0]));
    expect(new Set(ids).size).toBe(20000);
    const xlsx = await get('admin', '/api/v1/accounts/export?industry=%E6%89%B9%E9%87%8F&format=xlsx&sort=-annualRevenue');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(20001);
    expect(ws.getRow(2).getCell(12).value).toBe(200000);
    expect(ws.getRow(20001).getCell(12).value).toBe(10);
  });
});

describe('orders and payments', () => {
  let orderId: number;
  let creditId: number;
  let paymentId: number;
  beforeAll(async () => {
    const post = async (url: string, body: unknown) => {
      const res = await t.call(s.kam1, 'POST', url, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number }>().id;
    };
    orderId = await post('/api/v1/orders', { accountId: ids.huawei, orderNumber: 'SO-2026-001', orderDate: '2026-09-15', lines: [{ product: '服务器, 2U', quantity: '2', unitPrice: '1000.25' }] });
    creditId = await post('/api/v1/orders', { accountId: ids.huawei, orderNumber: 'CN-2026-001', orderDate: '2026-10-20', lines: [{ product: '=退货', quantity: '-1', unitPrice: '12.5' }] });
    paymentId = await post('/api/v1/payments', { accountId: ids.huawei, orderId, dueDate: '2026-10-01', amount: '2000.50', invoiceRef: 'INV-1' });
    await sql`update orders set created_at = '2026-11-01T00:00:00Z', updated_at = '2026-11-01T00:00:00Z'`.execute(t.db);
  });

  it('exports orders as the list shows them, a credit note as a negative number', async () => {
    const res = await get('kam1', `/api/v1/orders/export?accountId=${ids.huawei}&sort=orderDate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('订单-2026-11-23.csv'));
    const [header, ...rows] = res.body.replace(BOM, '').split('\r\n');
    expect(header).toBe('ID,订单号,客户ID,客户名称,订单日期,币种,金额,成本,明细行数,来源,备注,创建时间,更新时间');
    expect(rows).toEqual([
      `${orderId},SO-2026-001,${ids.huawei},华为技术有限公司,2026-09-15,CNY,2000.50,,1,manual,,2026-11-01 08:00:00,2026-11-01 08:00:00`,
      `${creditId},CN-2026-001,${ids.huawei},华为技术有限公司,2026-10-20,CNY,-12.50,,1,manual,,2026-11-01 08:00:00,2026-11-01 08:00:00`,
      '',
    ]);
    expect((await get('kam2', '/api/v1/orders/export')).body).toBe(BOM + header + '\r\n');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get('kam1', `/api/v1/orders/export?format=xlsx&q=CN`)).rawPayload as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getRow(2).getCell(7);
    expect([cell.value, cell.type]).toEqual([-12.5, ExcelJS.ValueType.Number]);
  });

  it('exports payments with their status judged today', async () => {
    const res = await get('director', '/api/v1/payments/export?status=overdue');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe(
      BOM +
        'ID,客户ID,客户名称,订单号,发票号,回款单号,到期日,回款日期,金额,币种,状态,逾期天数,备注\r\n' +
        `${paymentId},${ids.huawei},华为技术有限公司,SO-2026-001,INV-1,,2026-10-01,,2000.50,CNY,overdue,53,\r\n`,
    );
  });
});

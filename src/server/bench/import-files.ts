// The benchmark's import files: order lines of the bench's own accounts, made by the demo
// generator's order model (demo/orders.ts) with a seeded stream per account and pass, so the
// same scale gives the same file on every machine. One row per line, ~10 orders per account
// per pass; passes repeat over the accounts (with new order numbers) until the row count is
// reached. Written as CSV (a plain stream) or XLSX (exceljs's streaming writer).
import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { demoRandom } from '../demo/generate.js';
import { generateAccountOrders, type OrderAccount, type OrdersOut } from '../demo/orders.js';
import type { Industry } from '../demo/vocabulary.js';
import { INDUSTRIES } from '../demo/vocabulary.js';

/** The file's header, in the words of a Chinese ERP export (mapped by name by the importer). */
export const ORDER_LINE_HEADER = ['订单号', '客户编码', '客户名称', '订单日期', '产品', '数量', '单价', '折扣', '金额', '成本'] as const;
/** The same columns in the COPY baseline's bare table. */
export const ORDER_LINE_COPY_COLUMNS = ['order_number', 'customer_code', 'customer_name', 'order_date', 'product', 'quantity', 'unit_price', 'discount', 'amount', 'cost'] as const;
export const ORDER_LINE_COPY_TABLE_SQL = `(order_number text, customer_code text, customer_name text, order_date date, product text,
  quantity numeric(18,4), unit_price numeric(20,4), discount numeric(5,4), amount numeric(18,2), cost numeric(18,2))`;

type LineRow = [string, string, string, string, string, string, string, string, string, string];

interface BenchAccount extends OrderAccount {
  external_code: string | null;
  name: string;
}

const KNOWN = new Set<string>(INDUSTRIES.map((i) => i.name));
const DAY = 86_400_000;

async function loadAccounts(db: Kysely<DB>): Promise<BenchAccount[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'name', 'external_code', 'industry', 'lifecycle_status', 'classifications', 'created_at', 'employees'])
    .where('lifecycle_status', '<>', 'prospect')
    .orderBy('id')
    .execute();
  return rows.map((a) => ({
    ...a,
    industry: (a.industry && KNOWN.has(a.industry) ? a.industry : '制造') as Industry,
    // Every pass orders over the same three years, whenever the account was created.
    created_at: new Date(0),
    employees: a.employees ?? 50,
  }));
}

/**
 * Order lines of the bench accounts, `count` of them, numbered `${prefix}00000001`, … The
 * reference day is fixed so the file does not change from day to day.
 */
export async function* orderLines(db: Kysely<DB>, count: number, prefix: string): AsyncGenerator<LineRow> {
  const accounts = await loadAccounts(db);
  if (accounts.length === 0) throw new Error('bench: the database has no accounts with orders to generate lines for');
  const refDay = Math.floor(Date.UTC(2026, 10, 1) / DAY);
  let made = 0;
  let seq = 0;
  for (let pass = 0; made < count; pass++) {
    for (const a of accounts) {
      const out: OrdersOut = { orders: [], lines: [], payments: [] };
      generateAccountOrders(demoRandom(a.id * 7919 + pass * 104_729), a, refDay, () => ++seq, out);
      const orders = new Map(out.orders.map((o) => [o.id, o]));
      for (const l of out.lines) {
        const o = orders.get(l.order_id)!;
        yield [`${prefix}${String(o.id).padStart(8, '0')}`, a.external_code ?? '', a.name, o.order_date, l.product, l.quantity, l.unit_price, l.discount, l.amount, l.cost];
        if (++made >= count) return;
      }
    }
  }
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes `count` order lines as UTF-8 CSV; resolves with the file's size in bytes. */
export async function writeOrderLinesCsv(db: Kysely<DB>, file: string, count: number, prefix: string): Promise<number> {
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  let chunk = `${ORDER_LINE_HEADER.join(',')}\n`;
  for await (const row of orderLines(db, count, prefix)) {
    chunk += `${row.map(csvCell).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return fs.statSync(file).size;
}

/**
 * Writes `count` order lines (plus the header row) as XLSX with exceljs's streaming writer:
 * numbers as numbers, dates as text, strings inline (no shared-strings table to hold).
 */
export async function writeOrderLinesXlsx(db: Kysely<DB>, file: string, count: number, prefix: string): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('订单明细');
  ws.addRow([...ORDER_LINE_HEADER]).commit();
  for await (const r of orderLines(db, count, prefix)) {
    ws.addRow([r[0], r[1], r[2], r[3], r[4], Number(r[5]), Number(r[6]), Number(r[7]), Number(r[8]), Number(r[9])]).commit();
  }
  ws.commit();
  await wb.commit();
  return fs.statSync(file).size;
}

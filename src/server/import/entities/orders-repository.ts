// SQL of the orders and payments imports.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Columns } from '../repository.js';

type Trx = Transaction<DB>;

export const ORDER_COLUMNS: Columns = [
  ['account_id', 'int'], ['order_number', 'text'], ['order_date', 'date'], ['amount', 'numeric'], ['cost', 'numeric'],
  ['currency', 'text'], ['notes', 'text'], ['source', 'text'],
];

export const LINE_COLUMNS: Columns = [
  ['order_id', 'int'], ['line_no', 'int'], ['quantity', 'numeric'], ['unit_price', 'numeric'], ['discount', 'numeric'],
  ['amount', 'numeric'], ['cost', 'numeric'], ['product', 'text'],
];

export const PAYMENT_COLUMNS: Columns = [
  ['account_id', 'int'], ['order_id', 'int'], ['due_date', 'date'], ['paid_date', 'date'], ['amount', 'numeric'],
  ['currency', 'text'], ['invoice_ref', 'text'], ['payment_ref', 'text'], ['notes', 'text'], ['source', 'text'],
];

export const ordersImportRepository = {
  /** Orders with these numbers (locked), whether each has lines, and whether this import created it. */
  async byNumbers(trx: Trx, numbers: string[]) {
    if (numbers.length === 0) return [];
    const r = await sql<{ id: number; account_id: number; order_number: string; order_date: string; amount: string; cost: string | null; currency: string; notes: string | null; has_lines: boolean; created_here: boolean }>`
      select o.id, o.account_id, o.order_number, o.order_date, o.amount, o.cost, o.currency, o.notes,
             exists (select 1 from order_lines l where l.order_id = o.id) as has_lines,
             o.created_at = now() as created_here -- now() is when the transaction began: created by this import
      from orders o where o.order_number = any(${numbers}::text[]) for update of o`.execute(trx);
    return r.rows;
  },

  /** Drops the lines of orders the file brings again (their lines are replaced, not added twice). */
  async deleteLines(trx: Trx, orderIds: number[]): Promise<void> {
    if (orderIds.length) await trx.deleteFrom('order_lines').where('order_id', 'in', orderIds).execute();
  },

  /** Inserts lines numbered after each order's last line, in file order. */
  async addLines(trx: Trx, lines: readonly Record<string, unknown>[]): Promise<void> {
    if (lines.length === 0) return;
    const ids = [...new Set(lines.map((l) => l.order_id as number))];
    const col = (name: string) => lines.map((l) => l[name] ?? null);
    await sql`
      insert into order_lines (order_id, line_no, quantity, unit_price, discount, amount, cost, product)
      select t.order_id, coalesce(m.last, 0) + row_number() over (partition by t.order_id order by t.n),
             t.quantity, t.unit_price, t.discount, t.amount, t.cost, t.product
      from unnest(${col('order_id')}::int[], ${lines.map((_l, i) => i)}::int[], ${col('quantity')}::numeric[], ${col('unit_price')}::numeric[],
                  ${col('discount')}::numeric[], ${col('amount')}::numeric[], ${col('cost')}::numeric[], ${col('product')}::text[])
           as t(order_id, n, quantity, unit_price, discount, amount, cost, product)
      left join (select order_id, max(line_no) as last from order_lines where order_id = any(${ids}::int[]) group by order_id) m
        on m.order_id = t.order_id`.execute(trx);
  },

  /**
   * Adds a batch's line totals to their orders: an order's amount is the sum of its rounded line
   * amounts, its cost the sum of the lines' costs while every line has one. `reset` starts the
   * order afresh (new, or its lines replaced); otherwise the batch continues it.
   */
  async addTotals(trx: Trx, totals: readonly { id: number; amount: string; cost: string | null; reset: boolean }[]): Promise<void> {
    if (totals.length === 0) return;
    await sql`
      update orders o set amount = case when t.reset then t.amount else o.amount + t.amount end,
             cost = case when t.cost is null then null when t.reset then t.cost else o.cost + t.cost end
      from unnest(${totals.map((t) => t.id)}::int[], ${totals.map((t) => t.amount)}::numeric[], ${totals.map((t) => t.cost)}::numeric[],
                  ${totals.map((t) => t.reset)}::bool[]) as t(id, amount, cost, reset)
      where o.id = t.id`.execute(trx);
  },

  paymentsByRefs(trx: Trx, refs: string[]) {
    if (refs.length === 0) return Promise.resolve([]);
    return trx.selectFrom('payments').selectAll().where('payment_ref', 'in', refs).forUpdate().execute();
  },
};

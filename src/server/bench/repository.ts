// SQL of the benchmarks' own set-up and clean-up: the bare table the COPY baseline loads, and
// removing what a benchmark import wrote so the next run imports the same file afresh.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ORDER_LINE_COPY_TABLE_SQL } from './import-files.js';

/** Order numbers of the bench's import files start with one of these (demo orders: SO, CN). */
export const BENCH_ORDER_PREFIXES = ['BI', 'BX', 'BK'] as const;

class RolledBack extends Error {}

export const benchRepository = {
  async createCopyTable(db: Kysely<DB>, table: string): Promise<void> {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
    await sql`create table ${sql.table(table)} ${sql.raw(ORDER_LINE_COPY_TABLE_SQL)}`.execute(db);
  },

  async countRows(db: Kysely<DB>, table: string): Promise<number> {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    return r.rows[0]!.n;
  },

  async dropTable(db: Kysely<DB>, table: string): Promise<void> {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  },

  /**
   * The fastest import the schema allows, for comparison: the COPY-loaded rows written into the
   * real orders and order_lines tables (their indexes, keys and checks) by two set-based
   * statements — no validation, no report, customers by code only. Rolled back. (Bound
   * parameters keep PGlite on the extended protocol, which reports the rows affected.)
   */
  async setBasedFromStaging(db: Kysely<DB>, table: string): Promise<{ orders: number; lines: number }> {
    const done = { orders: 0, lines: 0 };
    try {
      await db.transaction().execute(async (trx) => {
        const o = await sql`insert into orders (account_id, order_number, order_date, amount, cost, currency, source)
          select a.id, s.order_number, min(s.order_date), sum(s.amount), sum(s.cost), ${'CNY'}, ${'import'}
          from ${sql.table(table)} s join accounts a on a.external_code = s.customer_code
          group by a.id, s.order_number`.execute(trx);
        const l = await sql`insert into order_lines (order_id, line_no, quantity, unit_price, discount, amount, cost, product)
          select o.id, row_number() over (partition by o.id), s.quantity, s.unit_price, s.discount, s.amount, s.cost, s.product
          from ${sql.table(table)} s join orders o on o.order_number = s.order_number and o.source = ${'import'}`.execute(trx);
        done.orders = Number(o.numAffectedRows ?? 0);
        done.lines = Number(l.numAffectedRows ?? 0);
        throw new RolledBack();
      });
    } catch (e) {
      if (!(e instanceof RolledBack)) throw e;
    }
    return done;
  },

  /** Orders (their lines cascade) and the timeline summaries a bench import of `file` wrote. */
  async removeImported(db: Kysely<DB>, prefix: string, file: string): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const r = await sql`delete from orders where order_number like ${`${prefix}%`} and source = 'import'`.execute(trx);
      await sql`delete from timeline_events where kind = 'import.applied' and data->>'file' = ${file}`.execute(trx);
      return Number(r.numAffectedRows ?? 0);
    });
  },

  /** What an import with this order-number prefix holds: orders, lines and the sum of the line amounts. */
  async importedTotals(db: Kysely<DB>, prefix: string) {
    const r = await sql<{ orders: number; lines: number; amount: string | null }>`
      select count(distinct o.id)::int as orders, count(l.order_id)::int as lines, sum(l.amount)::text as amount
      from orders o left join order_lines l on l.order_id = o.id where o.order_number like ${`${prefix}%`}`.execute(db);
    return r.rows[0]!;
  },
};

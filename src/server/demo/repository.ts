// SQL of the demo seeder: fast bulk inserts and the bookkeeping around them.
// Bulk inserts pass one array per column to unnest(): a handful of bind parameters per
// statement however many rows, so batches stay far below PostgreSQL's 65,535-parameter limit
// and the server parses one short statement instead of thousands of VALUES tuples.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export type BulkType = 'int' | 'text' | 'numeric' | 'date' | 'timestamptz' | 'text[]';
export type BulkColumns = readonly (readonly [name: string, type: BulkType])[];
/** Columns computed in SQL from the unnested ones (cheaper than sending them). */
export type DerivedColumns = readonly (readonly [name: string, expr: RawBuilder<unknown>])[];

function arrayLiteral(items: readonly string[]): string {
  // Only used for enum-like words (classifications); quote anyway.
  return `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function columnValues(rows: readonly Record<string, unknown>[], name: string, type: BulkType): unknown[] {
  return rows.map((r) => {
    const v = r[name];
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v.toISOString();
    if (type === 'text[]') return arrayLiteral(v as string[]);
    return v;
  });
}

export function demoRepository(db: Kysely<DB>) {
  return {
    /** Inserts rows whose keys are the column names. `explicitIds` writes the generated ids too. */
    async bulkInsert(trx: Q, table: keyof DB, columns: BulkColumns, rows: readonly Record<string, unknown>[], explicitIds = false, derived: DerivedColumns = []) {
      if (rows.length === 0) return;
      const names = sql.join(columns.map(([name]) => sql.id(name)));
      const targets = sql.join([...columns.map(([name]) => sql.id(name)), ...derived.map(([name]) => sql.id(name))]);
      // text[] travels as one text literal per row and is cast back after unnest, which
      // would otherwise flatten a two-dimensional array.
      const arrays = sql.join(
        columns.map(([name, type]) => sql`${columnValues(rows, name, type)}::${sql.raw(type === 'text[]' ? 'text' : type)}[]`),
      );
      const selects = sql.join([
        ...columns.map(([name, type]) => (type === 'text[]' ? sql`${sql.id(name)}::text[]` : sql.id(name))),
        ...derived.map(([, expr]) => expr),
      ]);
      await sql`insert into ${sql.table(table)} (${targets}) ${sql.raw(explicitIds ? 'overriding system value' : '')}
        select ${selects} from unnest(${arrays}) as t(${names})`.execute(trx);
    },

    async countAccounts() {
      const r = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async maxAccountId(q: Q = db) {
      const r = await q.selectFrom('accounts').select((eb) => eb.fn.max<number | null>('id').as('m')).executeTakeFirstOrThrow();
      return Number(r.m ?? 0);
    },

    /** Keys of existing accounts, a page at a time, so an appended batch does not collide. */
    async *existingKeys(pageSize = 50_000) {
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('accounts')
          .select(['id', 'name_loose', 'credit_code', 'external_code'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(pageSize)
          .execute();
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]!.id;
      }
    },

    /** Identity columns do not advance on explicit ids: move the sequence past them. */
    async syncAccountIdSequence(q: Q = db) {
      await sql`select setval(pg_get_serial_sequence('accounts', 'id'), greatest((select max(id) from accounts), 1))`.execute(q);
    },

    async maxOrderId(q: Q = db) {
      const r = await q.selectFrom('orders').select((eb) => eb.fn.max<number | null>('id').as('m')).executeTakeFirstOrThrow();
      return Number(r.m ?? 0);
    },

    async syncOrderIdSequence(q: Q = db) {
      await sql`select setval(pg_get_serial_sequence('orders', 'id'), greatest((select max(id) from orders), 1))`.execute(q);
    },

    async analyze() {
      await sql`analyze accounts, contacts, account_needs, account_team_members, timeline_events, orders, order_lines, payments`.execute(db);
    },
  };
}

export const ACCOUNT_COLUMNS: BulkColumns = [
  ['id', 'int'], ['name', 'text'], ['name_key', 'text'], ['name_loose', 'text'], ['short_name', 'text'], ['credit_code', 'text'],
  ['external_code', 'text'], ['industry', 'text'], ['region', 'text'], ['employees', 'int'], ['annual_revenue', 'numeric'],
  ['website', 'text'], ['address', 'text'], ['classifications', 'text[]'], ['segment', 'text'], ['parent_id', 'int'],
  ['lifecycle_status', 'text'], ['lifecycle_reason', 'text'], ['owner_id', 'int'], ['sponsor_id', 'int'],
  ['business_situation', 'text'], ['technology_goals', 'text'], ['products_in_use', 'text'], ['decision_process', 'text'],
  ['search_text', 'text'], ['created_by', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];

export const CONTACT_COLUMNS: BulkColumns = [
  ['account_id', 'int'], ['name', 'text'], ['department', 'text'], ['title', 'text'], ['level', 'text'], ['phone', 'text'],
  ['email', 'text'], ['birthday', 'date'], ['preferences', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];

export const NEED_COLUMNS: BulkColumns = [
  ['account_id', 'int'], ['title', 'text'], ['description', 'text'], ['kind', 'text'], ['status', 'text'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];

export const MEMBER_COLUMNS: BulkColumns = [['account_id', 'int'], ['user_id', 'int'], ['role', 'text'], ['created_at', 'timestamptz']];

export const TIMELINE_COLUMNS: BulkColumns = [
  ['account_id', 'int'], ['occurred_at', 'timestamptz'], ['kind', 'text'], ['summary', 'text'], ['actor_id', 'int'],
  ['entity', 'text'], ['entity_id', 'text'],
];

export const ORDER_COLUMNS: BulkColumns = [
  ['id', 'int'], ['account_id', 'int'], ['order_number', 'text'], ['order_date', 'date'], ['amount', 'numeric'], ['cost', 'numeric'],
];
/** In yuan, from the demo; entered during the office day of the order date (09:00–17:00 in China, UTC+8). */
export const ORDER_DERIVED: DerivedColumns = [
  ['currency', sql`'CNY'`],
  ['source', sql`'demo'`],
  ['created_at', sql`(order_date + make_interval(hours => 9 + id % 9)) at time zone 'Asia/Shanghai'`],
  ['updated_at', sql`(order_date + make_interval(hours => 9 + id % 9)) at time zone 'Asia/Shanghai'`],
];

export const ORDER_LINE_COLUMNS: BulkColumns = [
  ['order_id', 'int'], ['line_no', 'int'], ['product', 'text'], ['quantity', 'numeric'], ['unit_price', 'numeric'], ['discount', 'numeric'],
  ['amount', 'numeric'], ['cost', 'numeric'],
];

export const PAYMENT_COLUMNS: BulkColumns = [
  ['account_id', 'int'], ['order_id', 'int'], ['due_date', 'date'], ['paid_date', 'date'], ['amount', 'numeric'], ['invoice_ref', 'text'],
];
/** In yuan, from the demo; invoiced a month before it is due (or when paid, if earlier); updated when paid. */
export const PAYMENT_DERIVED: DerivedColumns = [
  ['currency', sql`'CNY'`],
  ['source', sql`'demo'`],
  ['created_at', sql`(least(due_date - 30, paid_date) + time '10:00') at time zone 'Asia/Shanghai'`],
  ['updated_at', sql`coalesce(paid_date + time '15:00', least(due_date - 30, paid_date) + time '10:00') at time zone 'Asia/Shanghai'`],
];

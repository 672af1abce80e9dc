// Deleted records go to the recycle bin as JSON snapshots of their rows (and their dependents'),
// and a restore puts the very same rows back, ids included.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../shared/errors.js';

/** Tables whose rows may travel through the bin, in the order they must be re-inserted. */
const BIN_TABLES = [
  'accounts', 'account_team_members', 'contacts', 'account_needs', 'orders', 'order_lines', 'payments',
  // decision chain and pipeline of a deleted account (relationships/bin-repository.ts)
  'opportunities', 'opportunity_stage_history', 'opportunity_info_points', 'opportunity_competitors',
  'stakeholders', 'stakeholder_coverers', 'stakeholder_links', 'stakeholder_measures', 'reminders',
  // ratings, override and key-account program rows of a deleted account (tiering/ and key-accounts/bin-parts.ts)
  'tier_ratings', 'tier_overrides',
  'key_accounts', 'key_account_decisions', 'account_plans', 'account_plan_actions', 'account_whitespace',
] as const;
export type BinTable = (typeof BIN_TABLES)[number];

export interface BinPart {
  table: BinTable;
  rows: unknown[];
}

export async function snapshotRows(trx: Transaction<DB>, table: BinTable, column: string, value: number): Promise<unknown[]> {
  const r = await sql<{ rows: unknown[] }>`
    select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) as rows
    from ${sql.table(table)} t where ${sql.ref(`t.${column}`)} = ${value}`.execute(trx);
  return r.rows[0]?.rows ?? [];
}

/** The rows of a table matching a condition on its alias `t` (for dependents reached through a parent). */
export async function snapshotWhere(trx: Transaction<DB>, table: BinTable, where: RawBuilder<unknown>): Promise<unknown[]> {
  const r = await sql<{ rows: unknown[] }>`select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) as rows from ${sql.table(table)} t where ${where}`.execute(trx);
  return r.rows[0]?.rows ?? [];
}

/** The lines of all orders of an account, or of one order (they carry no account_id of their own). */
export async function snapshotOrderLines(trx: Transaction<DB>, by: { accountId: number } | { orderId: number }): Promise<unknown[]> {
  const where = 'accountId' in by ? sql`t.order_id in (select o.id from orders o where o.account_id = ${by.accountId})` : sql`t.order_id = ${by.orderId}`;
  const r = await sql<{ rows: unknown[] }>`
    select coalesce(jsonb_agg(to_jsonb(t) order by t.order_id, t.line_no), '[]'::jsonb) as rows from order_lines t where ${where}`.execute(trx);
  return r.rows[0]?.rows ?? [];
}

export async function putInBin(
  trx: Transaction<DB>,
  entry: { entity: string; entityId: number; label: string; accountId: number | null; parts: BinPart[]; deletedBy: number | null },
): Promise<number> {
  const row = await trx
    .insertInto('recycle_bin')
    .values({
      entity: entry.entity,
      entity_id: String(entry.entityId),
      label: entry.label,
      account_id: entry.accountId,
      data: JSON.stringify({ parts: entry.parts }),
      deleted_by: entry.deletedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function reinsertParts(trx: Transaction<DB>, parts: BinPart[]): Promise<void> {
  const ordered = [...parts].sort((a, b) => BIN_TABLES.indexOf(a.table) - BIN_TABLES.indexOf(b.table));
  for (const part of ordered) {
    if (!BIN_TABLES.includes(part.table)) throw new AppError('UNPROCESSABLE', `Cannot restore rows of ${part.table}`);
    if (part.rows.length === 0) continue;
    await sql`
      insert into ${sql.table(part.table)} overriding system value
      select * from jsonb_populate_recordset(null::${sql.table(part.table)}, ${JSON.stringify(part.rows)}::jsonb)`.execute(trx);
  }
}

export function recycleBinRepository(db: Kysely<DB>) {
  return {
    list(limit: number, beforeId?: number, entity?: string) {
      let qb = db
        .selectFrom('recycle_bin as b')
        .leftJoin('users as u', 'u.id', 'b.deleted_by')
        .select(['b.id', 'b.entity', 'b.entity_id', 'b.label', 'b.account_id', 'b.deleted_at', 'b.deleted_by', 'u.display_name as deleted_by_name']);
      if (beforeId !== undefined) qb = qb.where('b.id', '<', beforeId);
      if (entity) qb = qb.where('b.entity', '=', entity);
      return qb.orderBy('b.id', 'desc').limit(limit + 1).execute();
    },
    take(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('recycle_bin').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },
    async remove(trx: Transaction<DB>, id: number) {
      await trx.deleteFrom('recycle_bin').where('id', '=', id).execute();
    },
  };
}

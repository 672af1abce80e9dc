// SQL shared by every import: the per-import scratch tables (keys seen in the file, accounts
// touched), set-based inserts and updates (one statement per batch: one array per column through
// unnest, so a batch of 5,000 rows is a handful of bind parameters), and the summary trail.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Trx = Transaction<DB>;

export type ColumnType = 'int' | 'bigint' | 'text' | 'numeric' | 'date' | 'bool' | 'text[]';
export type Columns = readonly (readonly [name: string, type: ColumnType])[];

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** `unnest($1::int[], $2::text[], …) as t(a, b, …)`, text[] travelling as one literal per row. */
function unnestFrom(columns: Columns, rows: readonly Record<string, unknown>[]): RawBuilder<unknown> {
  const arrays = columns.map(([name, type]) => {
    const values = rows.map((r) => {
      const v = r[name];
      if (v === null || v === undefined) return null;
      return type === 'text[]' ? arrayLiteral(v as string[]) : v;
    });
    return sql`${values}::${sql.raw(type === 'text[]' ? 'text' : type)}[]`;
  });
  return sql`unnest(${sql.join(arrays)}) as t(${sql.join(columns.map(([n]) => sql.id(n)))})`;
}

function selectList(columns: Columns): RawBuilder<unknown> {
  return sql.join(columns.map(([name, type]) => (type === 'text[]' ? sql`t.${sql.id(name)}::text[]` : sql`t.${sql.id(name)}`)));
}

export const importRepository = {
  async createScratch(trx: Trx): Promise<void> {
    await sql`
      create temp table import_keys (kind text not null, key text not null, row int not null, signature text, primary key (kind, key)) on commit drop;
      create temp table import_touched (account_id int primary key, created int not null, updated int not null) on commit drop;
    `.execute(trx);
  },

  /** Records keys seen in the file; answers those seen before (in an earlier batch) with their first row. */
  async claimKeys(trx: Trx, keys: readonly { kind: string; key: string; row: number; signature: string | null }[]) {
    if (keys.length === 0) return [];
    const cols: Columns = [['kind', 'text'], ['key', 'text'], ['row', 'int'], ['signature', 'text']];
    const r = await sql<{ kind: string; key: string; row: number; signature: string | null }>`
      with incoming as (select ${selectList(cols)} from ${unnestFrom(cols, keys)}),
      inserted as (insert into import_keys select * from incoming on conflict do nothing returning kind, key)
      select k.kind, k.key, k.row, k.signature from import_keys k
        join incoming i on i.kind = k.kind and i.key = k.key
        where not exists (select 1 from inserted n where n.kind = i.kind and n.key = i.key)`.execute(trx);
    return r.rows;
  },

  async touch(trx: Trx, rows: readonly { account_id: number; created: number; updated: number }[]): Promise<void> {
    if (rows.length === 0) return;
    const cols: Columns = [['account_id', 'int'], ['created', 'int'], ['updated', 'int']];
    await sql`insert into import_touched select ${selectList(cols)} from ${unnestFrom(cols, rows)}
      on conflict (account_id) do update set created = import_touched.created + excluded.created, updated = import_touched.updated + excluded.updated`.execute(trx);
  },

  /** One timeline event per account the import touched (not one per row). */
  async writeTimelineSummary(trx: Trx, e: { actorId: number | null; entity: string; fileName: string }): Promise<number> {
    const r = await sql`
      insert into timeline_events (account_id, kind, summary, actor_id, entity, data)
      select t.account_id, 'import.applied',
             ${e.fileName} || ': ' || ${e.entity} || case when t.created > 0 then ' +' || t.created else '' end
               || case when t.updated > 0 then ' ~' || t.updated else '' end,
             ${e.actorId}, ${e.entity},
             jsonb_build_object('entity', ${e.entity}::text, 'file', ${e.fileName}::text, 'created', t.created, 'updated', t.updated)
      from import_touched t join accounts a on a.id = t.account_id
      order by t.account_id`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  },

  /** Multi-row insert of `rows` (keys = column names); returns the `returning` columns in row order. */
  async insertMany<T>(trx: Trx, table: keyof DB, columns: Columns, rows: readonly Record<string, unknown>[], returning: readonly string[] = []): Promise<T[]> {
    if (rows.length === 0) return [];
    const withOrdinal: Columns = [...columns, ['__n', 'int']];
    const numbered = rows.map((r, i) => ({ ...r, __n: i }));
    const ret = returning.length ? sql`returning ${sql.join(returning.map((c) => sql.id(c)))}` : sql``;
    const r = await sql<T>`insert into ${sql.table(table)} (${sql.join(columns.map(([n]) => sql.id(n)))})
      select ${selectList(columns)} from ${unnestFrom(withOrdinal, numbered)} order by t.__n ${ret}`.execute(trx);
    return r.rows;
  },

  /** Multi-row update by id: sets `columns` from the rows, bumps version and updated_at. */
  async updateMany(trx: Trx, table: 'accounts' | 'contacts' | 'orders' | 'payments', columns: Columns, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const all: Columns = [['id', 'int'], ...columns];
    const sets = sql.join(columns.map(([n, type]) => (type === 'text[]' ? sql`${sql.id(n)} = t.${sql.id(n)}::text[]` : sql`${sql.id(n)} = t.${sql.id(n)}`)));
    await sql`update ${sql.table(table)} as x set ${sets}, version = x.version + 1, updated_at = now()
      from ${unnestFrom(all, rows)} where x.id = t.id`.execute(trx);
  },

  async activeUsers(trx: Trx) {
    return trx.selectFrom('users').select(['id', 'username', 'role', 'active']).execute();
  },
};

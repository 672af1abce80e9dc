// SQL of the accounts import and of customer look-ups for the other entities.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Trx = Transaction<DB>;

export const ACCOUNT_IMPORT_COLUMNS = [
  ['name', 'text'], ['name_key', 'text'], ['name_loose', 'text'], ['short_name', 'text'], ['credit_code', 'text'],
  ['external_code', 'text'], ['industry', 'text'], ['region', 'text'], ['employees', 'int'], ['annual_revenue', 'numeric'],
  ['website', 'text'], ['address', 'text'], ['classifications', 'text[]'], ['segment', 'text'], ['lifecycle_status', 'text'],
  ['lifecycle_reason', 'text'], ['owner_id', 'int'], ['search_text', 'text'],
] as const;

export const accountsImportRepository = {
  /** Accounts with any of these codes, name keys or credit codes, locked against concurrent edits. */
  findByKeys(trx: Trx, codes: string[], nameKeys: string[], creditCodes: string[]) {
    return trx
      .selectFrom('accounts')
      .selectAll()
      .where(sql<boolean>`external_code = any(${codes}::text[]) or name_key = any(${nameKeys}::text[]) or credit_code = any(${creditCodes}::text[])`)
      .forUpdate()
      .execute();
  },

  /** id, code and name key of accounts matching codes or name keys (customer references). */
  findRefs(trx: Trx, codes: string[], nameKeys: string[]) {
    return trx
      .selectFrom('accounts')
      .select(['id', 'external_code', 'name_key', 'name'])
      .where(sql<boolean>`external_code = any(${codes}::text[]) or name_key = any(${nameKeys}::text[])`)
      .execute();
  },

  async createLinks(trx: Trx): Promise<void> {
    await sql`create temp table if not exists import_links (row int not null, child_id int not null, ref text not null, ref_key text not null,
      counted bool not null, cells text not null) on commit drop`.execute(trx);
  },

  async addLinks(trx: Trx, links: readonly { row: number; child_id: number; ref: string; ref_key: string; counted: boolean; cells: string }[]): Promise<void> {
    if (links.length === 0) return;
    await sql`insert into import_links select * from unnest(${links.map((l) => l.row)}::int[], ${links.map((l) => l.child_id)}::int[],
      ${links.map((l) => l.ref)}::text[], ${links.map((l) => l.ref_key)}::text[], ${links.map((l) => l.counted)}::bool[], ${links.map((l) => l.cells)}::text[])`.execute(trx);
  },

  /**
   * Points each linked account at its parent, found by external code first, then by name key.
   * Returns the links that could not be made (no such parent, itself) and those that changed.
   */
  async resolveLinks(trx: Trx) {
    const r = await sql<{ row: number; child_id: number; ref: string; parent_id: number | null; cells: string; counted: boolean; changed: boolean }>`
      with resolved as (
        select l.*, coalesce((select id from accounts where external_code = l.ref), (select id from accounts where name_key = l.ref_key)) as parent_id
        from import_links l
      ), applied as (
        update accounts a set parent_id = r.parent_id, version = a.version + 1, updated_at = now()
        from resolved r
        where a.id = r.child_id and r.parent_id is not null and r.parent_id <> r.child_id and a.parent_id is distinct from r.parent_id
        returning a.id
      )
      select r.row, r.child_id, r.ref, r.parent_id, r.cells, r.counted, exists (select 1 from applied p where p.id = r.child_id) as changed
      from resolved r order by r.row`.execute(trx);
    return r.rows;
  },

  /** Linked accounts that are now their own ancestor; their parent is cleared. */
  async breakCycles(trx: Trx): Promise<number[]> {
    const r = await sql<{ id: number }>`
      with recursive up(start, id, depth) as (
        select a.id, a.parent_id, 1 from accounts a where a.id in (select child_id from import_links) and a.parent_id is not null
        union all
        select up.start, a.parent_id, up.depth + 1 from up join accounts a on a.id = up.id
        where a.parent_id is not null and up.id <> up.start and up.depth < 1000
      )
      select distinct start as id from up where id = start`.execute(trx);
    const ids = r.rows.map((x) => x.id);
    if (ids.length) await trx.updateTable('accounts').set({ parent_id: null }).where('id', 'in', ids).execute();
    return ids;
  },
};

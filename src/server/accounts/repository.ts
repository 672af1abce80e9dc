// SQL for the customer archive. The only place that queries accounts and their parts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccountPatch, DB, NewAccountRow } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { accountRelationColumns, accountVisibility } from '../auth/scope.js';
import { likeContains, type CursorPosition } from '../shared/cursor.js';

type Q = Kysely<DB> | Transaction<DB>;

export const ACCOUNT_SORTS = {
  name: { expr: sql`accounts.name`, cast: 'text' },
  updatedAt: { expr: sql`accounts.updated_at`, cast: 'timestamptz' },
  createdAt: { expr: sql`accounts.id`, cast: 'int' },
  annualRevenue: { expr: sql`coalesce(accounts.annual_revenue, -1)`, cast: 'numeric' },
  employees: { expr: sql`coalesce(accounts.employees, -1)`, cast: 'int' },
} as const;
export type AccountSortKey = keyof typeof ACCOUNT_SORTS;

export interface AccountListQuery {
  q?: string | undefined;
  lifecycleStatus?: string[] | undefined;
  industry?: string | undefined;
  region?: string | undefined;
  classification?: string | undefined;
  ownerId?: number | undefined;
  sponsorId?: number | undefined;
  parentId?: number | undefined;
  sort: AccountSortKey;
  desc: boolean;
  after?: CursorPosition | undefined;
  limit: number;
}

export function accountsRepository(db: Kysely<DB>) {
  /** The list query; exported shape so the benchmark can time the same SQL. */
  function listQuery(actor: Actor, query: AccountListQuery, q: Q = db) {
    const sort = ACCOUNT_SORTS[query.sort];
    let qb = q
      .selectFrom('accounts')
      .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
      .select([
        'accounts.id',
        'accounts.name',
        'accounts.short_name',
        'accounts.credit_code',
        'accounts.industry',
        'accounts.region',
        'accounts.classifications',
        'accounts.segment',
        'accounts.lifecycle_status',
        'accounts.owner_id',
        'owner.display_name as owner_name',
        'accounts.parent_id',
        'accounts.annual_revenue',
        'accounts.employees',
        'accounts.created_at',
        'accounts.updated_at',
        'accounts.version',
        sql<string>`(${sort.expr})::text`.as('sort_value'),
      ]);
    const visible = accountVisibility(actor);
    if (visible) qb = qb.where(visible);
    if (query.q) qb = qb.where('accounts.search_text', 'ilike', likeContains(query.q.normalize('NFKC').toLowerCase()));
    if (query.lifecycleStatus?.length) qb = qb.where('accounts.lifecycle_status', 'in', query.lifecycleStatus as never[]);
    if (query.industry) qb = qb.where('accounts.industry', '=', query.industry);
    if (query.region) qb = qb.where('accounts.region', '=', query.region);
    if (query.classification) qb = qb.where(sql<boolean>`accounts.classifications @> array[${query.classification}]::text[]`);
    if (query.ownerId !== undefined) qb = qb.where('accounts.owner_id', '=', query.ownerId);
    if (query.sponsorId !== undefined) qb = qb.where('accounts.sponsor_id', '=', query.sponsorId);
    if (query.parentId !== undefined) qb = qb.where('accounts.parent_id', '=', query.parentId);
    if (query.after) {
      const { v, id } = query.after;
      const op = sql.raw(query.desc ? '<' : '>');
      qb = qb.where(sql<boolean>`(${sort.expr}, accounts.id) ${op} (cast(${v} as ${sql.raw(sort.cast)}), ${id})`);
    }
    const dir = query.desc ? sql`desc` : sql`asc`;
    return qb.orderBy(sql`${sort.expr} ${dir}`).orderBy(sql`accounts.id ${dir}`).limit(query.limit + 1);
  }

  function findVisibleQuery(actor: Actor, id: number, q: Q = db) {
    let qb = q
      .selectFrom('accounts')
      .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
      .leftJoin('users as sponsor', 'sponsor.id', 'accounts.sponsor_id')
      .leftJoin('accounts as parent', 'parent.id', 'accounts.parent_id')
      .selectAll('accounts')
      .select([
        'owner.display_name as owner_name',
        'sponsor.display_name as sponsor_name',
        'parent.name as parent_name',
      ])
      .select((eb) => accountRelationColumns(eb, actor))
      .where('accounts.id', '=', id);
    const visible = accountVisibility(actor);
    if (visible) qb = qb.where(visible);
    return qb;
  }

  return {
    listQuery,
    findVisibleQuery,

    list(actor: Actor, query: AccountListQuery) {
      return listQuery(actor, query).execute();
    },

    /** One account with the actor's relation to it, if the actor may see it. */
    findVisible(actor: Actor, id: number, q: Q = db) {
      return findVisibleQuery(actor, id, q).executeTakeFirst();
    },


    /** The raw row, locked for update inside a transaction. */
    lockRow(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('accounts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    exists(id: number, q: Q = db) {
      return q.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst();
    },

    insert(trx: Q, row: NewAccountRow) {
      return trx.insertInto('accounts').values(row).returningAll().executeTakeFirstOrThrow();
    },

    /** Writes the patch only if the version still matches; undefined when it does not. */
    updateVersioned(trx: Q, id: number, version: number, patch: AccountPatch) {
      return trx
        .updateTable('accounts')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async deleteRow(trx: Q, id: number) {
      await trx.deleteFrom('accounts').where('id', '=', id).execute();
    },

    findByNameKey(nameKey: string, q: Q = db) {
      return q.selectFrom('accounts').select(['id', 'name']).where('name_key', '=', nameKey).executeTakeFirst();
    },

    findByCreditCode(code: string, q: Q = db) {
      return q.selectFrom('accounts').select(['id', 'name']).where('credit_code', '=', code).executeTakeFirst();
    },

    findByExternalCode(code: string, q: Q = db) {
      return q.selectFrom('accounts').select(['id', 'name']).where('external_code', '=', code).executeTakeFirst();
    },

    /** Accounts whose loose name key matches, visible to the actor (others are not revealed). */
    looseDuplicates(actor: Actor, looseKey: string, excludeId?: number) {
      let qb = db.selectFrom('accounts').select(['accounts.id', 'accounts.name']).where('accounts.name_loose', '=', looseKey);
      if (excludeId !== undefined) qb = qb.where('accounts.id', '<>', excludeId);
      const visible = accountVisibility(actor);
      if (visible) qb = qb.where(visible);
      return qb.orderBy('accounts.id').limit(20).execute();
    },

    /** Distinct values in use of a free-text column, for filter pickers. */
    async distinctValues(col: 'industry' | 'region', max = 200) {
      const rows = await sql<{ v: string }>`
        select distinct ${sql.ref(`accounts.${col}`)} as v from accounts
        where ${sql.ref(`accounts.${col}`)} is not null order by 1 limit ${max}`.execute(db);
      return rows.rows.map((r) => r.v);
    },

    /** Ancestors from the root down to the direct parent. */
    async ancestors(id: number, q: Q = db) {
      const rows = await sql<{ id: number; name: string; depth: number }>`
        with recursive up(id, name, parent_id, depth) as (
          select a.id, a.name, a.parent_id, 0 from accounts a
            where a.id = (select parent_id from accounts where id = ${id})
          union all
          select a.id, a.name, a.parent_id, up.depth + 1 from accounts a join up on a.id = up.parent_id
            where up.depth < 100
        )
        select id, name, depth from up order by depth desc`.execute(q);
      return rows.rows;
    },

    children(actor: Actor, id: number) {
      let qb = db
        .selectFrom('accounts')
        .select(['accounts.id', 'accounts.name', 'accounts.lifecycle_status'])
        .where('accounts.parent_id', '=', id);
      const visible = accountVisibility(actor);
      if (visible) qb = qb.where(visible);
      return qb.orderBy('accounts.name').limit(500).execute();
    },

    async childCount(id: number, q: Q = db) {
      const r = await q.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** True if `candidateParent` is `id` itself or one of its descendants. */
    async isSelfOrDescendant(id: number, candidateParent: number, q: Q = db) {
      const r = await sql<{ hit: boolean }>`
        with recursive up(id, parent_id, depth) as (
          select id, parent_id, 0 from accounts where id = ${candidateParent}
          union all
          select a.id, a.parent_id, up.depth + 1 from accounts a join up on a.id = up.parent_id where up.depth < 1000
        )
        select exists(select 1 from up where id = ${id}) as hit`.execute(q);
      return r.rows[0]?.hit === true;
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;

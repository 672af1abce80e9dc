// SQL of the key-account program. An account's facts for the criteria come from the live tables:
// its effective tier (a director's override, else the last recompute's), the gross profit of the
// last recompute's window, its classifications and lifecycle. `meets` is the SQL twin of
// rules/program.ts unmetCriteria (tests check they agree).
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { accountRelationColumns, accountVisibility } from '../auth/scope.js';
import type { ProgramCriteria } from './rules/program.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface ProgramPatch {
  min_size?: number;
  max_size?: number;
  criteria_tiers?: number[];
  min_gross_profit?: string | null;
  any_classifications?: string[];
  criteria_text?: string;
  product_lines?: string[];
  champion_id?: number | null;
}

export function keyAccountsRepository(db: Kysely<DB>) {
  /** Accounts with the facts the criteria read, limited to what the actor sees (null: all). */
  function withFacts(actor: Actor | null, q: Q = db) {
    let qb = q
      .selectFrom('accounts')
      .leftJoin('tier_results as tr', 'tr.account_id', 'accounts.id')
      .leftJoin('tier_overrides as tov', 'tov.account_id', 'accounts.id')
      .leftJoin('key_accounts as ka', 'ka.account_id', 'accounts.id')
      .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
      .leftJoin('users as sponsor', 'sponsor.id', 'accounts.sponsor_id');
    const visible = actor ? accountVisibility(actor) : null;
    if (visible) qb = qb.where(visible as never);
    return qb.select([
      'accounts.id',
      'accounts.name',
      'accounts.lifecycle_status',
      'accounts.classifications',
      'accounts.owner_id',
      'owner.display_name as owner_name',
      'accounts.sponsor_id',
      'sponsor.display_name as sponsor_name',
      sql<number | null>`coalesce(tov.tier, tr.tier)`.as('tier'),
      'tr.tier as computed_tier',
      'tr.gross_profit',
      'tr.revenue',
      'tr.score',
      sql<boolean>`ka.account_id is not null`.as('is_key'),
      'ka.reason as key_reason',
      'ka.designated_at',
    ]);
  }

  /** The criteria as a SQL condition over withFacts' joins. */
  function meets(c: ProgramCriteria) {
    const parts = [sql<SqlBool>`accounts.lifecycle_status not in ('lost', 'dormant')`];
    if (c.tiers.length) parts.push(sql<SqlBool>`coalesce(tov.tier, tr.tier) = any(${sql.val(c.tiers)}::smallint[])`);
    if (c.minGrossProfit !== null) parts.push(sql<SqlBool>`tr.gross_profit >= ${c.minGrossProfit}::numeric`);
    if (c.anyClassifications.length) parts.push(sql<SqlBool>`accounts.classifications && ${sql.val(c.anyClassifications)}::text[]`);
    return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
  }

  return {
    program(q: Q = db) {
      return q.selectFrom('key_account_program').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    },

    lockProgram(trx: Transaction<DB>) {
      return trx.selectFrom('key_account_program').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    },

    updateProgram(trx: Q, version: number, patch: ProgramPatch, by: number | null) {
      return trx
        .updateTable('key_account_program')
        .set({ ...patch, updated_by: by, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
        .where('id', '=', 1)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    size(q: Q = db) {
      return q.selectFrom('key_accounts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
    },

    /** Key accounts the actor sees, with their facts and whether they still meet the criteria. */
    listKeyAccounts(actor: Actor, c: ProgramCriteria) {
      return withFacts(actor)
        .where('ka.account_id', 'is not', null)
        .select(meets(c).as('meets'))
        .orderBy('tier', (ob) => ob.asc().nullsLast())
        .orderBy('accounts.name')
        .orderBy('accounts.id')
        .limit(5000)
        .execute();
    },

    /** 纳入: accounts that meet the criteria and are not key accounts yet, best score first. */
    candidates(c: ProgramCriteria, limit: number) {
      return withFacts(null)
        .where('ka.account_id', 'is', null)
        .where(meets(c))
        .select(sql<boolean>`true`.as('meets'))
        .orderBy('tr.score', (ob) => ob.desc().nullsLast())
        .orderBy('accounts.id')
        .limit(limit)
        .execute();
    },

    countCandidates(c: ProgramCriteria) {
      return db
        .selectFrom('accounts')
        .leftJoin('tier_results as tr', 'tr.account_id', 'accounts.id')
        .leftJoin('tier_overrides as tov', 'tov.account_id', 'accounts.id')
        .leftJoin('key_accounts as ka', 'ka.account_id', 'accounts.id')
        .where('ka.account_id', 'is', null)
        .where(meets(c))
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    },

    /** 淘汰: key accounts that no longer meet the criteria. */
    failing(c: ProgramCriteria) {
      return withFacts(null)
        .where('ka.account_id', 'is not', null)
        .where(sql<SqlBool>`not ${meets(c)}`)
        .select(sql<boolean>`false`.as('meets'))
        .orderBy('accounts.name')
        .orderBy('accounts.id')
        .limit(5000)
        .execute();
    },

    /** One account's facts with the actor's relation to it, if visible. */
    account(actor: Actor, accountId: number, q: Q = db) {
      return withFacts(actor, q)
        .select((eb) => accountRelationColumns(eb as never, actor))
        .where('accounts.id', '=', accountId)
        .executeTakeFirst();
    },

    lockKeyAccount(trx: Transaction<DB>, accountId: number) {
      return trx.selectFrom('key_accounts').selectAll().where('account_id', '=', accountId).forUpdate().executeTakeFirst();
    },

    designate(trx: Transaction<DB>, row: { account_id: number; reason: string; met_criteria: boolean; designated_by: number | null }) {
      return trx.insertInto('key_accounts').values(row).onConflict((oc) => oc.column('account_id').doNothing()).returningAll().executeTakeFirst();
    },

    remove(trx: Transaction<DB>, accountId: number) {
      return trx.deleteFrom('key_accounts').where('account_id', '=', accountId).returningAll().executeTakeFirst();
    },

    addDecision(trx: Transaction<DB>, row: { account_id: number; action: 'designate' | 'remove'; reason: string; met_criteria: boolean; decided_by: number | null }) {
      return trx.insertInto('key_account_decisions').values(row).returningAll().executeTakeFirstOrThrow();
    },

    decisions(accountId: number) {
      return db
        .selectFrom('key_account_decisions as d')
        .leftJoin('users as u', 'u.id', 'd.decided_by')
        .select(['d.id', 'd.action', 'd.reason', 'd.met_criteria', 'd.decided_at', 'u.id as user_id', 'u.display_name'])
        .where('d.account_id', '=', accountId)
        .orderBy('d.id', 'desc')
        .limit(200)
        .execute();
    },

    /** Owned accounts per account manager and effective tier (unscored: long-tail, 4). */
    ownedByTier(onlyUserId: number | null) {
      let qb = db
        .selectFrom('users')
        .leftJoin('accounts', (j) => j.onRef('accounts.owner_id', '=', 'users.id').on('accounts.lifecycle_status', '<>', 'lost'))
        .leftJoin('tier_results as tr', 'tr.account_id', 'accounts.id')
        .leftJoin('tier_overrides as tov', 'tov.account_id', 'accounts.id')
        .where('users.role', '=', 'kam')
        .where('users.active', '=', true)
        .select([
          'users.id as user_id',
          'users.display_name',
          sql<number>`coalesce(tov.tier, tr.tier, 4)`.as('tier'),
          sql<number>`count(accounts.id)::int`.as('n'),
        ])
        .groupBy(['users.id', 'users.display_name', sql`3`])
        .orderBy('users.display_name')
        .orderBy('users.id');
      if (onlyUserId !== null) qb = qb.where('users.id', '=', onlyUserId);
      return qb.execute();
    },

    accountsPerManager() {
      return db.selectFrom('tier_entitlements').select(['tier', 'accounts_per_manager']).execute();
    },

    userExists(id: number, q: Q = db) {
      return q.selectFrom('users').select(['id', 'active', 'display_name']).where('id', '=', id).executeTakeFirst();
    },
  };
}

export type KeyAccountsRepository = ReturnType<typeof keyAccountsRepository>;

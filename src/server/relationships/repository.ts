// SQL of the decision chain: stakeholders, their coverers and links, the measures history, and
// the relationship map in one query. Visibility follows the stakeholder's account (auth/scope.ts).
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Attitude, AttitudeKind, BuyingRole, DB, StakeholderMeasuresTable, StakeholdersTable } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { accountRelationColumns, accountVisibility } from '../auth/scope.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Whether the tiering tables exist (migration 20261123T1410); probed once per database. */
const tieringProbe = new WeakMap<object, Promise<boolean>>();
export function hasTiering(db: Kysely<DB>): Promise<boolean> {
  let p = tieringProbe.get(db);
  if (!p) {
    p = sql<{ ok: boolean }>`select to_regclass('tier_entitlements') is not null and to_regclass('tier_results') is not null and to_regclass('tier_overrides') is not null as ok`
      .execute(db)
      .then((r) => r.rows[0]?.ok === true);
    tieringProbe.set(db, p);
  }
  return p;
}

/** The account's effective tier (override, else computed) and its manager visits a year, as SQL over `accounts`. */
export function tierColumns(withTiering: boolean) {
  if (!withTiering) return [sql<number | null>`null::int`.as('tier'), sql<number | null>`null::int`.as('visits_per_year')] as const;
  const tier = sql`coalesce((select ov.tier from tier_overrides ov where ov.account_id = accounts.id), (select tr.tier from tier_results tr where tr.account_id = accounts.id))`;
  return [
    sql<number | null>`${tier}::int`.as('tier'),
    sql<number | null>`(select e.manager_visits_per_year from tier_entitlements e where e.tier = ${tier})`.as('visits_per_year'),
  ] as const;
}

export interface MapPersonJson {
  id: number;
  accountId: number;
  opportunityId: number | null;
  contactId: number | null;
  name: string;
  title: string | null;
  buyingRole: BuyingRole | null;
  attitude: Attitude;
  attitudeKind: AttitudeKind | null;
  influence: number;
  relationshipLevel: number;
  personalNeeds: string | null;
  interests: string | null;
  lastContactDate: string | null;
  coveredBy: { id: number; name: string }[];
  version: number;
  updatedAt: string;
}
const personJson = sql`json_build_object(
  'id', s.id, 'accountId', s.account_id, 'opportunityId', s.opportunity_id, 'contactId', s.contact_id, 'name', s.name, 'title', s.title,
  'buyingRole', s.buying_role, 'attitude', s.attitude, 'attitudeKind', s.attitude_kind, 'influence', s.influence,
  'relationshipLevel', s.relationship_level, 'personalNeeds', s.personal_needs, 'interests', s.interests,
  'lastContactDate', s.last_contact_date, 'version', s.version, 'updatedAt', s.updated_at,
  'coveredBy', coalesce((select json_agg(json_build_object('id', u.id, 'name', u.display_name) order by u.id)
                         from stakeholder_coverers c join users u on u.id = c.user_id where c.stakeholder_id = s.id), '[]'::json))`;

/** People of a map (`stakeholders s`): the account's, or those of one opportunity plus the account-wide ones. */
export function peopleFilter(opportunityId: number | undefined) {
  return opportunityId === undefined ? sql`true` : sql`(s.opportunity_id is null or s.opportunity_id = ${opportunityId})`;
}

export function relationshipsRepository(db: Kysely<DB>) {
  return {
    /** The account behind a map, if the actor sees it: its relation to the actor, tier and the tier's visit interval. */
    mapAccess(actor: Actor, accountId: number, withTiering: boolean, q: Q = db) {
      let qb = q
        .selectFrom('accounts')
        .select((eb) => ['accounts.id', 'accounts.name', ...accountRelationColumns(eb as never, actor), ...tierColumns(withTiering)])
        .where('accounts.id', '=', accountId);
      const visible = accountVisibility(actor);
      if (visible) qb = qb.where(visible as never);
      return qb.executeTakeFirst();
    },

    async peopleOf(q: Q, accountId: number) {
      return q
        .selectFrom('stakeholders')
        .select(['id', 'name', 'buying_role', 'attitude', 'attitude_kind', 'influence', 'last_contact_date'])
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute();
    },

    /** Account facts the measures need (owner, tier interval) — no visibility: services call it after checking. */
    async accountFacts(q: Q, accountId: number, withTiering: boolean) {
      return q
        .selectFrom('accounts')
        .select(['accounts.id', 'accounts.name', 'accounts.owner_id', ...tierColumns(withTiering)])
        .where('accounts.id', '=', accountId)
        .executeTakeFirst();
    },

    findVisible(actor: Actor, id: number, q: Q = db) {
      let qb = q
        .selectFrom('stakeholders as s')
        .innerJoin('accounts', 'accounts.id', 's.account_id')
        .select((eb) => [sql<MapPersonJson>`${personJson}`.as('person'), 's.account_id', ...accountRelationColumns(eb as never, actor)])
        .where('s.id', '=', id);
      const visible = accountVisibility(actor);
      if (visible) qb = qb.where(visible as never);
      return qb.executeTakeFirst();
    },

    list(actor: Actor, accountId: number, f: { afterId?: number | undefined; limit: number; opportunityId?: number | undefined }) {
      let qb = db
        .selectFrom('stakeholders as s')
        .innerJoin('accounts', 'accounts.id', 's.account_id')
        .select((eb) => [sql<MapPersonJson>`${personJson}`.as('person'), 's.id', ...accountRelationColumns(eb as never, actor)])
        .where('s.account_id', '=', accountId)
        .where(peopleFilter(f.opportunityId) as never);
      const visible = accountVisibility(actor);
      if (visible) qb = qb.where(visible as never);
      if (f.afterId !== undefined) qb = qb.where('s.id', '>', f.afterId);
      return qb.orderBy('s.id').limit(f.limit + 1).execute();
    },

    insert(trx: Q, row: Insertable<StakeholdersTable>) {
      return trx.insertInto('stakeholders').values(row).returningAll().executeTakeFirstOrThrow();
    },

    lockRow(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('stakeholders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    updateVersioned(trx: Q, id: number, version: number, patch: Updateable<StakeholdersTable>) {
      return trx
        .updateTable('stakeholders')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async setCoverers(trx: Q, stakeholderId: number, userIds: readonly number[]) {
      await trx.deleteFrom('stakeholder_coverers').where('stakeholder_id', '=', stakeholderId).execute();
      if (userIds.length) await trx.insertInto('stakeholder_coverers').values(userIds.map((user_id) => ({ stakeholder_id: stakeholderId, user_id }))).execute();
    },

    coverersOf(q: Q, stakeholderIds: readonly number[]) {
      if (!stakeholderIds.length) return Promise.resolve([]);
      return q.selectFrom('stakeholder_coverers').select(['stakeholder_id', 'user_id']).where('stakeholder_id', 'in', stakeholderIds).execute();
    },

    async deleteRow(trx: Q, id: number) {
      await trx.deleteFrom('stakeholders').where('id', '=', id).execute();
    },

    activeUsers(q: Q, ids: readonly number[]) {
      if (!ids.length) return Promise.resolve([]);
      return q.selectFrom('users').select('id').where('id', 'in', ids).where('active', '=', true).execute();
    },

    contactAccount(q: Q, contactId: number) {
      return q.selectFrom('contacts').select('account_id').where('id', '=', contactId).executeTakeFirst();
    },

    opportunityAccount(q: Q, opportunityId: number) {
      return q.selectFrom('opportunities').select('account_id').where('id', '=', opportunityId).executeTakeFirst();
    },

    // ---- links ----
    /** Serialises link writes of one account (the cycle check reads, then inserts). */
    async lockAccount(trx: Transaction<DB>, accountId: number) {
      await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirst();
    },

    /** Whether `toId` already reports (directly or not, formally or hidden) to `fromId`: then from → to closes a cycle. */
    async reportsToPath(trx: Q, fromId: number, toId: number): Promise<boolean> {
      const r = await sql<{ found: boolean }>`
        with recursive up(id, depth) as (
          select ${toId}::int, 0
          union
          select l.to_id, up.depth + 1 from stakeholder_links l join up on l.from_id = up.id
          where l.kind = 'reports_to' and up.depth < 10000
        )
        select exists (select 1 from up where id = ${fromId}) as found`.execute(trx);
      return r.rows[0]?.found === true;
    },

    stakeholderAccounts(q: Q, ids: readonly number[]) {
      return q.selectFrom('stakeholders').select(['id', 'account_id']).where('id', 'in', ids).execute();
    },

    insertLink(trx: Q, row: { account_id: number; from_id: number; to_id: number; kind: 'reports_to' | 'influences'; hidden: boolean; note: string | null; created_by: number | null }) {
      return trx.insertInto('stakeholder_links').values(row).onConflict((oc) => oc.columns(['from_id', 'to_id', 'kind']).doNothing()).returningAll().executeTakeFirst();
    },

    findLinkVisible(actor: Actor, id: number, q: Q = db) {
      let qb = q
        .selectFrom('stakeholder_links as l')
        .innerJoin('accounts', 'accounts.id', 'l.account_id')
        .selectAll('l')
        .select((eb) => accountRelationColumns(eb as never, actor))
        .where('l.id', '=', id);
      const visible = accountVisibility(actor);
      if (visible) qb = qb.where(visible as never);
      return qb.executeTakeFirst();
    },

    listLinks(accountId: number) {
      return db.selectFrom('stakeholder_links').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
    },

    lockLink(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('stakeholder_links').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    updateLink(trx: Q, id: number, version: number, patch: { hidden?: boolean; note?: string | null }) {
      return trx
        .updateTable('stakeholder_links')
        .set({ ...patch, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async deleteLink(trx: Q, id: number) {
      await trx.deleteFrom('stakeholder_links').where('id', '=', id).execute();
    },

    // ---- measures history ----
    lastMeasure(q: Q, accountId: number) {
      return q.selectFrom('stakeholder_measures').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    },

    async insertMeasure(q: Q, row: Insertable<StakeholderMeasuresTable>) {
      await q.insertInto('stakeholder_measures').values(row).execute();
    },

    accountsWithStakeholders(q: Q, afterId: number, limit: number) {
      return q.selectFrom('stakeholders').select('account_id').distinct().where('account_id', '>', afterId).orderBy('account_id').limit(limit).execute();
    },
  };
}

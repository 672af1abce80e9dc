// SQL of the yearly account plans, their actions, and the whitespace matrix.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, PlanActionStatus } from '../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface PlanFields {
  objectives?: string;
  strategies?: string;
  risks?: string;
}

export interface ActionFields {
  title?: string;
  owner_id?: number | null;
  due_date?: string | null;
  status?: PlanActionStatus;
}

export function plansRepository(db: Kysely<DB>) {
  return {
    years(accountId: number) {
      return db
        .selectFrom('account_plans as p')
        .select(['p.id', 'p.year', 'p.updated_at', sql<number>`(select count(*)::int from account_plan_actions a where a.plan_id = p.id)`.as('actions')])
        .where('p.account_id', '=', accountId)
        .orderBy('p.year', 'desc')
        .execute();
    },

    plan(accountId: number, year: number, q: Q = db) {
      return q.selectFrom('account_plans').selectAll().where('account_id', '=', accountId).where('year', '=', year).executeTakeFirst();
    },

    planById(id: number, q: Q = db) {
      return q.selectFrom('account_plans').selectAll().where('id', '=', id).executeTakeFirst();
    },

    actions(planId: number, q: Q = db) {
      return q
        .selectFrom('account_plan_actions as a')
        .leftJoin('users as u', 'u.id', 'a.owner_id')
        .selectAll('a')
        .select('u.display_name as owner_name')
        .where('a.plan_id', '=', planId)
        .orderBy('a.id')
        .execute();
    },

    /** Creates the plan of that year; undefined when it already exists (a concurrent create). */
    insertPlan(trx: Q, row: { account_id: number; year: number; created_by: number | null } & PlanFields) {
      return trx.insertInto('account_plans').values(row).onConflict((oc) => oc.columns(['account_id', 'year']).doNothing()).returningAll().executeTakeFirst();
    },

    updatePlan(trx: Q, id: number, version: number, fields: PlanFields) {
      return trx
        .updateTable('account_plans')
        .set({ ...fields, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    /** Marks the plan changed (an action was added, changed or removed). */
    touchPlan(trx: Q, id: number) {
      return trx.updateTable('account_plans').set({ updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
    },

    action(id: number, q: Q = db) {
      return q.selectFrom('account_plan_actions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    countActions(planId: number, q: Q = db) {
      return q.selectFrom('account_plan_actions').select(sql<number>`count(*)::int`.as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow().then((r) => Number(r.n));
    },

    insertAction(trx: Q, row: { plan_id: number; title: string } & ActionFields) {
      return trx.insertInto('account_plan_actions').values(row).returningAll().executeTakeFirstOrThrow();
    },

    updateAction(trx: Q, id: number, version: number, fields: ActionFields) {
      return trx
        .updateTable('account_plan_actions')
        .set({ ...fields, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    deleteAction(trx: Q, id: number, version: number) {
      return trx.deleteFrom('account_plan_actions').where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
    },

    whitespace(accountId: number, q: Q = db) {
      return q.selectFrom('account_whitespace').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    },

    insertWhitespace(trx: Q, row: { account_id: number; business_units: string[]; cells: string; updated_by: number | null }) {
      return trx.insertInto('account_whitespace').values(row).onConflict((oc) => oc.column('account_id').doNothing()).returningAll().executeTakeFirst();
    },

    updateWhitespace(trx: Q, accountId: number, version: number, row: { business_units: string[]; cells: string; updated_by: number | null }) {
      return trx
        .updateTable('account_whitespace')
        .set({ ...row, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('account_id', '=', accountId)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    userIsActive(id: number, q: Q = db) {
      return q.selectFrom('users').select('id').where('id', '=', id).where('active', '=', true).executeTakeFirst();
    },
  };
}

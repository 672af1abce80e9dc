// SQL of the per-user reminders inbox. Alerts are inserted once per user and open condition
// (partial unique index reminders_open_condition_key) and resolved when the condition clears.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ReminderFacts } from '../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface NewAlert {
  user_id: number;
  kind: string;
  account_id: number | null;
  subject: string;
  facts: ReminderFacts;
  entity: string | null;
  entity_id: string | null;
  condition_key: string;
  due_on: string | null;
}

export type ReminderStatusFilter = 'open' | 'done' | 'all';

export function remindersRepository(db: Kysely<DB>) {
  const base = (q: Q) =>
    q
      .selectFrom('reminders as r')
      .leftJoin('accounts as a', 'a.id', 'r.account_id')
      .select(['r.id', 'r.user_id', 'r.kind', 'r.account_id', 'a.name as account_name', 'r.subject', 'r.facts', 'r.entity', 'r.entity_id', 'r.due_on', 'r.read_at', 'r.done_at', 'r.resolved', 'r.created_at', 'r.version']);
  return {
    list(userId: number, f: { status: ReminderStatusFilter; kind?: string | undefined; beforeId?: number | undefined; limit: number }) {
      let qb = base(db).where('r.user_id', '=', userId);
      if (f.status === 'open') qb = qb.where('r.done_at', 'is', null);
      if (f.status === 'done') qb = qb.where('r.done_at', 'is not', null);
      if (f.kind) qb = qb.where('r.kind', '=', f.kind);
      if (f.beforeId !== undefined) qb = qb.where('r.id', '<', f.beforeId);
      return qb.orderBy('r.id', 'desc').limit(f.limit + 1).execute();
    },

    async counts(userId: number) {
      const r = await db
        .selectFrom('reminders')
        .select([sql<number>`count(*) filter (where read_at is null)::int`.as('unread'), sql<number>`count(*)::int`.as('open')])
        .where('user_id', '=', userId)
        .where('done_at', 'is', null)
        .executeTakeFirstOrThrow();
      return r;
    },

    find(userId: number, id: number, q: Q = db) {
      return base(q).where('r.user_id', '=', userId).where('r.id', '=', id).executeTakeFirst();
    },

    lockOwn(trx: Transaction<DB>, userId: number, id: number) {
      return trx.selectFrom('reminders').selectAll().where('user_id', '=', userId).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    update(trx: Q, id: number, version: number, patch: { read_at?: Date | null; done_at?: Date | null; resolved?: boolean }) {
      return trx
        .updateTable('reminders')
        .set({ ...patch, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    /** Inserts the alerts that are not already open for their user and condition; returns how many were new. */
    async insertOpen(q: Q, alerts: readonly NewAlert[]): Promise<number> {
      if (!alerts.length) return 0;
      const r = await q
        .insertInto('reminders')
        .values(alerts.map((a) => ({ ...a, facts: JSON.stringify(a.facts) })))
        .onConflict((oc) => oc.columns(['user_id', 'condition_key']).where('done_at', 'is', null).where('condition_key', 'is not', null).doNothing())
        .returning('id')
        .execute();
      return r.length;
    },

    /** Marks done (resolved) the open alerts of an account of `kinds` whose key is not in `keep`, and those in `clear`. */
    async resolve(q: Q, accountId: number, opts: { kinds: readonly string[]; keep: readonly string[]; clear: readonly string[] }): Promise<number> {
      let n = 0;
      if (opts.kinds.length) {
        let qb = q
          .updateTable('reminders')
          .set({ done_at: sql<Date>`now()`, resolved: true, version: sql<number>`version + 1` })
          .where('account_id', '=', accountId)
          .where('done_at', 'is', null)
          .where('kind', 'in', opts.kinds);
        if (opts.keep.length) qb = qb.where('condition_key', 'not in', opts.keep);
        n += Number((await qb.executeTakeFirst()).numUpdatedRows);
      }
      if (opts.clear.length) {
        const r = await q
          .updateTable('reminders')
          .set({ done_at: sql<Date>`now()`, resolved: true, version: sql<number>`version + 1` })
          .where('done_at', 'is', null)
          .where('condition_key', 'in', opts.clear)
          .executeTakeFirst();
        n += Number(r.numUpdatedRows);
      }
      return n;
    },
  };
}

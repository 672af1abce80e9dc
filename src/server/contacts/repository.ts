// SQL for contacts. Visibility follows the contact's account.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ContactsTable, DB } from '../db/schema.js';
import type { Updateable } from 'kysely';
import type { Actor } from '../auth/rules/permissions.js';
import { accountRelationColumns, accountVisibility } from '../auth/scope.js';
import { likeContains } from '../shared/cursor.js';

type Q = Kysely<DB> | Transaction<DB>;

export function contactsRepository(db: Kysely<DB>) {
  function base(actor: Actor, q: Q = db) {
    let qb = q
      .selectFrom('contacts')
      .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
      .selectAll('contacts')
      .select('accounts.name as account_name')
      .select((eb) => accountRelationColumns(eb as never, actor));
    const visible = accountVisibility(actor);
    if (visible) qb = qb.where(visible as never);
    return qb;
  }

  return {
    list(actor: Actor, f: { accountId?: number | undefined; q?: string | undefined; afterId?: number | undefined; limit: number }) {
      let qb = base(actor);
      if (f.accountId !== undefined) qb = qb.where('contacts.account_id', '=', f.accountId);
      if (f.q) qb = qb.where('contacts.name', 'ilike', likeContains(f.q));
      if (f.afterId !== undefined) qb = qb.where('contacts.id', '>', f.afterId);
      return qb.orderBy('contacts.id').limit(f.limit + 1).execute();
    },

    findVisible(actor: Actor, id: number, q: Q = db) {
      return base(actor, q).where('contacts.id', '=', id).executeTakeFirst();
    },

    insert(trx: Q, row: Omit<ContactsTable, 'id' | 'created_at' | 'updated_at' | 'version'>) {
      return trx.insertInto('contacts').values(row).returningAll().executeTakeFirstOrThrow();
    },

    lockRow(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('contacts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    updateVersioned(trx: Q, id: number, version: number, patch: Updateable<ContactsTable>) {
      return trx
        .updateTable('contacts')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async deleteRow(trx: Q, id: number) {
      await trx.deleteFrom('contacts').where('id', '=', id).execute();
    },
  };
}

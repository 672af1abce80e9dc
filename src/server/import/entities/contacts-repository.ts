// SQL of the contacts import.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export const contactsImportRepository = {
  /** The contacts of these accounts, locked: matched against the file's rows in memory. */
  ofAccounts(trx: Transaction<DB>, accountIds: number[]) {
    if (accountIds.length === 0) return Promise.resolve([]);
    return trx
      .selectFrom('contacts')
      .select(['id', 'account_id', 'name', 'department', 'title', 'level', 'phone', 'email', 'birthday'])
      .where('account_id', 'in', accountIds)
      .orderBy('id')
      .forUpdate()
      .execute();
  },
};

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export function usersRepository(db: Kysely<DB>) {
  return {
    findById(id: number, q: Q = db) {
      return q
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'role', 'team_id', 'active', 'email', 'version', 'created_at', 'updated_at'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}

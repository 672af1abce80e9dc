import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export function authRepository(db: Kysely<DB>) {
  function findSessionQuery(id: string, now: Date) {
    return db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.id as user_id', 'u.username', 'u.display_name', 'u.role', 'u.team_id', 'u.active'])
      .where('s.id', '=', id)
      .where('s.expires_at', '>', now);
  }

  return {
    findSessionQuery,
    findUserByUsername(username: string) {
      return db
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
    },

    async createSession(s: { id: string; userId: number; csrfToken: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null }) {
      await db
        .insertInto('sessions')
        // Times from the service's clock (not the database's now()), like the expiry and the sliding touch.
        .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent })
        .execute();
    },

    async deleteSession(id: string) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteExpiredSessions(now: Date) {
      await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    },

    findSession(id: string, now: Date) {
      return findSessionQuery(id, now).executeTakeFirst();
    },


    async touchSession(id: string, now: Date, expiresAt: Date) {
      await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
    },

    findApiToken(hash: string, now: Date) {
      return db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['t.id', 'u.id as user_id', 'u.username', 'u.display_name', 'u.role', 'u.team_id', 'u.active'])
        .where('t.token_hash', '=', hash)
        .where('t.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .executeTakeFirst();
    },

    async markApiTokenUsed(id: number, now: Date) {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },

    listApiTokens(userId: number) {
      return db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .execute();
    },

    // ---- login throttling: failures per key (username and ip) within a window ----
    getFailure(key: string) {
      return db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
    },
    /** The key's row, created empty if missing, locked until the transaction ends. */
    async lockFailure(trx: Transaction<DB>, key: string, now: Date) {
      await trx.insertInto('login_failures').values({ key, failures: 0, first_at: now, locked_until: null }).onConflict((oc) => oc.column('key').doNothing()).execute();
      return trx.selectFrom('login_failures').selectAll().where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
    },
    async putFailure(key: string, failures: number, firstAt: Date, lockedUntil: Date | null, q: Kysely<DB> | Transaction<DB> = db) {
      await q
        .insertInto('login_failures')
        .values({ key, failures, first_at: firstAt, locked_until: lockedUntil })
        .onConflict((oc) => oc.column('key').doUpdateSet({ failures, first_at: firstAt, locked_until: lockedUntil }))
        .execute();
    },
    async clearFailure(key: string) {
      await db.deleteFrom('login_failures').where('key', '=', key).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof authRepository>;

// SQL for users and teams. The only place that queries these tables (login lives in
// auth/repository.ts). Password hashes are written here but never selected.
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, Role, TeamsTable, UsersTable } from '../db/schema.js';
import { likeContains } from '../shared/cursor.js';

type Q = Kysely<DB> | Transaction<DB>;

const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'team_id', 'active', 'email', 'version', 'created_at', 'updated_at'] as const;

export interface UserListFilter {
  role?: Role | undefined;
  teamId?: number | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
  /** Whether `q` also searches e-mail addresses (only for those allowed to see them). */
  searchEmail?: boolean | undefined;
  /** Keyset: lower(username) of the last row of the previous page. */
  afterUsername?: string | undefined;
  limit: number;
}

export function usersRepository(db: Kysely<DB>) {
  return {
    findById(id: number, q: Q = db) {
      return q.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
    },

    findByUsername(username: string, q: Q = db) {
      return q
        .selectFrom('users')
        .select(USER_COLUMNS)
        .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst();
    },

    /** Ordered by lower(username), which the unique index serves. Fetches limit + 1 rows. */
    list(f: UserListFilter) {
      let qb = db.selectFrom('users').select(USER_COLUMNS);
      if (f.role) qb = qb.where('role', '=', f.role);
      if (f.teamId !== undefined) qb = qb.where('team_id', '=', f.teamId);
      if (f.active !== undefined) qb = qb.where('active', '=', f.active);
      if (f.q) {
        const pattern = likeContains(f.q);
        qb = qb.where((eb) =>
          eb.or([
            eb('username', 'ilike', pattern),
            eb('display_name', 'ilike', pattern),
            ...(f.searchEmail ? [eb('email', 'ilike', pattern)] : []),
          ]),
        );
      }
      if (f.afterUsername !== undefined) qb = qb.where(sql<boolean>`lower(username) > ${f.afterUsername}`);
      return qb.orderBy(sql`lower(username)`).limit(f.limit + 1).execute();
    },

    async count(q: Q = db) {
      const r = await q.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    insert(trx: Q, row: Insertable<UsersTable>) {
      return trx.insertInto('users').values(row).returning(USER_COLUMNS).executeTakeFirstOrThrow();
    },

    lockRow(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** Writes the patch only if the version still matches; undefined when it does not. */
    updateVersioned(trx: Q, id: number, version: number, patch: Omit<Updateable<UsersTable>, 'password_hash'>) {
      return trx
        .updateTable('users')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning(USER_COLUMNS)
        .executeTakeFirst();
    },

    async setPasswordHash(trx: Q, id: number, passwordHash: string) {
      await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
    },

    async deleteSessions(trx: Q, userId: number) {
      const r = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async revokeApiTokens(trx: Q, userId: number) {
      const r = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: sql<Date>`now()` })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    // ---- teams ----

    /** All teams (there are few), or one when `id` is given. */
    listTeams(id?: number) {
      let qb = db
        .selectFrom('teams as t')
        .leftJoin('users as m', 'm.id', 't.manager_id')
        .select([
          't.id',
          't.name',
          't.manager_id',
          'm.display_name as manager_name',
          't.version',
          't.created_at',
          't.updated_at',
          (eb) => eb.selectFrom('users as u').select((e) => e.fn.countAll<number>().as('n')).whereRef('u.team_id', '=', 't.id').as('member_count'),
        ]);
      if (id !== undefined) qb = qb.where('t.id', '=', id);
      return qb.orderBy('t.name').orderBy('t.id').execute();
    },

    findTeamById(id: number, q: Q = db) {
      return q.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findTeamByName(name: string, q: Q = db) {
      return q
        .selectFrom('teams')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst();
    },

    lockTeam(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    insertTeam(trx: Q, row: Insertable<TeamsTable>) {
      return trx.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
    },

    updateTeamVersioned(trx: Q, id: number, version: number, patch: Updateable<TeamsTable>) {
      return trx
        .updateTable('teams')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
export type UserPublicRow = NonNullable<Awaited<ReturnType<UsersRepository['findById']>>>;
export type TeamListRow = Awaited<ReturnType<UsersRepository['listTeams']>>[number];

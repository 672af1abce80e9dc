// Logging in and out, recognising the caller (session cookie or API token), API tokens.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { recordAudit } from '../audit/audit-log.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { authRepository } from './repository.js';
import type { Actor } from './rules/permissions.js';
import { MAX_FAILURES, MAX_FAILURES_PER_ADDRESS, afterFailure, isLocked } from './rules/throttle.js';
import { dummyPasswordHash, newApiToken, randomToken, sha256, verifyPassword } from './secrets.js';

export interface Caller {
  actor: Actor;
  /** Set for cookie sessions: writes must echo it in x-csrf-token. */
  csrfToken: string | null;
  sessionId: string | null;
  via: 'session' | 'token';
}

function toActor(r: { user_id: number; username: string; display_name: string; role: Role; team_id: number | null }): Actor {
  return { id: r.user_id, username: r.username, displayName: r.display_name, role: r.role, teamId: r.team_id };
}

export function authService(db: Kysely<DB>, clock: Clock, opts: { sessionTtlMs: number }) {
  const repo = authRepository(db);

  async function checkThrottle(keys: string[]) {
    const now = clock.now();
    for (const key of keys) {
      const left = isLocked(await repo.getFailure(key).then((f) => f && { failures: f.failures, firstAt: f.first_at, lockedUntil: f.locked_until }), now);
      if (left > 0) {
        throw new AppError('RATE_LIMITED', 'Too many failed logins; try again later', { retryAfterSeconds: Math.ceil(left / 1000) });
      }
    }
  }

  // Read-modify-write under a row lock, so parallel failures on PostgreSQL all count.
  async function noteFailure(keys: string[]) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      for (const key of keys) {
        const f = await repo.lockFailure(trx, key, now);
        const max = key.startsWith('ip:') ? MAX_FAILURES_PER_ADDRESS : MAX_FAILURES;
        const next = afterFailure(f.failures === 0 ? undefined : { failures: f.failures, firstAt: f.first_at, lockedUntil: f.locked_until }, now, max);
        await repo.putFailure(key, next.failures, next.firstAt, next.lockedUntil, trx);
      }
    });
  }

  return {
    async login(input: { username: string; password: string; ip: string | null; userAgent: string | null; previousSessionToken?: string }) {
      const keys = [`user:${input.username.toLowerCase()}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
      await checkThrottle(keys);
      const user = await repo.findUserByUsername(input.username);
      const ok = user
        ? await verifyPassword(user.password_hash, input.password)
        : (await verifyPassword(await dummyPasswordHash(), input.password), false);
      if (!user || !ok || !user.active) {
        await noteFailure(keys);
        throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
      }
      await repo.clearFailure(keys[0]!);
      // Rotation: a login always starts a new session and ends the one the browser had.
      if (input.previousSessionToken) await repo.deleteSession(sha256(input.previousSessionToken));
      const token = randomToken();
      const csrfToken = randomToken(24);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + opts.sessionTtlMs);
      await repo.createSession({ id: sha256(token), userId: user.id, csrfToken, now, expiresAt, ip: input.ip, userAgent: input.userAgent });
      const actor = toActor({ user_id: user.id, username: user.username, display_name: user.display_name, role: user.role, team_id: user.team_id });
      await recordAudit(db, { actor }, { action: 'login', entity: 'user', entityId: user.id });
      return { token, csrfToken, expiresAt, actor };
    },

    async logout(sessionToken: string) {
      await repo.deleteSession(sha256(sessionToken));
    },

    async fromSession(token: string): Promise<Caller | null> {
      const now = clock.now();
      const s = await repo.findSession(sha256(token), now);
      if (!s || !s.active) return null;
      // Sliding expiry, written at most once a minute.
      if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
        await repo.touchSession(s.id, now, new Date(now.getTime() + opts.sessionTtlMs));
      }
      return { actor: toActor(s), csrfToken: s.csrf_token, sessionId: s.id, via: 'session' };
    },

    async fromApiToken(token: string): Promise<Caller | null> {
      const now = clock.now();
      const t = await repo.findApiToken(sha256(token), now);
      if (!t || !t.active) return null;
      await repo.markApiTokenUsed(t.id, now);
      return { actor: toActor(t), csrfToken: null, sessionId: null, via: 'token' };
    },

    listTokens(actor: Actor) {
      return repo.listApiTokens(actor.id);
    },

    async createToken(actor: Actor, input: { name: string; expiresInDays?: number | undefined }) {
      const t = newApiToken();
      const expiresAt = input.expiresInDays ? new Date(clock.now().getTime() + input.expiresInDays * 86_400_000) : null;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('api_tokens')
          .values({ user_id: actor.id, name: input.name, token_hash: t.hash, prefix: t.prefix, expires_at: expiresAt })
          .returning(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, { actor }, { action: 'create', entity: 'api_token', entityId: row.id, after: { name: row.name, prefix: row.prefix } });
        return { token: t.token, row };
      });
    },

    async revokeToken(actor: Actor, id: number) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('api_tokens')
          .set({ revoked_at: clock.now() })
          .where('id', '=', id)
          .where('user_id', '=', actor.id)
          .where('revoked_at', 'is', null)
          .returning(['id', 'name'])
          .executeTakeFirst();
        if (!row) throw AppError.notFound('API token');
        await recordAudit(trx, { actor }, { action: 'revoke', entity: 'api_token', entityId: id, before: { name: row.name } });
      });
    },

    async purgeExpiredSessions() {
      await repo.deleteExpiredSessions(clock.now());
    },
  };
}

export type AuthService = ReturnType<typeof authService>;

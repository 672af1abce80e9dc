// Use cases of user and team administration: permission checks, transactions and audit.
// Password hashes never reach the audit log or the API.
import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { changedFields, recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canAdministerUsers, type Actor } from '../auth/rules/permissions.js';
import { hashPassword } from '../auth/secrets.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { presentTeam, presentUser } from './presenter.js';
import { usersRepository, type UserListFilter } from './repository.js';
import { emailIssue, nameIssue, passwordIssue, roleIssue, selfChangeIssues, usernameIssue } from './rules/user-rules.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  teamId?: number | null | undefined;
  password: string;
  email?: string | null | undefined;
}

export interface UserPatchInput {
  version: number;
  displayName?: string | undefined;
  role?: Role | undefined;
  teamId?: number | null | undefined;
  active?: boolean | undefined;
  email?: string | null | undefined;
}

export interface TeamPatchInput {
  version: number;
  name?: string | undefined;
  managerId?: number | null | undefined;
}

function requireAdmin(actor: Actor) {
  if (!canAdministerUsers(actor)) throw AppError.forbidden('Only an administrator manages users and teams');
}

const keep = <T>(issues: (T | null)[]): T[] => issues.filter((i): i is T => i !== null);

export function usersService(db: Kysely<DB>) {
  const repo = usersRepository(db);

  async function checkTeam(q: Transaction<DB>, teamId: number | null | undefined, issues: FieldIssue[]) {
    if (teamId == null) return;
    if (!(await repo.findTeamById(teamId, q))) issues.push({ field: 'teamId', reason: `team ${teamId} does not exist` });
  }

  async function checkManager(q: Transaction<DB>, managerId: number | null | undefined, issues: FieldIssue[]) {
    if (managerId == null) return;
    const u = await repo.findById(managerId, q);
    if (!u || !u.active) issues.push({ field: 'managerId', reason: `user ${managerId} does not exist or is inactive` });
  }

  async function teamById(id: number) {
    const [t] = await repo.listTeams(id);
    if (!t) throw AppError.notFound('Team');
    return presentTeam(t);
  }

  return {
    /** Everyone logged in may list users (pickers); only admins see e-mail addresses. */
    async list(actor: Actor, query: Omit<UserListFilter, 'afterUsername' | 'searchEmail'> & { cursor?: string | undefined }) {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await repo.list({ ...query, searchEmail: canAdministerUsers(actor), afterUsername: after ? (after.v ?? '') : undefined });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => presentUser(r, actor)),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ v: last.username.toLowerCase(), id: last.id }) : null,
      };
    },

    async get(actor: Actor, id: number) {
      const row = await repo.findById(id);
      if (!row) throw AppError.notFound('User');
      return presentUser(row, actor);
    },

    async getByUsername(actor: Actor, username: string) {
      const row = await repo.findByUsername(username);
      if (!row) throw AppError.notFound(`User ${username}`);
      return presentUser(row, actor);
    },

    async create(ctx: WriteContext, input: NewUserInput) {
      requireAdmin(ctx.actor);
      const displayName = input.displayName.trim();
      const email = input.email?.trim() || null;
      const issues = keep([
        usernameIssue(input.username),
        nameIssue('displayName', displayName, 100),
        roleIssue(input.role),
        passwordIssue(input.password),
        emailIssue(email),
      ]);
      const passwordHash = issues.length ? '' : await hashPassword(input.password);
      const row = await db.transaction().execute(async (trx) => {
        const clash = await repo.findByUsername(input.username, trx);
        if (clash) throw new AppError('DUPLICATE', `A user named "${clash.username}" already exists`, { field: 'username' });
        await checkTeam(trx, input.teamId, issues);
        if (issues.length) throw AppError.validation(issues);
        const created = await repo.insert(trx, {
          username: input.username,
          display_name: displayName,
          role: input.role,
          team_id: input.teamId ?? null,
          email,
          password_hash: passwordHash,
        });
        await recordAudit(trx, ctx, { action: 'create', entity: 'user', entityId: created.id, after: created });
        return created;
      });
      return presentUser(row, ctx.actor);
    },

    async update(ctx: WriteContext, id: number, input: UserPatchInput) {
      requireAdmin(ctx.actor);
      const displayName = input.displayName?.trim();
      const email = input.email === undefined ? undefined : input.email?.trim() || null;
      const issues = keep([nameIssue('displayName', displayName, 100), roleIssue(input.role), emailIssue(email)]);
      issues.push(...selfChangeIssues(ctx.actor.id, id, input));
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('User');
        if (before.version !== input.version) throw AppError.stale('user', before.version);
        if (input.teamId !== before.team_id) await checkTeam(trx, input.teamId, issues);
        if (issues.length) throw AppError.validation(issues);
        const after = await repo.updateVersioned(trx, id, input.version, {
          ...(displayName !== undefined ? { display_name: displayName } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(email !== undefined ? { email } : {}),
        });
        if (!after) throw AppError.stale('user', before.version);
        const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
        const effects: Record<string, number> = {};
        if (before.active && !after.active) {
          // A deactivated user must lose access at once, not when the session expires.
          effects.sessionsEnded = await repo.deleteSessions(trx, id);
          effects.apiTokensRevoked = await repo.revokeApiTokens(trx, id);
        }
        await recordAudit(trx, ctx, { action: 'update', entity: 'user', entityId: id, before: diff.before, after: { ...diff.after, ...effects } });
        return after;
      });
      return presentUser(row, ctx.actor);
    },

    /** Sets a new password and ends the user's sessions (API tokens stay: they are not passwords). */
    async setPassword(ctx: WriteContext, id: number, password: string) {
      requireAdmin(ctx.actor);
      const issue = passwordIssue(password);
      if (issue) throw AppError.validation([issue]);
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const user = await repo.lockRow(trx, id);
        if (!user) throw AppError.notFound('User');
        await repo.setPasswordHash(trx, id, passwordHash);
        const sessionsEnded = await repo.deleteSessions(trx, id);
        await recordAudit(trx, ctx, { action: 'password_reset', entity: 'user', entityId: id, after: { username: user.username, sessionsEnded } });
      });
    },

    /** Everyone logged in may list teams; the actor is asked for so callers cannot skip login. */
    async listTeams(_actor: Actor) {
      return { items: (await repo.listTeams()).map(presentTeam) };
    },

    async createTeam(ctx: WriteContext, input: { name: string; managerId?: number | null | undefined }) {
      requireAdmin(ctx.actor);
      const name = input.name.trim();
      const issues = keep([nameIssue('name', name, 100)]);
      const id = await db.transaction().execute(async (trx) => {
        const clash = issues.length ? undefined : await repo.findTeamByName(name, trx);
        if (clash) throw new AppError('DUPLICATE', `A team named "${clash.name}" already exists`, { field: 'name' });
        await checkManager(trx, input.managerId, issues);
        if (issues.length) throw AppError.validation(issues);
        const row = await repo.insertTeam(trx, { name, manager_id: input.managerId ?? null });
        await recordAudit(trx, ctx, { action: 'create', entity: 'team', entityId: row.id, after: row });
        return row.id;
      });
      return teamById(id);
    },

    async updateTeam(ctx: WriteContext, id: number, input: TeamPatchInput) {
      requireAdmin(ctx.actor);
      const name = input.name?.trim();
      const issues = keep([nameIssue('name', name, 100)]);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockTeam(trx, id);
        if (!before) throw AppError.notFound('Team');
        if (before.version !== input.version) throw AppError.stale('team', before.version);
        if (name !== undefined && !issues.length) {
          const clash = await repo.findTeamByName(name, trx);
          if (clash && clash.id !== id) throw new AppError('DUPLICATE', `A team named "${clash.name}" already exists`, { field: 'name' });
        }
        if (input.managerId !== before.manager_id) await checkManager(trx, input.managerId, issues);
        if (issues.length) throw AppError.validation(issues);
        const after = await repo.updateTeamVersioned(trx, id, input.version, {
          ...(name !== undefined ? { name } : {}),
          ...(input.managerId !== undefined ? { manager_id: input.managerId } : {}),
        });
        if (!after) throw AppError.stale('team', before.version);
        const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
        await recordAudit(trx, ctx, { action: 'update', entity: 'team', entityId: id, before: diff.before, after: diff.after });
      });
      return teamById(id);
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;

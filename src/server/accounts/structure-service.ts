// The account's surroundings: group hierarchy, account team, timeline, and merging duplicates.
import { sql, type Kysely } from 'kysely';
import type { DB, TeamMemberRole } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { putInBin, snapshotRows } from '../audit/recycle-bin.js';
import { canAssignAccount, canManageAccountTeam, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { AppError } from '../shared/errors.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { addTimelineEvent, timelineRepository } from '../timeline/timeline.js';
import { usersRepository } from '../users/repository.js';
import { accountsRepository } from './repository.js';

export function accountStructureService(db: Kysely<DB>) {
  const accounts = accountsRepository(db);
  const users = usersRepository(db);
  const timeline = timelineRepository(db);

  async function visible(actor: Actor, id: number) {
    const row = await accounts.findVisible(actor, id);
    if (!row) throw AppError.notFound('Account');
    return { row, rel: relationOf(row) };
  }

  return {
    async hierarchy(actor: Actor, id: number) {
      await visible(actor, id);
      const [ancestors, children] = await Promise.all([accounts.ancestors(id), accounts.children(actor, id)]);
      return {
        ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
        children: children.map((c) => ({ id: c.id, name: c.name, lifecycleStatus: c.lifecycle_status })),
      };
    },

    async timeline(actor: Actor, id: number, limit: number, cursor?: string) {
      await visible(actor, id);
      const before = cursor ? decodeCursor(cursor).id : undefined;
      const rows = await timeline.list(id, limit, before);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((e) => ({
          id: Number(e.id),
          occurredAt: new Date(e.occurred_at).toISOString(),
          kind: e.kind,
          summary: e.summary,
          actor: e.actor_id === null ? null : { id: e.actor_id, displayName: e.actor_name ?? '' },
          entity: e.entity,
          entityId: e.entity_id,
          data: (e.data ?? null) as Record<string, unknown> | null,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor({ v: null, id: Number(last.id) }) : null,
      };
    },

    async team(actor: Actor, id: number) {
      const { row } = await visible(actor, id);
      const members = await db
        .selectFrom('account_team_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.display_name', 'u.role as user_role', 'm.role'])
        .where('m.account_id', '=', id)
        .orderBy('m.created_at')
        .execute();
      const ref = (uid: number | null, name: string | null) => (uid === null ? null : { id: uid, displayName: name ?? '' });
      return {
        owner: ref(row.owner_id, row.owner_name),
        sponsor: ref(row.sponsor_id, row.sponsor_name),
        members: members.map((m) => ({ user: { id: m.id, displayName: m.display_name, role: m.user_role }, role: m.role })),
      };
    },

    async setMember(ctx: WriteContext, accountId: number, userId: number, role: TeamMemberRole) {
      const { rel, row } = await visible(ctx.actor, accountId);
      if (!canManageAccountTeam(ctx.actor, rel)) throw AppError.forbidden('Only the owner or a director manages the account team');
      const user = await users.findById(userId);
      if (!user || !user.active) throw AppError.validation([{ field: 'userId', reason: `user ${userId} does not exist or is inactive` }]);
      if (user.role === 'analyst') throw AppError.validation([{ field: 'userId', reason: 'analysts cannot be on an account team' }]);
      if (userId === row.owner_id) throw AppError.validation([{ field: 'userId', reason: 'is already the owner of this account' }]);
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('account_team_members').selectAll().where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
        await trx
          .insertInto('account_team_members')
          .values({ account_id: accountId, user_id: userId, role })
          .onConflict((oc) => oc.columns(['account_id', 'user_id']).doUpdateSet({ role }))
          .execute();
        await recordAudit(trx, ctx, { action: before ? 'update' : 'create', entity: 'account_team_member', entityId: `${accountId}:${userId}`, before: before ?? undefined, after: { account_id: accountId, user_id: userId, role } });
        if (!before) {
          await addTimelineEvent(trx, ctx, { accountId, kind: 'team.member_added', summary: user.display_name, data: { userId, displayName: user.display_name, role } });
        }
      });
      return this.team(ctx.actor, accountId);
    },

    async removeMember(ctx: WriteContext, accountId: number, userId: number) {
      const { rel } = await visible(ctx.actor, accountId);
      if (!canManageAccountTeam(ctx.actor, rel)) throw AppError.forbidden('Only the owner or a director manages the account team');
      await db.transaction().execute(async (trx) => {
        const before = await trx.deleteFrom('account_team_members').where('account_id', '=', accountId).where('user_id', '=', userId).returningAll().executeTakeFirst();
        if (!before) throw AppError.notFound('Team member');
        const user = await users.findById(userId, trx);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'account_team_member', entityId: `${accountId}:${userId}`, before });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'team.member_removed', summary: user?.display_name ?? String(userId), data: { userId, displayName: user?.display_name ?? null } });
      });
    },

    /** Merges `sourceId` into `targetId`: contacts, needs, team, subsidiaries, orders, payments and timeline move; the source goes to the bin. */
    async merge(ctx: WriteContext, targetId: number, sourceId: number) {
      if (!canAssignAccount(ctx.actor)) throw AppError.forbidden('Only a director merges accounts');
      if (targetId === sourceId) throw AppError.validation([{ field: 'sourceId', reason: 'cannot merge an account into itself' }]);
      await visible(ctx.actor, targetId);
      await visible(ctx.actor, sourceId);
      await db.transaction().execute(async (trx) => {
        const target = await accounts.lockRow(trx, targetId);
        const source = await accounts.lockRow(trx, sourceId);
        if (!target || !source) throw AppError.notFound('Account');
        if (await accounts.isSelfOrDescendant(sourceId, targetId, trx)) {
          throw AppError.validation([{ field: 'sourceId', reason: 'the target is a subsidiary of the source; move it out first' }]);
        }
        const moved = {
          contacts: (await trx.updateTable('contacts').set({ account_id: targetId }).where('account_id', '=', sourceId).executeTakeFirst()).numUpdatedRows,
          needs: (await trx.updateTable('account_needs').set({ account_id: targetId }).where('account_id', '=', sourceId).executeTakeFirst()).numUpdatedRows,
          subsidiaries: (await trx.updateTable('accounts').set({ parent_id: targetId }).where('parent_id', '=', sourceId).executeTakeFirst()).numUpdatedRows,
          orders: (await trx.updateTable('orders').set({ account_id: targetId }).where('account_id', '=', sourceId).executeTakeFirst()).numUpdatedRows,
          payments: (await trx.updateTable('payments').set({ account_id: targetId }).where('account_id', '=', sourceId).executeTakeFirst()).numUpdatedRows,
        };
        await sql`
          insert into account_team_members (account_id, user_id, role, created_at)
          select ${targetId}, user_id, role, created_at from account_team_members
          where account_id = ${sourceId} and user_id is distinct from ${target.owner_id}
          on conflict do nothing`.execute(trx);
        await trx.updateTable('timeline_events').set({ account_id: targetId }).where('account_id', '=', sourceId).execute();
        const parts = [{ table: 'accounts' as const, rows: await snapshotRows(trx, 'accounts', 'id', sourceId) }];
        await putInBin(trx, { entity: 'account', entityId: sourceId, label: `${source.name} → ${target.name}`, accountId: sourceId, parts, deletedBy: ctx.actor.id });
        await trx.deleteFrom('accounts').where('id', '=', sourceId).execute();
        await trx.updateTable('accounts').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', targetId).execute();
        const summary = { source: { id: sourceId, name: source.name }, moved: Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, Number(v)])) };
        await recordAudit(trx, ctx, { action: 'merge', entity: 'account', entityId: targetId, before: source, after: summary });
        await addTimelineEvent(trx, ctx, { accountId: targetId, kind: 'account.merged', summary: source.name, data: summary });
      });
    },
  };
}

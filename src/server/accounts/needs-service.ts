// Needs analysis (个性化需求分析): explicit and implicit needs, worked until met or dropped.
import { sql, type Kysely } from 'kysely';
import type { DB, NeedRow } from '../db/schema.js';
import { changedFields, recordAudit, type WriteContext } from '../audit/audit-log.js';
import { putInBin, snapshotRows } from '../audit/recycle-bin.js';
import { canEditAccount, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { AppError } from '../shared/errors.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { accountsRepository } from './repository.js';

export interface NeedInput {
  title?: string | undefined;
  description?: string | null | undefined;
  kind?: 'explicit' | 'implicit' | undefined;
  status?: 'open' | 'met' | 'dropped' | undefined;
}

export function presentNeed(n: NeedRow) {
  return {
    id: n.id,
    accountId: n.account_id,
    title: n.title,
    description: n.description,
    kind: n.kind,
    status: n.status,
    version: n.version,
    createdAt: new Date(n.created_at).toISOString(),
    updatedAt: new Date(n.updated_at).toISOString(),
  };
}

export function needsService(db: Kysely<DB>) {
  const accounts = accountsRepository(db);

  async function account(actor: Actor, accountId: number, write: boolean) {
    const row = await accounts.findVisible(actor, accountId);
    if (!row) throw AppError.notFound('Account');
    if (write && !canEditAccount(actor, relationOf(row))) throw AppError.forbidden('You cannot change this account');
    return row;
  }

  async function needOf(actor: Actor, id: number, write: boolean) {
    const need = await db.selectFrom('account_needs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!need) throw AppError.notFound('Need');
    await account(actor, need.account_id, write).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'NOT_FOUND' ? AppError.notFound('Need') : e;
    });
    return need;
  }

  /** After a versioned write matched no row: someone else changed it (report their version) or deleted it. */
  async function staleOrGone(q: Kysely<DB>, id: number) {
    const now = await q.selectFrom('account_needs').select('version').where('id', '=', id).executeTakeFirst();
    return now ? AppError.stale('need', now.version) : AppError.notFound('Need');
  }

  return {
    async list(actor: Actor, accountId: number) {
      await account(actor, accountId, false);
      const rows = await db.selectFrom('account_needs').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
      return rows.map(presentNeed);
    },

    async create(ctx: WriteContext, accountId: number, input: Required<Pick<NeedInput, 'title' | 'kind'>> & NeedInput) {
      await account(ctx.actor, accountId, true);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('account_needs')
          .values({ account_id: accountId, title: input.title, description: input.description ?? null, kind: input.kind, status: input.status ?? 'open' })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, ctx, { action: 'create', entity: 'need', entityId: row.id, after: row });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'need.created', summary: row.title, entity: 'need', entityId: row.id, data: { kind: row.kind } });
        return presentNeed(row);
      });
    },

    async update(ctx: WriteContext, id: number, version: number, input: NeedInput) {
      const need = await needOf(ctx.actor, id, true);
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('account_needs')
          .set({ ...input, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
          .where('id', '=', id)
          .where('version', '=', version)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw await staleOrGone(trx, id);
        const diff = changedFields(need as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
        await recordAudit(trx, ctx, { action: 'update', entity: 'need', entityId: id, ...diff });
        await addTimelineEvent(trx, ctx, {
          accountId: after.account_id,
          kind: 'need.updated',
          summary: after.title,
          entity: 'need',
          entityId: id,
          data: { fields: Object.keys(diff.after), kind: after.kind, status: after.status },
        });
        return presentNeed(after);
      });
    },

    async remove(ctx: WriteContext, id: number, version: number) {
      const need = await needOf(ctx.actor, id, true);
      if (need.version !== version) throw AppError.stale('need', need.version);
      await db.transaction().execute(async (trx) => {
        const parts = [{ table: 'account_needs' as const, rows: await snapshotRows(trx, 'account_needs', 'id', id) }];
        const gone = await trx.deleteFrom('account_needs').where('id', '=', id).where('version', '=', version).executeTakeFirst();
        if (gone.numDeletedRows === 0n) throw await staleOrGone(trx, id);
        await putInBin(trx, { entity: 'need', entityId: id, label: need.title, accountId: need.account_id, parts, deletedBy: ctx.actor.id });
        await recordAudit(trx, ctx, { action: 'delete', entity: 'need', entityId: id, before: need });
        await addTimelineEvent(trx, ctx, { accountId: need.account_id, kind: 'need.deleted', summary: need.title, entity: 'need', entityId: id });
      });
    },
  };
}

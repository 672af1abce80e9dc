// Contacts of an account: who they are, their level (高层 / 中层 / 基层) and protected PII.
import type { Kysely } from 'kysely';
import type { ContactLevel, DB } from '../db/schema.js';
import { changedFields, recordAudit, type WriteContext } from '../audit/audit-log.js';
import { putInBin, snapshotRows } from '../audit/recycle-bin.js';
import { canEditAccount, canSeeContactPii, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { accountsRepository } from '../accounts/repository.js';
import { AppError } from '../shared/errors.js';
import { decodeCursor, encodeCursor, queryAfterCursor } from '../shared/cursor.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { contactsRepository } from './repository.js';
import { presentContact } from './presenter.js';

export interface ContactInput {
  name?: string | undefined;
  department?: string | null | undefined;
  title?: string | null | undefined;
  level?: ContactLevel | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  birthday?: string | null | undefined;
  preferences?: string | null | undefined;
}
const PII_FIELDS = ['phone', 'email', 'birthday'] as const;

export function contactsService(db: Kysely<DB>) {
  const repo = contactsRepository(db);
  const accounts = accountsRepository(db);

  async function loadForWrite(actor: Actor, id: number) {
    const row = await repo.findVisible(actor, id);
    if (!row) throw AppError.notFound('Contact');
    const rel = relationOf(row);
    if (!canEditAccount(actor, rel)) throw AppError.forbidden('You cannot change contacts of this account');
    return { row, rel };
  }

  /** Someone who may not see PII may not write it either (they could not see what they overwrite). */
  function guardPii(actor: Actor, rel: ReturnType<typeof relationOf>, input: ContactInput) {
    if (canSeeContactPii(actor, rel)) return;
    if (PII_FIELDS.some((f) => input[f] !== undefined)) throw AppError.forbidden('You may not see or change contact phone, email or birthday');
  }

  async function get(actor: Actor, id: number) {
    const row = await repo.findVisible(actor, id);
    if (!row) throw AppError.notFound('Contact');
    return presentContact(row, actor, relationOf(row));
  }

  return {
    get,

    async list(actor: Actor, f: { accountId?: number | undefined; q?: string | undefined; cursor?: string | undefined; limit: number }) {
      const afterId = f.cursor ? decodeCursor(f.cursor).id : undefined;
      const rows = await queryAfterCursor(f.cursor, () => repo.list(actor, { accountId: f.accountId, q: f.q, afterId, limit: f.limit }));
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => presentContact(r, actor, relationOf(r))),
        nextCursor: rows.length > f.limit && last ? encodeCursor({ v: null, id: last.id }) : null,
      };
    },

    async create(ctx: WriteContext, accountId: number, input: ContactInput & { name: string }) {
      const acc = await accounts.findVisible(ctx.actor, accountId);
      if (!acc) throw AppError.validation([{ field: 'accountId', reason: `account ${accountId} does not exist or is not visible to you` }]);
      const rel = relationOf(acc);
      if (!canEditAccount(ctx.actor, rel)) throw AppError.forbidden('You cannot add contacts to this account');
      guardPii(ctx.actor, rel, input);
      const id = await db.transaction().execute(async (trx) => {
        const row = await repo.insert(trx, {
          account_id: accountId,
          name: input.name,
          department: input.department ?? null,
          title: input.title ?? null,
          level: input.level ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          birthday: input.birthday ?? null,
          preferences: input.preferences ?? null,
        });
        await recordAudit(trx, ctx, { action: 'create', entity: 'contact', entityId: row.id, after: row });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'contact.created', summary: row.name, entity: 'contact', entityId: row.id, data: { level: row.level, title: row.title } });
        return row.id;
      });
      return get(ctx.actor, id);
    },

    async update(ctx: WriteContext, id: number, version: number, input: ContactInput) {
      const { rel } = await loadForWrite(ctx.actor, id);
      guardPii(ctx.actor, rel, input);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Contact');
        if (before.version !== version) throw AppError.stale('contact', before.version);
        const after = await repo.updateVersioned(trx, id, version, input);
        if (!after) throw AppError.stale('contact', before.version);
        const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
        await recordAudit(trx, ctx, { action: 'update', entity: 'contact', entityId: id, ...diff });
        await addTimelineEvent(trx, ctx, { accountId: after.account_id, kind: 'contact.updated', summary: after.name, entity: 'contact', entityId: id, data: { fields: Object.keys(diff.after) } });
      });
      return get(ctx.actor, id);
    },

    async remove(ctx: WriteContext, id: number, version: number) {
      await loadForWrite(ctx.actor, id);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Contact');
        if (before.version !== version) throw AppError.stale('contact', before.version);
        const parts = [{ table: 'contacts' as const, rows: await snapshotRows(trx, 'contacts', 'id', id) }];
        await putInBin(trx, { entity: 'contact', entityId: id, label: before.name, accountId: before.account_id, parts, deletedBy: ctx.actor.id });
        await repo.deleteRow(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'contact', entityId: id, before });
        await addTimelineEvent(trx, ctx, { accountId: before.account_id, kind: 'contact.deleted', summary: before.name, entity: 'contact', entityId: id });
      });
    },
  };
}

// The per-user reminders inbox (SPEC C10): list, unread count, mark read / done. Every user sees
// only their own reminders. Alerts are put here by the capabilities that raise them
// (relationships/service.ts: the decision-chain measures).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { remindersRepository, type ReminderStatusFilter } from './repository.js';
import { presentReminder } from './presenter.js';

export function remindersService(db: Kysely<DB>, clock: Clock) {
  const repo = remindersRepository(db);

  async function get(actor: Actor, id: number) {
    const row = await repo.find(actor.id, id);
    if (!row) throw AppError.notFound('Reminder');
    return presentReminder(row);
  }

  return {
    get,

    async list(actor: Actor, f: { status: ReminderStatusFilter; kind?: string | undefined; cursor?: string | undefined; limit: number }) {
      const beforeId = f.cursor ? decodeCursor(f.cursor).id : undefined;
      const rows = await repo.list(actor.id, { status: f.status, kind: f.kind, beforeId, limit: f.limit });
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return { items: page.map(presentReminder), nextCursor: rows.length > f.limit && last ? encodeCursor({ v: null, id: last.id }) : null };
    },

    counts(actor: Actor) {
      return repo.counts(actor.id);
    },

    /** Mark one of the caller's reminders read / unread, done / open again. */
    async mark(ctx: WriteContext, id: number, version: number, input: { read?: boolean | undefined; done?: boolean | undefined }) {
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockOwn(trx, ctx.actor.id, id);
        if (!before) throw AppError.notFound('Reminder');
        if (before.version !== version) throw AppError.stale('reminder', before.version);
        const now = clock.now();
        const patch: { read_at?: Date | null; done_at?: Date | null; resolved?: boolean } = {};
        if (input.read !== undefined) patch.read_at = input.read ? (before.read_at ?? now) : null;
        if (input.done !== undefined) {
          patch.done_at = input.done ? (before.done_at ?? now) : null;
          patch.resolved = false;
          if (input.done && input.read === undefined) patch.read_at = before.read_at ?? now;
        }
        try {
          const after = await repo.update(trx, id, version, patch);
          if (!after) throw AppError.stale('reminder', before.version);
          await recordAudit(trx, ctx, { action: 'update', entity: 'reminder', entityId: id, before: { read_at: before.read_at, done_at: before.done_at }, after: { read_at: after.read_at, done_at: after.done_at } });
        } catch (e) {
          // Reopening while the same condition has another open reminder.
          if ((e as { code?: string }).code === '23505') throw new AppError('CONFLICT', 'Another open reminder already stands for this condition');
          throw e;
        }
      });
      return get(ctx.actor, id);
    },
  };
}

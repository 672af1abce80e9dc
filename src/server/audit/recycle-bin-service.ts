// Restoring from the recycle bin: the director's or admin's undo for a delete.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { canRestoreFromRecycleBin, type Actor } from '../auth/rules/permissions.js';
import { AppError } from '../shared/errors.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { addTimelineEvent, type TimelineKind } from '../timeline/timeline.js';
import { recordAudit, type WriteContext } from './audit-log.js';
import { recycleBinRepository, reinsertParts, type BinPart } from './recycle-bin.js';

const RESTORED_KIND: Record<string, TimelineKind> = {
  account: 'account.restored',
  contact: 'contact.restored',
  need: 'need.restored',
  order: 'order.restored',
  payment: 'payment.restored',
};

/**
 * Orders and payments carry external keys (order number, payment reference) that may have been
 * reused since the delete, and a payment may point at an order deleted since: say so plainly
 * instead of failing on a constraint.
 */
async function checkOrderKeys(trx: Transaction<DB>, parts: BinPart[]) {
  const orders = (parts.find((p) => p.table === 'orders')?.rows ?? []) as { id: number; order_number: string }[];
  const payments = (parts.find((p) => p.table === 'payments')?.rows ?? []) as { id: number; order_id: number | null; payment_ref: string | null }[];
  if (orders.length) {
    const taken = await trx.selectFrom('orders').select(['id', 'order_number']).where('order_number', 'in', orders.map((o) => o.order_number)).limit(10).execute();
    if (taken.length) {
      throw new AppError('CONFLICT', `Order number ${taken.map((t) => t.order_number).join(', ')} is used by another order now; change it there first`, { orderNumbers: taken.map((t) => t.order_number) });
    }
  }
  const refs = payments.map((p) => p.payment_ref).filter((r): r is string => r !== null);
  if (refs.length) {
    const taken = await trx.selectFrom('payments').select('payment_ref').where('payment_ref', 'in', refs).limit(10).execute();
    if (taken.length) {
      throw new AppError('CONFLICT', `Payment reference ${taken.map((t) => t.payment_ref).join(', ')} is used by another payment now`, { paymentRefs: taken.map((t) => t.payment_ref) });
    }
  }
  const restoredOrders = new Set(orders.map((o) => o.id));
  const orderIds = [...new Set(payments.map((p) => p.order_id).filter((id): id is number => id !== null && !restoredOrders.has(id)))];
  if (orderIds.length) {
    const present = await trx.selectFrom('orders').select('id').where('id', 'in', orderIds).execute();
    if (present.length < orderIds.length) throw new AppError('CONFLICT', 'Its order is in the recycle bin too; restore the order first');
  }
}

export function recycleBinService(db: Kysely<DB>) {
  const repo = recycleBinRepository(db);

  return {
    async list(actor: Actor, f: { limit: number; cursor?: string | undefined; entity?: string | undefined }) {
      if (!canRestoreFromRecycleBin(actor)) throw AppError.forbidden('Only directors and admins see the recycle bin');
      const rows = await repo.list(f.limit, f.cursor ? decodeCursor(f.cursor).id : undefined, f.entity);
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((b) => ({
          id: b.id,
          entity: b.entity,
          entityId: b.entity_id,
          label: b.label,
          accountId: b.account_id,
          deletedAt: new Date(b.deleted_at).toISOString(),
          deletedBy: b.deleted_by === null ? null : { id: b.deleted_by, displayName: b.deleted_by_name ?? '' },
        })),
        nextCursor: rows.length > f.limit && last ? encodeCursor({ v: null, id: last.id }) : null,
      };
    },

    async restore(ctx: WriteContext, id: number) {
      if (!canRestoreFromRecycleBin(ctx.actor)) throw AppError.forbidden('Only directors and admins restore from the recycle bin');
      return db.transaction().execute(async (trx) => {
        const entry = await repo.take(trx, id);
        if (!entry) throw AppError.notFound('Recycle-bin entry');
        const { parts } = entry.data as { parts: BinPart[] };
        const accountRow = parts.find((p) => p.table === 'accounts')?.rows[0] as { id: number; name_key: string; parent_id: number | null } | undefined;
        if (accountRow) {
          const clash = await trx.selectFrom('accounts').select(['id', 'name']).where('name_key', '=', accountRow.name_key).executeTakeFirst();
          if (clash) throw new AppError('CONFLICT', `Another account named "${clash.name}" exists now; rename or merge it first`, { existing: clash });
          if (accountRow.parent_id !== null) {
            const parent = await trx.selectFrom('accounts').select('id').where('id', '=', accountRow.parent_id).executeTakeFirst();
            if (!parent) accountRow.parent_id = null; // the group parent is gone: restore as a stand-alone account
          }
        } else if (entry.account_id !== null) {
          const owner = await trx.selectFrom('accounts').select('id').where('id', '=', entry.account_id).executeTakeFirst();
          if (!owner) throw new AppError('CONFLICT', 'Its account is in the recycle bin too; restore the account first');
        }
        await checkOrderKeys(trx, parts);
        await reinsertParts(trx, parts);
        await repo.remove(trx, id);
        await recordAudit(trx, ctx, { action: 'restore', entity: entry.entity, entityId: entry.entity_id, after: { recycleBinId: id, label: entry.label } });
        if (entry.account_id !== null) {
          await addTimelineEvent(trx, ctx, {
            accountId: entry.account_id,
            kind: RESTORED_KIND[entry.entity] ?? 'contact.restored',
            summary: entry.label,
            entity: entry.entity,
            entityId: entry.entity_id,
          });
        }
        return { entity: entry.entity, entityId: entry.entity_id, accountId: entry.account_id };
      });
    },
  };
}

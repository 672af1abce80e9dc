// Reading the audit trail (directors and admins).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { canReadAudit, type Actor } from '../auth/rules/permissions.js';
import { AppError } from '../shared/errors.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';

export function auditService(db: Kysely<DB>) {
  return {
    async list(actor: Actor, f: { entity?: string | undefined; entityId?: string | undefined; actorId?: number | undefined; action?: string | undefined; limit: number; cursor?: string | undefined }) {
      if (!canReadAudit(actor)) throw AppError.forbidden('Only directors and admins read the audit trail');
      let qb = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.actor_id')
        .select(['a.id', 'a.at', 'a.actor_id', 'a.actor_name', 'u.display_name', 'a.action', 'a.entity', 'a.entity_id', 'a.before', 'a.after', 'a.request_id']);
      if (f.entity) qb = qb.where('a.entity', '=', f.entity);
      if (f.entityId) qb = qb.where('a.entity_id', '=', f.entityId);
      if (f.actorId !== undefined) qb = qb.where('a.actor_id', '=', f.actorId);
      if (f.action) qb = qb.where('a.action', '=', f.action);
      if (f.cursor) qb = qb.where('a.id', '<', decodeCursor(f.cursor).id);
      const rows = await qb.orderBy('a.id', 'desc').limit(f.limit + 1).execute();
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((a) => ({
          id: Number(a.id),
          at: new Date(a.at).toISOString(),
          actor: a.actor_id === null ? null : { id: a.actor_id, displayName: a.display_name ?? a.actor_name ?? '' },
          action: a.action,
          entity: a.entity,
          entityId: a.entity_id,
          before: a.before ?? null,
          after: a.after ?? null,
          requestId: a.request_id,
        })),
        nextCursor: rows.length > f.limit && last ? encodeCursor({ v: null, id: Number(last.id) }) : null,
      };
    },
  };
}

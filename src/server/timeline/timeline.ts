// One chronological feed per account. Capabilities add their events in their own transactions.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { WriteContext } from '../audit/audit-log.js';

export type TimelineKind =
  | 'account.created'
  | 'account.updated'
  | 'account.lifecycle'
  | 'account.merged'
  | 'account.restored'
  | 'contact.created'
  | 'contact.updated'
  | 'contact.deleted'
  | 'contact.restored'
  | 'need.created'
  | 'need.updated'
  | 'need.deleted'
  | 'need.restored'
  | 'team.member_added'
  | 'team.member_removed'
  | 'team.owner_changed'
  | 'team.sponsor_changed'
  | 'order.created'
  | 'order.updated'
  | 'order.deleted'
  | 'order.restored'
  | 'payment.created'
  | 'payment.updated'
  | 'payment.deleted'
  | 'payment.restored'
  /** One event per account an import touched, summarising it (src/server/import). */
  | 'import.applied'
  /** Customer tiering: the computed tier changed at a recompute; an override set or removed. */
  | 'tier.changed'
  | 'tier.override_set'
  | 'tier.override_removed'
  /** The key-account program: designation and removal with the director's reason; plan and whitespace saved. */
  | 'key_account.designated'
  | 'key_account.removed'
  | 'plan.saved'
  | 'whitespace.saved'
  /** Decision chain (src/server/relationships) and pipeline (src/server/pipeline). */
  | 'stakeholder.created'
  | 'stakeholder.updated'
  | 'stakeholder.deleted'
  | 'stakeholder.linked'
  | 'stakeholder.unlinked'
  | 'opportunity.created'
  | 'opportunity.updated'
  | 'opportunity.stage_changed'
  | 'opportunity.deleted';

export interface TimelineEvent {
  accountId: number;
  kind: TimelineKind;
  summary: string;
  entity?: string;
  entityId?: number | string;
  data?: Record<string, unknown>;
}

export async function addTimelineEvent(trx: Transaction<DB> | Kysely<DB>, ctx: WriteContext, e: TimelineEvent): Promise<void> {
  await trx
    .insertInto('timeline_events')
    .values({
      account_id: e.accountId,
      kind: e.kind,
      summary: e.summary,
      actor_id: ctx.actor.id > 0 ? ctx.actor.id : null,
      entity: e.entity ?? null,
      entity_id: e.entityId === undefined ? null : String(e.entityId),
      data: e.data ? JSON.stringify(e.data) : null,
    })
    .execute();
}

export function timelineRepository(db: Kysely<DB>) {
  return {
    list(accountId: number, limit: number, beforeId?: number) {
      let qb = db
        .selectFrom('timeline_events as t')
        .leftJoin('users as u', 'u.id', 't.actor_id')
        .select(['t.id', 't.occurred_at', 't.kind', 't.summary', 't.actor_id', 'u.display_name as actor_name', 't.entity', 't.entity_id', 't.data'])
        .where('t.account_id', '=', accountId);
      if (beforeId !== undefined) qb = qb.where('t.id', '<', beforeId);
      return qb.orderBy('t.id', 'desc').limit(limit + 1).execute();
    },
  };
}

// Opportunities of the project pipeline (SPEC C5): create, change, stage moves under the exit
// criteria (override with a reason, lost with reason and winning competitor), the nine
// information points and the competitors. Every write is audited and lands on the account's timeline.
import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { changedFields, recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canWriteOpportunities, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { accountsRepository } from '../accounts/repository.js';
import type { Clock } from '../shared/clock.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import { decodeCursor, encodeCursor, queryAfterCursor } from '../shared/cursor.js';
import { localDate } from '../orders/rules/dates.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { pipelineRepository, type OpportunityFilters, type OpportunitySortKey } from './repository.js';
import { hasTiering } from '../relationships/repository.js';
import { presentCompetitor, presentHistory, presentInfoPoints, presentOpportunity } from './presenter.js';
import { planStageMove, type MoveRequest, type StageDef } from './rules/stages.js';

export interface OpportunityInput {
  name?: string | undefined;
  amount?: string | undefined;
  currency?: string | undefined;
  expectedCloseDate?: string | null | undefined;
  ownerId?: number | null | undefined;
  probability?: number | null | undefined;
  products?: string[] | undefined;
  milestones?: Record<string, string[]> | undefined;
  notes?: string | null | undefined;
}
export interface CompetitorInput {
  name?: string | undefined;
  strengths?: string | null | undefined;
  weaknesses?: string | null | undefined;
  threat?: number | undefined;
  outcome?: 'pending' | 'won' | 'lost' | undefined;
}

const OWNER_ROLES: readonly Role[] = ['admin', 'director', 'kam', 'sponsor'];

export function toStageDefs(rows: { stage: number; key: string; probability: number; won: boolean; exit_criteria: unknown }[]): StageDef[] {
  return rows.map((s) => ({ stage: s.stage, key: s.key, probability: s.probability, won: s.won, exitCriteria: s.exit_criteria as { key: string; label: string }[] }));
}

export function opportunitiesService(db: Kysely<DB>, opts: { clock: Clock; timezone: string; currency: string }) {
  const repo = pipelineRepository(db);
  const accounts = accountsRepository(db);
  const today = () => localDate(opts.clock.now(), opts.timezone);

  async function loadForWrite(actor: Actor, id: number) {
    const row = await repo.findVisible(actor, id);
    if (!row) throw AppError.notFound('Opportunity');
    if (!canWriteOpportunities(actor, relationOf(row))) throw AppError.forbidden('You cannot change opportunities of this account');
    return row;
  }

  async function get(actor: Actor, id: number) {
    const row = await repo.findVisible(actor, id);
    if (!row) throw AppError.notFound('Opportunity');
    const history = await repo.history(id);
    return { ...presentOpportunity(row, canWriteOpportunities(actor, relationOf(row))), history: history.map(presentHistory) };
  }

  async function checkInput(q: Kysely<DB> | Transaction<DB>, input: OpportunityInput) {
    const issues: FieldIssue[] = [];
    if (input.ownerId != null) {
      const [u] = await repo.userRoles(q, [input.ownerId]);
      if (!u || !u.active) issues.push({ field: 'ownerId', code: 'not_found', reason: `no active user ${input.ownerId}` });
      else if (!OWNER_ROLES.includes(u.role)) issues.push({ field: 'ownerId', code: 'wrong_role', reason: `a ${u.role} cannot own an opportunity` });
    }
    if (input.milestones) {
      const stages = toStageDefs(await repo.stages(q));
      for (const [stage, keys] of Object.entries(input.milestones)) {
        const def = stages.find((s) => String(s.stage) === stage);
        if (!def) {
          issues.push({ field: 'milestones', code: 'unknown_stage', reason: `stage ${stage} does not exist` });
          continue;
        }
        const bad = keys.filter((k) => !def.exitCriteria.some((c) => c.key === k));
        if (bad.length) issues.push({ field: 'milestones', code: 'unknown_criterion', reason: `stage ${stage} has no exit criterion ${bad.join(', ')}` });
      }
    }
    if (issues.length) throw AppError.validation(issues);
  }

  async function loadOppForParts(actor: Actor, id: number, write: boolean) {
    const row = await repo.findVisible(actor, id);
    if (!row) throw AppError.notFound('Opportunity');
    if (write && !canWriteOpportunities(actor, relationOf(row))) throw AppError.forbidden('You cannot change opportunities of this account');
    return row;
  }

  return {
    get,

    async list(actor: Actor, f: OpportunityFilters & { sort?: string | undefined; cursor?: string | undefined; limit: number }) {
      const after = f.cursor ? decodeCursor(f.cursor) : undefined;
      const desc = f.sort?.startsWith('-') ?? false;
      const sort = f.sort ? ((desc ? f.sort.slice(1) : f.sort) as OpportunitySortKey) : undefined;
      // Asked before the query (PGlite has one connection); only the tier filter needs it.
      const withTiering = f.tier !== undefined ? await hasTiering(db) : false;
      const rows = await queryAfterCursor(f.cursor, () => repo.list(actor, { ...f, withTiering, sort, desc, after }));
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => presentOpportunity(r, canWriteOpportunities(actor, relationOf(r)))),
        nextCursor: rows.length > f.limit && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null,
      };
    },

    async create(ctx: WriteContext, accountId: number, input: OpportunityInput & { name: string; stage?: number | undefined }) {
      const acc = await accounts.findVisible(ctx.actor, accountId);
      if (!acc) throw AppError.validation([{ field: 'accountId', reason: `account ${accountId} does not exist or is not visible to you` }]);
      if (!canWriteOpportunities(ctx.actor, relationOf(acc))) throw AppError.forbidden('You cannot add opportunities to this account');
      const id = await db.transaction().execute(async (trx) => {
        await checkInput(trx, input);
        const stage = input.stage ?? 1;
        const stages = toStageDefs(await repo.stages(trx));
        const won = stages.find((s) => s.stage === stage)?.won ?? false;
        const ownerId = input.ownerId !== undefined ? input.ownerId : ctx.actor.role === 'kam' ? ctx.actor.id : acc.owner_id;
        const row = await repo.insert(trx, {
          account_id: accountId,
          name: input.name,
          amount: input.amount ?? '0',
          currency: input.currency ?? opts.currency,
          expected_close_date: input.expectedCloseDate ?? null,
          owner_id: ownerId ?? null,
          stage,
          max_stage: stage,
          probability: input.probability ?? null,
          products: input.products ?? [],
          status: won ? 'won' : 'open',
          opened_on: today(),
          closed_on: won ? today() : null,
          milestones: JSON.stringify(input.milestones ?? {}),
          notes: input.notes ?? null,
        });
        await repo.insertHistory(trx, { opportunity_id: row.id, from_stage: null, to_stage: stage, to_status: row.status, by_id: ctx.actor.id > 0 ? ctx.actor.id : null, overridden: false, reason: null, unmet: [] });
        await recordAudit(trx, ctx, { action: 'create', entity: 'opportunity', entityId: row.id, after: row });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'opportunity.created', summary: row.name, entity: 'opportunity', entityId: row.id, data: { amount: row.amount, stage } });
        return row.id;
      });
      return get(ctx.actor, id);
    },

    async update(ctx: WriteContext, id: number, version: number, input: OpportunityInput) {
      await loadForWrite(ctx.actor, id);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Opportunity');
        if (before.version !== version) throw AppError.stale('opportunity', before.version);
        await checkInput(trx, input);
        const patch: Record<string, unknown> = {};
        const map: [keyof OpportunityInput, string][] = [['name', 'name'], ['amount', 'amount'], ['currency', 'currency'], ['expectedCloseDate', 'expected_close_date'], ['ownerId', 'owner_id'], ['probability', 'probability'], ['products', 'products'], ['notes', 'notes']];
        for (const [k, col] of map) if (input[k] !== undefined) patch[col] = input[k];
        if (input.milestones !== undefined) patch.milestones = JSON.stringify(input.milestones);
        const after = await repo.updateVersioned(trx, id, version, patch);
        if (!after) throw AppError.stale('opportunity', before.version);
        const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
        await recordAudit(trx, ctx, { action: 'update', entity: 'opportunity', entityId: id, ...diff });
        await addTimelineEvent(trx, ctx, { accountId: after.account_id, kind: 'opportunity.updated', summary: after.name, entity: 'opportunity', entityId: id, data: { fields: Object.keys(diff.after) } });
      });
      return get(ctx.actor, id);
    },

    async remove(ctx: WriteContext, id: number, version: number) {
      await loadForWrite(ctx.actor, id);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Opportunity');
        if (before.version !== version) throw AppError.stale('opportunity', before.version);
        await repo.deleteRow(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'opportunity', entityId: id, before });
        await addTimelineEvent(trx, ctx, { accountId: before.account_id, kind: 'opportunity.deleted', summary: before.name, entity: 'opportunity', entityId: id });
      });
    },

    /** POST /opportunities/:id/stage: a move under the exit criteria, closed lost, or reopened. */
    async moveStage(ctx: WriteContext, id: number, version: number, req: MoveRequest) {
      await loadForWrite(ctx.actor, id);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Opportunity');
        if (before.version !== version) throw AppError.stale('opportunity', before.version);
        const stages = toStageDefs(await repo.stages(trx));
        const plan = planStageMove({ stage: before.stage, maxStage: before.max_stage, status: before.status, milestones: before.milestones as Record<string, string[]> }, req, stages);
        if (!plan.ok) throw AppError.validation(plan.issues, 'The stage move is not allowed');
        const closed = plan.status !== 'open';
        const patch: Record<string, unknown> = {
          stage: plan.toStage,
          max_stage: plan.maxStage,
          status: plan.status,
          closed_on: closed ? (before.status === plan.status ? before.closed_on : today()) : null,
          lost_reason: plan.status === 'lost' ? req.lostReason!.trim() : null,
          winning_competitor: plan.status === 'lost' ? req.winningCompetitor!.trim() : null,
        };
        if (plan.toStage !== before.stage) patch.stage_entered_at = opts.clock.now();
        const after = await repo.updateVersioned(trx, id, version, patch);
        if (!after) throw AppError.stale('opportunity', before.version);
        const reason = req.to === 'lost' ? req.lostReason!.trim() : (req.reason?.trim() || null);
        await repo.insertHistory(trx, { opportunity_id: id, from_stage: before.stage, to_stage: plan.toStage, to_status: plan.status, by_id: ctx.actor.id > 0 ? ctx.actor.id : null, overridden: plan.overridden, reason, unmet: plan.unmet });
        await recordAudit(trx, ctx, {
          action: plan.overridden ? 'stage_override' : 'stage_move',
          entity: 'opportunity',
          entityId: id,
          before: { stage: before.stage, status: before.status },
          after: { stage: after.stage, status: after.status, overridden: plan.overridden, unmet: plan.unmet, reason, lost_reason: after.lost_reason, winning_competitor: after.winning_competitor },
        });
        await addTimelineEvent(trx, ctx, {
          accountId: after.account_id,
          kind: 'opportunity.stage_changed',
          summary: after.name,
          entity: 'opportunity',
          entityId: id,
          data: { from: before.stage, to: after.stage, status: after.status, overridden: plan.overridden },
        });
      });
      return get(ctx.actor, id);
    },

    // ---- nine information points ----
    async infoPoints(actor: Actor, id: number) {
      await loadOppForParts(actor, id, false);
      return { items: presentInfoPoints(await repo.infoPoints(id)) };
    },

    async setInfoPoint(ctx: WriteContext, id: number, point: number, version: number, input: { status: 'unknown' | 'partial' | 'known'; notes?: string | null | undefined }) {
      const opp = await loadOppForParts(ctx.actor, id, true);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockInfoPoint(trx, id, point);
        const current = before?.version ?? 0;
        if (current !== version) throw AppError.stale('information point', current);
        const values = { status: input.status, notes: input.notes === undefined ? (before?.notes ?? null) : input.notes, updated_by: ctx.actor.id > 0 ? ctx.actor.id : null };
        const after = before ? await repo.updateInfoPoint(trx, id, point, version, values) : await repo.insertInfoPoint(trx, { opportunity_id: id, point, ...values });
        if (!after) throw AppError.stale('information point', current + 1);
        await recordAudit(trx, ctx, { action: before ? 'update' : 'create', entity: 'opportunity_info_point', entityId: `${id}:${point}`, before: before ? { status: before.status, notes: before.notes } : undefined, after: { status: after.status, notes: after.notes } });
        await addTimelineEvent(trx, ctx, { accountId: opp.account_id, kind: 'opportunity.updated', summary: opp.name, entity: 'opportunity', entityId: id, data: { infoPoint: point, status: after.status } });
      });
      return { items: presentInfoPoints(await repo.infoPoints(id)) };
    },

    // ---- competitors ----
    async competitors(actor: Actor, id: number) {
      await loadOppForParts(actor, id, false);
      return { items: (await repo.competitors(id)).map(presentCompetitor) };
    },

    async addCompetitor(ctx: WriteContext, id: number, input: CompetitorInput & { name: string }) {
      const opp = await loadOppForParts(ctx.actor, id, true);
      const row = await db.transaction().execute(async (trx) => {
        const c = await repo.insertCompetitor(trx, { opportunity_id: id, name: input.name, strengths: input.strengths ?? null, weaknesses: input.weaknesses ?? null, threat: input.threat ?? 3, outcome: input.outcome ?? 'pending' });
        await recordAudit(trx, ctx, { action: 'create', entity: 'opportunity_competitor', entityId: c.id, after: c });
        await addTimelineEvent(trx, ctx, { accountId: opp.account_id, kind: 'opportunity.updated', summary: opp.name, entity: 'opportunity', entityId: id, data: { competitorAdded: c.name } });
        return c;
      });
      return presentCompetitor(row);
    },

    async updateCompetitor(ctx: WriteContext, id: number, competitorId: number, version: number, input: CompetitorInput) {
      const opp = await loadOppForParts(ctx.actor, id, true);
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.lockCompetitor(trx, id, competitorId);
        if (!before) throw AppError.notFound('Competitor');
        if (before.version !== version) throw AppError.stale('competitor', before.version);
        const patch: Record<string, unknown> = {};
        for (const k of ['name', 'strengths', 'weaknesses', 'threat', 'outcome'] as const) if (input[k] !== undefined) patch[k] = input[k];
        const after = await repo.updateCompetitor(trx, competitorId, version, patch);
        if (!after) throw AppError.stale('competitor', before.version);
        await recordAudit(trx, ctx, { action: 'update', entity: 'opportunity_competitor', entityId: competitorId, ...changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>) });
        await addTimelineEvent(trx, ctx, { accountId: opp.account_id, kind: 'opportunity.updated', summary: opp.name, entity: 'opportunity', entityId: id, data: { competitorUpdated: after.name } });
        return after;
      });
      return presentCompetitor(row);
    },

    async removeCompetitor(ctx: WriteContext, id: number, competitorId: number, version: number) {
      const opp = await loadOppForParts(ctx.actor, id, true);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockCompetitor(trx, id, competitorId);
        if (!before) throw AppError.notFound('Competitor');
        if (before.version !== version) throw AppError.stale('competitor', before.version);
        await repo.deleteCompetitor(trx, competitorId);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'opportunity_competitor', entityId: competitorId, before });
        await addTimelineEvent(trx, ctx, { accountId: opp.account_id, kind: 'opportunity.updated', summary: opp.name, entity: 'opportunity', entityId: id, data: { competitorRemoved: before.name } });
      });
    },
  };
}

// The yearly account plan (客户计划: objectives, strategies, risks, actions with owner and due
// date) and the whitespace matrix of an account. Read by whoever reads the account; written by
// whoever edits it and by its executive sponsor.
import type { Kysely, Transaction } from 'kysely';
import type { AccountPlanActionRow, AccountPlanRow, DB, PlanActionStatus } from '../db/schema.js';
import { changedFields, recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canEditAccountPlan, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { accountsRepository } from '../accounts/repository.js';
import { AppError } from '../shared/errors.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { keyAccountsRepository } from './repository.js';
import { plansRepository, type ActionFields } from './plans-repository.js';
import { whitespaceIssues, whitespaceSummary, type WhitespaceCell, type WhitespaceMatrix } from './rules/whitespace.js';

export interface PlanInput {
  objectives?: string | undefined;
  strategies?: string | undefined;
  risks?: string | undefined;
}

export interface ActionInput {
  title?: string | undefined;
  ownerId?: number | null | undefined;
  dueDate?: string | null | undefined;
  status?: PlanActionStatus | undefined;
}

const MAX_ACTIONS = 200;
const iso = (d: Date | string) => new Date(d).toISOString();

function presentAction(a: AccountPlanActionRow & { owner_name?: string | null }) {
  return {
    id: a.id,
    planId: a.plan_id,
    title: a.title,
    owner: a.owner_id === null ? null : { id: a.owner_id, displayName: a.owner_name ?? '' },
    dueDate: a.due_date,
    status: a.status,
    version: a.version,
    updatedAt: iso(a.updated_at),
  };
}

export function accountPlanService(db: Kysely<DB>) {
  const accounts = accountsRepository(db);
  const plans = plansRepository(db);
  const program = keyAccountsRepository(db);

  async function account(actor: Actor, accountId: number, write: boolean) {
    const row = await accounts.findVisible(actor, accountId);
    if (!row) throw AppError.notFound('Account');
    const canEdit = canEditAccountPlan(actor, relationOf(row));
    if (write && !canEdit) throw AppError.forbidden('You cannot change the plan of this account');
    return { row, canEdit };
  }

  async function planView(planRow: AccountPlanRow, canEdit: boolean, q: Kysely<DB> | Transaction<DB> = db) {
    const actions = await plans.actions(planRow.id, q);
    return {
      id: planRow.id,
      accountId: planRow.account_id,
      year: planRow.year,
      objectives: planRow.objectives,
      strategies: planRow.strategies,
      risks: planRow.risks,
      actions: actions.map(presentAction),
      canEdit,
      version: planRow.version,
      updatedAt: iso(planRow.updated_at),
    };
  }

  async function checkOwner(ownerId: number | null | undefined, q: Kysely<DB> | Transaction<DB>) {
    if (ownerId == null) return;
    if (!(await plans.userIsActive(ownerId, q))) throw AppError.validation([{ field: 'ownerId', reason: `user ${ownerId} does not exist or is inactive`, code: 'not_found' }]);
  }

  /** The action with its plan, if the actor may read (write) the plan's account. */
  async function actionOf(actor: Actor, id: number, write: boolean) {
    const action = await plans.action(id);
    const plan = action ? await plans.planById(action.plan_id) : undefined;
    if (!action || !plan) throw AppError.notFound('Action');
    await account(actor, plan.account_id, write).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'NOT_FOUND' ? AppError.notFound('Action') : e;
    });
    return { action, plan };
  }

  const toFields = (i: ActionInput): ActionFields => {
    const f: ActionFields = {};
    if (i.title !== undefined) f.title = i.title;
    if (i.ownerId !== undefined) f.owner_id = i.ownerId;
    if (i.dueDate !== undefined) f.due_date = i.dueDate;
    if (i.status !== undefined) f.status = i.status;
    return f;
  };

  return {
    async years(actor: Actor, accountId: number) {
      const { canEdit } = await account(actor, accountId, false);
      const rows = await plans.years(accountId);
      return { items: rows.map((r) => ({ id: r.id, year: r.year, actions: Number(r.actions), updatedAt: iso(r.updated_at) })), canEdit };
    },

    /** The plan of a year; null when none was written yet (the page offers to start it). */
    async get(actor: Actor, accountId: number, year: number) {
      const { canEdit } = await account(actor, accountId, false);
      const row = await plans.plan(accountId, year);
      return row ? planView(row, canEdit) : null;
    },

    /** Creates the year's plan (no version) or updates it (the version read). */
    async save(ctx: WriteContext, accountId: number, year: number, version: number | undefined, input: PlanInput) {
      await account(ctx.actor, accountId, true);
      return db.transaction().execute(async (trx) => {
        let after: AccountPlanRow;
        if (version === undefined) {
          const created = await plans.insertPlan(trx, { account_id: accountId, year, created_by: ctx.actor.id > 0 ? ctx.actor.id : null, ...input });
          if (!created) {
            const now = await plans.plan(accountId, year, trx);
            throw AppError.stale('account plan', now?.version ?? 1);
          }
          after = created;
          await recordAudit(trx, ctx, { action: 'create', entity: 'account_plan', entityId: after.id, after });
        } else {
          const before = await plans.plan(accountId, year, trx);
          if (!before) throw AppError.notFound('Account plan');
          const updated = await plans.updatePlan(trx, before.id, version, input);
          if (!updated) throw AppError.stale('account plan', before.version);
          after = updated;
          await recordAudit(trx, ctx, { action: 'update', entity: 'account_plan', entityId: after.id, ...changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>) });
        }
        await addTimelineEvent(trx, ctx, { accountId, kind: 'plan.saved', summary: `${year}`, entity: 'account_plan', entityId: after.id, data: { year } });
        return planView(after, true, trx);
      });
    },

    async addAction(ctx: WriteContext, accountId: number, year: number, input: ActionInput & { title: string }) {
      await account(ctx.actor, accountId, true);
      return db.transaction().execute(async (trx) => {
        const plan = await plans.plan(accountId, year, trx);
        if (!plan) throw AppError.notFound('Account plan');
        if ((await plans.countActions(plan.id, trx)) >= MAX_ACTIONS) throw AppError.validation([{ field: 'title', reason: `a plan holds at most ${MAX_ACTIONS} actions`, code: 'too_many' }]);
        await checkOwner(input.ownerId, trx);
        const row = await plans.insertAction(trx, { plan_id: plan.id, title: input.title, ...toFields(input) });
        await plans.touchPlan(trx, plan.id);
        await recordAudit(trx, ctx, { action: 'create', entity: 'plan_action', entityId: row.id, after: row });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'plan.saved', summary: `${year}: ${row.title}`, entity: 'plan_action', entityId: row.id, data: { year, action: 'added' } });
        return presentAction({ ...row, owner_name: null });
      });
    },

    async updateAction(ctx: WriteContext, id: number, version: number, input: ActionInput) {
      const { action, plan } = await actionOf(ctx.actor, id, true);
      return db.transaction().execute(async (trx) => {
        await checkOwner(input.ownerId, trx);
        const after = await plans.updateAction(trx, id, version, toFields(input));
        if (!after) {
          const now = await plans.action(id, trx);
          throw now ? AppError.stale('action', now.version) : AppError.notFound('Action');
        }
        await plans.touchPlan(trx, plan.id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'plan_action', entityId: id, ...changedFields(action as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>) });
        await addTimelineEvent(trx, ctx, { accountId: plan.account_id, kind: 'plan.saved', summary: `${plan.year}: ${after.title}`, entity: 'plan_action', entityId: id, data: { year: plan.year, action: 'updated', status: after.status } });
        return presentAction({ ...after, owner_name: null });
      });
    },

    async removeAction(ctx: WriteContext, id: number, version: number) {
      const { plan } = await actionOf(ctx.actor, id, true);
      await db.transaction().execute(async (trx) => {
        const gone = await plans.deleteAction(trx, id, version);
        if (!gone) {
          const now = await plans.action(id, trx);
          throw now ? AppError.stale('action', now.version) : AppError.notFound('Action');
        }
        await plans.touchPlan(trx, plan.id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'plan_action', entityId: id, before: gone });
        await addTimelineEvent(trx, ctx, { accountId: plan.account_id, kind: 'plan.saved', summary: `${plan.year}: ${gone.title}`, entity: 'plan_action', entityId: id, data: { year: plan.year, action: 'removed' } });
      });
    },

    async whitespace(actor: Actor, accountId: number) {
      const { canEdit } = await account(actor, accountId, false);
      const [row, p] = await Promise.all([plans.whitespace(accountId), program.program()]);
      const matrix: WhitespaceMatrix = { businessUnits: row?.business_units ?? [], cells: (row?.cells as WhitespaceCell[] | undefined) ?? [] };
      return { accountId, productLines: p.product_lines, ...matrix, summary: whitespaceSummary(matrix, p.product_lines), canEdit, version: row?.version ?? null };
    },

    /** Saves the whole matrix: without a version the first time, with the version read after. */
    async saveWhitespace(ctx: WriteContext, accountId: number, version: number | null, matrix: WhitespaceMatrix) {
      await account(ctx.actor, accountId, true);
      const p = await program.program();
      const issues = whitespaceIssues(matrix, p.product_lines);
      if (issues.length) throw AppError.validation(issues);
      const cells = matrix.cells.filter((c) => c.status !== 'none' || (c.note ?? '') !== '');
      return db.transaction().execute(async (trx) => {
        const row = { business_units: matrix.businessUnits, cells: JSON.stringify(cells), updated_by: ctx.actor.id > 0 ? ctx.actor.id : null };
        const before = await plans.whitespace(accountId, trx);
        const after = version === null ? await plans.insertWhitespace(trx, { account_id: accountId, ...row }) : await plans.updateWhitespace(trx, accountId, version, row);
        if (!after) throw AppError.stale('whitespace matrix', before?.version ?? 0);
        await recordAudit(trx, ctx, { action: before ? 'update' : 'create', entity: 'whitespace', entityId: accountId, before: before ?? undefined, after });
        const summary = whitespaceSummary({ businessUnits: matrix.businessUnits, cells }, p.product_lines);
        await addTimelineEvent(trx, ctx, { accountId, kind: 'whitespace.saved', summary: `${summary.counts.in_use}/${summary.total}`, entity: 'whitespace', entityId: accountId, data: summary.counts });
        return { accountId, productLines: p.product_lines, businessUnits: matrix.businessUnits, cells, summary, canEdit: true, version: after.version };
      });
    },
  };
}

export type AccountPlanService = ReturnType<typeof accountPlanService>;

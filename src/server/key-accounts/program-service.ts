// The key-account program (SPEC C3) use cases: its settings, designation and removal with a
// reason (a director's decision), the review (纳入 candidates / 淘汰 key accounts that no longer
// qualify), and manager capacity against the tiers' ratios.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canRunKeyAccountProgram, canSeeAllCapacity, type Actor } from '../auth/rules/permissions.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { keyAccountsRepository, type ProgramPatch } from './repository.js';
import { criteriaOf, presentProgram, presentProgramAccount } from './presenter.js';
import { managerLoad, programSizeWarning } from './rules/program.js';
import { TIER_KEYS, tierKey, tierNo, type TierKey } from '../tiering/rules/model.js';

export interface ProgramInput {
  minSize?: number | undefined;
  maxSize?: number | undefined;
  criteriaTiers?: TierKey[] | undefined;
  minGrossProfit?: string | null | undefined;
  anyClassifications?: string[] | undefined;
  criteriaText?: string | undefined;
  productLines?: string[] | undefined;
  championId?: number | null | undefined;
}

const REVIEW_LIMIT = 100;

export function keyAccountProgramService(db: Kysely<DB>) {
  const repo = keyAccountsRepository(db);

  function mustRun(actor: Actor) {
    if (!canRunKeyAccountProgram(actor)) throw AppError.forbidden('Only a director or an administrator runs the key-account program');
  }

  async function programView(q: Kysely<DB> = db) {
    const p = await repo.program(q);
    const size = await repo.size(q);
    const champion = p.champion_id === null ? undefined : await repo.userExists(p.champion_id, q);
    return presentProgram({ ...p, champion_name: champion?.display_name ?? null }, size, programSizeWarning(size, { min: p.min_size, max: p.max_size }));
  }

  return {
    getProgram: (_actor: Actor) => programView(),

    async updateProgram(ctx: WriteContext, version: number, input: ProgramInput) {
      mustRun(ctx.actor);
      return db.transaction().execute(async (trx) => {
        const before = await repo.lockProgram(trx);
        if (before.version !== version) throw AppError.stale('key-account program', before.version);
        const issues: FieldIssue[] = [];
        const min = input.minSize ?? before.min_size;
        const max = input.maxSize ?? before.max_size;
        if (min > max) issues.push({ field: input.maxSize !== undefined ? 'maxSize' : 'minSize', reason: `the range ${min}–${max} is empty: the minimum must not exceed the maximum`, code: 'range' });
        if (input.championId != null) {
          const u = await repo.userExists(input.championId, trx);
          if (!u?.active) issues.push({ field: 'championId', reason: `user ${input.championId} does not exist or is inactive`, code: 'not_found' });
        }
        if (input.productLines && new Set(input.productLines).size !== input.productLines.length) issues.push({ field: 'productLines', reason: 'a product line is listed twice', code: 'duplicate' });
        if (issues.length) throw AppError.validation(issues);
        const patch: ProgramPatch = {
          min_size: input.minSize,
          max_size: input.maxSize,
          criteria_tiers: input.criteriaTiers ? [...new Set(input.criteriaTiers.map(tierNo))].sort() : undefined,
          min_gross_profit: input.minGrossProfit,
          any_classifications: input.anyClassifications,
          criteria_text: input.criteriaText,
          product_lines: input.productLines,
          champion_id: input.championId,
        };
        for (const k of Object.keys(patch) as (keyof ProgramPatch)[]) if (patch[k] === undefined) delete patch[k];
        const after = await repo.updateProgram(trx, version, patch, ctx.actor.id > 0 ? ctx.actor.id : null);
        if (!after) throw AppError.stale('key-account program', before.version + 1);
        await recordAudit(trx, ctx, { action: 'update', entity: 'key_account_program', entityId: 1, before, after });
        return programView(trx);
      });
    },

    /** The key accounts the caller sees, each with whether it still meets the criteria. */
    async list(actor: Actor) {
      const p = await repo.program();
      const criteria = criteriaOf(p);
      const rows = await repo.listKeyAccounts(actor, criteria);
      const size = await repo.size();
      return { items: rows.map((r) => presentProgramAccount(r, criteria)), size, minSize: p.min_size, maxSize: p.max_size, sizeWarning: programSizeWarning(size, { min: p.min_size, max: p.max_size }) };
    },

    /** At a review: accounts to bring in (纳入) and key accounts to let go (淘汰). */
    async review(actor: Actor) {
      mustRun(actor);
      const p = await repo.program();
      const criteria = criteriaOf(p);
      const [candidates, candidateCount, failing] = await Promise.all([repo.candidates(criteria, REVIEW_LIMIT), repo.countCandidates(criteria), repo.failing(criteria)]);
      return {
        criteria: { tiers: criteria.tiers.map(tierKey), minGrossProfit: criteria.minGrossProfit, anyClassifications: [...criteria.anyClassifications], text: p.criteria_text },
        candidates: candidates.map((r) => presentProgramAccount(r, criteria)),
        candidateCount,
        failing: failing.map((r) => presentProgramAccount(r, criteria)),
      };
    },

    /** The account's place in the program: key or not, the criteria it misses, the decisions so far. */
    async accountStatus(actor: Actor, accountId: number) {
      const p = await repo.program();
      const criteria = criteriaOf(p);
      const row = await repo.account(actor, accountId);
      if (!row) throw AppError.notFound('Account');
      const decisions = await repo.decisions(accountId);
      return {
        ...presentProgramAccount(row, criteria),
        decisions: decisions.map((d) => ({
          id: d.id,
          action: d.action,
          reason: d.reason,
          metCriteria: d.met_criteria,
          decidedAt: new Date(d.decided_at).toISOString(),
          decidedBy: d.user_id === null ? null : { id: d.user_id, displayName: d.display_name ?? '' },
        })),
      };
    },

    async designate(ctx: WriteContext, accountId: number, reason: string) {
      mustRun(ctx.actor);
      return db.transaction().execute(async (trx) => {
        const p = await repo.lockProgram(trx); // serialises designations: the size stays exact
        const criteria = criteriaOf(p);
        const row = await repo.account(ctx.actor, accountId, trx);
        if (!row) throw AppError.notFound('Account');
        const issues: FieldIssue[] = [];
        if (row.sponsor_id === null) issues.push({ field: 'sponsorId', reason: 'a key account needs an executive sponsor (高层负责人): assign one on the account first', code: 'sponsor_required' });
        if (row.owner_id === null) issues.push({ field: 'ownerId', reason: 'a key account needs an account manager who owns it: assign one on the account first', code: 'owner_required' });
        if (row.lifecycle_status === 'lost') issues.push({ field: 'lifecycleStatus', reason: 'a lost customer cannot be a key account', code: 'lost_account' });
        if (issues.length) throw new AppError('UNPROCESSABLE', 'The account cannot be designated a key account yet', { fields: issues });
        const met = presentProgramAccount(row, criteria).meetsCriteria;
        const by = ctx.actor.id > 0 ? ctx.actor.id : null;
        const added = await repo.designate(trx, { account_id: accountId, reason, met_criteria: met, designated_by: by });
        if (!added) throw new AppError('CONFLICT', `${row.name} is already a key account`);
        await repo.addDecision(trx, { account_id: accountId, action: 'designate', reason, met_criteria: met, decided_by: by });
        await recordAudit(trx, ctx, { action: 'designate', entity: 'key_account', entityId: accountId, after: added });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'key_account.designated', summary: reason, entity: 'key_account', entityId: accountId, data: { metCriteria: met } });
        const size = await repo.size(trx);
        return { accountId, metCriteria: met, size, sizeWarning: programSizeWarning(size, { min: p.min_size, max: p.max_size }) };
      });
    },

    async remove(ctx: WriteContext, accountId: number, reason: string) {
      mustRun(ctx.actor);
      return db.transaction().execute(async (trx) => {
        const p = await repo.lockProgram(trx);
        const row = await repo.account(ctx.actor, accountId, trx);
        if (!row) throw AppError.notFound('Account');
        const gone = await repo.remove(trx, accountId);
        if (!gone) throw AppError.notFound('Key account');
        const met = presentProgramAccount(row, criteriaOf(p)).meetsCriteria;
        await repo.addDecision(trx, { account_id: accountId, action: 'remove', reason, met_criteria: met, decided_by: ctx.actor.id > 0 ? ctx.actor.id : null });
        await recordAudit(trx, ctx, { action: 'remove', entity: 'key_account', entityId: accountId, before: gone });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'key_account.removed', summary: reason, entity: 'key_account', entityId: accountId, data: { metCriteria: met } });
        const size = await repo.size(trx);
        return { accountId, metCriteria: met, size, sizeWarning: programSizeWarning(size, { min: p.min_size, max: p.max_size }) };
      });
    },

    /** Each account manager's owned accounts per tier and load against the tiers' ratios. */
    async capacity(actor: Actor) {
      const all = canSeeAllCapacity(actor);
      if (!all && actor.role !== 'kam') throw AppError.forbidden('Manager capacity is for directors, analysts and the managers themselves');
      const [rows, ratioRows] = await Promise.all([repo.ownedByTier(all ? null : actor.id), repo.accountsPerManager()]);
      const ratios: Record<number, number> = Object.fromEntries(ratioRows.map((r) => [Number(r.tier), r.accounts_per_manager]));
      const managers = new Map<number, { userId: number; displayName: string; byTier: Record<number, number> }>();
      for (const r of rows) {
        const m = managers.get(r.user_id) ?? { userId: r.user_id, displayName: r.display_name, byTier: { 1: 0, 2: 0, 3: 0, 4: 0 } };
        m.byTier[Number(r.tier)] = (m.byTier[Number(r.tier)] ?? 0) + Number(r.n);
        managers.set(r.user_id, m);
      }
      const byKey = (perTier: Record<number, number>) => Object.fromEntries(TIER_KEYS.map((k) => [k, perTier[tierNo(k)] ?? 0])) as Record<TierKey, number>;
      return {
        accountsPerManager: byKey(ratios),
        managers: [...managers.values()].map((m) => ({ ...m, byTier: byKey(m.byTier), total: Object.values(m.byTier).reduce((a, b) => a + b, 0), ...managerLoad(m, ratios) })),
      };
    },
  };
}

export type KeyAccountProgramService = ReturnType<typeof keyAccountProgramService>;

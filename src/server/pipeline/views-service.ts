// Pipeline views (SPEC C5): the weighted forecast, win rate and cycle time, the stage-to-stage
// funnel, stalled deals, win/loss against each competitor, and the stage definitions (probabilities and exit criteria; admins edit).
// Aggregates run in SQL over the opportunities the caller may see; the figures come from
// rules/forecast.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canManagePipelineStages, canWriteOpportunities, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import type { Clock } from '../shared/clock.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import { hasTiering } from '../relationships/repository.js';
import { pipelineRepository, type OpportunityFilters } from './repository.js';
import { presentOpportunity, presentStage } from './presenter.js';
import { cycleTime, forecast, funnel, stalledBefore, winRate } from './rules/forecast.js';

export interface StageUpdate {
  stage: number;
  version: number;
  probability?: number | undefined;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  exitCriteria?: { key: string; label: string }[] | undefined;
}

export function pipelineViewsService(db: Kysely<DB>, opts: { clock: Clock }) {
  const repo = pipelineRepository(db);

  async function names(ids: (number | null)[]) {
    const rows = await repo.userNames([...new Set(ids.filter((i): i is number => i !== null))]);
    return new Map(rows.map((r) => [String(r.id), r.display_name]));
  }

  return {
    async stages() {
      return { items: (await repo.stages()).map(presentStage) };
    },

    async updateStages(ctx: WriteContext, updates: StageUpdate[]) {
      if (!canManagePipelineStages(ctx.actor)) throw AppError.forbidden('Only administrators configure the pipeline stages');
      await db.transaction().execute(async (trx) => {
        const current = await repo.lockStages(trx);
        const issues: FieldIssue[] = [];
        const seen = new Set<number>();
        updates.forEach((u, i) => {
          const cur = current.find((s) => s.stage === u.stage);
          if (!cur) issues.push({ field: `stages.${i}.stage`, code: 'unknown_stage', reason: `stage ${u.stage} does not exist` });
          if (seen.has(u.stage)) issues.push({ field: `stages.${i}.stage`, code: 'duplicate', reason: `stage ${u.stage} is given twice` });
          seen.add(u.stage);
          const keys = (u.exitCriteria ?? []).map((c) => c.key);
          if (new Set(keys).size !== keys.length) issues.push({ field: `stages.${i}.exitCriteria`, code: 'duplicate', reason: 'exit criterion keys must be unique within a stage' });
        });
        // Probabilities must not fall from one open stage to the next (a later stage is never less likely).
        const merged = current.map((s) => ({ stage: s.stage, won: s.won, probability: updates.find((u) => u.stage === s.stage)?.probability ?? s.probability }));
        for (let i = 1; i < merged.length; i++) {
          if (merged[i]!.probability < merged[i - 1]!.probability) {
            const idx = updates.findIndex((u) => u.stage === merged[i]!.stage || u.stage === merged[i - 1]!.stage);
            issues.push({ field: `stages.${Math.max(idx, 0)}.probability`, code: 'not_increasing', reason: `stage ${merged[i]!.stage}'s probability is below stage ${merged[i - 1]!.stage}'s` });
            break;
          }
        }
        if (issues.length) throw AppError.validation(issues);
        for (const u of updates) {
          const cur = current.find((s) => s.stage === u.stage)!;
          if (cur.version !== u.version) throw AppError.stale(`stage ${u.stage}`, cur.version);
          const patch: Record<string, unknown> = { updated_by: ctx.actor.id > 0 ? ctx.actor.id : null };
          if (u.probability !== undefined) patch.probability = u.probability;
          if (u.nameZh !== undefined) patch.name_zh = u.nameZh;
          if (u.nameEn !== undefined) patch.name_en = u.nameEn;
          if (u.exitCriteria !== undefined) patch.exit_criteria = JSON.stringify(u.exitCriteria);
          const after = await repo.updateStage(trx, u.stage, u.version, patch);
          if (!after) throw AppError.stale(`stage ${u.stage}`, cur.version);
          await recordAudit(trx, ctx, {
            action: 'update',
            entity: 'pipeline_stage',
            entityId: u.stage,
            before: { probability: cur.probability, name_zh: cur.name_zh, name_en: cur.name_en, exit_criteria: cur.exit_criteria },
            after: { probability: after.probability, name_zh: after.name_zh, name_en: after.name_en, exit_criteria: after.exit_criteria },
          });
        }
      });
      return { items: (await repo.stages()).map(presentStage) };
    },

    async forecast(actor: Actor, f: OpportunityFilters) {
      const withTiering = await hasTiering(db);
      const groups = await repo.forecastGroups(actor, f, withTiering);
      const fc = forecast(groups.map((g) => ({ amount: g.amount, probability: g.probability, closeDate: g.close_month, ownerId: g.owner_id, tier: g.tier, count: g.n })));
      const owners = await names(groups.map((g) => g.owner_id));
      return { ...fc, byOwner: fc.byOwner.map((b) => ({ ...b, name: owners.get(b.key) ?? null })), tiersAvailable: withTiering };
    },

    async metrics(actor: Actor, f: OpportunityFilters) {
      const c = await repo.closedCounts(actor, f);
      const days = await repo.cycleDays(actor, f);
      return { winRate: winRate(c.won, c.lost), won: c.won, lost: c.lost, open: c.open, wonValue: c.won_value, openValue: c.open_value, cycleTime: cycleTime(days.map((d) => d.days)) };
    },

    /** Win/loss against each competitor (SPEC C5), most decided encounters first. */
    async competitors(actor: Actor, f: OpportunityFilters & { limit: number }) {
      const rows = await repo.competitorRecord(actor, f, f.limit);
      return {
        items: rows.map((r) => ({ name: r.name, opportunities: r.faced, winRate: winRate(r.won, r.lost), pending: r.pending, averageThreat: r.avg_threat, lostDealsTo: r.lost_to })),
      };
    },

    async funnel(actor: Actor, f: OpportunityFilters) {
      const rows = await repo.maxStageCounts(actor, f);
      const counts: Record<number, number> = {};
      for (const r of rows) counts[r.max_stage] = r.n;
      return { steps: funnel(counts) };
    },

    async stalled(actor: Actor, f: OpportunityFilters & { days: number; limit: number }) {
      const before = stalledBefore(opts.clock.now(), f.days);
      const rows = await repo.stalled(actor, f, before, f.limit);
      const now = opts.clock.now().getTime();
      return {
        days: f.days,
        before: before.toISOString(),
        items: rows.map((r) => ({ ...presentOpportunity(r, canWriteOpportunities(actor, relationOf(r))), daysInStage: Math.floor((now - new Date(r.stage_entered_at).getTime()) / 86_400_000) })),
      };
    },
  };
}

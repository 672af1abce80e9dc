// Customer tiering (SPEC C2): scoring models, the recompute, what-if, the pyramid, Pareto,
// snapshots and migration. Permission checks here; every write audited in its transaction.
// (Per-account explanation, ratings, overrides and entitlements: account-tier-service.ts.)
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { accountScope, canEditTierModels, canManageTiers, type Actor } from '../auth/rules/permissions.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { localDate } from '../orders/rules/dates.js';
import { fromScaled, toScaled } from './rules/exact.js';
import { paretoCounts, paretoFromSums, TOP_PERCENT } from './rules/pareto.js';
import { migrationMatrix } from './rules/migration.js';
import { tierKey, validateModel, type ModelParams, type TierNo, type WeightedCriterion } from './rules/model.js';
import { presentModel, presentSnapshot } from './presenter.js';
import { tieringRepository, type TierModelRow } from './repository.js';
import { resultsRepository, SCHEDULER_LOCK, type SnapshotMeta } from './results-repository.js';
import { isSingleConnection, stageScores, type StagedScores } from './staged-scoring.js';

export interface ModelInput {
  name?: string | undefined;
  notes?: string | null | undefined;
  criteria?: WeightedCriterion[] | undefined;
  windowMonths?: number | undefined;
  tierRule?: 'shares' | 'thresholds' | undefined;
  sharesBp?: [number, number, number, number] | undefined;
  thresholds?: [string, string, string] | undefined;
  tierNames?: [string, string, string, string] | undefined;
  consolidateGroups?: boolean | undefined;
}

export type RecomputeTrigger = 'api' | 'cli' | 'schedule' | 'seed' | 'test';

export function paramsOf(m: TierModelRow): ModelParams {
  return {
    criteria: m.criteria,
    windowMonths: m.window_months,
    tierRule: m.tier_rule,
    sharesBp: m.shares_bp as ModelParams['sharesBp'],
    thresholds: m.thresholds as ModelParams['thresholds'],
    consolidateGroups: m.consolidate_groups,
  };
}

const unprocessable = (issues: ReturnType<typeof validateModel>) => new AppError('UNPROCESSABLE', 'The scoring model is not valid', { fields: issues });
const tierSummary = (rows: { tier: number; accounts: number; revenue: string; gross_profit: string; insufficient: number; overridden?: number }[], names: readonly string[]) =>
  [1, 2, 3, 4].map((t) => {
    const r = rows.find((x) => x.tier === t);
    return {
      tier: tierKey(t),
      tierName: names[t - 1] ?? '',
      accounts: r?.accounts ?? 0,
      revenue: r ? fromScaled(toScaled(r.revenue, 2), 2) : '0.00',
      grossProfit: r ? fromScaled(toScaled(r.gross_profit, 2), 2) : '0.00',
      insufficientData: r?.insufficient ?? 0,
      ...(r && 'overridden' in r ? { overridden: r.overridden ?? 0 } : {}),
    };
  });

export function tieringService(db: Kysely<DB>, opts: { clock: Clock; timezone: string }) {
  const repo = tieringRepository(db);
  const results = resultsRepository(db);
  const today = () => localDate(opts.clock.now(), opts.timezone);

  async function loadModel(id: number) {
    const m = await repo.findModel(id);
    if (!m) throw AppError.notFound('Scoring model');
    return m;
  }

  function merge(base: ModelParams, input: ModelInput): ModelParams {
    return {
      criteria: input.criteria ?? base.criteria,
      windowMonths: input.windowMonths ?? base.windowMonths,
      tierRule: input.tierRule ?? base.tierRule,
      sharesBp: input.sharesBp ?? base.sharesBp,
      thresholds: input.thresholds ?? base.thresholds,
      consolidateGroups: input.consolidateGroups ?? base.consolidateGroups,
    };
  }

  async function runRecompute(ctx: WriteContext, o: { asOf?: string | undefined; trigger: RecomputeTrigger; unlessNewerThanMinutes?: number }) {
    if (!canManageTiers(ctx.actor)) throw AppError.forbidden('Only directors and admins recompute tiers');
    const asOf = o.asOf ?? today();
    // PGlite: score in short steps before the transaction, so requests pass in between
    // (staged-scoring.ts). The transaction uses them only if the same model is still published.
    let staged: StagedScores | null = null;
    try {
      if (await isSingleConnection(db)) {
        if (o.unlessNewerThanMinutes !== undefined && (await db.transaction().execute((trx) => results.ranWithin(trx, o.unlessNewerThanMinutes!)))) return null;
        const model = await repo.publishedModel();
        if (model) staged = await stageScores(db, paramsOf(model), model.id, asOf);
      }
      const r = await db.transaction().execute(async (trx) => {
        if (o.unlessNewerThanMinutes !== undefined) {
          // The scheduler: one server at a time (the others skip), and only when the last run is old.
          if (!(await results.tryLock(trx, SCHEDULER_LOCK))) return null;
          // Runs are stamped by the database's clock, so "recent" is judged by it too.
          if (await results.ranWithin(trx, o.unlessNewerThanMinutes)) return null;
        }
        const model = await repo.publishedModel(trx);
        if (!model) throw new AppError('CONFLICT', 'No scoring model is published; publish one first');
        const out = await results.recompute(
          trx,
          paramsOf(model),
          { modelId: model.id, asOf, trigger: o.trigger, actorId: ctx.actor.id > 0 ? ctx.actor.id : null, tierNames: model.tier_names },
          staged?.modelId === model.id ? staged : undefined,
        );
        await recordAudit(trx, ctx, { action: 'recompute', entity: 'tier_run', entityId: out.runId, after: { modelId: model.id, modelVersion: model.version_no, asOf, trigger: o.trigger, accounts: out.accounts, scored: out.scored, changed: out.changed } });
        return { ...out, modelId: model.id, modelVersion: model.version_no };
      });
      if (r === null) return null;
      return { runId: r.runId, modelId: r.modelId, modelVersion: r.modelVersion, asOf, accounts: r.accounts, scored: r.scored, changed: r.changed, ms: r.ms, computedAt: r.computedAt.toISOString() };
    } finally {
      staged?.release();
    }
  }

  /** Recompute now (waits for a recompute under way to finish first). */
  async function recompute(ctx: WriteContext, o: { asOf?: string | undefined; trigger: RecomputeTrigger }) {
    return (await runRecompute(ctx, o))!;
  }

  async function createSnapshot(ctx: WriteContext, input: { label?: string | undefined; kind?: SnapshotMeta['kind'] | undefined; asOf?: string | undefined }) {
    if (!canManageTiers(ctx.actor)) throw AppError.forbidden('Only directors and admins take snapshots');
    const id = await db.transaction().execute(async (trx) => {
      let snap: { id: number; accounts: number };
      if (input.asOf !== undefined) {
        // History: the published model scored as of that date (no overrides: they are today's).
        const model = await repo.publishedModel(trx);
        if (!model) throw new AppError('CONFLICT', 'No scoring model is published; publish one first');
        snap = await results.snapshotAsOf(trx, paramsOf(model), model.id, input.asOf, { label: input.label ?? input.asOf, kind: input.kind ?? 'on_demand', createdBy: ctx.actor.id > 0 ? ctx.actor.id : null });
      } else {
        const run = await results.lastRun(trx);
        if (!run) throw new AppError('CONFLICT', 'Tiers have not been computed yet; recompute first');
        snap = await results.snapshotCurrent(trx, run, { label: input.label ?? `${run.as_of}`, kind: input.kind ?? 'on_demand', createdBy: ctx.actor.id > 0 ? ctx.actor.id : null });
      }
      await recordAudit(trx, ctx, { action: 'create', entity: 'tier_snapshot', entityId: snap.id, after: { ...input, accounts: snap.accounts } });
      return snap.id;
    });
    return getSnapshot(ctx.actor, id);
  }

  async function getSnapshot(actor: Actor, id: number) {
    const s = await repo.findSnapshot(id);
    if (!s) throw AppError.notFound('Snapshot');
    const rows = await results.snapshotPyramid(actor, id);
    return { ...presentSnapshot(s), tiers: tierSummary(rows, s.tier_names ?? []) };
  }

  return {
    today,
    recompute,
    createSnapshot,
    getSnapshot,

    async listModels(_actor: Actor) {
      return { items: (await repo.listModels()).map(presentModel) };
    },

    async getModel(_actor: Actor, id: number) {
      return presentModel(await loadModel(id));
    },

    async createDraft(ctx: WriteContext, input: ModelInput & { basedOnId?: number | undefined }) {
      if (!canEditTierModels(ctx.actor)) throw AppError.forbidden('Only admins edit scoring models');
      const base = input.basedOnId !== undefined ? await repo.findModel(input.basedOnId) : await repo.publishedModel();
      if (input.basedOnId !== undefined && !base) throw AppError.validation([{ field: 'basedOnId', reason: `scoring model ${input.basedOnId} does not exist`, code: 'not_found' }]);
      const params = merge(base ? paramsOf(base) : { criteria: [], windowMonths: 12, tierRule: 'shares', sharesBp: [500, 1500, 3000, 5000], thresholds: ['80', '60', '30'], consolidateGroups: false }, input);
      const issues = validateModel(params);
      if (issues.length) throw unprocessable(issues);
      const id = await db.transaction().execute(async (trx) => {
        const versionNo = await repo.nextVersionNo(trx);
        const row = await repo.insertModel(trx, {
          version_no: versionNo,
          name: input.name ?? `${base?.name ?? '评分模型'}（草稿 v${versionNo}）`.slice(0, 100),
          notes: input.notes ?? null,
          window_months: params.windowMonths,
          tier_rule: params.tierRule,
          shares_bp: params.sharesBp,
          thresholds: params.thresholds,
          tier_names: input.tierNames ?? base?.tier_names ?? ['重要客户', '主要客户', '普通客户', '长尾客户'],
          consolidate_groups: params.consolidateGroups,
          based_on_id: base?.id ?? null,
          created_by: ctx.actor.id > 0 ? ctx.actor.id : null,
        });
        await repo.replaceCriteria(trx, row.id, params.criteria);
        await recordAudit(trx, ctx, { action: 'create', entity: 'tier_model', entityId: row.id, after: { versionNo, basedOnId: base?.id ?? null, ...params, tierNames: input.tierNames } });
        return row.id;
      });
      return presentModel(await loadModel(id));
    },

    async updateDraft(ctx: WriteContext, id: number, version: number, input: ModelInput) {
      if (!canEditTierModels(ctx.actor)) throw AppError.forbidden('Only admins edit scoring models');
      await db.transaction().execute(async (trx) => {
        const before = await repo.findModel(id, trx, true);
        if (!before) throw AppError.notFound('Scoring model');
        if (before.status !== 'draft') throw new AppError('CONFLICT', `Scoring model version ${before.version_no} is ${before.status} and cannot change; create a draft from it`);
        if (before.version !== version) throw AppError.stale('scoring model', before.version);
        const params = merge(paramsOf(before), input);
        const issues = validateModel(params);
        if (issues.length) throw unprocessable(issues);
        await repo.updateModel(trx, id, version, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          ...(input.tierNames !== undefined ? { tier_names: input.tierNames } : {}),
          window_months: params.windowMonths,
          tier_rule: params.tierRule,
          shares_bp: params.sharesBp,
          thresholds: params.thresholds,
          consolidate_groups: params.consolidateGroups,
        });
        if (input.criteria !== undefined) await repo.replaceCriteria(trx, id, params.criteria);
        await recordAudit(trx, ctx, { action: 'update', entity: 'tier_model', entityId: id, before: { ...paramsOf(before), name: before.name, tierNames: before.tier_names }, after: { ...params, name: input.name ?? before.name, tierNames: input.tierNames ?? before.tier_names } });
      });
      return presentModel(await loadModel(id));
    },

    async publish(ctx: WriteContext, id: number, version: number) {
      if (!canManageTiers(ctx.actor)) throw AppError.forbidden('Only directors and admins publish scoring models');
      await db.transaction().execute(async (trx) => {
        const m = await repo.findModel(id, trx, true);
        if (!m) throw AppError.notFound('Scoring model');
        if (m.status !== 'draft') throw new AppError('CONFLICT', `Scoring model version ${m.version_no} is already ${m.status}`);
        if (m.version !== version) throw AppError.stale('scoring model', m.version);
        const issues = validateModel(paramsOf(m));
        if (issues.length) throw unprocessable(issues);
        const retired = await repo.retirePublished(trx);
        await repo.markPublished(trx, id, ctx.actor.id > 0 ? ctx.actor.id : null);
        await recordAudit(trx, ctx, { action: 'publish', entity: 'tier_model', entityId: id, before: { retired: retired.map((r) => r.version_no) }, after: { versionNo: m.version_no, status: 'published' } });
      });
      return presentModel(await loadModel(id));
    },

    async whatIf(ctx: WriteContext, id: number, asOfIn?: string) {
      if (!canManageTiers(ctx.actor)) throw AppError.forbidden('Only directors and admins preview scoring models');
      const m = await loadModel(id);
      const issues = validateModel(paramsOf(m));
      if (issues.length) throw unprocessable(issues);
      const asOf = asOfIn ?? today();
      const rows = await results.whatIf(paramsOf(m), asOf, 500);
      const matrix = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
      const newIn = [0, 0, 0, 0];
      let moved = 0;
      for (const r of rows.filter((x) => x.kind === 'count')) {
        if (r.from_tier === null) newIn[r.to_tier - 1]! += r.n;
        else {
          matrix[r.from_tier - 1]![r.to_tier - 1]! += r.n;
          if (r.from_tier !== r.to_tier) moved += r.n;
        }
      }
      const movers = rows
        .filter((x) => x.kind === 'mover')
        .map((x) => ({ accountId: x.account_id!, accountName: x.name ?? '', from: x.from_tier === null ? null : tierKey(x.from_tier), to: tierKey(x.to_tier), score: x.score }));
      // A preview writes nothing, but who looked at which model against which data is kept.
      await recordAudit(db, ctx, { action: 'what_if', entity: 'tier_model', entityId: m.id, after: { asOf, moved } });
      return { modelId: m.id, modelVersion: m.version_no, asOf, matrix, newIn, moved, movers, moversTruncated: movers.length < moved };
    },

    async pyramid(actor: Actor) {
      const run = await results.lastRun();
      const rows = await results.pyramid(actor);
      return {
        scope: accountScope(actor.role) === 'all' ? ('all' as const) : ('yours' as const),
        lastRecompute: run ? { runId: run.id, computedAt: run.computed_at.toISOString(), asOf: run.as_of, modelId: run.model_id, modelVersion: run.version_no, modelName: run.model_name, accounts: run.accounts, scored: run.scored, changed: run.changed, ms: run.ms } : null,
        tiers: tierSummary(rows, run?.tier_names ?? ['重要客户', '主要客户', '普通客户', '长尾客户']),
      };
    },

    async pareto(actor: Actor) {
      const figure = async (col: 'revenue' | 'gross_profit') => {
        const { n, total, sums } = await results.paretoSums(actor, col, paretoCounts);
        return paretoFromSums(n, toScaled(total, 2), (k) => toScaled(sums.get(k) ?? '0', 2));
      };
      return { topPercent: TOP_PERCENT, revenue: await figure('revenue'), grossProfit: await figure('gross_profit') };
    },

    async listSnapshots(_actor: Actor, limit: number) {
      return { items: (await repo.listSnapshots(limit)).map(presentSnapshot) };
    },

    async migration(actor: Actor, fromId: number, toId: number) {
      const [a, b] = await Promise.all([repo.findSnapshot(fromId), repo.findSnapshot(toId)]);
      if (!a) throw AppError.validation([{ field: 'from', reason: `snapshot ${fromId} does not exist`, code: 'not_found' }]);
      if (!b) throw AppError.validation([{ field: 'to', reason: `snapshot ${toId} does not exist`, code: 'not_found' }]);
      const toMap = (rows: { account_id: number; tier: number }[]) => new Map(rows.map((r) => [r.account_id, r.tier as TierNo]));
      const mm = migrationMatrix(toMap(await results.snapshotTiers(actor, fromId)), toMap(await results.snapshotTiers(actor, toId)));
      const LIMIT = 500;
      const names = await results.accountNames([...mm.up.slice(0, LIMIT), ...mm.down.slice(0, LIMIT)].map((m) => m.accountId));
      const mover = (m: { accountId: number; from: TierNo; to: TierNo }) => ({ accountId: m.accountId, accountName: names.get(m.accountId) ?? null, from: tierKey(m.from), to: tierKey(m.to) });
      const [pa, pb] = await Promise.all([results.snapshotPyramid(actor, fromId), results.snapshotPyramid(actor, toId)]);
      return {
        from: { ...presentSnapshot(a), tiers: tierSummary(pa, a.tier_names ?? []) },
        to: { ...presentSnapshot(b), tiers: tierSummary(pb, b.tier_names ?? []) },
        matrix: mm.matrix,
        newIn: mm.newIn,
        goneFrom: mm.goneFrom,
        stayed: mm.stayed,
        upCount: mm.up.length,
        downCount: mm.down.length,
        up: mm.up.slice(0, LIMIT).map(mover),
        down: mm.down.slice(0, LIMIT).map(mover),
      };
    },

    /** The scheduler's tick: recompute when the last run is older than the interval. */
    async scheduledRecompute(ctx: WriteContext, intervalMinutes: number) {
      if (!(await repo.publishedModel())) return null;
      return runRecompute(ctx, { trigger: 'schedule', unlessNewerThanMinutes: intervalMinutes });
    },
  };
}

export type TieringService = ReturnType<typeof tieringService>;

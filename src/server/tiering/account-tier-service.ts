// One account's tier (SPEC C2): the explanation, the manager's 0–5 ratings, the director's
// override; and the tier entitlements (分级服务). Visibility comes from the queries; writes are
// checked here, audited and put on the account's timeline in their transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canManageTiers, canRateAccount, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { AppError } from '../shared/errors.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { divRound, fromScaled, toScaled } from './rules/exact.js';
import { bpToPercent, CRITERION_API, DEFAULT_TIER_NAMES, tierKey, tierNo, type RatedCriterion, type TierKey } from './rules/model.js';
import { formatRaw, iso, presentEntitlement } from './presenter.js';
import { tieringRepository, type EntitlementRow } from './repository.js';
import { splitArray } from './scoring-sql.js';

export interface EntitlementInput {
  responseHours?: number | undefined;
  resolutionHours?: number | undefined;
  managerVisitsPerYear?: number | undefined;
  sponsorVisitsPerYear?: number | undefined;
  accountsPerManager?: number | undefined;
  dedicatedManager?: boolean | undefined;
  sponsorRequired?: boolean | undefined;
  discountCeilingBp?: number | undefined;
  benefits?: string[] | undefined;
}

export function accountTierService(db: Kysely<DB>) {
  const repo = tieringRepository(db);

  async function tierNames() {
    return (await repo.publishedModel())?.tier_names ?? [...DEFAULT_TIER_NAMES];
  }

  async function visibleAccount(actor: Actor, id: number) {
    const acc = await repo.findVisibleAccount(actor, id);
    if (!acc) throw AppError.notFound('Account');
    return acc;
  }

  async function explain(actor: Actor, id: number) {
    const row = await repo.explanation(actor, id);
    if (!row) throw AppError.notFound('Account');
    const rel = relationOf(row);
    const model = row.model_id !== null ? await repo.findModel(row.model_id) : await repo.publishedModel();
    const names = model?.tier_names ?? [...DEFAULT_TIER_NAMES];
    const ratings = await repo.ratings(id);
    let computed = null;
    if (row.tier !== null && model) {
      const raw = splitArray(row.raw);
      const pct = splitArray(row.pct);
      const cutoffs = splitArray(row.cutoffs);
      const cut = model.tier_rule === 'thresholds' ? (row.tier <= 3 ? model.thresholds[row.tier - 1]! : null) : cutoffs[row.tier - 1] || null;
      computed = {
        tier: tierKey(row.tier),
        tierName: names[row.tier - 1] ?? '',
        score: row.score,
        insufficientData: row.insufficient_data === true,
        computedAt: iso(row.computed_at),
        asOf: row.as_of,
        window: { after: row.window_start, through: row.as_of },
        modelId: model.id,
        modelVersion: model.version_no,
        tierRule: model.tier_rule,
        scoredAccounts: row.scored,
        /** Shares: the lowest score that made this tier at the recompute; thresholds: the tier's threshold. */
        cutoff: cut === null ? null : fromScaled(toScaled(cut, 4), 4),
        revenue: row.revenue,
        grossProfit: row.gross_profit,
        criteria: model.criteria.map((c, i) => {
          const p = row.insufficient_data ? null : (pct[i] ?? null);
          return {
            criterion: CRITERION_API[c.criterion],
            raw: raw[i] === undefined ? null : formatRaw(c.criterion, raw[i]),
            percentile: p === null ? null : fromScaled(toScaled(p, 4), 4),
            weight: bpToPercent(c.weightBp),
            // weight × percentile, rounded to 4 decimals (their sum is the score up to rounding)
            contribution: p === null ? null : fromScaled(divRound(BigInt(c.weightBp) * toScaled(p, 4), 10_000n, 0), 4),
          };
        }),
      };
    }
    const override = row.override_tier !== null
      ? { tier: tierKey(row.override_tier), tierName: names[row.override_tier - 1] ?? '', reason: row.override_reason ?? '', setAt: iso(row.override_at), setBy: row.override_by === null ? null : { id: row.override_by, displayName: row.override_by_name ?? '' } }
      : null;
    return {
      accountId: row.id,
      accountName: row.name,
      tier: override ? override.tier : (computed?.tier ?? null),
      tierName: override ? override.tierName : (computed?.tierName ?? null),
      computed,
      override,
      ratings: ratings.map((r) => ({ criterion: CRITERION_API[r.criterion as RatedCriterion], rating: r.rating, ratedAt: iso(r.rated_at), ratedBy: r.rated_by === null ? null : { id: r.rated_by, displayName: r.rated_by_name ?? '' } })),
      canOverride: canManageTiers(actor),
      canRate: canRateAccount(actor, rel),
    };
  }

  return {
    explain,

    async setRatings(ctx: WriteContext, id: number, ratings: Partial<Record<RatedCriterion, number | null>>) {
      const acc = await visibleAccount(ctx.actor, id);
      if (!canRateAccount(ctx.actor, relationOf(acc))) throw AppError.forbidden('You cannot rate this account');
      await db.transaction().execute(async (trx) => {
        const before = Object.fromEntries((await repo.ratings(id, trx)).map((r) => [r.criterion, r.rating]));
        const actorId = ctx.actor.id > 0 ? ctx.actor.id : null;
        for (const [criterion, rating] of Object.entries(ratings)) {
          if (rating === undefined) continue;
          if (rating === null) await repo.deleteRating(trx, id, criterion);
          else await repo.upsertRating(trx, id, criterion, rating, actorId);
        }
        const after = Object.fromEntries((await repo.ratings(id, trx)).map((r) => [r.criterion, r.rating]));
        await recordAudit(trx, ctx, { action: 'rate', entity: 'tier_rating', entityId: id, before, after });
      });
      return explain(ctx.actor, id);
    },

    async setOverride(ctx: WriteContext, id: number, input: { tier: TierKey; reason: string }) {
      await visibleAccount(ctx.actor, id);
      if (!canManageTiers(ctx.actor)) throw AppError.forbidden('Only directors and admins override tiers');
      const names = await tierNames();
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockOverride(trx, id);
        const after = await repo.setOverride(trx, id, tierNo(input.tier), input.reason, ctx.actor.id > 0 ? ctx.actor.id : null);
        const computed = await repo.computedTier(id, trx);
        await recordAudit(trx, ctx, { action: before ? 'update' : 'create', entity: 'tier_override', entityId: id, before: before ?? undefined, after });
        await addTimelineEvent(trx, ctx, {
          accountId: id,
          kind: 'tier.override_set',
          summary: `${names[after.tier - 1]}（${input.reason}）`,
          entity: 'tier_override',
          entityId: id,
          data: { tier: after.tier, previous: before?.tier ?? null, computed: computed?.tier ?? null, reason: input.reason },
        });
      });
      return explain(ctx.actor, id);
    },

    async removeOverride(ctx: WriteContext, id: number) {
      await visibleAccount(ctx.actor, id);
      if (!canManageTiers(ctx.actor)) throw AppError.forbidden('Only directors and admins override tiers');
      const names = await tierNames();
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockOverride(trx, id);
        if (!before) throw AppError.notFound('Tier override');
        await repo.deleteOverride(trx, id);
        const computed = await repo.computedTier(id, trx);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'tier_override', entityId: id, before });
        await addTimelineEvent(trx, ctx, {
          accountId: id,
          kind: 'tier.override_removed',
          summary: `${names[before.tier - 1]} → ${computed ? names[computed.tier - 1] : '—'}`,
          entity: 'tier_override',
          entityId: id,
          data: { previous: before.tier, computed: computed?.tier ?? null },
        });
      });
    },

    async entitlements(_actor: Actor) {
      const names = await tierNames();
      return { items: (await repo.entitlements()).map((e) => presentEntitlement(e, names)) };
    },

    async updateEntitlement(ctx: WriteContext, tier: TierKey, version: number, input: EntitlementInput) {
      if (!canManageTiers(ctx.actor)) throw AppError.forbidden('Only directors and admins edit tier entitlements');
      const names = await tierNames();
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.lockEntitlement(trx, tierNo(tier));
        if (!before) throw AppError.notFound('Tier entitlement');
        if (before.version !== version) throw AppError.stale('tier entitlement', before.version);
        const patch: Partial<EntitlementRow> = {
          ...(input.responseHours !== undefined ? { response_hours: input.responseHours } : {}),
          ...(input.resolutionHours !== undefined ? { resolution_hours: input.resolutionHours } : {}),
          ...(input.managerVisitsPerYear !== undefined ? { manager_visits_per_year: input.managerVisitsPerYear } : {}),
          ...(input.sponsorVisitsPerYear !== undefined ? { sponsor_visits_per_year: input.sponsorVisitsPerYear } : {}),
          ...(input.accountsPerManager !== undefined ? { accounts_per_manager: input.accountsPerManager } : {}),
          ...(input.dedicatedManager !== undefined ? { dedicated_manager: input.dedicatedManager } : {}),
          ...(input.sponsorRequired !== undefined ? { sponsor_required: input.sponsorRequired } : {}),
          ...(input.discountCeilingBp !== undefined ? { discount_ceiling_bp: input.discountCeilingBp } : {}),
          ...(input.benefits !== undefined ? { benefits: input.benefits } : {}),
        };
        const resp = patch.response_hours ?? before.response_hours;
        const reso = patch.resolution_hours ?? before.resolution_hours;
        if (resp > reso) throw AppError.validation([{ field: 'resolutionHours', reason: `must not be less than the response time (${resp} h)`, code: 'out_of_range' }]);
        const after = await repo.updateEntitlement(trx, tierNo(tier), { ...patch, updated_by: ctx.actor.id > 0 ? ctx.actor.id : null });
        await recordAudit(trx, ctx, { action: 'update', entity: 'tier_entitlement', entityId: tier, before, after });
        return after;
      });
      return presentEntitlement(row, names);
    },
  };
}

export type AccountTierService = ReturnType<typeof accountTierService>;

// Shapes tiering rows for the API: camelCase, tier keys, percentages, ISO dates.
import { fromScaled, toScaled } from './rules/exact.js';
import { bpToPercent, CRITERION_API, tierKey, type Criterion } from './rules/model.js';
import { SCALE_OF } from './rules/scoring.js';
import type { EntitlementRow, TierModelRow } from './repository.js';

const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function presentModel(m: TierModelRow) {
  return {
    id: m.id,
    versionNo: m.version_no,
    name: m.name,
    status: m.status,
    criteria: m.criteria.map((c) => ({ criterion: CRITERION_API[c.criterion], weight: bpToPercent(c.weightBp) })),
    windowMonths: m.window_months,
    normalisation: 'percentileRank' as const,
    tierRule: m.tier_rule,
    shares: m.shares_bp.map(bpToPercent),
    thresholds: m.thresholds,
    tierNames: m.tier_names,
    consolidateGroups: m.consolidate_groups,
    basedOnId: m.based_on_id,
    notes: m.notes,
    createdAt: iso(m.created_at)!,
    updatedAt: iso(m.updated_at)!,
    publishedAt: m.status === 'draft' ? null : iso(m.published_at),
    version: m.version,
  };
}

/** A raw value at its criterion's scale ("1000.00", "0.750000000000", "4"). */
export function formatRaw(criterion: Criterion, raw: string): string {
  const scale = SCALE_OF[criterion];
  return fromScaled(toScaled(raw, scale), scale);
}

export function presentEntitlement(e: EntitlementRow, tierNames: readonly string[]) {
  return {
    tier: tierKey(e.tier),
    tierName: tierNames[e.tier - 1] ?? '',
    responseHours: e.response_hours,
    resolutionHours: e.resolution_hours,
    managerVisitsPerYear: e.manager_visits_per_year,
    sponsorVisitsPerYear: e.sponsor_visits_per_year,
    accountsPerManager: e.accounts_per_manager,
    dedicatedManager: e.dedicated_manager,
    sponsorRequired: e.sponsor_required,
    discountCeiling: bpToPercent(e.discount_ceiling_bp),
    benefits: e.benefits,
    updatedAt: iso(e.updated_at)!,
    version: e.version,
  };
}

export function presentSnapshot(s: { id: number; label: string; kind: string; as_of: string; model_id: number | null; version_no: number | null; accounts: number; created_at: Date; created_by: number | null; created_by_name: string | null }) {
  return {
    id: s.id,
    label: s.label,
    kind: s.kind === 'on_demand' ? 'onDemand' : s.kind,
    asOf: s.as_of,
    modelId: s.model_id,
    modelVersion: s.version_no,
    accounts: s.accounts,
    createdAt: iso(s.created_at)!,
    createdBy: s.created_by === null ? null : { id: s.created_by, displayName: s.created_by_name ?? '' },
  };
}

export { iso };

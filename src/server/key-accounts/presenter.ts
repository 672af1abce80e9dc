// Shapes key-account rows for the API: camelCase, ISO times, decimal strings as they are.
import type { Selectable } from 'kysely';
import type { KeyAccountProgramTable } from '../db/schema.js';
import { unmetCriteria, type ProgramCriteria } from './rules/program.js';
import { tierKey } from '../tiering/rules/model.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function criteriaOf(p: Selectable<KeyAccountProgramTable>): ProgramCriteria {
  return { tiers: p.criteria_tiers.map(Number), minGrossProfit: p.min_gross_profit, anyClassifications: p.any_classifications };
}

export interface FactsRow {
  id: number;
  name: string;
  lifecycle_status: string;
  classifications: string[];
  owner_id: number | null;
  owner_name: string | null;
  sponsor_id: number | null;
  sponsor_name: string | null;
  tier: number | null;
  computed_tier: number | null;
  gross_profit: string | null;
  revenue: string | null;
  score: string | null;
  is_key: boolean;
  key_reason: string | null;
  designated_at: Date | string | null;
}

/** An account as the program sees it; `unmet` from the pure rule (the SQL selected the same). */
export function presentProgramAccount(r: FactsRow, criteria: ProgramCriteria) {
  const unmet = unmetCriteria(criteria, { tier: r.tier === null ? null : Number(r.tier), grossProfit: r.gross_profit, classifications: r.classifications, lifecycleStatus: r.lifecycle_status });
  return {
    accountId: r.id,
    name: r.name,
    lifecycleStatus: r.lifecycle_status,
    tier: r.tier === null ? null : tierKey(Number(r.tier)),
    overridden: r.tier !== null && r.computed_tier !== null && Number(r.tier) !== Number(r.computed_tier),
    score: r.score,
    revenue: r.revenue,
    grossProfit: r.gross_profit,
    owner: r.owner_id === null ? null : { id: r.owner_id, displayName: r.owner_name ?? '' },
    sponsor: r.sponsor_id === null ? null : { id: r.sponsor_id, displayName: r.sponsor_name ?? '' },
    isKeyAccount: r.is_key,
    designatedAt: iso(r.designated_at),
    reason: r.key_reason,
    meetsCriteria: unmet.length === 0,
    unmet,
  };
}

export function presentProgram(p: Selectable<KeyAccountProgramTable> & { champion_name?: string | null }, size: number, sizeWarning: 'below' | 'above' | null) {
  return {
    minSize: p.min_size,
    maxSize: p.max_size,
    criteriaTiers: p.criteria_tiers.map((n) => tierKey(Number(n))),
    minGrossProfit: p.min_gross_profit,
    anyClassifications: p.any_classifications,
    criteriaText: p.criteria_text,
    productLines: p.product_lines,
    champion: p.champion_id === null ? null : { id: p.champion_id, displayName: p.champion_name ?? '' },
    size,
    sizeWarning,
    updatedAt: iso(p.updated_at),
    version: p.version,
  };
}

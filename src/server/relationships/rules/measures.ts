// The measures of a decision chain (SPEC C4), computed from the people on the map. Pure: the
// date "today" and the stale interval are passed in (services take them from the clock and the
// account's tier). Formulas in docs/RELATIONSHIPS.md.
import type { Attitude, AttitudeKind, BuyingRole } from '../../db/schema.js';
import { daysBetween } from '../../orders/rules/dates.js';

export interface MapPerson {
  id: number;
  name: string;
  buyingRole: BuyingRole | null;
  attitude: Attitude;
  attitudeKind: AttitudeKind | null;
  influence: number;
  lastContactDate: string | null;
}

/** A fraction kept exact: numerator and denominator (Σ influence), and its value to 4 places. */
export interface Fraction {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator rounded half-up to 4 decimals; null for an empty map. */
  value: number | null;
}

export interface Measures {
  stakeholders: number;
  supportCoverage: Fraction;
  opposition: Fraction;
  coachPresent: boolean;
  /** The top decision maker (buying role decision maker, highest influence, then lowest id). */
  decisionMaker: { id: number; name: string; lastContactDate: string | null; daysSinceContact: number | null } | null;
  /** The top decision maker was contacted within DECISION_MAKER_CONTACT_DAYS days of today. */
  decisionMakerContacted: boolean;
  staleAfterDays: number;
  /** People with no contact for more than staleAfterDays days (or never), by id. */
  staleIds: number[];
}

export const DECISION_MAKER_CONTACT_DAYS = 90;
/** Stale interval when the account has no tier, or its tier promises no manager visits. */
export const DEFAULT_STALE_AFTER_DAYS = 90;
/** Stale relationships among these people raise an alert (key people: influence 7–10). */
export const KEY_PERSON_INFLUENCE = 7;

const SUPPORT: ReadonlySet<Attitude> = new Set(['coach', 'ally', 'supporter']);

/** Support: coaches, allies and supporters. */
export const isSupporter = (p: Pick<MapPerson, 'attitude'>) => SUPPORT.has(p.attitude);
/** Opposition: opponents and the non-supporters (skeptic, misunderstanding, regressor). */
export const isOpposed = (p: Pick<MapPerson, 'attitude' | 'attitudeKind'>) => p.attitude === 'opponent' || p.attitudeKind !== null;

export function fraction(numerator: number, denominator: number): Fraction {
  if (denominator <= 0) return { numerator, denominator, value: null };
  return { numerator, denominator, value: Math.round((numerator * 10000) / denominator) / 10000 };
}

/** Days between manager visits promised by a tier: ⌈365 ÷ visits a year⌉, the default without visits. */
export function staleAfterDays(managerVisitsPerYear: number | null | undefined): number {
  if (!managerVisitsPerYear || managerVisitsPerYear <= 0) return DEFAULT_STALE_AFTER_DAYS;
  return Math.ceil(365 / managerVisitsPerYear);
}

export function topDecisionMaker<P extends MapPerson>(people: readonly P[]): P | null {
  let best: P | null = null;
  for (const p of people) {
    if (p.buyingRole !== 'decision_maker') continue;
    if (!best || p.influence > best.influence || (p.influence === best.influence && p.id < best.id)) best = p;
  }
  return best;
}

export function isStale(lastContactDate: string | null, today: string, afterDays: number): boolean {
  return lastContactDate === null || daysBetween(lastContactDate, today) > afterDays;
}

export function computeMeasures(people: readonly MapPerson[], opts: { today: string; staleAfterDays: number }): Measures {
  let total = 0;
  let support = 0;
  let opposed = 0;
  for (const p of people) {
    total += p.influence;
    if (isSupporter(p)) support += p.influence;
    else if (isOpposed(p)) opposed += p.influence;
  }
  const dm = topDecisionMaker(people);
  const since = dm?.lastContactDate ? daysBetween(dm.lastContactDate, opts.today) : null;
  return {
    stakeholders: people.length,
    supportCoverage: fraction(support, total),
    opposition: fraction(opposed, total),
    coachPresent: people.some((p) => p.attitude === 'coach'),
    decisionMaker: dm ? { id: dm.id, name: dm.name, lastContactDate: dm.lastContactDate, daysSinceContact: since } : null,
    decisionMakerContacted: since !== null && since <= DECISION_MAKER_CONTACT_DAYS,
    staleAfterDays: opts.staleAfterDays,
    staleIds: people.filter((p) => isStale(p.lastContactDate, opts.today, opts.staleAfterDays)).map((p) => p.id),
  };
}

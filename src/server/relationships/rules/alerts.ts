// Which alerts a map's measures raise (SPEC C4: coverage drops, a coach leaves, the decision
// maker is uncontacted; C10: stale key relationships). Pure: the service turns conditions into
// reminders, one open reminder per user and condition key (no duplicates), and resolves the
// open reminders of state conditions that no longer hold.
import { KEY_PERSON_INFLUENCE, type MapPerson, type Measures } from './measures.js';

/** The facts of the last recorded measures that alerts compare against. */
export interface PreviousMeasures {
  support_influence: number;
  total_influence: number;
  coach_present: boolean;
}

export type AlertKind = 'coverage_dropped' | 'coach_left' | 'decision_maker_uncontacted' | 'relationship_stale';

export interface AlertCondition {
  kind: AlertKind;
  /** Unique per account and condition: `kind:account[:stakeholder]`. */
  key: string;
  stakeholderId: number | null;
  /** Event conditions stay open until someone marks them done; state conditions resolve themselves. */
  state: boolean;
}

/** a/b < c/d for non-negative fractions (b, d > 0), without rounding. */
const lessThan = (a: number, b: number, c: number, d: number) => a * d < c * b;

export function alertConditions(accountId: number, people: readonly MapPerson[], m: Measures, previous: PreviousMeasures | null): AlertCondition[] {
  const out: AlertCondition[] = [];
  if (previous && previous.total_influence > 0 && m.supportCoverage.denominator > 0) {
    if (lessThan(m.supportCoverage.numerator, m.supportCoverage.denominator, previous.support_influence, previous.total_influence)) {
      out.push({ kind: 'coverage_dropped', key: `coverage_dropped:${accountId}`, stakeholderId: null, state: false });
    }
  }
  if (previous?.coach_present && !m.coachPresent) out.push({ kind: 'coach_left', key: `coach_left:${accountId}`, stakeholderId: null, state: false });
  if (m.decisionMaker && !m.decisionMakerContacted) {
    out.push({ kind: 'decision_maker_uncontacted', key: `decision_maker_uncontacted:${accountId}:${m.decisionMaker.id}`, stakeholderId: m.decisionMaker.id, state: true });
  }
  const stale = new Set(m.staleIds);
  for (const p of people) {
    if (p.influence >= KEY_PERSON_INFLUENCE && stale.has(p.id)) {
      out.push({ kind: 'relationship_stale', key: `relationship_stale:${accountId}:${p.id}`, stakeholderId: p.id, state: true });
    }
  }
  return out;
}

/** Event conditions that a new state clears: a coach is back. */
export function clearedEvents(accountId: number, m: Measures): string[] {
  return m.coachPresent ? [`coach_left:${accountId}`] : [];
}

// The decision chain as the API returns it, and the pure look of it: colours by attitude, node
// sizes by influence, link descriptions. No React, no I/O (unit-tested in test/unit).
export type Attitude = 'coach' | 'ally' | 'supporter' | 'neutral' | 'opponent';
export type AttitudeKind = 'skeptic' | 'misunderstanding' | 'regressor';
export type BuyingRole = 'decision_maker' | 'technical_evaluator' | 'user' | 'influencer' | 'gatekeeper';
export type LinkKind = 'reports_to' | 'influences';

export const ATTITUDES: readonly Attitude[] = ['coach', 'ally', 'supporter', 'neutral', 'opponent'];
export const ATTITUDE_KINDS: readonly AttitudeKind[] = ['skeptic', 'misunderstanding', 'regressor'];
export const BUYING_ROLES: readonly BuyingRole[] = ['decision_maker', 'technical_evaluator', 'user', 'influencer', 'gatekeeper'];
export const LEVELS = [1, 2, 3, 4, 5, 6] as const;

export interface UserRef {
  id: number;
  name: string;
}

export interface Stakeholder {
  id: number;
  accountId: number;
  opportunityId: number | null;
  contactId: number | null;
  name: string;
  title: string | null;
  buyingRole: BuyingRole | null;
  /** null when assessmentsHidden (service agents, analysts, team-scope managers). */
  attitude: Attitude | null;
  attitudeKind: AttitudeKind | null;
  influence: number | null;
  relationshipLevel: number | null;
  personalNeeds: string | null;
  interests: string | null;
  lastContactDate: string | null;
  coveredBy: UserRef[];
  assessmentsHidden: boolean;
  version: number;
  updatedAt: string;
}

export interface StakeholderLink {
  id: number;
  fromId: number;
  toId: number;
  kind: LinkKind;
  hidden: boolean;
  note: string | null;
  version: number;
}

export interface Fraction {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface Measures {
  stakeholders: number;
  supportCoverage: Fraction;
  opposition: Fraction;
  coachPresent: boolean;
  decisionMaker: { id: number; name: string; lastContactDate: string | null; daysSinceContact: number | null } | null;
  decisionMakerContacted: boolean;
  staleAfterDays: number;
  staleIds: number[];
}

export interface MeasureRecord {
  id: number;
  measuredAt: string;
  stakeholders: number;
  totalInfluence: number;
  supportInfluence: number;
  oppositionInfluence: number;
  coachPresent: boolean;
  decisionMakerContacted: boolean;
  trigger: string;
}

export interface RelationshipMap {
  accountId: number;
  accountName: string;
  opportunityId: number | null;
  tier: number | null;
  assessmentsHidden: boolean;
  canEdit: boolean;
  nodes: Stakeholder[];
  links: StakeholderLink[];
  measures: Measures | null;
  /** Newest first. */
  history: MeasureRecord[];
}

/** Fill and border of a node per attitude: greens for support, grey for neutral, red for opposition. */
export const ATTITUDE_COLORS: Record<Attitude, { fill: string; border: string; text: string }> = {
  coach: { fill: '#135200', border: '#092b00', text: '#ffffff' },
  ally: { fill: '#389e0d', border: '#237804', text: '#ffffff' },
  supporter: { fill: '#d9f7be', border: '#73d13d', text: '#092b00' },
  neutral: { fill: '#f0f0f0', border: '#8c8c8c', text: '#1f1f1f' },
  opponent: { fill: '#ffccc7', border: '#cf1322', text: '#5c0011' },
};
/** A node whose assessment the viewer may not see. */
export const HIDDEN_COLORS = { fill: '#ffffff', border: '#bfbfbf', text: '#1f1f1f' };
/** Neutral people with a non-supporter kind lean to the opposition: an amber border. */
export const NON_SUPPORTER_BORDER = '#d48806';

export const LINK_STYLES = {
  reports_to: { stroke: '#595959', dash: undefined as string | undefined },
  hidden: { stroke: '#d46b08', dash: '2 5' },
  influences: { stroke: '#722ed1', dash: '7 5' },
};

export function nodeColors(p: Pick<Stakeholder, 'attitude' | 'attitudeKind'>) {
  if (!p.attitude) return HIDDEN_COLORS;
  const c = ATTITUDE_COLORS[p.attitude];
  return p.attitudeKind && p.attitude === 'neutral' ? { ...c, border: NON_SUPPORTER_BORDER } : c;
}

export const NODE_MIN_WIDTH = 168;
export const NODE_WIDTH_STEP = 10;
export const NODE_MIN_HEIGHT = 92;
export const NODE_HEIGHT_STEP = 3;

/**
 * Width and height of a node: influence 1 → 168 × 92, each step adds 10 × 3, so influence 10 is
 * 258 × 119. Hidden influence (null) gets the influence-5 size, which says nothing about it.
 */
export function nodeSize(influence: number | null): { width: number; height: number } {
  const i = Math.min(10, Math.max(1, influence ?? 5)) - 1;
  return { width: NODE_MIN_WIDTH + i * NODE_WIDTH_STEP, height: NODE_MIN_HEIGHT + i * NODE_HEIGHT_STEP };
}

/** Whether the non-supporter kind may be set for this attitude (the server's rule). */
export const kindAllowed = (a: Attitude | null | undefined) => a === 'neutral' || a === 'opponent';

/** People whose name or title contains the query (case-insensitive), at most `limit`. */
export function searchPeople<P extends Pick<Stakeholder, 'name' | 'title'>>(people: readonly P[], query: string, limit = 20): P[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: P[] = [];
  for (const p of people) {
    if (p.name.toLowerCase().includes(q) || (p.title ?? '').toLowerCase().includes(q)) out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}

/** The translation key and names of a link: "A 汇报给 B", its hidden variant, or "A 影响 B". */
export function linkTextKey(link: Pick<StakeholderLink, 'kind' | 'hidden'>): 'reports_to' | 'reports_to_hidden' | 'influences' {
  if (link.kind === 'influences') return 'influences';
  return link.hidden ? 'reports_to_hidden' : 'reports_to';
}

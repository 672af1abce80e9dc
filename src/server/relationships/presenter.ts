// Stakeholders, links and the relationship map as the API shows them. Assessments (attitude,
// its kind, influence, relationship level, personal needs, interests) and the measures built
// from them leave the server only for those allowed to see them (canSeeStakeholderAssessments).
import type { MapLinkJson, MapPersonJson } from './repository.js';
import type { Measures } from './rules/measures.js';

export function presentStakeholder(p: MapPersonJson, assessments: boolean) {
  return {
    id: p.id,
    accountId: p.accountId,
    opportunityId: p.opportunityId,
    contactId: p.contactId,
    name: p.name,
    title: p.title,
    buyingRole: p.buyingRole,
    attitude: assessments ? p.attitude : null,
    attitudeKind: assessments ? p.attitudeKind : null,
    influence: assessments ? p.influence : null,
    relationshipLevel: assessments ? p.relationshipLevel : null,
    personalNeeds: assessments ? p.personalNeeds : null,
    interests: assessments ? p.interests : null,
    lastContactDate: p.lastContactDate,
    coveredBy: p.coveredBy,
    assessmentsHidden: !assessments,
    version: p.version,
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

export function presentLink(l: MapLinkJson | { id: number; from_id: number; to_id: number; kind: 'reports_to' | 'influences'; hidden: boolean; note: string | null; version: number }) {
  if ('fromId' in l) return { id: l.id, fromId: l.fromId, toId: l.toId, kind: l.kind, hidden: l.hidden, note: l.note, version: l.version };
  return { id: l.id, fromId: l.from_id, toId: l.to_id, kind: l.kind, hidden: l.hidden, note: l.note, version: l.version };
}

export function presentMeasures(m: Measures) {
  return {
    stakeholders: m.stakeholders,
    supportCoverage: m.supportCoverage,
    opposition: m.opposition,
    coachPresent: m.coachPresent,
    decisionMaker: m.decisionMaker,
    decisionMakerContacted: m.decisionMakerContacted,
    staleAfterDays: m.staleAfterDays,
    staleIds: m.staleIds,
  };
}

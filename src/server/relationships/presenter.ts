// Stakeholders and links as the API shows them. Assessments (attitude, its kind, influence,
// relationship level, personal needs, interests) leave the server only for those allowed to see
// them (canSeeStakeholderAssessments). The relationship map applies the same hiding in SQL
// (map-document.ts); its tests hold its people equal to these.
import type { MapPersonJson } from './repository.js';

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

export function presentLink(l: { id: number; from_id: number; to_id: number; kind: 'reports_to' | 'influences'; hidden: boolean; note: string | null; version: number }) {
  return { id: l.id, fromId: l.from_id, toId: l.to_id, kind: l.kind, hidden: l.hidden, note: l.note, version: l.version };
}

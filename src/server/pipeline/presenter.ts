// Opportunities and their parts as the API shows them: camelCase, ISO timestamps, decimal strings.
import type { OpportunityRow, OpportunityStatus } from '../db/schema.js';
import type { COMPETITOR_OUTCOMES, INFO_STATUSES } from './schemas.js';

type OppRow = OpportunityRow & { account_name: string; owner_name: string | null; stage_probability: number };
const iso = (d: Date | string) => new Date(d).toISOString();

export function presentOpportunity(r: OppRow, canEdit: boolean) {
  return {
    id: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    name: r.name,
    amount: r.amount,
    currency: r.currency,
    expectedCloseDate: r.expected_close_date,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    stage: r.stage,
    maxStage: r.max_stage,
    /** The opportunity's own probability (percent) when set, else its stage's. */
    probability: r.probability ?? r.stage_probability,
    probabilityOverridden: r.probability !== null,
    products: r.products,
    status: r.status,
    lostReason: r.lost_reason,
    winningCompetitor: r.winning_competitor,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    stageEnteredAt: iso(r.stage_entered_at),
    milestones: r.milestones as Record<string, string[]>,
    externalRef: r.external_ref,
    source: r.source,
    notes: r.notes,
    canEdit,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function presentHistory(h: { id: number; from_stage: number | null; to_stage: number; to_status: OpportunityStatus; at: Date; by_id: number | null; by_name: string | null; overridden: boolean; reason: string | null; unmet: string[] }) {
  return { id: h.id, fromStage: h.from_stage, toStage: h.to_stage, toStatus: h.to_status, at: iso(h.at), byId: h.by_id, byName: h.by_name, overridden: h.overridden, reason: h.reason, unmet: h.unmet };
}

export function presentStage(s: { stage: number; key: string; name_zh: string; name_en: string; probability: number; won: boolean; exit_criteria: unknown; updated_at: Date; version: number }) {
  return { stage: s.stage, key: s.key, nameZh: s.name_zh, nameEn: s.name_en, probability: s.probability, won: s.won, exitCriteria: s.exit_criteria as { key: string; label: string }[], updatedAt: iso(s.updated_at), version: s.version };
}

export function presentCompetitor(c: { id: number; opportunity_id: number; name: string; strengths: string | null; weaknesses: string | null; threat: number; outcome: (typeof COMPETITOR_OUTCOMES)[number]; version: number; updated_at: Date }) {
  return { id: c.id, opportunityId: c.opportunity_id, name: c.name, strengths: c.strengths, weaknesses: c.weaknesses, threat: c.threat, outcome: c.outcome, version: c.version, updatedAt: iso(c.updated_at) };
}

/** The nine information points (九个信息点), each present even before it is first written (version 0). */
export const INFO_POINTS: readonly { point: number; key: string; labelZh: string }[] = [
  { point: 1, key: 'steps_difficulties', labelZh: '项目推进步骤与关键难点' },
  { point: 2, key: 'procurement', labelZh: '客户采购流程与优先事项' },
  { point: 3, key: 'organisation_support', labelZh: '客户组织结构与我方支持度' },
  { point: 4, key: 'decision_structure', labelZh: '决策结构与每个人的影响力' },
  { point: 5, key: 'funds_credit', labelZh: '客户资金与信用' },
  { point: 6, key: 'why_and_needs', labelZh: '项目缘由与每个人的真实需求' },
  { point: 7, key: 'resources', labelZh: '双方资源' },
  { point: 8, key: 'competitors', labelZh: '竞争对手' },
  { point: 9, key: 'success_factors', labelZh: '关键成功因素（重点跟踪前三项）' },
];

export function presentInfoPoints(rows: { point: number; status: (typeof INFO_STATUSES)[number]; notes: string | null; updated_at: Date; updated_by_name: string | null; version: number }[]) {
  const by = new Map(rows.map((r) => [r.point, r]));
  return INFO_POINTS.map((p) => {
    const r = by.get(p.point);
    return { point: p.point, key: p.key, labelZh: p.labelZh, status: r?.status ?? ('unknown' as const), notes: r?.notes ?? null, updatedAt: r ? iso(r.updated_at) : null, updatedBy: r?.updated_by_name ?? null, version: r?.version ?? 0 };
  });
}

// Shapes account rows for the API (camelCase, ISO dates, decimal strings, permissions).
import type { AccountRow, Classification, LifecycleStatus, Segment } from '../db/schema.js';
import {
  canAssignAccount,
  canDeleteAccount,
  canEditAccount,
  canManageAccountTeam,
  canSeeContactPii,
  type AccountRelation,
  type Actor,
} from '../auth/rules/permissions.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const ref = (id: number | null, name: string | null | undefined) => (id === null ? null : { id, displayName: name ?? '' });

export function presentAccount(
  row: AccountRow & { owner_name: string | null; sponsor_name: string | null; parent_name: string | null },
  actor: Actor,
  rel: AccountRelation,
) {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    creditCode: row.credit_code,
    externalCode: row.external_code,
    industry: row.industry,
    region: row.region,
    employees: row.employees,
    annualRevenue: row.annual_revenue,
    website: row.website,
    address: row.address,
    classifications: row.classifications,
    segment: row.segment,
    parentId: row.parent_id,
    parent: row.parent_id === null ? null : { id: row.parent_id, name: row.parent_name ?? '' },
    lifecycleStatus: row.lifecycle_status,
    lifecycleReason: row.lifecycle_reason,
    ownerId: row.owner_id,
    owner: ref(row.owner_id, row.owner_name),
    sponsorId: row.sponsor_id,
    sponsor: ref(row.sponsor_id, row.sponsor_name),
    needsAnalysis: {
      businessSituation: row.business_situation,
      technologyGoals: row.technology_goals,
      productsInUse: row.products_in_use,
      decisionProcess: row.decision_process,
    },
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    permissions: {
      edit: canEditAccount(actor, rel),
      delete: canDeleteAccount(actor, rel),
      assign: canAssignAccount(actor),
      manageTeam: canManageAccountTeam(actor, rel),
      seePii: canSeeContactPii(actor, rel),
    },
  };
}
export type AccountDto = ReturnType<typeof presentAccount>;

export function presentAccountListItem(row: {
  id: number;
  name: string;
  short_name: string | null;
  credit_code: string | null;
  industry: string | null;
  region: string | null;
  classifications: Classification[];
  segment: Segment | null;
  lifecycle_status: LifecycleStatus;
  owner_id: number | null;
  owner_name: string | null;
  parent_id: number | null;
  annual_revenue: string | null;
  employees: number | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}) {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    creditCode: row.credit_code,
    industry: row.industry,
    region: row.region,
    classifications: row.classifications,
    segment: row.segment,
    lifecycleStatus: row.lifecycle_status,
    ownerId: row.owner_id,
    owner: ref(row.owner_id, row.owner_name),
    parentId: row.parent_id,
    annualRevenue: row.annual_revenue,
    employees: row.employees,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

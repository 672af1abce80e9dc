// The answers of the customer-archive API (accounts, their team, hierarchy, timeline and needs) as
// zod schemas: the routes declare them (OpenAPI, the serialiser) and the web app's types are held
// to them at compile time (src/web/api/server-contract.ts). Only zod and the role names here.
import { z } from 'zod';
import { userRef } from '../http/schemas.js';
import { ROLES, type Role } from '../db/schema.js';

export const CLASSIFICATIONS = ['economic', 'important', 'group', 'strategic'] as const;
export const LIFECYCLE_STATUSES = ['prospect', 'active', 'dormant', 'lost'] as const;
export const SEGMENTS = ['industry', 'region', 'potential'] as const;
export const TEAM_MEMBER_ROLES = ['sales', 'technical', 'service', 'finance', 'delivery'] as const;
export const NEED_KINDS = ['explicit', 'implicit'] as const;
export const NEED_STATUSES = ['open', 'met', 'dropped'] as const;

export const accountRefOut = z.object({ id: z.number(), name: z.string() });

export const accountOut = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string().nullable(),
  creditCode: z.string().nullable(),
  externalCode: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  employees: z.number().nullable(),
  annualRevenue: z.string().nullable(),
  website: z.string().nullable(),
  address: z.string().nullable(),
  classifications: z.array(z.enum(CLASSIFICATIONS)),
  segment: z.enum(SEGMENTS).nullable(),
  parentId: z.number().nullable(),
  parent: accountRefOut.nullable(),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES),
  lifecycleReason: z.string().nullable(),
  ownerId: z.number().nullable(),
  owner: userRef,
  sponsorId: z.number().nullable(),
  sponsor: userRef,
  needsAnalysis: z.object({
    businessSituation: z.string().nullable(),
    technologyGoals: z.string().nullable(),
    productsInUse: z.string().nullable(),
    decisionProcess: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  permissions: z.object({ edit: z.boolean(), delete: z.boolean(), assign: z.boolean(), manageTeam: z.boolean(), seePii: z.boolean() }),
});

/** An account as the list answers it: the list's columns, no team, needs analysis or permissions. */
export const accountListItemOut = accountOut.pick({
  id: true, name: true, shortName: true, creditCode: true, industry: true, region: true, classifications: true, segment: true,
  lifecycleStatus: true, ownerId: true, owner: true, parentId: true, annualRevenue: true, employees: true, createdAt: true,
  updatedAt: true, version: true,
});

export const accountPageOut = z.object({ items: z.array(accountListItemOut), nextCursor: z.string().nullable() });

export const accountCreatedOut = z.object({ account: accountOut, warnings: z.object({ possibleDuplicates: z.array(accountRefOut) }) });

export const teamOut = z.object({
  owner: userRef,
  sponsor: userRef,
  members: z.array(z.object({ user: z.object({ id: z.number(), displayName: z.string(), role: z.enum(ROLES as [Role, ...Role[]]) }), role: z.enum(TEAM_MEMBER_ROLES) })),
});

export const hierarchyOut = z.object({
  ancestors: z.array(accountRefOut),
  children: z.array(accountRefOut.extend({ lifecycleStatus: z.enum(LIFECYCLE_STATUSES) })),
});

export const timelineEventOut = z.object({
  id: z.number(),
  occurredAt: z.string(),
  kind: z.string(),
  summary: z.string(),
  actor: userRef,
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const timelinePageOut = z.object({ items: z.array(timelineEventOut), nextCursor: z.string().nullable() });

export const needOut = z.object({
  id: z.number(),
  accountId: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.enum(NEED_KINDS),
  status: z.enum(NEED_STATUSES),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

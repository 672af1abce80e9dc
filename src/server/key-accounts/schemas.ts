// The answers of the key-account program API as zod schemas: the routes declare them (OpenAPI,
// the serialiser) and the web app's types are held to them at compile time
// (src/web/api/server-contract.ts). Only zod and pure rules' constants here.
import { z } from 'zod';
import { userRef } from '../http/schemas.js';
import { TIER_KEYS } from '../tiering/rules/model.js';
import { CELL_STATUSES } from './rules/whitespace.js';

const tierKey = z.enum(TIER_KEYS);
const sizeWarning = z.enum(['below', 'above']).nullable();
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
const cellOut = z.object({ businessUnit: z.string(), productLine: z.string(), status: z.enum(CELL_STATUSES), note: z.string().nullable().optional() });

export const programOut = z.object({
  minSize: z.number(),
  maxSize: z.number(),
  criteriaTiers: z.array(tierKey),
  minGrossProfit: z.string().nullable(),
  anyClassifications: z.array(z.string()),
  criteriaText: z.string(),
  productLines: z.array(z.string()),
  champion: userRef,
  size: z.number(),
  sizeWarning,
  updatedAt: z.string().nullable(),
  version: z.number(),
});

export const programAccountOut = z.object({
  accountId: z.number(),
  name: z.string(),
  lifecycleStatus: z.string(),
  tier: tierKey.nullable(),
  overridden: z.boolean(),
  score: z.string().nullable(),
  revenue: z.string().nullable(),
  grossProfit: z.string().nullable(),
  owner: userRef,
  sponsor: userRef,
  isKeyAccount: z.boolean(),
  designatedAt: z.string().nullable(),
  reason: z.string().nullable(),
  meetsCriteria: z.boolean(),
  unmet: z.array(z.enum(['tier', 'gross_profit', 'classification', 'lifecycle'])),
});

export const decisionOut = z.object({ accountId: z.number(), metCriteria: z.boolean(), size: z.number(), sizeWarning });

export const actionOut = z.object({
  id: z.number(),
  planId: z.number(),
  title: z.string(),
  owner: userRef,
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  version: z.number(),
  updatedAt: z.string(),
});

export const planOut = z.object({
  id: z.number(),
  accountId: z.number(),
  year: z.number(),
  objectives: z.string(),
  strategies: z.string(),
  risks: z.string(),
  actions: z.array(actionOut),
  canEdit: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});

export const whitespaceOut = z.object({
  accountId: z.number(),
  productLines: z.array(z.string()),
  businessUnits: z.array(z.string()),
  cells: z.array(cellOut),
  summary: z.object({ total: z.number(), counts: z.record(z.enum(CELL_STATUSES), z.number()), inUseShare: z.number() }),
  canEdit: z.boolean(),
  version: z.number().nullable(),
});

export const keyAccountListOut = z.object({ items: z.array(programAccountOut), size: z.number(), minSize: z.number(), maxSize: z.number(), sizeWarning });

export const reviewOut = z.object({
  criteria: z.object({ tiers: z.array(tierKey), minGrossProfit: z.string().nullable(), anyClassifications: z.array(z.string()), text: z.string() }),
  candidates: z.array(programAccountOut),
  candidateCount: z.number(),
  failing: z.array(programAccountOut),
});

export const capacityOut = z.object({
  accountsPerManager: z.record(tierKey, z.number()),
  managers: z.array(z.object({ userId: z.number(), displayName: z.string(), byTier: z.record(tierKey, z.number()), total: z.number(), load: z.number(), over: z.boolean() })),
});

export const accountKeyStatusOut = programAccountOut.extend({
  decisions: z.array(z.object({ id: z.number(), action: z.enum(['designate', 'remove']), reason: z.string(), metCriteria: z.boolean(), decidedAt: z.string(), decidedBy: userRef })),
});

export const planYearsOut = z.object({ items: z.array(z.object({ id: z.number(), year: z.number(), actions: z.number(), updatedAt: z.string() })), canEdit: z.boolean() });

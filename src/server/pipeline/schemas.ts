// The answers of the pipeline API as zod schemas: the routes declare them (OpenAPI, the
// serialiser) and the web app's types are held to them at compile time
// (src/web/api/server-contract.ts). Only zod here, so the web's type-check can read this file.
import { z } from 'zod';

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export const INFO_STATUSES = ['unknown', 'partial', 'known'] as const;
export const COMPETITOR_OUTCOMES = ['pending', 'won', 'lost'] as const;

export const historyOut = z.object({ id: z.number(), fromStage: z.number().nullable(), toStage: z.number(), toStatus: z.enum(OPPORTUNITY_STATUSES), at: z.string(), byId: z.number().nullable(), byName: z.string().nullable(), overridden: z.boolean(), reason: z.string().nullable(), unmet: z.array(z.string()) });
export const opportunityOut = z.object({
  id: z.number(),
  accountId: z.number(),
  accountName: z.string(),
  name: z.string(),
  amount: z.string(),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  stage: z.number(),
  maxStage: z.number(),
  probability: z.number(),
  probabilityOverridden: z.boolean(),
  products: z.array(z.string()),
  status: z.enum(OPPORTUNITY_STATUSES),
  lostReason: z.string().nullable(),
  winningCompetitor: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  stageEnteredAt: z.string(),
  milestones: z.record(z.string(), z.array(z.string())),
  externalRef: z.string().nullable(),
  source: z.string(),
  notes: z.string().nullable(),
  canEdit: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const opportunityDetailOut = opportunityOut.extend({ history: z.array(historyOut) });
export const stageOut = z.object({ stage: z.number(), key: z.string(), nameZh: z.string(), nameEn: z.string(), probability: z.number(), won: z.boolean(), exitCriteria: z.array(z.object({ key: z.string(), label: z.string() })), updatedAt: z.string(), version: z.number() });
export const infoPointOut = z.object({ point: z.number(), key: z.string(), labelZh: z.string(), status: z.enum(INFO_STATUSES), notes: z.string().nullable(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable(), version: z.number() });
export const competitorOut = z.object({ id: z.number(), opportunityId: z.number(), name: z.string(), strengths: z.string().nullable(), weaknesses: z.string().nullable(), threat: z.number(), outcome: z.enum(COMPETITOR_OUTCOMES), version: z.number(), updatedAt: z.string() });
export const bucketOut = z.object({ key: z.string(), count: z.number(), amount: z.string(), weighted: z.string() });
export const splitOut = z.object({ owner: z.array(bucketOut.extend({ period: z.string() })), tier: z.array(bucketOut.extend({ period: z.string() })) });

export const forecastOut = z.object({
  total: bucketOut,
  byMonth: z.array(bucketOut),
  byQuarter: z.array(bucketOut),
  byOwner: z.array(bucketOut.extend({ name: z.string().nullable() })),
  byTier: z.array(bucketOut),
  split: z.object({ month: splitOut, quarter: splitOut }),
  tiersAvailable: z.boolean(),
});

export const winRateOut = z.object({ won: z.number(), lost: z.number(), rate: z.number().nullable() });

export const metricsOut = z.object({
  winRate: winRateOut,
  won: z.number(),
  lost: z.number(),
  open: z.number(),
  wonValue: z.string(),
  openValue: z.string(),
  cycleTime: z.object({ count: z.number(), meanDays: z.number().nullable(), medianDays: z.number().nullable() }),
});

export const competitorRecordOut = z.object({
  name: z.string(),
  opportunities: z.number(),
  winRate: winRateOut,
  pending: z.number(),
  averageThreat: z.string().nullable(),
  lostDealsTo: z.number(),
});

export const funnelStepOut = z.object({ stage: z.number(), reached: z.number(), conversion: z.number().nullable() });

export const stalledOut = opportunityOut.extend({ daysInStage: z.number() });

// The answers of the tiering API as zod schemas: the routes declare them (OpenAPI, the serialiser)
// and the web app's types are held to them at compile time (src/web/api/server-contract.ts).
// Only zod and the pure tier keys here, so the web's type-check can read this file.
import { z } from 'zod';
import { TIER_KEYS } from './rules/model.js';

export const tierKeyEnum = z.enum(TIER_KEYS);

export const modelOut = z.object({
  id: z.number(),
  versionNo: z.number(),
  name: z.string(),
  status: z.enum(['draft', 'published', 'retired']),
  criteria: z.array(z.object({ criterion: z.string(), weight: z.string() })),
  windowMonths: z.number(),
  normalisation: z.literal('percentileRank'),
  tierRule: z.enum(['shares', 'thresholds']),
  shares: z.array(z.string()),
  thresholds: z.array(z.string()),
  tierNames: z.array(z.string()),
  consolidateGroups: z.boolean(),
  basedOnId: z.number().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number(),
});
export const tierOut = z.object({ tier: tierKeyEnum, tierName: z.string(), accounts: z.number(), revenue: z.string(), grossProfit: z.string(), insufficientData: z.number(), overridden: z.number().optional() });
export const snapshotOut = z.object({
  id: z.number(),
  label: z.string(),
  kind: z.string(),
  asOf: z.string(),
  modelId: z.number().nullable(),
  modelVersion: z.number().nullable(),
  accounts: z.number(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.number(), displayName: z.string() }).nullable(),
});
export const snapshotDetail = snapshotOut.extend({ tiers: z.array(tierOut) });
export const mover = z.object({ accountId: z.number(), accountName: z.string().nullable(), from: tierKeyEnum, to: tierKeyEnum });
export const paretoFigure = z.object({ accounts: z.number(), top: z.number(), total: z.string(), topSum: z.string(), topShare: z.string().nullable(), curve: z.array(z.object({ customers: z.number(), share: z.string().nullable() })) });
export const userRef = z.object({ id: z.number(), displayName: z.string() }).nullable();
export const explanationOut = z.object({
  accountId: z.number(),
  accountName: z.string(),
  tier: tierKeyEnum.nullable(),
  tierName: z.string().nullable(),
  computed: z
    .object({
      tier: tierKeyEnum,
      tierName: z.string(),
      score: z.string().nullable(),
      insufficientData: z.boolean(),
      computedAt: z.string().nullable(),
      asOf: z.string().nullable(),
      window: z.object({ after: z.string().nullable(), through: z.string().nullable() }),
      modelId: z.number(),
      modelVersion: z.number(),
      tierRule: z.enum(['shares', 'thresholds']),
      scoredAccounts: z.number().nullable(),
      cutoff: z.string().nullable(),
      revenue: z.string().nullable(),
      grossProfit: z.string().nullable(),
      criteria: z.array(z.object({ criterion: z.string(), raw: z.string().nullable(), percentile: z.string().nullable(), weight: z.string(), contribution: z.string().nullable() })),
    })
    .nullable(),
  override: z.object({ tier: tierKeyEnum, tierName: z.string(), reason: z.string(), setAt: z.string().nullable(), setBy: userRef }).nullable(),
  ratings: z.array(z.object({ criterion: z.string(), rating: z.number(), ratedAt: z.string().nullable(), ratedBy: userRef })),
  canOverride: z.boolean(),
  canRate: z.boolean(),
});
export const entitlementOut = z.object({
  tier: tierKeyEnum,
  tierName: z.string(),
  responseHours: z.number(),
  resolutionHours: z.number(),
  managerVisitsPerYear: z.number(),
  sponsorVisitsPerYear: z.number(),
  accountsPerManager: z.number(),
  dedicatedManager: z.boolean(),
  sponsorRequired: z.boolean(),
  discountCeiling: z.string(),
  benefits: z.array(z.string()),
  updatedAt: z.string(),
  version: z.number(),
});
export const runOut = z.object({ runId: z.number(), modelId: z.number(), modelVersion: z.number(), asOf: z.string(), accounts: z.number(), scored: z.number(), changed: z.number(), ms: z.number(), computedAt: z.string() });

export const pyramidOut = z.object({ scope: z.enum(['all', 'yours']), lastRecompute: runOut.omit({ runId: true }).extend({ runId: z.number(), modelName: z.string() }).nullable(), tiers: z.array(tierOut) });
export const paretoOut = z.object({ topPercent: z.number(), revenue: paretoFigure, grossProfit: paretoFigure });

export const migrationOut = z.object({
  from: snapshotDetail,
  to: snapshotDetail,
  matrix: z.array(z.array(z.number())),
  newIn: z.array(z.number()),
  goneFrom: z.array(z.number()),
  stayed: z.number(),
  upCount: z.number(),
  downCount: z.number(),
  up: z.array(mover),
  down: z.array(mover),
});

export const whatIfOut = z.object({
  modelId: z.number(),
  modelVersion: z.number(),
  asOf: z.string(),
  matrix: z.array(z.array(z.number())),
  newIn: z.array(z.number()),
  moved: z.number(),
  movers: z.array(z.object({ accountId: z.number(), accountName: z.string(), from: tierKeyEnum.nullable(), to: tierKeyEnum, score: z.string().nullable() })),
  moversTruncated: z.boolean(),
});

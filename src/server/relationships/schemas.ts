// The answers of the decision-chain API as zod schemas: the routes declare them (OpenAPI, the
// serialiser), the map-document tests parse SQL's JSON with them, and the web app's types are
// held to them at compile time (src/web/api/server-contract.ts). Only zod here, so the web's
// type-check can read this file.
import { z } from 'zod';

export const BUYING_ROLES = ['decision_maker', 'technical_evaluator', 'user', 'influencer', 'gatekeeper'] as const;
export const ATTITUDES = ['coach', 'ally', 'supporter', 'neutral', 'opponent'] as const;
export const ATTITUDE_KINDS = ['skeptic', 'misunderstanding', 'regressor'] as const;
export const LINK_KINDS = ['reports_to', 'influences'] as const;

export const userRefOut = z.object({ id: z.number(), name: z.string() });

export const stakeholderOut = z.object({
  id: z.number(),
  accountId: z.number(),
  opportunityId: z.number().nullable(),
  contactId: z.number().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  buyingRole: z.enum(BUYING_ROLES).nullable(),
  // null when the caller may not see assessments
  attitude: z.enum(ATTITUDES).nullable(),
  attitudeKind: z.enum(ATTITUDE_KINDS).nullable(),
  influence: z.number().nullable(),
  relationshipLevel: z.number().nullable(),
  personalNeeds: z.string().nullable(),
  interests: z.string().nullable(),
  lastContactDate: z.string().nullable(),
  coveredBy: z.array(userRefOut),
  assessmentsHidden: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});

export const linkOut = z.object({ id: z.number(), fromId: z.number(), toId: z.number(), kind: z.enum(LINK_KINDS), hidden: z.boolean(), note: z.string().nullable(), version: z.number() });

export const fractionOut = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });

export const measuresOut = z.object({
  stakeholders: z.number(),
  supportCoverage: fractionOut,
  opposition: fractionOut,
  coachPresent: z.boolean(),
  decisionMaker: z.object({ id: z.number(), name: z.string(), lastContactDate: z.string().nullable(), daysSinceContact: z.number().nullable() }).nullable(),
  decisionMakerContacted: z.boolean(),
  staleAfterDays: z.number(),
  staleIds: z.array(z.number()),
});

/** One entry of the measures' history (stakeholder_measures), newest first in the map. */
export const measureRecordOut = z.object({
  id: z.number(),
  measuredAt: z.string(),
  stakeholders: z.number(),
  totalInfluence: z.number(),
  supportInfluence: z.number(),
  oppositionInfluence: z.number(),
  coachPresent: z.boolean(),
  decisionMakerContacted: z.boolean(),
  stale: z.number(),
  staleAfterDays: z.number(),
  trigger: z.enum(['change', 'sweep']),
});

export const mapOut = z.object({
  accountId: z.number(),
  accountName: z.string(),
  opportunityId: z.number().nullable(),
  tier: z.number().nullable(),
  assessmentsHidden: z.boolean(),
  canEdit: z.boolean(),
  nodes: z.array(stakeholderOut),
  links: z.array(linkOut),
  measures: measuresOut.nullable(),
  history: z.array(measureRecordOut),
});

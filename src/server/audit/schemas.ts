// The answers of the audit trail and the recycle bin as zod schemas: the routes declare them
// (OpenAPI, the serialiser) and the web app's types are held to them at compile time
// (src/web/api/server-contract.ts). Only zod here.
import { z } from 'zod';
import { userRef } from '../http/schemas.js';


export const auditEntryOut = z.object({
  id: z.number(),
  at: z.string(),
  actor: userRef,
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

export const auditPageOut = z.object({ items: z.array(auditEntryOut), nextCursor: z.string().nullable() });

export const recycleBinItemOut = z.object({
  id: z.number(),
  entity: z.string(),
  entityId: z.string(),
  label: z.string(),
  accountId: z.number().nullable(),
  deletedAt: z.string(),
  deletedBy: userRef,
});

export const recycleBinPageOut = z.object({ items: z.array(recycleBinItemOut), nextCursor: z.string().nullable() });

// The answers of the import-jobs API (jobs with their preview and report, saved mappings) as zod
// schemas: the routes declare them (OpenAPI, the serialiser) and the web app's types are held to
// them at compile time (src/web/api/server-contract.ts). Only zod here.
import { z } from 'zod';
import { userRef as ref } from '../http/schemas.js';

/** The registry's entities by name (registry.ts; a unit test holds the two equal). */
export const IMPORT_ENTITY_NAMES = ['accounts', 'contacts', 'orders', 'payments', 'opportunities', 'stakeholders'] as const;
const entity = z.enum(IMPORT_ENTITY_NAMES);

export const issueOut = z.object({ row: z.number().nullable(), column: z.string().nullable(), field: z.string().nullable(), code: z.string(), reason: z.string() });
export const fieldOut = z.object({ name: z.string(), required: z.boolean(), type: z.string(), label: z.object({ zh: z.string(), en: z.string() }), aliases: z.array(z.string()) });
export const previewOut = z.object({
  entity: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  headerRow: z.number(),
  header: z.array(z.string()),
  rows: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })),
  suggested: z.array(z.string().nullable()),
  headerIssues: z.array(z.object({ code: z.string(), reason: z.string() })),
  fields: z.array(fieldOut),
  rowsEstimated: z.number().nullable(),
});
export const summaryOut = z
  .object({
    entity: z.string(),
    file: z.string(),
    format: z.string(),
    mode: z.enum(['all-or-nothing', 'skip-invalid']),
    dryRun: z.boolean(),
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    rejected: z.number(),
    accountsCreated: z.number(),
    extra: z.record(z.string(), z.number()),
    committed: z.boolean(),
    ignoredColumns: z.array(z.string()),
    issueCount: z.number(),
    rejectedFile: z.string().nullable(),
    ms: z.number(),
  })
  .loose();
export const optionsOut = z.object({
  mapping: z.record(z.string(), z.string().nullable()).optional(),
  dryRun: z.boolean().optional(),
  skipInvalid: z.boolean().optional(),
  createMissing: z.boolean().optional(),
  mappingName: z.string().nullable().optional(),
});
export const jobOut = z.object({
  id: z.number(),
  entity,
  fileName: z.string(),
  sizeBytes: z.number(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['uploaded', 'queued', 'running', 'succeeded', 'failed', 'cancelled']),
  options: optionsOut,
  rowsProcessed: z.number(),
  rowsEstimated: z.number().nullable(),
  percent: z.number().nullable().describe('0–100 from rows done of the estimate; null when the file gives no estimate (XLSX)'),
  canRun: z.boolean(),
  fileKept: z.boolean(),
  createdBy: ref,
  createdAt: z.string(),
  queuedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
  summary: summaryOut.nullable(),
  issues: z.array(issueOut).optional(),
  preview: previewOut.optional(),
  version: z.number(),
});
export const mappingOut = z.object({
  id: z.number(),
  entity,
  name: z.string(),
  columns: z.record(z.string(), z.string().nullable()),
  createdBy: ref,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

export const jobPageOut = z.object({ items: z.array(jobOut), nextCursor: z.string().nullable(), maxUploadBytes: z.number() });

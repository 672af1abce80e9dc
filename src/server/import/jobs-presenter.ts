// Import jobs and saved mappings as the API shows them.
import type { ImportJobRow, ImportMappingRow } from './jobs-repository.js';
import type { ImportPreview } from './preview.js';
import type { ImportReport } from './report.js';
import { progressPercent } from './rules/estimate.js';
import type { IMPORT_ENTITY_NAMES } from './schemas.js';

/** Jobs and mappings are only ever made for an entity of the registry (checked on upload and save). */
const entityName = (e: string) => e as (typeof IMPORT_ENTITY_NAMES)[number];

export interface JobOptions {
  mapping: Record<string, string | null>;
  dryRun: boolean;
  skipInvalid: boolean;
  createMissing: boolean;
  mappingName?: string | null | undefined;
}

export interface JobError {
  code: string;
  message: string;
  details?: unknown;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Whether the job may be run (again): not waiting or running, and nothing was committed yet. */
export function canRunJob(row: Pick<ImportJobRow, 'status' | 'report' | 'stored_path'>): boolean {
  if (row.stored_path === '') return false;
  if (row.status === 'queued' || row.status === 'running') return false;
  const report = row.report as ImportReport | null;
  return !(row.status === 'succeeded' && report?.committed);
}

export function presentJob(row: ImportJobRow, creators: Map<number, string>, opts: { detail: boolean }) {
  const report = row.report as ImportReport | null;
  const finished = row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled';
  const { issues, ...summary } = report ?? ({ issues: [] } as unknown as ImportReport);
  return {
    id: row.id,
    entity: entityName(row.entity),
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    format: row.format,
    status: row.status,
    options: (row.options ?? {}) as Partial<JobOptions>,
    rowsProcessed: row.rows_processed,
    rowsEstimated: row.rows_estimated,
    percent: row.status === 'uploaded' || row.status === 'queued' ? 0 : progressPercent(row.rows_processed, row.rows_estimated, finished),
    canRun: canRunJob(row),
    fileKept: row.stored_path !== '',
    createdBy: row.created_by === null ? null : { id: row.created_by, displayName: creators.get(row.created_by) ?? '' },
    createdAt: iso(row.created_at)!,
    queuedAt: iso(row.queued_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: (row.error ?? null) as JobError | null,
    summary: report ? { ...summary, file: row.file_name, rejectedFile: summary.rejectedFile ? 'kept' : null } : null,
    issues: opts.detail && report ? issues : undefined,
    preview: opts.detail ? (row.preview as ImportPreview) : undefined,
    version: row.version,
  };
}

export function presentMapping(row: ImportMappingRow, creators: Map<number, string>) {
  return {
    id: row.id,
    entity: entityName(row.entity),
    name: row.name,
    columns: row.columns as Record<string, string | null>,
    createdBy: row.created_by === null ? null : { id: row.created_by, displayName: creators.get(row.created_by) ?? '' },
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
  };
}

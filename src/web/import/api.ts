// 数据导入 over /api/v1/imports and /api/v1/import-mappings: upload (multipart) → preview →
// run (check = dry run, or import) → the job polled while it is queued or running.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id, UserRef } from '../api/types';

export const IMPORT_ENTITIES = ['accounts', 'contacts', 'orders', 'payments', 'opportunities', 'stakeholders'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];
export type JobStatus = 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type ColumnMapping = Record<string, string | null>;

export interface PreviewField {
  name: string;
  required: boolean;
  type: string;
  label: { zh: string; en: string };
  aliases: string[];
}

export interface ImportPreview {
  /** The job's entity (job.entity says it typed). */
  entity: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  headerRow: number;
  header: string[];
  rows: { row: number; cells: string[] }[];
  suggested: (string | null)[];
  headerIssues: { code: string; reason: string }[];
  fields: PreviewField[];
  rowsEstimated: number | null;
}

export interface ReportIssue {
  row: number | null;
  column: string | null;
  field: string | null;
  code: string;
  reason: string;
}

export interface ImportSummary {
  file: string;
  mode: 'all-or-nothing' | 'skip-invalid';
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  accountsCreated: number;
  extra: Record<string, number>;
  committed: boolean;
  ignoredColumns: string[];
  issueCount: number;
  ms: number;
}

export interface RunOptions {
  mapping: ColumnMapping;
  dryRun: boolean;
  skipInvalid: boolean;
  createMissing: boolean;
  mappingName?: string | null;
}

export interface ImportJob {
  id: Id;
  entity: ImportEntity;
  fileName: string;
  sizeBytes: number;
  format: 'csv' | 'xlsx';
  status: JobStatus;
  options: Partial<RunOptions>;
  rowsProcessed: number;
  rowsEstimated: number | null;
  percent: number | null;
  canRun: boolean;
  fileKept: boolean;
  createdBy: UserRef | null;
  createdAt: string;
  queuedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: { code: string; message: string; details?: unknown } | null;
  summary: ImportSummary | null;
  issues?: ReportIssue[];
  preview?: ImportPreview;
  version: number;
}

/** GET /api/v1/imports: the newest jobs, and the upload limit the page states. */
export interface ImportJobPage {
  items: ImportJob[];
  nextCursor: string | null;
  maxUploadBytes: number;
}

export interface SavedMapping {
  id: Id;
  entity: ImportEntity;
  name: string;
  columns: ColumnMapping;
  createdBy: UserRef | null;
  version: number;
}

export const isActive = (s: JobStatus | undefined) => s === 'queued' || s === 'running';

export function useImportJobs() {
  return useQuery({
    queryKey: ['imports', 'list'],
    queryFn: ({ signal }) => api.get<ImportJobPage>('/api/v1/imports', { limit: 20 }, signal),
    placeholderData: keepPreviousData,
    // Follow jobs that are still waiting or running.
    refetchInterval: (q) => (q.state.data?.items.some((j) => isActive(j.status)) ? 2000 : false),
  });
}

/** One job; polled every second while it is queued or running. */
export function useImportJob(id: Id | null) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => api.get<ImportJob>(`/api/v1/imports/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (q) => (isActive(q.state.data?.status) ? 1000 : false),
  });
}

export function useUpload() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ entity, file }: { entity: ImportEntity; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ImportJob>('/api/v1/imports', form, { entity });
    },
    onSuccess: (job) => {
      qc.setQueryData(['imports', job.id], job);
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useRunJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, options }: { id: Id; options: RunOptions }) => api.post<ImportJob>(`/api/v1/imports/${id}/run`, options),
    onSuccess: (job) => {
      qc.setQueryData(['imports', job.id], job);
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useDeleteJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.delete(`/api/v1/imports/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['imports'] }),
  });
}

export function useCancelJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.post<ImportJob>(`/api/v1/imports/${id}/cancel`),
    onSuccess: (job) => {
      qc.setQueryData(['imports', job.id], job);
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useSavedMappings(entity: ImportEntity) {
  return useQuery({
    queryKey: ['import-mappings', entity],
    queryFn: ({ signal }) => api.get<{ items: SavedMapping[] }>('/api/v1/import-mappings', { entity }, signal),
  });
}

export function useSaveMapping() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: { entity: ImportEntity; name: string; columns: ColumnMapping; existing?: SavedMapping | undefined }) =>
      m.existing
        ? api.patch<SavedMapping>(`/api/v1/import-mappings/${m.existing.id}`, { version: m.existing.version, columns: m.columns })
        : api.post<SavedMapping>('/api/v1/import-mappings', { entity: m.entity, name: m.name, columns: m.columns }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['import-mappings'] }),
  });
}

export function reportUrl(id: Id, lang: 'zh' | 'en'): string {
  return `/api/v1/imports/${id}/report?format=csv&lang=${lang}`;
}

/** Where the imported records are listed. */
/** Where the imported records are listed (decision-chain people are on their accounts' 决策链 tabs). */
export function listPath(entity: ImportEntity): string {
  return entity === 'orders' ? '/orders' : entity === 'payments' ? '/receivables' : entity === 'opportunities' ? '/opportunities' : '/accounts';
}

// Import jobs for the web app: an upload is stored on disk and previewed, a run queues the job
// for the job runner (runner.ts), which imports it with the import service — the same pipeline
// as `kam import`. Only administrators and directors import (canImport); a director sees their
// own jobs, an administrator everyone's; other jobs answer 404, as if they did not exist.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canImport, type Actor } from '../auth/rules/permissions.js';
import type { ImportConfig } from '../config/index.js';
import type { DB } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { canRunJob, presentJob, type JobOptions } from './jobs-presenter.js';
import { importJobsRepository as repo, type ImportJobRow } from './jobs-repository.js';
import { readPreview, type ImportPreview } from './preview.js';
import type { ImportReport } from './report.js';
import { reportCsv } from './rules/report-csv.js';
import { matchHeaders } from './rules/headers.js';
import { resolveEntity } from './service.js';

export interface UploadInput {
  entity: string;
  fileName: string;
  stream: Readable;
}

export type RunInput = Omit<JobOptions, 'mappingName'> & { mappingName?: string | null | undefined };

export const UPLOAD_TOO_LARGE = 'upload_too_large';

function requireImporter(actor: Actor) {
  if (!canImport(actor)) throw AppError.forbidden('Only an administrator or a director imports data');
}

/** The file's own name, without folders, control characters or excess length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-200);
  return clean || 'upload';
}

class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void) {
    this.bytes += chunk.length;
    if (this.bytes > this.max) return done(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(this.max / 1024 / 1024)} MB`, { code: UPLOAD_TOO_LARGE }));
    done(null, chunk);
  }
}

export function importJobsService(db: Kysely<DB>, clock: Clock, config: ImportConfig) {
  const queuedListeners = new Set<() => void>();

  async function visibleJob(actor: Actor, id: number): Promise<ImportJobRow> {
    requireImporter(actor);
    const row = await repo.get(db, id);
    if (!row || (actor.role !== 'admin' && row.created_by !== actor.id)) throw AppError.notFound('Import job');
    return row;
  }

  async function present(rows: ImportJobRow[], detail: boolean) {
    const creators = await repo.creatorNames(db, [...new Set(rows.map((r) => r.created_by).filter((id): id is number => id !== null))]);
    return rows.map((r) => presentJob(r, creators, { detail }));
  }

  async function removeFiles(storedPath: string) {
    if (!storedPath) return;
    await fs.promises.rm(storedPath, { force: true });
    await fs.promises.rm(`${storedPath}.rejected.csv`, { force: true });
  }

  return {
    config,

    /** The job runner listens, so a queued job starts at once rather than at the next poll. */
    onQueued(listener: () => void): () => void {
      queuedListeners.add(listener);
      return () => queuedListeners.delete(listener);
    },

    /** Streams the upload to the upload folder (never buffered), previews it, creates the job. */
    async upload(ctx: WriteContext, input: UploadInput) {
      requireImporter(ctx.actor);
      const entity = resolveEntity(input.entity);
      const fileName = cleanFileName(input.fileName);
      const ext = /\.(csv|txt|tsv|xlsx|xls)$/i.exec(fileName)?.[0].toLowerCase() ?? '';
      await fs.promises.mkdir(config.uploadDir, { recursive: true });
      const stored = path.join(config.uploadDir, `${clock.now().toISOString().slice(0, 10)}-${randomBytes(12).toString('hex')}${ext}`);
      const counter = new ByteCounter(config.maxUploadBytes);
      let preview: ImportPreview;
      try {
        await pipeline(input.stream, counter, fs.createWriteStream(stored, { flags: 'wx' }));
        if (counter.bytes === 0) throw new AppError('UNPROCESSABLE', 'The file is empty', { code: 'empty_file' });
        preview = await readPreview(stored, entity, counter.bytes);
      } catch (e) {
        await removeFiles(stored);
        throw e;
      }
      try {
        const row = await db.transaction().execute(async (trx) => {
          const job = await repo.insert(trx, {
            createdBy: ctx.actor.id > 0 ? ctx.actor.id : null,
            entity: entity.name,
            fileName,
            storedPath: stored,
            sizeBytes: counter.bytes,
            format: preview.format,
            preview,
            rowsEstimated: preview.rowsEstimated,
          });
          await recordAudit(trx, ctx, { action: 'import.upload', entity: 'import_job', entityId: job.id, after: { entity: entity.name, fileName, sizeBytes: counter.bytes, format: preview.format } });
          return job;
        });
        return (await present([row], true))[0]!;
      } catch (e) {
        await removeFiles(stored);
        throw e;
      }
    },

    /** Queues the job with a mapping and options; checks the mapping against the header first. */
    async run(ctx: WriteContext, id: number, input: RunInput) {
      const row = await visibleJob(ctx.actor, id);
      const entity = resolveEntity(row.entity);
      const preview = row.preview as ImportPreview;
      const match = matchHeaders(preview.header, entity.fields, input.mapping, entity.requireAny);
      const present_ = new Set(match.fields.filter((f): f is string => f !== null));
      const issues = [...match.issues, ...(entity.checkColumns?.(present_) ?? [])];
      if (issues.length) {
        throw new AppError('VALIDATION', 'The mapping does not fit the file', { fields: issues.map((i) => ({ field: 'mapping', reason: i.reason, code: i.code })) });
      }
      const options: JobOptions = {
        mapping: input.mapping,
        dryRun: input.dryRun,
        skipInvalid: input.skipInvalid,
        createMissing: input.createMissing,
        mappingName: input.mappingName ?? null,
      };
      const queued = await db.transaction().execute(async (trx) => {
        const locked = await repo.getForUpdate(trx, id);
        if (!locked) throw AppError.notFound('Import job');
        if (!canRunJob(locked)) {
          const why = locked.stored_path === '' ? 'its file is no longer kept: upload it again' : locked.status === 'queued' || locked.status === 'running' ? `it is ${locked.status}` : 'it was already imported';
          throw new AppError('CONFLICT', `The import job cannot be run: ${why}`, { status: locked.status });
        }
        const next = await repo.queue(trx, id, options);
        await recordAudit(trx, ctx, { action: 'import.queue', entity: 'import_job', entityId: id, after: options });
        return next;
      });
      for (const l of queuedListeners) l();
      return (await present([queued], true))[0]!;
    },

    /** A queued job is called off (a running one cannot be: its one transaction runs to its end). */
    async cancel(ctx: WriteContext, id: number) {
      await visibleJob(ctx.actor, id);
      const row = await db.transaction().execute(async (trx) => {
        const locked = await repo.getForUpdate(trx, id);
        if (!locked) throw AppError.notFound('Import job');
        if (locked.status !== 'queued') throw new AppError('CONFLICT', `Only a queued import job can be cancelled; this one is ${locked.status}`, { status: locked.status });
        await repo.setStatus(trx, id, 'cancelled');
        await recordAudit(trx, ctx, { action: 'import.cancel', entity: 'import_job', entityId: id });
        return (await repo.get(trx, id))!;
      });
      return (await present([row], true))[0]!;
    },

    async list(actor: Actor, q: { limit: number; cursor?: string | undefined }) {
      requireImporter(actor);
      const beforeId = q.cursor ? Number.parseInt(q.cursor, 10) : null;
      if (beforeId !== null && !(beforeId > 0)) throw AppError.validation([{ field: 'cursor', reason: 'is not a cursor this list gave', code: 'invalid' }]);
      const rows = await repo.list(db, { createdBy: actor.role === 'admin' ? null : actor.id, limit: q.limit + 1, beforeId });
      const page = rows.slice(0, q.limit);
      return { items: await present(page, false), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null };
    },

    async get(actor: Actor, id: number) {
      return (await present([await visibleJob(actor, id)], true))[0]!;
    },

    /** The validation report as a CSV file (row, column, reason), formulas neutralised. */
    async reportFile(actor: Actor, id: number, lang: 'zh' | 'en') {
      const row = await visibleJob(actor, id);
      const report = row.report as ImportReport | null;
      if (!report) throw new AppError('CONFLICT', 'The import job has no report yet: run it first', { status: row.status });
      const base = row.file_name.replace(/\.[^.]*$/, '');
      return {
        filename: `${base}-${lang === 'zh' ? '校验报告' : 'report'}.csv`,
        asciiName: `import-${row.id}-report.csv`,
        body: reportCsv(report.issues, lang, Math.max(0, report.issueCount - report.issues.length)),
      };
    },

    async delete(ctx: WriteContext, id: number) {
      await visibleJob(ctx.actor, id);
      const storedPath = await db.transaction().execute(async (trx) => {
        const locked = await repo.getForUpdate(trx, id);
        if (!locked) throw AppError.notFound('Import job');
        if (locked.status === 'running') throw new AppError('CONFLICT', 'A running import job cannot be deleted; wait for it to finish', { status: locked.status });
        await repo.delete(trx, id);
        await recordAudit(trx, ctx, { action: 'import.delete', entity: 'import_job', entityId: id, before: { fileName: locked.file_name, status: locked.status } });
        return locked.stored_path;
      });
      await removeFiles(storedPath);
    },

    /** Deletes the files of jobs finished more than keepDays ago (the job rows and reports stay). */
    async purgeOldFiles(): Promise<number> {
      const before = new Date(clock.now().getTime() - config.keepDays * 86_400_000);
      const old = await repo.expiredFiles(db, before);
      for (const j of old) {
        await removeFiles(j.stored_path);
        await repo.forgetFile(db, j.id);
      }
      return old.length;
    },
  };
}

export type ImportJobsService = ReturnType<typeof importJobsService>;

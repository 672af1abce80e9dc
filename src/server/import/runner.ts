// The import job runner: one per server process, one job at a time. It claims the oldest queued
// job (`for update skip locked`: servers sharing a PostgreSQL never run one job twice) and runs
// it through the import service — one transaction, so a killed server leaves nothing
// half-applied.
//
// Progress: on PostgreSQL a second pooled connection writes rows done and a heartbeat to the job
// row at most every `progressMs` (the import's transaction holds another connection and never
// touches the job row, so they cannot block each other). On PGlite there is one connection, held
// by the import's transaction until it ends; a progress write would only queue behind it, so the
// runner keeps progress in memory and writes the row once, at the end (`liveProgress: false`).
//
// Restarts: a job left `running` by a process that died becomes `failed` with code
// `interrupted` ("interrupted by a restart — run again"), never re-queued by itself — a file that
// killed the server would otherwise kill it again at every start. Its import was rolled back
// with the process, and the job may be run again. On PGlite (one process per data folder) every
// running job at start is such a job; on PostgreSQL those whose heartbeat is older than `staleMs`.
// A clean stop (SIGTERM) aborts the running import at its next batch and puts the job back in
// the queue, so the next server to start (or another one running) picks it up.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import type { JobError, JobOptions } from './jobs-presenter.js';
import { importJobsRepository as repo, type ImportJobRow } from './jobs-repository.js';
import type { ImportJobsService } from './jobs-service.js';
import { importService } from './service.js';

export interface RunnerOptions {
  /** Write progress while the import runs (PostgreSQL); false on PGlite. */
  liveProgress: boolean;
  timeZone?: string | undefined;
  pollMs?: number;
  progressMs?: number;
  heartbeatMs?: number;
  staleMs?: number;
  purgeMs?: number;
  batchSize?: number;
  log?: { info(msg: string): void; warn(obj: unknown, msg: string): void };
}

export const INTERRUPTED: JobError = { code: 'interrupted', message: 'Interrupted by a restart of the server: nothing was imported — run it again' };

class Stopping extends Error {}

export interface ImportRunner {
  readonly owner: string;
  start(): Promise<void>;
  /** Resolves when the current job (if any) has stopped and no other will start. */
  stop(): Promise<void>;
  /** Runs queued jobs until none is left (tests; the timer does this in a server). */
  drain(): Promise<number>;
  /** Progress of the job this process runs (PGlite keeps it here rather than in the row). */
  current(): { jobId: number; rows: number } | null;
}

export function createImportRunner(db: Kysely<DB>, jobs: ImportJobsService, opts: RunnerOptions): ImportRunner {
  const owner = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const pollMs = opts.pollMs ?? 2000;
  const progressMs = opts.progressMs ?? 500;
  const heartbeatMs = opts.heartbeatMs ?? 10_000;
  const staleMs = opts.staleMs ?? 120_000;
  const purgeMs = opts.purgeMs ?? 3600_000;
  const log = opts.log ?? { info: () => undefined, warn: () => undefined };
  let timer: NodeJS.Timeout | null = null;
  let purgeTimer: NodeJS.Timeout | null = null;
  let stopping = false;
  let busy: Promise<number> | null = null;
  let running: { jobId: number; rows: number } | null = null;
  let unsubscribe: (() => void) | null = null;

  async function runJob(job: ImportJobRow): Promise<void> {
    running = { jobId: job.id, rows: 0 };
    const options = job.options as JobOptions;
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const write = (rows: number | null) => {
      writing = writing.then(() => repo.progress(db, job.id, owner, rows)).catch((e: unknown) => log.warn({ err: e }, `import job ${job.id}: progress write failed`));
    };
    const heartbeat = opts.liveProgress ? setInterval(() => write(null), heartbeatMs) : null;
    heartbeat?.unref();
    let status: 'succeeded' | 'failed' | 'queued' = 'failed';
    let report: unknown = null;
    let error: JobError | null = null;
    try {
      const actor = job.created_by === null ? undefined : await repo.actor(db, job.created_by);
      if (!actor) throw AppError.forbidden('The user who uploaded the file no longer exists or is deactivated');
      const r = await importService(db).run(
        { actor, requestId: `import-job-${job.id}` },
        {
          entity: job.entity,
          path: job.stored_path,
          mapping: options.mapping,
          dryRun: options.dryRun,
          skipInvalid: options.skipInvalid,
          createMissing: options.createMissing,
          batchSize: opts.batchSize,
          maxIssues: 10_000,
          timeZone: opts.timeZone,
          onProgress: (p) => {
            if (stopping) throw new Stopping();
            running = { jobId: job.id, rows: p.rows };
            const now = Date.now();
            if (opts.liveProgress && now - lastWrite >= progressMs) {
              lastWrite = now;
              write(p.rows);
            }
          },
        },
      );
      status = 'succeeded';
      report = r;
    } catch (e) {
      if (e instanceof Stopping) status = 'queued';
      else if (e instanceof AppError) error = { code: e.code, message: e.message, details: e.details };
      else {
        log.warn({ err: e }, `import job ${job.id} failed`);
        error = { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
      }
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      await writing;
    }
    const rows = (report as { rows?: number } | null)?.rows ?? running.rows;
    const kept = await repo.finish(db, job.id, owner, { status, rows: status === 'queued' ? 0 : rows, report, error });
    if (!kept) log.warn({ jobId: job.id }, `import job ${job.id} was taken from this runner (marked interrupted?) before it finished`);
    log.info(`import job ${job.id}: ${status === 'queued' ? 'put back in the queue (server stopping)' : status}`);
    running = null;
  }

  async function drainOnce(): Promise<number> {
    let n = 0;
    while (!stopping) {
      if (opts.liveProgress) await recover();
      const job = await repo.claimNext(db, owner);
      if (!job) break;
      await runJob(job);
      n++;
    }
    return n;
  }

  function kick(): Promise<number> {
    busy ??= drainOnce().finally(() => {
      busy = null;
    });
    return busy;
  }

  async function recover(all = false): Promise<number[]> {
    const staleBefore = all ? null : new Date(Date.now() - staleMs);
    const ids = await repo.failInterrupted(db, staleBefore, INTERRUPTED);
    if (ids.length) log.info(`import jobs ${ids.join(', ')} were interrupted by a restart and are marked failed`);
    return ids;
  }

  const safely = (p: Promise<unknown>, what: string) => p.catch((e: unknown) => log.warn({ err: e }, `import runner: ${what} failed`));

  return {
    owner,
    async start() {
      stopping = false;
      await recover(!opts.liveProgress);
      unsubscribe = jobs.onQueued(() => void safely(kick(), 'run'));
      timer = setInterval(() => void safely(kick(), 'run'), pollMs);
      timer.unref();
      purgeTimer = setInterval(() => void safely(jobs.purgeOldFiles(), 'purging old uploads'), purgeMs);
      purgeTimer.unref();
      void safely(jobs.purgeOldFiles(), 'purging old uploads');
      void safely(kick(), 'run');
    },
    async stop() {
      stopping = true;
      unsubscribe?.();
      if (timer) clearInterval(timer);
      if (purgeTimer) clearInterval(purgeTimer);
      timer = purgeTimer = null;
      await busy?.catch(() => undefined);
    },
    drain: () => kick(),
    current: () => running,
  };
}

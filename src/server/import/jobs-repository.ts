// SQL of import jobs and saved mappings. The runner's claim takes the oldest queued job with
// `for update skip locked`, so servers sharing one PostgreSQL never claim the same job twice.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Actor } from '../auth/rules/permissions.js';
import type { DB, ImportJobStatus, ImportJobsTable, ImportMappingsTable } from '../db/schema.js';

export type ImportJobRow = Selectable<ImportJobsTable>;
export type ImportMappingRow = Selectable<ImportMappingsTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface NewImportJob {
  createdBy: number | null;
  entity: string;
  fileName: string;
  storedPath: string;
  sizeBytes: number;
  format: 'csv' | 'xlsx';
  preview: unknown;
  rowsEstimated: number | null;
}

const json = (v: unknown) => JSON.stringify(v);

export const importJobsRepository = {
  async insert(db: Db, j: NewImportJob): Promise<ImportJobRow> {
    return db
      .insertInto('import_jobs')
      .values({
        created_by: j.createdBy,
        entity: j.entity,
        file_name: j.fileName,
        stored_path: j.storedPath,
        size_bytes: j.sizeBytes,
        format: j.format,
        preview: json(j.preview),
        rows_estimated: j.rowsEstimated,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  get(db: Db, id: number): Promise<ImportJobRow | undefined> {
    return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  },

  getForUpdate(db: Transaction<DB>, id: number): Promise<ImportJobRow | undefined> {
    return db.selectFrom('import_jobs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** Newest first; `createdBy` null lists everyone's. Keyset on id. */
  list(db: Db, q: { createdBy: number | null; limit: number; beforeId: number | null }): Promise<ImportJobRow[]> {
    let query = db.selectFrom('import_jobs').selectAll().orderBy('id', 'desc').limit(q.limit);
    if (q.createdBy !== null) query = query.where('created_by', '=', q.createdBy);
    if (q.beforeId !== null) query = query.where('id', '<', q.beforeId);
    return query.execute();
  },

  async queue(db: Transaction<DB>, id: number, options: unknown): Promise<ImportJobRow> {
    return db
      .updateTable('import_jobs')
      .set({
        status: 'queued',
        options: json(options),
        rows_processed: 0,
        bytes_read: null,
        report: null,
        error: null,
        owner: null,
        queued_at: sql<Date>`now()`,
        started_at: null,
        finished_at: null,
        heartbeat_at: null,
        updated_at: sql<Date>`now()`,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async setStatus(db: Db, id: number, status: ImportJobStatus): Promise<void> {
    await db
      .updateTable('import_jobs')
      .set({ status, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .execute();
  },

  /** The oldest queued job, now running under `owner`; undefined when none is waiting. */
  async claimNext(db: Kysely<DB>, owner: string): Promise<ImportJobRow | undefined> {
    const r = await sql<ImportJobRow>`
      update import_jobs set status = 'running', owner = ${owner}, started_at = now(), heartbeat_at = now(), updated_at = now(), version = version + 1
      where id = (select id from import_jobs where status = 'queued' order by id limit 1 for update skip locked)
      returning *`.execute(db);
    return r.rows[0];
  },

  /** Progress and heartbeat of a running job, only while `owner` still holds it. */
  async progress(db: Db, id: number, owner: string, rows: number | null): Promise<boolean> {
    const r = await db
      .updateTable('import_jobs')
      .set({ ...(rows === null ? {} : { rows_processed: rows }), heartbeat_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async finish(db: Db, id: number, owner: string, f: { status: 'succeeded' | 'failed' | 'queued'; rows: number; report: unknown; error: unknown }): Promise<boolean> {
    const back = f.status === 'queued';
    const r = await db
      .updateTable('import_jobs')
      .set({
        status: f.status,
        rows_processed: f.rows,
        report: f.report === null ? null : json(f.report),
        error: f.error === null ? null : json(f.error),
        finished_at: back ? null : sql<Date>`now()`,
        ...(back ? { owner: null, started_at: null, heartbeat_at: null } : {}),
        updated_at: sql<Date>`now()`,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /**
   * Running jobs whose runner is gone become failed. `staleBefore` null: every running job (a
   * PGlite data folder has one process, so at start any running job is a dead process's).
   */
  async failInterrupted(db: Db, staleBefore: Date | null, error: unknown): Promise<number[]> {
    let q = db
      .updateTable('import_jobs')
      .set({ status: 'failed', error: json(error), finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
      .where('status', '=', 'running');
    if (staleBefore) q = q.where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]));
    const rows = await q.returning('id').execute();
    return rows.map((r) => r.id);
  },

  async delete(db: Db, id: number): Promise<void> {
    await db.deleteFrom('import_jobs').where('id', '=', id).execute();
  },

  /** Finished jobs whose file is older than the keeping time (files are deleted, the rows stay). */
  expiredFiles(db: Db, before: Date): Promise<Pick<ImportJobRow, 'id' | 'stored_path'>[]> {
    return db
      .selectFrom('import_jobs')
      .select(['id', 'stored_path'])
      .where('stored_path', '!=', '')
      .where((eb) => eb.or([eb.and([eb('status', 'in', ['succeeded', 'failed', 'cancelled']), eb('finished_at', '<', before)]), eb.and([eb('status', '=', 'uploaded'), eb('created_at', '<', before)])]))
      .limit(500)
      .execute();
  },

  async forgetFile(db: Db, id: number): Promise<void> {
    await db.updateTable('import_jobs').set({ stored_path: '' }).where('id', '=', id).execute();
  },

  /** The job creator as an actor (the runner imports with their rights); undefined if gone or inactive. */
  async actor(db: Db, userId: number): Promise<Actor | undefined> {
    const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'team_id']).where('id', '=', userId).where('active', '=', true).executeTakeFirst();
    return u ? { id: u.id, username: u.username, displayName: u.display_name, role: u.role, teamId: u.team_id } : undefined;
  },

  async creatorNames(db: Db, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },
};

export const importMappingsRepository = {
  list(db: Db, entity: string | null): Promise<ImportMappingRow[]> {
    let q = db.selectFrom('import_mappings').selectAll().orderBy('entity').orderBy('name').limit(500);
    if (entity) q = q.where('entity', '=', entity);
    return q.execute();
  },

  get(db: Db, id: number): Promise<ImportMappingRow | undefined> {
    return db.selectFrom('import_mappings').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByName(db: Db, entity: string, name: string, exceptId: number | null): Promise<ImportMappingRow | undefined> {
    let q = db.selectFrom('import_mappings').selectAll().where('entity', '=', entity).where(sql`lower(name)`, '=', name.toLowerCase());
    if (exceptId !== null) q = q.where('id', '!=', exceptId);
    return q.executeTakeFirst();
  },

  insert(db: Db, m: { entity: string; name: string; columns: unknown; createdBy: number | null }): Promise<ImportMappingRow> {
    return db
      .insertInto('import_mappings')
      .values({ entity: m.entity, name: m.name, columns: json(m.columns), created_by: m.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async update(db: Db, id: number, version: number, patch: { name?: string | undefined; columns?: unknown }): Promise<ImportMappingRow | undefined> {
    return db
      .updateTable('import_mappings')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.columns !== undefined ? { columns: json(patch.columns) } : {}),
        updated_at: sql<Date>`now()`,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async delete(db: Db, id: number): Promise<void> {
    await db.deleteFrom('import_mappings').where('id', '=', id).execute();
  },
};

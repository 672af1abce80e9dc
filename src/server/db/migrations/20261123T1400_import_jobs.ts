// Imports from the web app run as jobs stored in the database (SPEC C10 "progress for long
// imports", C11 "jobs live in the database"): an uploaded file waits on disk under the upload
// folder, a job row says what to do with it and how far it got, and any server's job runner
// claims queued jobs with `for update skip locked`, so two servers never run one job twice.
//
// Status: uploaded (preview shown, waiting for a mapping) → queued → running → succeeded | failed;
// cancelled when a queued job is called off. `succeeded` means the run finished and wrote its
// report: whether anything was written is report.committed (a dry run or an all-or-nothing run
// that met bad rows commits nothing, and may be run again).
// Saved mappings: a named column → field mapping per entity, for files that come every month.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_jobs (
      id int generated always as identity primary key,
      created_by int references users(id) on delete set null,
      entity text not null check (length(entity) between 1 and 40),
      file_name text not null check (length(file_name) between 1 and 255),
      stored_path text not null,
      size_bytes bigint not null check (size_bytes >= 0),
      format text not null check (format in ('csv','xlsx')),
      preview jsonb not null,
      options jsonb not null default '{}',
      status text not null default 'uploaded' check (status in ('uploaded','queued','running','succeeded','failed','cancelled')),
      rows_processed int not null default 0,
      rows_estimated int,
      bytes_read bigint,
      report jsonb,
      error jsonb,
      owner text,
      created_at timestamptz not null default now(),
      queued_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      heartbeat_at timestamptz,
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    -- The runner's claim (oldest queued first) and the stale-run check.
    create index import_jobs_status_idx on import_jobs (status, id);
    create index import_jobs_creator_idx on import_jobs (created_by, id desc);

    create table import_mappings (
      id int generated always as identity primary key,
      entity text not null check (length(entity) between 1 and 40),
      name text not null check (length(name) between 1 and 100),
      columns jsonb not null,
      created_by int references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create unique index import_mappings_entity_name_key on import_mappings (entity, lower(name));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists import_mappings; drop table if exists import_jobs;`.execute(db);
}

// Test databases: a migrated template made once per run (with the fixture users), copied for
// each test file — a data folder copy on PGlite, CREATE DATABASE … TEMPLATE on PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnv } from '../../src/server/config/index.js';
import { openPGlite, openPostgres, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { insertFixtureUsers } from './fixtures.js';

// Names carry the run id (set by global setup) so concurrent runs never touch each other's databases.
const ROOT = path.resolve(import.meta.dirname, '../../.tmp/test-db');
const runId = () => testEnv().runId;
const pgliteTemplate = () => path.join(ROOT, `pglite-template-${runId()}`);
const pgTemplateDb = () => `kam_tpl_${runId()}`;

function serverUrl(database: string): string {
  const url = new URL(testEnv().postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: testEnv().postgresUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Called once per run (vitest globalSetup). */
export async function buildTemplate(kind: 'pglite' | 'postgres'): Promise<void> {
  if (kind === 'pglite') {
    fs.rmSync(pgliteTemplate(), { recursive: true, force: true });
    fs.mkdirSync(ROOT, { recursive: true });
    const d = await openPGlite(pgliteTemplate());
    await migrateToLatest(d.db);
    await insertFixtureUsers(d.db);
    await d.close();
    return;
  }
  await admin(async (c) => {
    await c.query(`drop database if exists ${pgTemplateDb()} with (force)`);
    await c.query(`create database ${pgTemplateDb()}`);
  });
  const d = openPostgres(serverUrl(pgTemplateDb()), 2);
  await migrateToLatest(d.db);
  await insertFixtureUsers(d.db);
  await d.close();
}

export async function dropTemplate(kind: 'pglite' | 'postgres'): Promise<void> {
  if (kind === 'pglite') {
    fs.rmSync(pgliteTemplate(), { recursive: true, force: true });
    return;
  }
  await admin(async (c) => {
    await c.query(`drop database if exists ${pgTemplateDb()} with (force)`);
    // This run's databases of test files that crashed before their cleanup.
    const left = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`kam_t_${runId()}_%`]);
    for (const r of left.rows) await c.query(`drop database if exists ${r.datname} with (force)`);
  });
}

export interface TestDatabase extends Database {
  /** Where it lives: the data folder (PGlite) or the database name (PostgreSQL). */
  location: string;
  /** Closes and removes it. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { db: kind } = testEnv();
  const name = `kam_t_${runId()}_${randomBytes(4).toString('hex')}`;
  if (kind === 'pglite') {
    const dir = path.join(ROOT, name);
    fs.cpSync(pgliteTemplate(), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'kam.lock'), { force: true });
    const d = await openPGlite(dir);
    return { ...d, location: dir, destroy: async () => { await d.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  await admin((c) => c.query(`create database ${name} template ${pgTemplateDb()}`));
  const d = openPostgres(serverUrl(name), 5);
  return {
    ...d,
    location: name,
    destroy: async () => {
      await d.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

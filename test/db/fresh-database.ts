// Empty, unmigrated databases for the schema tests (the shared template is already migrated).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnv } from '../../src/server/config/index.js';
import { openPGlite, openPostgres, type Database } from '../../src/server/db/database.js';

const ROOT = path.resolve(import.meta.dirname, '../../.tmp/test-db');

export interface FreshDatabase extends Database {
  destroy(): Promise<void>;
}

/** An empty PGlite data folder. */
export async function freshPGlite(): Promise<FreshDatabase> {
  fs.mkdirSync(ROOT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, `kam_fresh_${process.pid}_`));
  const d = await openPGlite(dir);
  return { ...d, destroy: async () => { await d.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** An empty database on the test PostgreSQL server (named kam_t_… so a crashed run's leftovers are dropped). */
export async function freshPostgres(): Promise<FreshDatabase> {
  const name = `kam_t_${process.pid}_fresh_${randomBytes(4).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: testEnv().postgresUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(testEnv().postgresUrl);
  url.pathname = `/${name}`;
  const d = openPostgres(url.toString(), 2);
  return { ...d, destroy: async () => { await d.close(); await admin(`drop database if exists ${name} with (force)`); } };
}

export function freshDatabase(kind: 'pglite' | 'postgres'): Promise<FreshDatabase> {
  return kind === 'pglite' ? freshPGlite() : freshPostgres();
}

// Opens the database: embedded PGlite in a data folder, or a PostgreSQL server.
// Both return the same Kysely<DB> and agree on how types come back (ids and counts
// as numbers, money as exact decimal strings, dates as 'YYYY-MM-DD').
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Config } from '../config/index.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

const INT8 = 20;
const DATE = 1082;

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * Bulk load: `COPY table (columns) FROM` a CSV file with a header line, outside any transaction
   * (PGlite reads it as a Blob, PostgreSQL through COPY … FROM STDIN); the number of rows loaded.
   */
  copyCsv(table: string, columns: readonly string[], file: string): Promise<number>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const copySql = (table: string, columns: readonly string[], source: string) =>
  `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM ${source} WITH (FORMAT csv, HEADER true)`;

export async function openPGlite(dataDir: string): Promise<Database> {
  const lock: DataDirLock = lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, {
      extensions: { pg_trgm },
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
  } catch (e) {
    lock.release();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    async close() {
      await db.destroy();
      lock.release();
    },
    async copyCsv(table, columns, file) {
      const res = await client.query(copySql(table, columns, "'/dev/blob'"), [], { blob: await fs.openAsBlob(file) });
      return res.affectedRows ?? 0;
    },
  };
}

export function openPostgres(url: string, max = 10): Database {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return (v: string) => Number(v);
      if (oid === DATE) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max, types: types as pg.CustomTypesConfig });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    async close() {
      await db.destroy();
    },
    async copyCsv(table, columns, file) {
      const conn = await pool.connect();
      try {
        const stream = conn.query(copyFrom(copySql(table, columns, 'STDIN')));
        await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), stream);
        return Number(stream.rowCount);
      } finally {
        conn.release();
      }
    },
  };
}

export async function openDatabase(config: Pick<Config, 'database'>): Promise<Database> {
  return config.database.kind === 'postgres'
    ? openPostgres(config.database.url)
    : openPGlite(config.database.dataDir);
}

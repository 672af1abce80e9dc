// The migrations build the same schema on PGlite and on PostgreSQL: the foundation migration
// against a list written out from its SQL, and all migrations against each other.
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../src/server/config/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { migrationProvider } from '../../src/server/db/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { FOUNDATION_COLUMNS, FOUNDATION_CONSTRAINTS, FOUNDATION_INDEXES } from './foundation-schema.js';
import { freshDatabase, freshPGlite, type FreshDatabase } from './fresh-database.js';

const kind = testEnv().db;

interface Schema {
  columns: Record<string, string[]>;
  indexes: string[];
  constraints: string[];
  extensions: string[];
}

/** The public schema as comparable text (NOT NULL constraints, which PostgreSQL 18 lists, come via the columns). */
async function introspect(db: Kysely<any>, opts: { withKysely?: boolean } = {}): Promise<Schema> {
  const cols = await sql<{
    table_name: string;
    column_name: string;
    udt_name: string;
    numeric_precision: number | null;
    numeric_scale: number | null;
    is_nullable: string;
    is_identity: string;
    identity_generation: string | null;
    column_default: string | null;
  }>`select table_name, column_name, udt_name, numeric_precision, numeric_scale, is_nullable, is_identity,
            identity_generation, column_default
       from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`.execute(db);
  const columns: Record<string, string[]> = {};
  for (const c of cols.rows) {
    if (!opts.withKysely && c.table_name.startsWith('kysely_')) continue;
    let s = `${c.column_name} ${c.udt_name}`;
    if (c.udt_name === 'numeric') s += `(${c.numeric_precision},${c.numeric_scale})`;
    if (c.is_nullable === 'NO') s += ' not null';
    if (c.is_identity === 'YES') s += ` identity ${c.identity_generation!.toLowerCase()}`;
    if (c.column_default) s += ` default ${c.column_default}`;
    (columns[c.table_name] ??= []).push(s);
  }
  const idx = await sql<{ tablename: string; indexdef: string }>`
    select tablename, indexdef from pg_indexes where schemaname = 'public' order by indexname`.execute(db);
  const cons = await sql<{ t: string; def: string }>`
    select conrelid::regclass::text as t, pg_get_constraintdef(oid) as def from pg_constraint
     where connamespace = 'public'::regnamespace and contype <> 'n'`.execute(db);
  const ext = await sql<{ extname: string }>`select extname from pg_extension order by extname`.execute(db);
  const keep = (table: string) => opts.withKysely || !table.startsWith('kysely_');
  return {
    columns,
    indexes: idx.rows.filter((r) => keep(r.tablename)).map((r) => r.indexdef),
    constraints: cons.rows.filter((r) => keep(r.t)).map((r) => `${r.t}: ${r.def}`).sort(),
    extensions: ext.rows.map((r) => r.extname),
  };
}

describe(`the foundation migration on ${kind}`, () => {
  let fresh: FreshDatabase;
  let schema: Schema;
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    const migrator = new Migrator({ db: fresh.db, provider: migrationProvider });
    const { error, results } = await migrator.migrateTo('20261123T1130_foundation');
    expect(error).toBeUndefined();
    expect(results?.map((r) => [r.migrationName, r.status])).toEqual([['20261123T1130_foundation', 'Success']]);
    schema = await introspect(fresh.db);
  });
  afterAll(async () => {
    await fresh?.destroy();
  });

  it('creates exactly these tables', () => {
    expect(Object.keys(schema.columns).sort()).toEqual(Object.keys(FOUNDATION_COLUMNS).sort());
  });

  it.each(Object.keys(FOUNDATION_COLUMNS))('%s has exactly the listed columns, types, nullability and defaults', (table) => {
    expect(schema.columns[table]).toEqual(FOUNDATION_COLUMNS[table]);
  });

  it('has exactly the listed indexes', () => {
    expect([...schema.indexes].sort()).toEqual([...FOUNDATION_INDEXES].sort());
  });

  it('has exactly the listed keys and checks', () => {
    expect(schema.constraints).toEqual([...FOUNDATION_CONSTRAINTS].sort());
  });

  it('installs pg_trgm (for search)', () => {
    expect(schema.extensions).toContain('pg_trgm');
  });
});

describe(`all migrations on ${kind}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('every migration is recorded, in name order, and running them again does nothing', async () => {
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    const done = await t.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute();
    expect(done.map((r) => (r as { name: string }).name)).toEqual(names);
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('the foundation tables are all still there', async () => {
    const schema = await introspect(t.db);
    for (const table of Object.keys(FOUNDATION_COLUMNS)) expect(schema.columns[table], table).toBeDefined();
  });
});

// PostgreSQL runs only where the server is (the postgres project): there, build a PGlite beside
// it and compare everything the latest migrations create, table by table.
describe.runIf(kind === 'postgres')('PGlite and PostgreSQL agree after all migrations', () => {
  let server: TestDatabase;
  let embedded: FreshDatabase;
  let a: Schema;
  let b: Schema;
  beforeAll(async () => {
    server = await createTestDatabase();
    embedded = await freshPGlite();
    await migrateToLatest(embedded.db);
    a = await introspect(server.db, { withKysely: true });
    b = await introspect(embedded.db, { withKysely: true });
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
    await embedded?.destroy();
  });

  it('same tables', () => {
    expect(Object.keys(b.columns).sort()).toEqual(Object.keys(a.columns).sort());
  });

  it('same columns in every table', () => {
    for (const table of Object.keys(a.columns)) expect(b.columns[table], table).toEqual(a.columns[table]);
  });

  it('same indexes', () => {
    expect(b.indexes).toEqual(a.indexes);
  });

  it('same keys and checks', () => {
    expect(b.constraints).toEqual(a.constraints);
  });

  it('same extensions used by the schema', () => {
    expect(b.extensions.filter((e) => e !== 'plpgsql')).toEqual(a.extensions.filter((e) => e !== 'plpgsql'));
  });
});

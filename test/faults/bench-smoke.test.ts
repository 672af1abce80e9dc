// `kam bench` at a tiny size, as a user runs it (a separate process): every scenario executes,
// prints its line in the summary table and writes its figures into the JSON report; the bench
// leaves no imported orders or COPY table behind. On a PGlite data folder and on the PostgreSQL
// server (whose COPY goes through COPY … FROM STDIN). Not a measurement: speed is measured by
// `kam bench` at scale M (docs/BENCHMARKS.md). (Lives with the fault tests for their
// child-process harness.)
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPGlite, openPostgres, type Database } from '../../src/server/db/database.js';
import { killAll, runTs, scratchPostgresDatabase, tempDataDir } from './support.js';

const CLI = 'src/server/cli.ts';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(() => {
  killAll();
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function kam(args: string[], env: Record<string, string>) {
  const child = runTs(CLI, args, { KAM_LOG_LEVEL: 'warn', ...env });
  const { code } = await child.exited;
  return { code, stdout: child.stdout.join('\n'), stderr: child.stderr.join('\n') };
}

interface Report {
  scale: string;
  database: string;
  results: {
    accounts: { name: string; ratioP50: number; api: { n: number } }[];
    'account-detail': { name: string; queries: number; api: { n: number; p50: number }; sql: { p50: number } }[];
    'import-orders': { rows: number; kam: { lines: number; rowsPerSecond: number; memory: { peakRssMiB: number } }; baseline: { what: string; rowsPerSecond: number }; ratio: number; target: number; met: boolean };
    'import-xlsx': { rows: number; kam: { lines: number; rowsPerSecond: number; memory: { peakRssMiB: number } }; baseline: { what: string; rowsPerSecond: number } };
    export: { entity: string; format: string; rows: number; bytes: number }[];
    tiering: { accounts: number; recompute: { n: number; p50: number }; bareSql: { p50: number }; reads: { idle: { n: number }; duringRecompute: { n: number } } };
    'relationship-map': { people: number; links: number; queries: number; api: { n: number; p50: number }; sql: { p50: number }; floor: { n: number; p50: number }; floorRatioP50: number; apiOverFloorP50: number };
  };
  summary: { scenario: string }[];
}

async function smoke(env: Record<string, string>, open: () => Promise<Database>, kind: string) {
  const out = tempDataDir('bench-out');
  cleanups.push(() => fs.rmSync(out, { recursive: true, force: true }));
  const res = await kam(['bench', '--only', 'accounts,account-detail,import-orders,import-xlsx,export,tiering,relationship-map', '--accounts', '60', '--rows', '2000', '--xlsx-rows', '1000', '--iterations', '4', '--out', out, ...(env.KAM_DATA_DIR ? ['--data-dir', env.KAM_DATA_DIR] : [])], env);
  expect(res.code, res.stderr).toBe(0);
  const files = fs.readdirSync(out).filter((f) => f.endsWith(`-${kind}-S.json`));
  expect(files).toHaveLength(1);
  const report = JSON.parse(fs.readFileSync(path.join(out, files[0]!), 'utf8')) as Report;
  expect(report).toMatchObject({ scale: 'S', database: kind });
  const r = report.results;
  expect(r.accounts.length).toBeGreaterThanOrEqual(6);
  expect(r.accounts.every((a) => a.api.n === 4 && a.ratioP50 > 0)).toBe(true);
  expect(r['account-detail'].map((a) => a.name)).toEqual(['account detail', 'contacts tab', 'orders tab', 'timeline tab']);
  expect(r['account-detail'].every((a) => a.queries >= 2 && a.api.p50 > 0 && a.sql.p50 > 0)).toBe(true);
  expect(r['import-orders']).toMatchObject({ rows: 2000, kam: { lines: 2000 }, baseline: { what: 'COPY' }, target: 0.5 });
  expect(r['import-orders'].baseline.rowsPerSecond).toBeGreaterThan(0);
  expect(r['import-orders'].kam.memory.peakRssMiB).toBeGreaterThan(0);
  expect(r['import-xlsx']).toMatchObject({ rows: 1000, kam: { lines: 1000 }, baseline: { what: 'read alone' } });
  expect(r.export.map((e) => `${e.entity} ${e.format}`)).toEqual(['accounts csv', 'accounts xlsx', 'orders csv', 'orders xlsx']);
  expect(r.export.every((e) => e.rows > 0 && e.bytes > 0)).toBe(true);
  expect(r.export[0]!.rows).toBe(60);
  expect(r.tiering).toMatchObject({ accounts: 60, recompute: { n: 4 } });
  expect(r.tiering.reads.idle.n).toBeGreaterThan(0);
  expect(r.tiering.reads.duringRecompute.n).toBeGreaterThan(0);
  // The 200-person map is made on the fly; the bare-server floor runs the same statements.
  expect(r['relationship-map']).toMatchObject({ people: 200, queries: 3, api: { n: 4 }, floor: { n: 4 } });
  expect(r['relationship-map'].links).toBeGreaterThanOrEqual(199);
  expect(r['relationship-map'].floorRatioP50).toBeGreaterThan(0);
  expect(report.summary.length).toBe(r.accounts.length + 4 + 3 + 4 + 2 + 2);
  for (const line of ['summary', 'import-orders (2,000 CSV lines)', 'import-xlsx (1,001 rows)', 'account-detail: orders tab', 'export orders xlsx', 'relationship-map (200 people)', 'the floor: bare server, same SQL', 'tiering recompute (60 accounts)']) {
    expect(res.stdout).toContain(line);
  }
  // Nothing of the benchmark imports is left behind.
  const d = await open();
  try {
    const { rows } = await sql<{ n: number; t: string | null }>`
      select (select count(*)::int from orders where order_number like 'BI%' or order_number like 'BX%') as n,
             to_regclass('bench_copy_order_lines')::text as t`.execute(d.db);
    expect(rows[0]).toEqual({ n: 0, t: null });
  } finally {
    await d.close();
  }
}

describe('kam bench (tiny smoke run)', () => {
  it('runs every scenario on PGlite and writes the JSON report', async () => {
    const dir = tempDataDir('bench-smoke');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    await smoke({ KAM_DATA_DIR: dir }, () => openPGlite(dir), 'pglite');
  }, 240_000);

  it('runs every scenario on PostgreSQL and writes the JSON report', async () => {
    const scratch = await scratchPostgresDatabase('bench_smoke');
    cleanups.push(scratch.drop);
    await smoke({ DATABASE_URL: scratch.url }, () => Promise.resolve(openPostgres(scratch.url, 2)), 'postgres');
  }, 240_000);

  it('names the scenarios when --only is wrong', async () => {
    const dir = tempDataDir('bench-none');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const res = await kam(['bench', '--only', 'imports', '--data-dir', path.join(dir, 'never')], {});
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Unknown scenario imports; one of: accounts, account-detail, import-orders, import-xlsx, export');
  });
});

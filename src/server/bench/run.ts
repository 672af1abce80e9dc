// `kam bench`: generate data with the deterministic generator, run each scenario next to its
// baseline in the same run, print a table and write JSON to bench/results/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { createServices } from '../services.js';
import { systemClock } from '../shared/clock.js';
import { seedDemo, type Scale } from '../demo/seed.js';
import { accountsBench } from './accounts-bench.js';
import { accountDetailBench, SqlRecorder } from './account-detail-bench.js';
import { exportBench } from './export-bench.js';
import { importOrdersBench, importXlsxBench } from './import-bench.js';
import { printSummary, type SummaryRow } from './summary.js';
import { tieringBench } from './tiering-bench.js';
import { relationshipMapBench } from './relationship-map-bench.js';

export const BENCH_PASSWORD = 'bench-password-1';
const TARGET: Record<Scale, number> = { S: 2_000, M: 100_000, L: 1_000_000 };
/** Order lines in the CSV import, and data rows in the XLSX import (+ the header = Excel's 1,048,576). */
const CSV_ROWS: Record<Scale, number> = { S: 100_000, M: 1_000_000, L: 1_000_000 };
const XLSX_ROWS: Record<Scale, number> = { S: 100_000, M: 1_048_575, L: 1_048_575 };

export const SCENARIOS = ['accounts', 'account-detail', 'import-orders', 'import-xlsx', 'export', 'tiering', 'relationship-map'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  config: Config;
  scale: Scale;
  /** Scenarios to run (comma-separated names); all when absent. */
  only?: string | undefined;
  iterations: number;
  outDir: string;
  /** Overrides: accounts generated (into an empty database), CSV rows, XLSX rows. */
  accounts?: number | undefined;
  rows?: number | undefined;
  xlsxRows?: number | undefined;
  /** PGlite data folder (default ./data-bench-<scale>). */
  dataDir?: string | undefined;
  log: (line: string) => void;
}

export function selectScenarios(only: string | undefined): Set<ScenarioName> {
  if (!only) return new Set(SCENARIOS);
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(', ')}; one of: ${SCENARIOS.join(', ')}`);
  return new Set(names as ScenarioName[]);
}

export async function runBench(opts: BenchOptions) {
  const { config, scale, log } = opts;
  const run = selectScenarios(opts.only);
  const target = opts.accounts ?? TARGET[scale];
  // The benchmark keeps its own data (folder or schema owner) so it never touches real data.
  const dataDir = path.resolve(opts.dataDir ?? `data-bench-${scale}`);
  const database = await openDatabase(config.database.kind === 'pglite' ? { database: { kind: 'pglite', dataDir } } : config);
  try {
    await migrateToLatest(database.db);
    const count = Number((await database.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (count < target * 0.9) {
      if (count > 0) throw new Error(`The bench database has ${count} accounts, fewer than scale ${scale} needs; point it at an empty database or data folder`);
      log(`Generating scale ${scale} demo data (${target.toLocaleString()} accounts, ~10 orders each) …`);
      const t = Date.now();
      await seedDemo(database.db, { scale, accounts: opts.accounts, password: BENCH_PASSWORD, concurrency: database.kind === 'postgres' ? 3 : 1 });
      log(`  generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    // The server's queries pass a recorder (idle unless a scenario records a request's SQL).
    const recorder = new SqlRecorder();
    const services = createServices(database.db.withPlugin(recorder), systemClock, { sessionTtlMs: 3600_000, currency: config.currency, timezone: config.timezone });
    const app = await buildApp({ config: { ...config, rateLimitPerMinute: 1_000_000, logLevel: 'silent' }, services, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const results: Record<string, unknown> = {};
    const summary: SummaryRow[] = [];
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kam-bench-'));
    // A scenario that fails is reported (and the run exits 1) without losing the others' figures.
    const failed: string[] = [];
    const attempt = async (name: ScenarioName, fn: () => Promise<void>) => {
      if (!run.has(name)) return;
      try {
        await fn();
      } catch (e) {
        const cause = (e as { cause?: unknown }).cause;
        const message = `${e instanceof Error ? e.message : String(e)}${cause ? ` (${cause instanceof Error ? cause.message : String(cause)})` : ''}`;
        log(`
${name} FAILED: ${message}`);
        results[name] = { error: message };
        summary.push({ scenario: name, subject: 'failed', baseline: message.slice(0, 80), ratio: '—', target: '—', met: false });
        failed.push(name);
      }
    };
    try {
      await attempt('accounts', async () => {
        log(`\naccounts API vs the SQL it runs (${opts.iterations} runs each, interleaved)`);
        const r = await accountsBench({ app, baseUrl, db: database.db, password: BENCH_PASSWORD, iterations: opts.iterations, log });
        results.accounts = r;
        for (const s of r) summary.push({ scenario: `accounts: ${s.name}`, subject: `${s.api.p50.toFixed(2)} / ${s.api.p99.toFixed(2)} ms`, baseline: `${s.sql.p50.toFixed(2)} / ${s.sql.p99.toFixed(2)} ms (SQL)`, ratio: `${s.ratioP50.toFixed(2)} / ${s.ratioP99.toFixed(2)}`, target: '≤ 1.3', met: s.ratioP50 <= 1.3 && s.ratioP99 <= 1.3 });
      });
      await attempt('account-detail', async () => {
        log(`\naccount-detail: the account page's requests vs the SQL each runs (${opts.iterations} runs each, interleaved)`);
        const r = await accountDetailBench({ baseUrl, db: database.db, recorder, password: BENCH_PASSWORD, iterations: opts.iterations, log });
        results['account-detail'] = r;
        for (const s of r) summary.push({ scenario: `account-detail: ${s.name}`, subject: `${s.api.p50.toFixed(2)} / ${s.api.p99.toFixed(2)} ms`, baseline: `${s.sql.p50.toFixed(2)} / ${s.sql.p99.toFixed(2)} ms (SQL ×${s.queries})`, ratio: `${s.ratioP50.toFixed(2)} / ${s.ratioP99.toFixed(2)}`, target: '≤ 1.3', met: s.ratioP50 <= 1.3 && s.ratioP99 <= 1.3 });
      });
      await attempt('relationship-map', async () => {
        log(`\nrelationship-map: a 200-person decision chain vs the SQL it runs (${opts.iterations} runs each, interleaved)`);
        const r = await relationshipMapBench({ baseUrl, db: database.db, recorder, password: BENCH_PASSWORD, iterations: opts.iterations, log });
        results['relationship-map'] = r;
        summary.push({ scenario: `relationship-map (${r.people} people)`, subject: `${r.api.p50.toFixed(2)} / ${r.api.p99.toFixed(2)} ms`, baseline: `${r.sql.p50.toFixed(2)} / ${r.sql.p99.toFixed(2)} ms (SQL ×${r.queries})`, ratio: `${r.ratioP50.toFixed(2)} / ${r.ratioP99.toFixed(2)}`, target: '≤ 1.3', met: r.ratioP50 <= 1.3 && r.ratioP99 <= 1.3 });
        summary.push({ scenario: '  the floor: bare server, same SQL', subject: `${r.floor.p50.toFixed(2)} / ${r.floor.p99.toFixed(2)} ms`, baseline: `${r.floorSql.p50.toFixed(2)} / ${r.floorSql.p99.toFixed(2)} ms (SQL ×${r.queries})`, ratio: `${r.floorRatioP50.toFixed(2)} / ${(r.floor.p99 / r.floorSql.p99).toFixed(2)}`, target: '—', met: null });
      });
      await attempt('import-orders', async () => {
        const r = await importOrdersBench({ database, rows: opts.rows ?? CSV_ROWS[scale], dir: tmp, log });
        results['import-orders'] = r;
        summary.push({ scenario: `import-orders (${r.rows.toLocaleString('en')} CSV lines)`, subject: `${r.kam.rowsPerSecond.toLocaleString('en')} rows/s`, baseline: `${r.baseline.rowsPerSecond.toLocaleString('en')} rows/s (COPY)`, ratio: r.ratio.toFixed(2), target: `≥ ${r.target}`, met: r.met });
        if (r.floor) summary.push({ scenario: 'import-orders vs the set-based floor', subject: `${r.kam.rowsPerSecond.toLocaleString('en')} rows/s`, baseline: `${r.floor.rowsPerSecond.toLocaleString('en')} rows/s (COPY + 2 inserts)`, ratio: r.floorRatio!.toFixed(2), target: '—', met: null });
      });
      await attempt('import-xlsx', async () => {
        const r = await importXlsxBench({ database, rows: opts.xlsxRows ?? XLSX_ROWS[scale], dir: tmp, log });
        results['import-xlsx'] = r;
        summary.push({ scenario: `import-xlsx (${(r.rows + 1).toLocaleString('en')} rows)`, subject: `${r.kam.rowsPerSecond.toLocaleString('en')} rows/s, RSS ${r.kam.memory?.peakRssMiB} MiB`, baseline: `${r.baseline.rowsPerSecond.toLocaleString('en')} rows/s (read alone)`, ratio: r.ratio.toFixed(2), target: 'memory bounded', met: null });
      });
      await attempt('export', async () => {
        const r = await exportBench({ baseUrl, db: database.db, password: BENCH_PASSWORD, log });
        results.export = r;
        for (const e of r) summary.push({ scenario: `export ${e.entity} ${e.format} (${e.rows.toLocaleString('en')} rows)`, subject: `${e.rowsPerSecond.toLocaleString('en')} rows/s, +${e.peakRssMiB} MiB RSS`, baseline: `${Math.round(e.rows / Math.max(e.sqlSeconds, 1e-9)).toLocaleString('en')} rows/s (pages alone)`, ratio: e.ratio.toFixed(2), target: 'memory bounded', met: null });
      });
      if (run.has('tiering')) {
        const r = await tieringBench({ services, db: database.db, baseUrl, password: BENCH_PASSWORD, iterations: opts.iterations, log });
        results.tiering = r;
        summary.push({ scenario: `tiering recompute (${r.accounts.toLocaleString('en')} accounts)`, subject: `${(r.recompute.p50 / 1000).toFixed(2)} s`, baseline: `${(r.bareSql.p50 / 1000).toFixed(2)} s (scoring SQL)`, ratio: `${r.ratioP50.toFixed(2)} (pairs ${r.ratioPairsMedian.toFixed(2)})`, target: '≤ 1.5', met: r.ratioP50 <= 1.5 && r.ratioPairsMedian <= 1.5 });
        summary.push({ scenario: 'tiering reads during a recompute (p99)', subject: `${r.reads.duringRecompute.p99.toFixed(1)} ms`, baseline: `${r.reads.idle.p99.toFixed(1)} ms (idle)`, ratio: r.reads.ratioP99.toFixed(2), target: '≤ 2', met: r.reads.ratioP99 <= 2 });
      }
    } finally {
      await app.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    printSummary(summary, log);
    const report = {
      at: new Date().toISOString(),
      scale,
      database: database.kind,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      results,
      summary,
    };
    fs.mkdirSync(opts.outDir, { recursive: true });
    const file = path.join(opts.outDir, `${report.at.slice(0, 19).replace(/[:T]/g, '-')}-${database.kind}-${scale}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
    log(`\nwritten ${path.relative(process.cwd(), file)}`);
    if (failed.length) throw new Error(`bench: ${failed.join(', ')} failed (see above; the other figures are in the report)`);
    return { ...report, file };
  } finally {
    await database.close();
  }
}

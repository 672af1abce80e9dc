// Import of order lines at scale, next to a baseline measured in the same run:
// - import-orders: a CSV of order lines through KAM's import (`importService.run`: reading,
//   checking every cell, resolving customers, grouping lines into orders, writing) against
//   PostgreSQL's COPY of the same file into a bare table with the same columns. Target: KAM's
//   rows/s at least half of COPY's.
// - import-xlsx: an XLSX of Excel's limit of rows through the same import, against reading the
//   workbook alone with the same streaming reader; peak memory of both.
// The imported orders are removed afterwards, so every run imports the same file afresh.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WriteContext } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { openSource } from '../import/readers/index.js';
import { importService } from '../import/service.js';
import { ORDER_LINE_COPY_COLUMNS, writeOrderLinesCsv, writeOrderLinesXlsx } from './import-files.js';
import { withPeakMemory, type PeakMemory } from './memory.js';
import { benchRepository as repo } from './repository.js';

export const COPY_TARGET = 0.5;
const COPY_TABLE = 'bench_copy_order_lines';
const BENCH_CONTEXT: WriteContext = { actor: { id: 0, username: 'system:bench', displayName: '基准测试', role: 'admin', teamId: null } };

export interface Throughput {
  what: string;
  seconds: number;
  rowsPerSecond: number;
  memory?: PeakMemory;
}

export interface ImportBenchResult {
  format: 'csv' | 'xlsx';
  rows: number;
  fileMiB: number;
  generateSeconds: number;
  kam: Throughput & { orders: number; lines: number; amount: string | null };
  baseline: Throughput;
  /** KAM's rows/s ÷ the baseline's. */
  ratio: number;
  target: number | null;
  met: boolean | null;
  cleanupSeconds: number;
  /** CSV: COPY into the bare table and from there set-based into the real tables — the schema's floor. */
  floor?: Throughput;
  floorRatio?: number;
}

interface Opts {
  database: Database;
  rows: number;
  dir: string;
  log: (line: string) => void;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const perSecond = (rows: number, s: number) => Math.round(rows / Math.max(s, 1e-9));
const fmt = (n: number) => n.toLocaleString('en');
const mem = (m: PeakMemory | undefined) => (m ? `, peak RSS ${m.peakRssMiB} MiB (+${m.rssMiB}), heap +${m.heapMiB} MiB` : '');

async function kamImport(o: Opts, file: string, prefix: string): Promise<ImportBenchResult['kam']> {
  const t0 = performance.now();
  const { value: report, memory } = await withPeakMemory(() => importService(o.database.db).run(BENCH_CONTEXT, { entity: 'orders', path: file }));
  const s = seconds(t0);
  if (!report.committed || report.rejected > 0 || report.rows !== o.rows) {
    throw new Error(`bench: the import of ${path.basename(file)} did not go through: ${report.rows} rows read, ${report.rejected} rejected, first issues ${JSON.stringify(report.issues.slice(0, 3))}`);
  }
  const totals = await repo.importedTotals(o.database.db, prefix);
  if (totals.lines !== o.rows) throw new Error(`bench: ${o.rows} lines imported but ${totals.lines} are in the database`);
  return { what: 'KAM import', seconds: s, rowsPerSecond: perSecond(o.rows, s), memory, ...totals };
}

async function cleanup(o: Opts, prefix: string, file: string): Promise<number> {
  const t0 = performance.now();
  await repo.removeImported(o.database.db, prefix, path.basename(file));
  return seconds(t0);
}

function line(o: Opts, r: ImportBenchResult) {
  o.log(`  file: ${fmt(r.rows)} rows, ${r.fileMiB} MiB, generated in ${r.generateSeconds.toFixed(1)} s`);
  o.log(`  ${r.baseline.what}: ${r.baseline.seconds.toFixed(1)} s, ${fmt(r.baseline.rowsPerSecond)} rows/s${mem(r.baseline.memory)}`);
  if (r.floor) o.log(`  ${r.floor.what}: ${r.floor.seconds.toFixed(1)} s, ${fmt(r.floor.rowsPerSecond)} rows/s (rolled back)`);
  o.log(`  ${r.kam.what}: ${r.kam.seconds.toFixed(1)} s, ${fmt(r.kam.rowsPerSecond)} rows/s (${fmt(r.kam.orders)} orders, ${fmt(r.kam.lines)} lines, ¥${r.kam.amount})${mem(r.kam.memory)}`);
  const verdict = r.target === null ? '' : ` (target ≥ ${r.target}: ${r.met ? 'met' : 'NOT met'})`;
  const floor = r.floorRatio === undefined ? '' : `; KAM / set-based floor: ${r.floorRatio.toFixed(2)}`;
  o.log(`  ratio KAM / ${r.baseline.what}: ${r.ratio.toFixed(2)}${verdict}${floor}; clean-up ${r.cleanupSeconds.toFixed(1)} s`);
}

export async function importOrdersBench(o: Opts): Promise<ImportBenchResult> {
  o.log(`\nimport-orders: ${fmt(o.rows)} order lines from CSV, KAM's import vs COPY into a bare table`);
  const prefix = 'BI';
  const file = path.join(o.dir, `bench-order-lines-${o.rows}.csv`);
  await repo.removeImported(o.database.db, prefix, path.basename(file));
  const g = performance.now();
  const bytes = await writeOrderLinesCsv(o.database.db, file, o.rows, prefix);
  const generateSeconds = seconds(g);
  try {
    await repo.createCopyTable(o.database.db, COPY_TABLE);
    const c = performance.now();
    const copied = await o.database.copyCsv(COPY_TABLE, ORDER_LINE_COPY_COLUMNS, file);
    const copySeconds = seconds(c);
    const counted = await repo.countRows(o.database.db, COPY_TABLE);
    if (counted !== o.rows) throw new Error(`bench: COPY loaded ${counted} rows (reported ${copied}), not ${o.rows}`);
    const baseline = { what: 'COPY', seconds: copySeconds, rowsPerSecond: perSecond(o.rows, copySeconds) };
    // For the record: from that bare table into the real tables, set-based (then rolled back).
    const f = performance.now();
    const floorRows = await repo.setBasedFromStaging(o.database.db, COPY_TABLE);
    const floorSeconds = copySeconds + seconds(f);
    await repo.dropTable(o.database.db, COPY_TABLE);
    if (floorRows.lines !== o.rows) throw new Error(`bench: the set-based insert wrote ${floorRows.lines} lines, not ${o.rows}`);
    const floor = { what: 'COPY + set-based insert into the real tables', seconds: floorSeconds, rowsPerSecond: perSecond(o.rows, floorSeconds) };
    const kam = await kamImport(o, file, prefix);
    const ratio = kam.rowsPerSecond / baseline.rowsPerSecond;
    const r: ImportBenchResult = {
      format: 'csv', rows: o.rows, fileMiB: Math.round((bytes / 2 ** 20) * 10) / 10, generateSeconds, kam, baseline, ratio, floor,
      floorRatio: kam.rowsPerSecond / floor.rowsPerSecond,
      target: COPY_TARGET, met: ratio >= COPY_TARGET, cleanupSeconds: await cleanup(o, prefix, file),
    };
    line(o, r);
    return r;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export async function importXlsxBench(o: Opts): Promise<ImportBenchResult> {
  o.log(`\nimport-xlsx: an XLSX of ${fmt(o.rows + 1)} rows (header included), KAM's import vs reading the workbook alone`);
  const prefix = 'BX';
  const file = path.join(o.dir, `bench-order-lines-${o.rows}.xlsx`);
  await repo.removeImported(o.database.db, prefix, path.basename(file));
  const g = performance.now();
  const bytes = await writeOrderLinesXlsx(o.database.db, file, o.rows, prefix);
  const generateSeconds = seconds(g);
  try {
    const t0 = performance.now();
    const { value: read, memory } = await withPeakMemory(async () => {
      const source = await openSource(file);
      let n = 0;
      for await (const _row of source.rows) n++;
      return n;
    });
    const readSeconds = seconds(t0);
    if (read !== o.rows + 1) throw new Error(`bench: the reader gave ${read} rows, not ${o.rows + 1}`);
    const baseline = { what: 'read alone', seconds: readSeconds, rowsPerSecond: perSecond(o.rows, readSeconds), memory };
    const kam = await kamImport(o, file, prefix);
    const r: ImportBenchResult = {
      format: 'xlsx', rows: o.rows, fileMiB: Math.round((bytes / 2 ** 20) * 10) / 10, generateSeconds, kam, baseline,
      ratio: kam.rowsPerSecond / baseline.rowsPerSecond, target: null, met: null, cleanupSeconds: await cleanup(o, prefix, file),
    };
    line(o, r);
    return r;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

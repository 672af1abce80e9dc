// `kam import <entity> <file>`: CSV or XLSX into the database through the import service, in
// one transaction. The summary goes to stdout, the validation report to stderr; exit code 1
// when nothing was imported because of bad rows (or on a dry run that found some).
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import cliProgress from 'cli-progress';
import type { DB } from '../db/schema.js';
import { formatReport, type ImportReport } from '../import/report.js';
import type { ColumnMapping } from '../import/rules/headers.js';
import { importService, resolveEntity } from '../import/service.js';
import { AppError } from '../shared/errors.js';
import { CLI_CONTEXT, withDatabase } from './common.js';

export interface ImportCommandOptions {
  map?: string[] | undefined;
  mapping?: string | undefined;
  dryRun?: boolean | undefined;
  skipInvalid?: boolean | undefined;
  createMissing?: boolean | undefined;
  batchSize?: number | undefined;
  json?: boolean | undefined;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Show a progress bar (stderr is a terminal). */
  progress: boolean;
  /** Otherwise, a plain progress line on stderr at most once a second ("reading: 45,000 rows"). */
  progressLines?: boolean;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l), progress: !!process.stderr.isTTY, progressLines: !process.stderr.isTTY };

/** `--map 列名=field` options and a mapping file ({"columns": {…}} or a flat object) → one mapping. */
export function readMapping(entity: string, opts: Pick<ImportCommandOptions, 'map' | 'mapping'>): ColumnMapping {
  const mapping: ColumnMapping = {};
  if (opts.mapping) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(opts.mapping, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new AppError('BAD_REQUEST', `Cannot read the mapping file ${opts.mapping}: ${(e as Error).message}`);
    }
    const o = json as { entity?: unknown; columns?: unknown };
    if (typeof o.entity === 'string' && resolveEntity(o.entity).name !== resolveEntity(entity).name) {
      throw new AppError('BAD_REQUEST', `The mapping file ${opts.mapping} is for ${o.entity}, not ${entity}`);
    }
    const columns = (o.columns ?? json) as Record<string, unknown>;
    for (const [column, field] of Object.entries(columns)) {
      if (column === 'entity' && o.columns === undefined) continue;
      if (field !== null && typeof field !== 'string') throw new AppError('BAD_REQUEST', `The mapping file ${opts.mapping}: column "${column}" must map to a field name, "-" or null`);
      mapping[column] = field;
    }
  }
  for (const pair of opts.map ?? []) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new AppError('BAD_REQUEST', `--map ${pair}: write column=field (e.g. --map 客户代码=externalCode)`);
    mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return mapping;
}

function summary(r: ImportReport): string {
  const counts = [`${r.created.toLocaleString('en')} created`, `${r.updated.toLocaleString('en')} updated`, `${r.unchanged.toLocaleString('en')} unchanged`, `${r.rejected.toLocaleString('en')} rejected`];
  const extra = Object.entries(r.extra).map(([k, v]) => `${v.toLocaleString('en')} ${k}`);
  if (r.accountsCreated) extra.push(`${r.accountsCreated.toLocaleString('en')} accounts created for unknown customer codes`);
  const format = r.format === 'csv' ? `CSV, ${r.encoding}, ${r.delimiter === '\t' ? 'tab' : `"${r.delimiter}"`}-delimited` : 'XLSX';
  const what = `${r.rows.toLocaleString('en')} rows of ${r.entity} from ${r.file} (${format})`;
  const head = r.dryRun ? `Dry run, nothing written: ${what} would give` : r.committed ? `Imported ${what}:` : `Nothing imported from ${r.file}: ${what} gave`;
  return `${head} ${counts.join(', ')}${extra.length ? `; ${extra.join(', ')}` : ''} (${(r.ms / 1000).toFixed(1)} s).`;
}

/** The command's work on an open database; returns the exit code. Tests call this directly. */
export async function runImport(db: Kysely<DB>, entity: string, file: string, opts: ImportCommandOptions, io: CliIo = consoleIo): Promise<{ code: number; report: ImportReport }> {
  const mapping = readMapping(entity, opts);
  const bar = io.progress ? new cliProgress.SingleBar({ format: '  {phase} {value} rows | {duration_formatted}', stream: process.stderr, hideCursor: true }) : null;
  bar?.start(0, 0, { phase: 'reading' });
  // Plain lines only for an import that takes a while: the first after a second of reading.
  let lastLine = Date.now();
  let printed = false;
  const progressLine = (p: { rows: number; phase: string }) => {
    if (!io.progressLines || (p.phase === 'reading' ? Date.now() - lastLine < 1000 : !printed)) return;
    lastLine = Date.now();
    printed = true;
    io.err(`${p.phase}: ${p.rows.toLocaleString('en')} rows`);
  };
  let report: ImportReport;
  try {
    report = await importService(db).run(CLI_CONTEXT, {
      entity, path: file, mapping, dryRun: opts.dryRun, skipInvalid: opts.skipInvalid, createMissing: opts.createMissing, batchSize: opts.batchSize,
      onProgress: (p) => {
        bar?.update(p.rows, { phase: p.phase });
        progressLine(p);
      },
    });
  } finally {
    bar?.stop();
  }
  if (opts.json) io.out(JSON.stringify(report, null, 2));
  else io.out(summary(report));
  if (report.ignoredColumns.length) io.err(`Ignored columns (no matching field): ${report.ignoredColumns.map((c) => `"${c}"`).join(', ')}`);
  if (report.issueCount > 0) {
    const why = report.dryRun
      ? 'would be rejected'
      : report.mode === 'skip-invalid'
        ? `were rejected and written with the reason to ${report.rejectedFile}`
        : 'have problems, so nothing was imported (all-or-nothing; --skip-invalid imports the good rows)';
    io.err(`${report.rejected.toLocaleString('en')} of ${report.rows.toLocaleString('en')} rows ${why}:`);
    for (const line of formatReport(report)) io.err(line);
  }
  const failed = report.rejected > 0 && (report.dryRun || report.mode === 'all-or-nothing');
  return { code: failed ? 1 : 0, report };
}

export async function importCommand(entity: string, file: string, opts: ImportCommandOptions): Promise<void> {
  resolveEntity(entity);
  await withDatabase(async ({ db }) => {
    const { code } = await runImport(db, entity, file, opts);
    if (code !== 0) process.exitCode = code;
  });
}

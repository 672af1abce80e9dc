// Import use case: read a file in batches, check every row, write the good ones set-based — all
// inside ONE transaction, so all-or-nothing really leaves nothing behind (a killed process
// included), and a dry run is the same run rolled back. One audit row and one timeline event
// per touched account summarise the import; nothing is written per row.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { checkBatch, columnName, isBlankRow, type ColumnPlan } from './batch.js';
import { openSource, type ReadLimits, type SourceRow } from './readers/index.js';
import { findImportEntity, importEntities, type BatchOutcome, type ImportContext, type ImportEntity, type RowRejection } from './registry.js';
import { RejectedRowsFile, type ImportReport, type ReportIssue } from './report.js';
import { importRepository } from './repository.js';
import { cellText, type CellValue } from './rules/fields.js';
import { matchHeaders, type ColumnMapping } from './rules/headers.js';

export interface ImportOptions {
  entity: string;
  path: string;
  mapping?: ColumnMapping | undefined;
  dryRun?: boolean | undefined;
  skipInvalid?: boolean | undefined;
  createMissing?: boolean | undefined;
  batchSize?: number | undefined;
  limits?: ReadLimits | undefined;
  /** Issues kept in the report (all are counted). */
  maxIssues?: number | undefined;
  timeZone?: string | undefined;
  onProgress?: ((p: { rows: number; phase: 'reading' | 'finishing' }) => void) | undefined;
}

class Rollback extends Error {}

const IMPORT_ROLES = new Set(['admin', 'director']);

export function resolveEntity(name: string): ImportEntity<never> {
  const entity = findImportEntity(name);
  if (!entity) throw new AppError('BAD_REQUEST', `Cannot import "${name}": one of ${importEntities().map((e) => e.name).join(', ')}`);
  return entity;
}

async function readHeader(rows: AsyncIterator<SourceRow>): Promise<SourceRow> {
  for (;;) {
    const next = await rows.next();
    if (next.done) throw new AppError('UNPROCESSABLE', 'The file is empty: it has no header row', { code: 'empty_file' });
    if (!isBlankRow(next.value.cells)) return next.value;
  }
}

function planColumns(entity: ImportEntity<never>, header: SourceRow, mapping: ColumnMapping | undefined, delimiter: string | undefined) {
  const headers = header.cells.map((c) => cellText(c).trim());
  const match = matchHeaders(headers, entity.fields, mapping, entity.requireAny);
  const present = new Set(match.fields.filter((f): f is string => f !== null));
  const issues = [...match.issues, ...(entity.checkColumns?.(present) ?? [])];
  if (issues.length) {
    const hint = headers.length === 1 && /[|;,\t]/.test(headers[0]!) ? ` The header is one column "${headers[0]}": is the delimiter ${JSON.stringify(delimiter)} right?` : '';
    throw new AppError('VALIDATION', `The header row does not fit ${entity.name}.${hint} Columns found: ${headers.map((h) => `"${h}"`).join(', ')}`, {
      code: 'bad_header',
      fields: issues.map((i) => ({ field: 'header', reason: i.reason, code: i.code })),
    });
  }
  const plan: ColumnPlan = { fields: match.fields.map((f) => entity.fields.find((d) => d.name === f) ?? null), headers, present };
  return { plan, ignored: match.unknown };
}

export function importService(db: Kysely<DB>) {
  return {
    async run(ctx: WriteContext, opts: ImportOptions): Promise<ImportReport> {
      if (!IMPORT_ROLES.has(ctx.actor.role)) throw AppError.forbidden('Only an administrator or a director imports data');
      const started = Date.now();
      const entity = resolveEntity(opts.entity);
      const source = await openSource(opts.path, opts.limits);
      const rows = source.rows[Symbol.asyncIterator]();
      const header = await readHeader(rows);
      const { plan, ignored } = planColumns(entity, header, opts.mapping, source.delimiter);
      const fileName = path.basename(opts.path);
      const report: ImportReport = {
        entity: entity.name, file: fileName, format: source.format, encoding: source.encoding, delimiter: source.delimiter,
        mode: opts.skipInvalid ? 'skip-invalid' : 'all-or-nothing', dryRun: !!opts.dryRun, rows: 0, created: 0, updated: 0, unchanged: 0,
        rejected: 0, accountsCreated: 0, extra: {}, committed: false, ignoredColumns: ignored, issues: [], issueCount: 0, rejectedFile: null, ms: 0,
      };
      const maxIssues = opts.maxIssues ?? 1000;
      const rejectedFile = opts.skipInvalid && !opts.dryRun ? new RejectedRowsFile(`${opts.path}.rejected.csv`, header.cells) : null;

      const addIssues = async (issues: ReportIssue[], cellsOf: (row: number) => readonly CellValue[] | undefined, partial = false) => {
        const byRow = new Map<number, ReportIssue[]>();
        for (const i of issues) byRow.set(i.row ?? 0, [...(byRow.get(i.row ?? 0) ?? []), i]);
        for (const [row, list] of [...byRow].sort((a, b) => a[0] - b[0])) {
          report.rejected++;
          report.issueCount += list.length;
          for (const i of list) if (report.issues.length < maxIssues) report.issues.push(i);
          const reason = list.map((i) => `${i.column ? `${i.column}: ` : ''}${i.reason}`).join('; ') + (partial && opts.skipInvalid ? ' (the rest of the row was imported)' : '');
          await rejectedFile?.add(cellsOf(row) ?? [], `row ${row}: ${reason}`);
        }
      };
      const tally = (o: BatchOutcome) => {
        report.created += o.created;
        report.updated += o.updated;
        report.unchanged += o.unchanged;
        for (const [k, v] of Object.entries(o.extra ?? {})) report.extra[k] = (report.extra[k] ?? 0) + v;
      };
      const asIssues = (rs: RowRejection[]): ReportIssue[] =>
        rs.map((r) => ({ row: r.row, field: r.field, code: r.code, reason: r.reason, column: columnOf(plan, r.field) }));
      const columnOf = (p: ColumnPlan, field: string | null) => {
        const i = field === null ? -1 : p.fields.findIndex((f) => f?.name === field);
        return i < 0 ? null : columnName(p, i);
      };

      try {
        await db.transaction().execute(async (trx) => {
          await importRepository.createScratch(trx);
          const touched = new Map<number, { created: number; updated: number }>();
          const ictx: ImportContext = {
            trx, write: ctx, entity: entity.name, fileName, createMissing: !!opts.createMissing, columns: plan.present, memo: new Map(), accountsCreated: 0,
            touch(accountId, what, n = 1) {
              if (n === 0) return;
              const t = touched.get(accountId) ?? { created: 0, updated: 0 };
              t[what] += n;
              touched.set(accountId, t);
            },
          };
          const flushTouched = async () => {
            await importRepository.touch(trx, [...touched].map(([account_id, t]) => ({ account_id, ...t })));
            touched.clear();
          };
          const batchSize = opts.batchSize ?? 5000;
          let batch: SourceRow[] = [];
          const runBatch = async () => {
            const cells = new Map(batch.map((r) => [r.row, r.cells]));
            const checked = await checkBatch(trx, entity, plan, batch, { date1904: source.date1904(), timeZone: opts.timeZone });
            const outcome = checked.good.length ? await entity.write(ictx, checked.good) : { created: 0, updated: 0, unchanged: 0, rejected: [] };
            tally(outcome);
            await addIssues([...checked.issues, ...asIssues(outcome.rejected)], (row) => cells.get(row));
            await flushTouched();
            report.rows += batch.length;
            opts.onProgress?.({ rows: report.rows, phase: 'reading' });
            batch = [];
          };
          for (let next = await rows.next(); !next.done; next = await rows.next()) {
            if (isBlankRow(next.value.cells)) continue;
            batch.push(next.value);
            if (batch.length >= batchSize) await runBatch();
          }
          if (batch.length) await runBatch();
          if (report.rows === 0) throw new AppError('UNPROCESSABLE', 'The file has a header row but no data rows', { code: 'no_rows' });
          opts.onProgress?.({ rows: report.rows, phase: 'finishing' });
          const last = entity.finish ? await entity.finish(ictx) : null;
          if (last) {
            tally(last);
            const byRow = new Map(last.rejected.map((r) => [r.row, r.cells]));
            await addIssues(asIssues(last.rejected), (row) => byRow.get(row), true);
          }
          await flushTouched();
          report.accountsCreated = ictx.accountsCreated;
          await importRepository.writeTimelineSummary(trx, { actorId: ctx.actor.id > 0 ? ctx.actor.id : null, entity: entity.name, fileName });
          const { issues: _issues, ...summary } = report;
          await recordAudit(trx, ctx, { action: 'import', entity: entity.name, entityId: null, after: { ...summary, issueCount: report.issueCount } });
          if (opts.dryRun || (report.rejected > 0 && !opts.skipInvalid)) throw new Rollback();
        });
        report.committed = true;
      } catch (e) {
        await rejectedFile?.discard();
        if (!(e instanceof Rollback)) throw e;
      } finally {
        await rows.return?.();
      }
      if (rejectedFile && report.committed) {
        await rejectedFile.close();
        if (rejectedFile.used) report.rejectedFile = rejectedFile.path;
        else await rejectedFile.discard(); // no rejects: a stale file of an earlier run would mislead
      }
      report.ms = Date.now() - started;
      return report;
    },
  };
}

export type ImportService = ReturnType<typeof importService>;

// The validation report of an import, and the rejected-rows file written beside the input with
// --skip-invalid (the original header and cells plus a reason column, UTF-8 with BOM so Excel
// reads Chinese, text that a spreadsheet would run as a formula neutralised with a quote).
import fs from 'node:fs';
import { csvEscape, neutraliseText } from '../export/rules/cells.js';
import type { CellValue } from './rules/fields.js';
import { cellText } from './rules/fields.js';

export interface ReportIssue {
  /** Row number as the user sees it (header = 1); null for problems of the whole file. */
  row: number | null;
  /** The column's header as in the file, and its letter (A, B, …). */
  column: string | null;
  field: string | null;
  code: string;
  reason: string;
}

export interface ImportReport {
  entity: string;
  file: string;
  format: 'csv' | 'xlsx';
  encoding?: string | undefined;
  delimiter?: string | undefined;
  mode: 'all-or-nothing' | 'skip-invalid';
  dryRun: boolean;
  /** Data rows read (blank rows are skipped and not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows rejected (each has at least one issue). */
  rejected: number;
  accountsCreated: number;
  extra: Record<string, number>;
  /** Whether anything was written (false on a dry run and when all-or-nothing met a bad row). */
  committed: boolean;
  /** Headers no field matched: ignored. */
  ignoredColumns: string[];
  /** The first issues (up to the report limit); issueCount has them all. */
  issues: ReportIssue[];
  issueCount: number;
  rejectedFile: string | null;
  ms: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function csvCell(v: CellValue): string {
  const text = cellText(v);
  return csvEscape(typeof v === 'number' || DECIMAL.test(text) ? text : neutraliseText(text));
}

/** Streams rejected rows to `<input>.rejected.csv`; opened on the first one. */
export class RejectedRowsFile {
  private out: fs.WriteStream | null = null;
  private failed: Error | null = null;

  constructor(
    readonly path: string,
    private readonly header: readonly CellValue[],
  ) {}

  get used(): boolean {
    return this.out !== null;
  }

  private line(cells: readonly CellValue[]): string {
    return `${cells.map(csvCell).join(',')}\r\n`;
  }

  async add(cells: readonly CellValue[], reason: string): Promise<void> {
    if (!this.out) {
      this.out = fs.createWriteStream(this.path, { encoding: 'utf8' });
      this.out.on('error', (e) => (this.failed = e));
      this.out.write(`\uFEFF${this.line([...this.header, 'reason'])}`);
    }
    if (this.failed) throw this.failed;
    const padded = [...cells, ...Array<CellValue>(Math.max(0, this.header.length - cells.length)).fill('')];
    if (!this.out.write(this.line([...padded, reason]))) await new Promise<void>((resolve) => this.out!.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    if (!out.writableFinished) await new Promise<void>((resolve) => out.end(() => resolve()));
    if (this.failed) throw this.failed;
  }

  /** Removes the file (the import wrote nothing), or a stale one of an earlier run. */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await fs.promises.rm(this.path, { force: true });
  }
}

/** The report as lines for a terminal (stderr). */
export function formatReport(r: ImportReport, maxLines = 200): string[] {
  const lines: string[] = [];
  const where = (i: ReportIssue) => [i.row === null ? 'file' : `row ${i.row}`, i.column ? `column ${i.column}` : null].filter(Boolean).join(', ');
  for (const i of r.issues.slice(0, maxLines)) lines.push(`  ${where(i)}: ${i.reason}`);
  if (r.issueCount > Math.min(maxLines, r.issues.length)) lines.push(`  … and ${(r.issueCount - Math.min(maxLines, r.issues.length)).toLocaleString('en')} more`);
  return lines;
}

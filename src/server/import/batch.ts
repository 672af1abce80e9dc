// One batch of source rows → parsed, checked, de-duplicated rows ready for the entity's writer.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DateOptions } from './rules/dates.js';
import { parseCell, type CellValue, type FieldDef, type FieldValue } from './rules/fields.js';
import { columnLetter } from './rules/headers.js';
import type { BatchRow, ImportEntity, UniqueKey } from './registry.js';
import type { ReportIssue } from './report.js';
import { importRepository } from './repository.js';
import type { SourceRow } from './readers/index.js';

export interface ColumnPlan {
  /** Per column: the field it fills, or null. */
  fields: (FieldDef | null)[];
  headers: string[];
  present: ReadonlySet<string>;
}

export function columnName(plan: ColumnPlan, index: number): string {
  const h = plan.headers[index]?.trim();
  return h ? `${h} (${columnLetter(index)})` : columnLetter(index);
}

/** A leading ' that neutralised a formula-looking text (as KAM's own exports write) is dropped. */
function unquote(v: CellValue): CellValue {
  return typeof v === 'string' && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

export interface CheckedBatch<R> {
  good: BatchRow<R>[];
  issues: (ReportIssue & { row: number })[];
}

export async function checkBatch<R>(trx: Transaction<DB>, entity: ImportEntity<R>, plan: ColumnPlan, rows: readonly SourceRow[], dates: DateOptions): Promise<CheckedBatch<R>> {
  const issues: (ReportIssue & { row: number })[] = [];
  const column = (field: string | null) => {
    const i = field === null ? -1 : plan.fields.findIndex((f) => f?.name === field);
    return i < 0 ? null : columnName(plan, i);
  };
  const prepared: { src: SourceRow; record: R; uniques: UniqueKey[] }[] = [];
  for (const src of rows) {
    const values: Record<string, FieldValue | null> = {};
    let bad = false;
    src.cells.forEach((raw, i) => {
      const def = plan.fields[i];
      if (!def) {
        if (i >= plan.headers.length && !isBlankRow([raw])) {
          issues.push({ row: src.row, column: columnLetter(i), field: null, code: 'extra_cells', reason: 'has a value beyond the last column of the header (a delimiter inside an unquoted value?)' });
          bad = true;
        }
        return;
      }
      const parsed = parseCell(def, unquote(raw), dates);
      if (parsed.ok) values[def.name] = parsed.value;
      else {
        issues.push({ row: src.row, column: columnName(plan, i), field: def.name, code: parsed.code, reason: `${def.name} ${parsed.reason}` });
        bad = true;
      }
    });
    if (bad) continue;
    const p = entity.prepare(values, plan.present);
    if ('problems' in p) {
      for (const q of p.problems) issues.push({ row: src.row, column: column(q.field), field: q.field, code: q.code, reason: q.reason });
    } else prepared.push({ src, ...p });
  }
  return { good: await dedupe(trx, prepared, issues), issues };
}

/** Keys met twice in the file are duplicates — unless their signatures match (lines of one order). */
async function dedupe<R>(trx: Transaction<DB>, rows: { src: SourceRow; record: R; uniques: UniqueKey[] }[], issues: (ReportIssue & { row: number })[]): Promise<BatchRow<R>[]> {
  const seen = new Map<string, { row: number; signature: string | null }>();
  const firsts: { kind: string; key: string; row: number; signature: string | null }[] = [];
  const dupes = new Map<number, string>();
  for (const { src, uniques } of rows) {
    for (const u of uniques) {
      const id = `${u.kind}\u0000${u.value}`;
      const first = seen.get(id);
      if (!first) {
        seen.set(id, { row: src.row, signature: u.signature ?? null });
        firsts.push({ kind: u.kind, key: u.value, row: src.row, signature: u.signature ?? null });
      } else if (u.signature === undefined || first.signature !== u.signature) {
        dupes.set(src.row, duplicateReason(u, first.row));
      }
    }
  }
  const earlier = new Map((await importRepository.claimKeys(trx, firsts)).map((k) => [`${k.kind}\u0000${k.key}`, k]));
  const continues = new Set<string>();
  for (const { src, uniques } of rows) {
    for (const u of uniques) {
      const prev = earlier.get(`${u.kind}\u0000${u.value}`);
      if (!prev) continue;
      if (u.signature !== undefined && prev.signature === u.signature) continues.add(`${u.kind}\u0000${u.value}`);
      else if (!dupes.has(src.row)) dupes.set(src.row, duplicateReason(u, prev.row));
    }
  }
  const out: BatchRow<R>[] = [];
  for (const { src, record, uniques } of rows) {
    const dup = dupes.get(src.row);
    if (dup) issues.push({ row: src.row, column: null, field: null, code: 'duplicate', reason: dup });
    else out.push({ row: src.row, record, cells: src.cells, continues: uniques.some((u) => continues.has(`${u.kind}\u0000${u.value}`)) });
  }
  return out;
}

function duplicateReason(u: UniqueKey, firstRow: number): string {
  return u.signature === undefined
    ? `the same ${u.label} "${u.value}" as row ${firstRow}`
    : `${u.label} "${u.value}" is already used in row ${firstRow} with another customer or date: two orders cannot share a number`;
}

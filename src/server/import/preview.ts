// What the web app shows after an upload, before anything is imported: the detected format,
// encoding and delimiter, the header, the first rows, the mapping the importer would choose by
// itself (matchHeaders: Chinese or English header names) and the entity's fields with labels.
// Read with the importer's own readers, so a file the preview accepts is read the same way.
import fs from 'node:fs';
import { isBlankRow } from './batch.js';
import { openSource, type ReadLimits, type SourceRow } from './readers/index.js';
import type { ImportEntity } from './registry.js';
import { estimateRows, lineBytes } from './rules/estimate.js';
import { cellText } from './rules/fields.js';
import { matchHeaders, type HeaderIssue } from './rules/headers.js';

export const PREVIEW_ROWS = 20;

export interface PreviewField {
  name: string;
  required: boolean;
  type: string;
  label: { zh: string; en: string };
  aliases: string[];
}

export interface ImportPreview {
  entity: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  /** Row number of the header in the file (blank rows before it are skipped). */
  headerRow: number;
  header: string[];
  /** The first data rows as text, with their row numbers. */
  rows: { row: number; cells: string[] }[];
  /** Per column: the field the importer would fill from it by its header name, or null. */
  suggested: (string | null)[];
  /** What is wrong with the header as it stands (a missing required column, two columns for one field). */
  headerIssues: HeaderIssue[];
  fields: PreviewField[];
  /** CSV: about how many data rows the file has (for the progress bar); null for XLSX. */
  rowsEstimated: number | null;
}

const CJK = /[\u3400-\u9fff]/;

/** externalCode → External code. */
const humanise = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());

/** The first 64 KB of the file: are lines broken with CR LF or LF? */
async function headBytes(path: string): Promise<Buffer> {
  const fd = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

export function fieldList(entity: ImportEntity<never>): PreviewField[] {
  return entity.fields.map((f) => ({
    name: f.name,
    required: !!f.required,
    type: f.type,
    label: { zh: f.aliases.find((a) => CJK.test(a)) ?? f.name, en: humanise(f.name) },
    aliases: [...f.aliases],
  }));
}

export async function readPreview(path: string, entity: ImportEntity<never>, sizeBytes: number, limits?: ReadLimits): Promise<ImportPreview> {
  const source = await openSource(path, limits);
  const it = source.rows[Symbol.asyncIterator]();
  let header: SourceRow | null = null;
  const rows: SourceRow[] = [];
  let wholeFile = true;
  try {
    for (let next = await it.next(); !next.done; next = await it.next()) {
      if (isBlankRow(next.value.cells)) continue;
      if (!header) header = next.value;
      else if (rows.length < PREVIEW_ROWS) rows.push(next.value);
      else {
        wholeFile = false;
        break;
      }
    }
  } finally {
    await it.return?.();
  }
  const headers = (header?.cells ?? []).map((c) => cellText(c).trim());
  const width = Math.max(headers.length, ...rows.map((r) => r.cells.length));
  while (headers.length < width) headers.push('');
  const match = matchHeaders(headers, entity.fields, {}, entity.requireAny);
  const text = rows.map((r) => ({ row: r.row, cells: Array.from({ length: width }, (_, i) => cellText(r.cells[i])) }));
  let rowsEstimated: number | null = null;
  if (source.format === 'csv' && header) {
    const enc = source.encoding ?? 'UTF-8';
    const delim = source.delimiter ?? ',';
    const crlf = (await headBytes(path)).includes(0x0d) ? 2 : 1;
    rowsEstimated = estimateRows(sizeBytes, lineBytes(headers, delim, enc, crlf), text.map((r) => lineBytes(r.cells, delim, enc, crlf)), wholeFile);
  }
  return {
    entity: entity.name,
    format: source.format,
    encoding: source.encoding ?? null,
    delimiter: source.delimiter ?? null,
    headerRow: header?.row ?? 0,
    header: headers,
    rows: text,
    suggested: match.fields,
    headerIssues: header ? match.issues : [{ code: 'empty_file', reason: 'the file is empty: it has no header row' }],
    fields: fieldList(entity),
    rowsEstimated,
  };
}

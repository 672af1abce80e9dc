// What every reader gives the importer: rows of cells numbered as the user sees them in the
// file (the header is row 1), produced lazily so memory stays bounded whatever the file size.
import { AppError } from '../../shared/errors.js';
import type { CellValue } from '../rules/fields.js';

export interface SourceRow {
  /** Row number as a spreadsheet shows it (1 = first line / first sheet row). */
  row: number;
  cells: CellValue[];
}

export interface RowSource {
  format: 'csv' | 'xlsx';
  /** CSV: the encoding that was detected (UTF-8, GBK, UTF-16). */
  encoding?: string;
  /** CSV: the delimiter that was sniffed. */
  delimiter?: string;
  /** XLSX: the workbook counts dates from 1904. */
  date1904(): boolean;
  rows: AsyncIterable<SourceRow>;
}

export interface ReadLimits {
  /** CSV: longest line and record, in characters (a single huge line is refused, not buffered). */
  maxRecordChars: number;
  /** XLSX: most bytes all zip entries may inflate to, and one entry; most rows. */
  maxUnzippedBytes: number;
  maxSharedStringsBytes: number;
  maxRows: number;
  /** XLSX: an entry inflating more than this many times its compressed size is a zip bomb. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxRecordChars: 1 << 20,
  maxUnzippedBytes: 2 * 1024 ** 3,
  maxSharedStringsBytes: 512 * 1024 ** 2,
  maxRows: 1_048_576, // Excel's limit
  maxRatio: 400,
};

/** A file the importer cannot read: one clear sentence, no stack. */
export function unreadable(reason: string, code = 'unreadable_file'): AppError {
  return new AppError('UNPROCESSABLE', reason, { code });
}

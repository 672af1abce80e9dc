// Streaming sheet writers: rows go out page by page and the writer waits for the output to drain
// before taking the next page, so memory holds one page whatever the row count.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvHeaderLine, csvLine, UTF8_BOM, XLSX_NUM_FMT, xlsxCellValue, type ExportColumn, type RawValue } from './rules/cells.js';
import type { ExportFormat } from './rules/disposition.js';

export interface SheetWriter {
  /** Writes a page of rows; resolves when the output can take more. */
  writeRows(rows: readonly (readonly RawValue[])[]): Promise<void>;
  /** Ends the output; resolves when everything has been handed to it. */
  finish(): Promise<void>;
}

export interface WriterOptions {
  columns: readonly ExportColumn[];
  lang: 'zh' | 'en';
  timeZone: string;
  sheetName: string;
}

/** Thrown when the reader went away (a closed download): the export stops reading pages. */
export class OutputClosedError extends Error {
  constructor() {
    super('The output was closed before the export finished');
    this.name = 'OutputClosedError';
  }
}

/** Waits until `out` wants more data; fails if it is closed or errors meanwhile. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new OutputClosedError());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new OutputClosedError());
    const onError = (e: Error) => done(e);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

function csvWriter(out: Writable, o: WriterOptions): SheetWriter {
  out.write(UTF8_BOM + csvHeaderLine(o.columns, o.lang));
  return {
    async writeRows(rows) {
      if (out.destroyed) throw new OutputClosedError();
      // One chunk per page: fewer, larger writes; the drain check below bounds what is buffered.
      let chunk = '';
      for (const r of rows) chunk += csvLine(o.columns, r, o.timeZone);
      out.write(chunk);
      await drained(out);
    },
    async finish() {
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(() => resolve());
      });
    },
  };
}

function xlsxWriter(out: Writable, o: WriterOptions): SheetWriter {
  // Inline strings (no shared-string table, which would grow with the file) and styles for the
  // number formats of money and dates.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  workbook.creator = 'KAM';
  const sheet = workbook.addWorksheet(o.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = o.columns.map((c) => ({
    key: c.key,
    width: c.kind === 'text' ? 24 : c.kind === 'datetime' ? 20 : 14,
    ...(XLSX_NUM_FMT[c.kind] ? { style: { numFmt: XLSX_NUM_FMT[c.kind] } } : {}),
  }));
  const header = sheet.getRow(1);
  header.values = o.columns.map((c) => c.header[o.lang]);
  header.font = { bold: true };
  header.commit();
  return {
    async writeRows(rows) {
      if (out.destroyed) throw new OutputClosedError();
      for (const r of rows) sheet.addRow(o.columns.map((c, i) => xlsxCellValue(c.kind, r[i], o.timeZone))).commit();
      // exceljs buffers the sheet XML until the zip takes it; the zip pauses while `out` is full.
      // Waiting for `out` here keeps that buffer to about one page.
      await drained(out);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

export function openSheetWriter(format: ExportFormat, out: Writable, o: WriterOptions): SheetWriter {
  return format === 'csv' ? csvWriter(out, o) : xlsxWriter(out, o);
}

// XLSX: the first worksheet, streamed row by row with exceljs's WorkbookReader after the zip
// guard has checked the file is whole and not a bomb. Cells come as numbers, text or booleans;
// styles are not read, so a date cell is its Excel serial number (the date rules convert it).
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors.js';
import type { CellValue } from '../rules/fields.js';
import { checkXlsx } from './zip-guard.js';
import { unreadable, type ReadLimits, type RowSource, type SourceRow } from './source.js';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** One exceljs cell value → text, number or boolean. Formulas give their cached result. */
export function xlsxCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) {
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; formula?: string; error?: string };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if ('result' in o || 'formula' in o) return xlsxCell(o.result);
  if (o.error !== undefined) return o.error;
  if (o.text !== undefined) return xlsxCell(o.text);
  return String(v as string);
}

export async function openXlsx(path: string, limits: ReadLimits): Promise<RowSource> {
  await checkXlsx(path, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const state = reader as unknown as { properties?: { model?: { date1904?: boolean } }; stream?: { destroy(): void } };

  async function* rows(): AsyncGenerator<SourceRow> {
    try {
      for await (const sheet of reader) {
        for await (const r of sheet) {
          const row = r as unknown as { number: number; values: unknown[] };
          if (row.number > limits.maxRows) throw unreadable(`the worksheet has more than ${limits.maxRows.toLocaleString('en')} rows`, 'too_many_rows');
          const cells: CellValue[] = [];
          const values = row.values;
          for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
          yield { row: row.number, cells };
        }
        break; // the first worksheet only
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreadable(`the XLSX file could not be read: ${e instanceof Error ? e.message : String(e)}`, 'invalid_xlsx');
    } finally {
      state.stream?.destroy();
    }
  }

  return { format: 'xlsx', date1904: () => state.properties?.model?.date1904 === true, rows: rows() };
}

// Opens an import file by its content: a zip (PK…) is XLSX, anything else is read as CSV.
import fs from 'node:fs';
import { openCsv } from './csv.js';
import { openXlsx } from './xlsx.js';
import { DEFAULT_LIMITS, unreadable, type ReadLimits, type RowSource } from './source.js';

export async function openSource(path: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<RowSource> {
  let head: Buffer;
  try {
    const fd = await fs.promises.open(path, 'r');
    try {
      const stat = await fd.stat();
      if (!stat.isFile()) throw unreadable(`${path} is not a file`, 'not_a_file');
      head = Buffer.alloc(4);
      await fd.read(head, 0, 4, 0);
    } finally {
      await fd.close();
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw unreadable(`no file ${path}`, 'no_file');
    if (code === 'EACCES') throw unreadable(`cannot read ${path}: permission denied`, 'no_file');
    if (code === 'EISDIR') throw unreadable(`${path} is a folder, not a file`, 'not_a_file');
    throw e;
  }
  const zip = head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
  if (zip) return openXlsx(path, limits);
  if (/\.xlsx$/i.test(path) && head.some((b) => b !== 0)) {
    throw unreadable('the file is named .xlsx but is not an XLSX workbook (renamed from another format?)', 'invalid_xlsx');
  }
  if (/\.xls$/i.test(path) && head[0] === 0xd0 && head[1] === 0xcf) {
    throw unreadable('old Excel .xls files are not read: save it as .xlsx or .csv', 'xls_not_supported');
  }
  return openCsv(path, limits);
}

export { DEFAULT_LIMITS, type ReadLimits, type RowSource, type SourceRow } from './source.js';

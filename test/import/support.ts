// Helpers of the import tests: files written on the fly (CSV in any encoding, XLSX, hand-made
// zips), the `kam import` code path run against the test database, and quick counts.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql, type Kysely } from 'kysely';
import { runImport, type ImportCommandOptions } from '../../src/server/cli/import.js';
import type { DB } from '../../src/server/db/schema.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const TMP = path.resolve(import.meta.dirname, '../../.tmp/import-tests');

export function tempDir(label: string): string {
  fs.mkdirSync(TMP, { recursive: true });
  return fs.mkdtempSync(path.join(TMP, `${label}-`));
}

/** Writes text as a file: UTF-8 (optionally with BOM) or GBK. */
export function writeText(dir: string, name: string, text: string, encoding: 'utf8' | 'utf8-bom' | 'gbk' = 'utf8'): string {
  const file = path.join(dir, name);
  const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(encoding === 'utf8-bom' ? `\uFEFF${text}` : text, 'utf8');
  fs.writeFileSync(file, bytes);
  return file;
}

export async function writeXlsx(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A zip of the given entries (deflated), written by hand: for zip bombs and odd archives. */
export function writeZip(dir: string, name: string, entries: { name: string; data: Buffer }[]): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = zlib.deflateRawSync(e.data, { level: 9 });
    const fileName = Buffer.from(e.name);
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat([...locals, cd, end]));
  return file;
}

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
  report: Awaited<ReturnType<typeof runImport>>['report'];
}

/** `kam import <entity> <file> …` against the given database, output captured. */
export async function kamImport(db: Kysely<DB>, entity: string, file: string, opts: ImportCommandOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const { code, report } = await runImport(db, entity, file, opts, { out: (l) => out.push(l), err: (l) => err.push(l), progress: false });
  return { code, out, err, report };
}

export async function count(db: Kysely<DB>, table: string, where = 'true'): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(db);
  return r.rows[0]!.n;
}

export async function one<T>(db: Kysely<DB>, query: string): Promise<T> {
  return (await sql.raw<T>(query).execute(db)).rows[0]!;
}

export async function all<T>(db: Kysely<DB>, query: string): Promise<T[]> {
  return (await sql.raw<T>(query).execute(db)).rows;
}

/** Counts of every table an import writes, to show a failed import left nothing behind. */
const TABLES = ['accounts', 'contacts', 'orders', 'order_lines', 'payments', 'timeline_events', 'audit_log'] as const;

export async function snapshot(db: Kysely<DB>): Promise<Record<(typeof TABLES)[number], number>> {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(db, t)] as const))) as Record<(typeof TABLES)[number], number>;
}

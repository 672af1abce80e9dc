// Before exceljs reads an XLSX (a zip), check it is whole and not a zip bomb: the central
// directory must be there (a truncated download has none), the entries must tile the file (no
// hidden entries the streaming reader would see but the directory does not list), and every
// entry is actually inflated once, counting bytes, stopping at the limits — declared sizes
// can lie, measured ones cannot. Constant memory: the data streams through zlib.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors.js';
import { unreadable, type ReadLimits } from './source.js';

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

const incomplete = () => unreadable('the XLSX file is incomplete or damaged (truncated download?): save or copy it again', 'truncated_xlsx');

async function readAt(fd: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  if (bytesRead < length) throw incomplete();
  return buf;
}

async function centralDirectory(fd: fs.promises.FileHandle, size: number): Promise<{ entries: Entry[]; cdOffset: number }> {
  if (size < 22) throw incomplete();
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fd, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw incomplete();
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw unreadable('the XLSX file is larger than 4 GB (zip64), which the importer does not read: split it', 'xlsx_too_large');
  if (cdOffset + cdSize > size - tailLength + at) throw incomplete();
  const cd = await readAt(fd, cdOffset, cdSize);
  const entries: Entry[] = [];
  for (let p = 0, i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw incomplete();
    const nameLength = cd.readUInt16LE(p + 28);
    entries.push({
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressed: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      offset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return { entries, cdOffset };
}

/** Inflates one entry's data, counting; throws past `max` bytes. Returns the inflated size. */
async function measure(path: string, start: number, entry: Entry, max: number): Promise<number> {
  if (entry.compressed === 0) return 0;
  const input = fs.createReadStream(path, { start, end: start + entry.compressed - 1 });
  const inflate = entry.method === 8 ? zlib.createInflateRaw() : null;
  if (entry.method !== 0 && !inflate) throw unreadable(`the XLSX entry ${entry.name} uses an unsupported compression method`, 'invalid_xlsx');
  const stream = inflate ? input.pipe(inflate) : input;
  input.on('error', (e) => stream.destroy(e));
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > max) throw unreadable(`the XLSX file unpacks to more than ${Math.round(max / 1024 ** 2).toLocaleString('en')} MB (${entry.name}): a zip bomb, or too large to import`, 'zip_bomb');
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw incomplete(); // zlib: invalid or truncated deflate data
  } finally {
    input.destroy();
    stream.destroy();
  }
  return total;
}

export async function checkXlsx(path: string, limits: ReadLimits): Promise<void> {
  const fd = await fs.promises.open(path, 'r');
  try {
    const { size } = await fd.stat();
    const { entries, cdOffset } = await centralDirectory(fd, size);
    if (entries.length > 10_000) throw unreadable('the XLSX file has more than 10,000 parts: not a spreadsheet', 'invalid_xlsx');
    let expected = 0;
    let total = 0;
    for (const entry of [...entries].sort((a, b) => a.offset - b.offset)) {
      if (entry.offset !== expected) throw incomplete();
      const local = await readAt(fd, entry.offset, 30);
      if (local.readUInt32LE(0) !== LOCAL) throw incomplete();
      const dataStart = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      expected = dataStart + entry.compressed;
      if (entry.flags & 8) expected += (await readAt(fd, expected, 4)).readUInt32LE(0) === DESCRIPTOR ? 16 : 12;
      const cap = Math.min(
        limits.maxUnzippedBytes - total,
        entry.name === 'xl/sharedStrings.xml' ? limits.maxSharedStringsBytes : Infinity,
        Math.max(1 << 20, entry.compressed * limits.maxRatio),
      );
      total += await measure(path, dataStart, entry, cap);
    }
    if (expected !== cdOffset) throw incomplete();
    if (!entries.some((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))) throw unreadable('the file is a zip archive but not an XLSX workbook (no worksheet)', 'invalid_xlsx');
  } finally {
    await fd.close();
  }
}

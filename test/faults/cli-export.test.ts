// `kam export` as a user runs it: a separate process on a PGlite data folder, stdout or --out,
// the list API's filters, exit code 1 with the reason on bad filters. (Lives with the fault tests
// for their child-process harness.)
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs, tempDataDir } from './support.js';

const CLI = 'src/server/cli.ts';
let dir: string;
const env = () => ({ KAM_DATA_DIR: dir, KAM_LOG_LEVEL: 'warn' });

async function kam(args: string[]) {
  const child = runTs(CLI, args, env());
  const { code } = await child.exited;
  return { code, stdout: child.stdout.join('\n'), stderr: child.stderr.join('\n') };
}

beforeAll(async () => {
  dir = tempDataDir('cli-export');
  const seeded = await kam(['seed', '--accounts', '40', '--password', 'cli-export-pass-1']);
  expect(seeded.code, seeded.stderr).toBe(0);
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kam export', () => {
  it('writes every account as CSV to stdout, and filters like the list', async () => {
    const all = await kam(['export', 'accounts', '--sort', 'createdAt']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.startsWith('\uFEFFID,客户名称,简称,')).toBe(true);
    const rows = (parse(all.stdout.replace(/^\uFEFF/, '')) as string[][]).slice(1);
    expect(rows.length).toBe(40);
    expect(all.stderr).toContain('Exported 40 accounts.');
    const ids = rows.map((r) => Number(r[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const industry = rows[0]![4]!;
    const filtered = await kam(['export', 'accounts', '--industry', industry, '--lang', 'en']);
    expect(filtered.code, filtered.stderr).toBe(0);
    const frows = parse(filtered.stdout.replace(/^\uFEFF/, '')) as string[][];
    expect(frows[0]!.slice(0, 2)).toEqual(['ID', 'Name']);
    expect(frows.length - 1).toBe(rows.filter((r) => r[4] === industry).length);
    expect(frows.slice(1).every((r) => r[4] === industry)).toBe(true);
  }, 60_000);

  it('writes contacts as XLSX to --out, with PII (the CLI acts as the system)', async () => {
    const out = path.join(dir, 'contacts.xlsx');
    const res = await kam(['export', 'contacts', '--format', 'xlsx', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const n = Number(/Exported ([\d,]+) contacts to /.exec(res.stderr)![1]!.replace(/,/g, ''));
    expect(n).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(n + 1);
    const phones = Array.from({ length: n }, (_v, i) => ws.getRow(i + 2).getCell(8).value).filter((v) => v !== null);
    expect(phones.length).toBeGreaterThan(0);
  }, 60_000);

  it('fails with exit code 1 and names the bad option', async () => {
    const bad = await kam(['export', 'accounts', '--lifecycle-status', 'sleeping']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--lifecycle-status');
    const wrong = await kam(['export', 'contacts', '--industry', '制造']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--industry: is not a filter of contacts');
    const unknown = await kam(['export', 'tickets']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown entity "tickets"');
  }, 60_000);
});

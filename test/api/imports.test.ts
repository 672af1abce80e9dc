// Import in the web app through HTTP: upload → preview → check (dry run) → import → poll →
// result, the report as CSV, saved mappings, bad files (4xx, the server keeps serving, nothing
// left behind), the size limit, and a job interrupted by a dead server.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED } from '../../src/server/import/runner.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { snapshot, tempDir, writeXlsx, writeZip } from '../import/support.js';
import { testRunner, upload } from './support-imports.js';

let t: TestApp;
let director: Session;
let admin: Session;
let kam1: Session;
let dir: string;

const GOOD_AND_BAD = [
  '客户名称,客户编码,行业,年营业额,员工人数',
  '网页导入甲公司,WEB-001,通信,"1,234,567.89",1200',
  '网页导入乙公司,WEB-002,制造业,¥2000,80',
  ',WEB-003,零售,100,5', // no name
  '网页导入丙公司,WEB-004,能源,abc,10', // bad amount
  '网页导入丁公司,WEB-005,金融,300,很多', // bad integer
  '网页导入戊公司,WEB-006,物流,400,40',
].join('\n');

beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: 1024 * 1024 });
  [director, admin, kam1] = await Promise.all([t.login('director'), t.login('admin'), t.login('kam1')]);
  dir = tempDir('web-import');
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const uploadDir = () => t.services.importJobs.config.uploadDir;
const storedFiles = () => (fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()) : []);
const accountsNamed = async (prefix: string) =>
  (await sql<{ name: string }>`select name from accounts where name like ${`${prefix}%`} order by name`.execute(t.db)).rows.map((r) => r.name);

describe('upload → preview → check → import → result', () => {
  it('previews, reports the bad rows on a dry run, imports the good rows with skip-invalid', async () => {
    const up = await upload(t, director, 'accounts', '客户清单.csv', GOOD_AND_BAD);
    expect(up.statusCode, up.body).toBe(201);
    const job = up.json();
    expect(job).toMatchObject({ entity: 'accounts', fileName: '客户清单.csv', format: 'csv', status: 'uploaded', canRun: true, createdBy: { id: director.userId } });
    expect(job.preview).toMatchObject({
      format: 'csv',
      encoding: 'UTF-8',
      delimiter: ',',
      headerRow: 1,
      header: ['客户名称', '客户编码', '行业', '年营业额', '员工人数'],
      suggested: ['name', 'externalCode', 'industry', 'annualRevenue', 'employees'],
      headerIssues: [],
      rowsEstimated: 6,
    });
    expect(job.preview.rows).toHaveLength(6);
    expect(job.preview.rows[0]).toEqual({ row: 2, cells: ['网页导入甲公司', 'WEB-001', '通信', '1,234,567.89', '1200'] });
    expect(job.preview.fields.find((f: { name: string }) => f.name === 'name')).toMatchObject({ required: true, label: { zh: '客户名称', en: 'Name' } });
    expect(storedFiles()).toHaveLength(1);

    const runner = testRunner(t);
    // Check (dry run): the report names each bad row and column; nothing is written.
    const before = await snapshot(t.db);
    const check = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, { dryRun: true });
    expect(check.statusCode, check.body).toBe(202);
    expect(check.json()).toMatchObject({ status: 'queued', options: { dryRun: true, skipInvalid: false } });
    expect(await runner.drain()).toBe(1);
    const checked = (await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json();
    expect(checked).toMatchObject({ status: 'succeeded', percent: 100, rowsProcessed: 6, canRun: true });
    expect(checked.summary).toMatchObject({ file: '客户清单.csv', dryRun: true, committed: false, rows: 6, created: 3, rejected: 3, issueCount: 3 });
    expect(checked.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code])).toEqual([
      [4, '客户名称 (A)', 'required'],
      [5, '年营业额 (D)', 'invalid_number'],
      [6, '员工人数 (E)', 'invalid_number'],
    ]);
    expect(await snapshot(t.db)).toEqual({ ...before, audit_log: before.audit_log + 1 }); // the queue's audit row only

    // The report as CSV.
    const csv = await t.call(director, 'GET', `/api/v1/imports/${job.id}/report?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('客户清单-校验报告.csv')}`);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFF行号,列,字段,代码,原因');
    expect(lines[1]).toMatch(/^4,客户名称 \(A\),name,required,/);
    expect(lines).toHaveLength(5);

    // Import the good rows.
    const run = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, { skipInvalid: true });
    expect(run.statusCode, run.body).toBe(202);
    await runner.drain();
    const done = (await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'succeeded', canRun: false });
    expect(done.summary).toMatchObject({ committed: true, mode: 'skip-invalid', created: 3, rejected: 3, rejectedFile: 'kept' });
    expect(await accountsNamed('网页导入')).toEqual(['网页导入乙公司', '网页导入戊公司', '网页导入甲公司']);
    const revenue = await sql<{ r: string }>`select annual_revenue::text as r from accounts where external_code = 'WEB-001'`.execute(t.db);
    expect(revenue.rows[0]!.r).toBe('1234567.89');

    // A committed job is not run twice.
    const again = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, { skipInvalid: true });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'CONFLICT']);
  });

  it('all-or-nothing: a file with bad rows writes nothing and can then be run with skip-invalid', async () => {
    const job = (await upload(t, director, 'accounts', 'aon.csv', GOOD_AND_BAD.replaceAll('网页导入', '全或无'))).json();
    const before = await snapshot(t.db);
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    await testRunner(t).drain();
    const done = (await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json();
    expect(done.summary).toMatchObject({ mode: 'all-or-nothing', committed: false, rejected: 3 });
    expect(done.canRun).toBe(true);
    expect(await accountsNamed('全或无')).toEqual([]);
    expect((await snapshot(t.db)).accounts).toBe(before.accounts);
  });

  it('runs an explicit mapping, and refuses one that does not fit the file naming the mapping', async () => {
    const job = (await upload(t, director, 'accounts', 'mapped.csv', 'Firma;Kennung\n映射公司一;MAP-1\n映射公司二;MAP-2\n')).json();
    expect(job.preview.delimiter).toBe(';');
    expect(job.preview.suggested).toEqual([null, null]);
    expect(job.preview.headerIssues.map((i: { code: string }) => i.code)).toEqual(['missing_column']);
    const bad = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, { mapping: { Firma: 'nosuchfield' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(['mapping:unknown_field', 'mapping:missing_column']);
    const ok = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, { mapping: { Firma: 'name', Kennung: 'externalCode' }, mappingName: 'German CRM' });
    expect(ok.statusCode, ok.body).toBe(202);
    await testRunner(t).drain();
    expect((await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json().summary).toMatchObject({ committed: true, created: 2 });
    expect(await accountsNamed('映射公司')).toEqual(['映射公司一', '映射公司二']);
  });

  it('imports an XLSX file', async () => {
    const file = await writeXlsx(dir, 'orders.xlsx', [['客户名称', '客户编码'], ['表格公司', 'XL-1']]);
    const job = (await upload(t, director, 'accounts', 'orders.xlsx', fs.readFileSync(file))).json();
    expect(job.preview).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, rowsEstimated: null, rows: [{ row: 2, cells: ['表格公司', 'XL-1'] }] });
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    await testRunner(t).drain();
    const done = (await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'succeeded', percent: 100 });
    expect(done.summary).toMatchObject({ committed: true, created: 1 });
  });
});

describe('who sees which jobs', () => {
  it('lists the caller\'s jobs; an administrator sees all; others get 403, another\'s job is 404', async () => {
    const mine = (await upload(t, admin, 'contacts', 'admin.csv', '客户名称,姓名\n某公司,张三\n')).json();
    const asDirector = (await t.call(director, 'GET', '/api/v1/imports?limit=100')).json();
    expect(asDirector.maxUploadBytes).toBe(1024 * 1024);
    expect(asDirector.items.every((j: { createdBy: { id: number } }) => j.createdBy.id === director.userId)).toBe(true);
    expect(asDirector.items.length).toBeGreaterThanOrEqual(4);
    const asAdmin = (await t.call(admin, 'GET', '/api/v1/imports?limit=100')).json();
    expect(asAdmin.items.map((j: { id: number }) => j.id)).toContain(mine.id);
    expect(asAdmin.items.length).toBe(asDirector.items.length + 1);
    expect((await t.call(director, 'GET', `/api/v1/imports/${mine.id}`)).statusCode).toBe(404);
    expect((await t.call(kam1, 'GET', '/api/v1/imports')).statusCode).toBe(403);
    expect((await upload(t, kam1, 'accounts', 'x.csv', '客户名称\n甲\n')).statusCode).toBe(403);
    // Pages: newest first, keyset cursor.
    const page1 = (await t.call(admin, 'GET', '/api/v1/imports?limit=2')).json();
    const page2 = (await t.call(admin, 'GET', `/api/v1/imports?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page1.items[0].id).toBeGreaterThan(page1.items[1].id);
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);
  });
});

describe('bad files answer 4xx, leave nothing behind, and the server keeps serving', () => {
  const refused = async (name: string, data: Buffer | string, status = 422) => {
    const jobs = (await t.db.selectFrom('import_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const files = storedFiles().length;
    const res = await upload(t, director, 'accounts', name, data);
    expect(res.statusCode, res.body).toBe(status);
    expect((await t.call(null, 'GET', '/api/health')).statusCode).toBe(200);
    expect((await t.db.selectFrom('import_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(jobs);
    expect(storedFiles()).toHaveLength(files);
    return res.json().error as { code: string; message: string; details?: { code?: string } };
  };

  it('an empty file', async () => {
    expect((await refused('empty.csv', '')).details?.code).toBe('empty_file');
  });

  it('a truncated XLSX', async () => {
    const whole = fs.readFileSync(await writeXlsx(dir, 'whole.xlsx', [['客户名称'], ['截断公司']]));
    const e = await refused('truncated.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(e.message).toMatch(/incomplete or damaged/);
  });

  it('a zip bomb', async () => {
    const sheet = Buffer.concat([Buffer.from('<worksheet><sheetData>'), Buffer.alloc(64 * 1024 ** 2, 0x20), Buffer.from('</sheetData></worksheet>')]);
    const bomb = writeZip(dir, 'bomb.xlsx', [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    expect((await refused('bomb.xlsx', fs.readFileSync(bomb))).message).toMatch(/zip bomb/);
  });

  it('a file over the size limit: 413', async () => {
    const big = `客户名称\n${'超大文件公司\n'.repeat(70_000)}`; // ≈ 1.3 MB > 1 MB
    expect(await refused('big.csv', big, 413)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { code: 'upload_too_large' } });
  });

  it('a request without a file part, or not multipart', async () => {
    const notMultipart = await t.call(director, 'POST', '/api/v1/imports?entity=accounts', { file: 'x' });
    expect([notMultipart.statusCode, notMultipart.json().error.details.fields[0].field]).toEqual([400, 'file']);
    const badEntity = await upload(t, director, 'planets', 'x.csv', '客户名称\n甲\n');
    expect(badEntity.statusCode).toBe(400);
  });
});

describe('a job interrupted by a dead server', () => {
  it('is marked failed with "interrupted" at the next start, nothing half-written, and runs again', async () => {
    const rows = ['客户名称,客户编码', ...Array.from({ length: 30 }, (_, i) => `中断公司${i},INT-${i}`)].join('\n');
    const job = (await upload(t, director, 'accounts', 'interrupted.csv', rows)).json();
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    // A server claimed it and died: running, its owner gone, its heartbeat old. Its import
    // transaction died with it, so no account of the file exists.
    await t.db.updateTable('import_jobs').set({ status: 'running', owner: 'dead-process', started_at: new Date(Date.now() - 600_000), heartbeat_at: new Date(Date.now() - 600_000) }).where('id', '=', job.id).execute();
    const runner = testRunner(t);
    await runner.start();
    await runner.stop();
    const failed = (await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', error: INTERRUPTED, canRun: true });
    expect(await accountsNamed('中断公司')).toEqual([]);
    // Deleting is refused only while running; running again completes it.
    const rerun = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    expect(rerun.statusCode, rerun.body).toBe(202);
    await testRunner(t).drain();
    expect((await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json().summary).toMatchObject({ committed: true, created: 30 });
    expect(await accountsNamed('中断公司')).toHaveLength(30);
  });

  it('a running job with a live heartbeat is left alone on PostgreSQL (another server runs it)', async () => {
    if (t.database.kind !== 'postgres') return; // PGlite: one process per data folder, any running job at start is dead
    const job = (await upload(t, director, 'accounts', 'alive.csv', '客户名称\n活着公司\n')).json();
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    await t.db.updateTable('import_jobs').set({ status: 'running', owner: 'other-server', heartbeat_at: new Date() }).where('id', '=', job.id).execute();
    const runner = testRunner(t);
    await runner.start();
    await runner.stop();
    expect((await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json().status).toBe('running');
    const del = await t.call(director, 'DELETE', `/api/v1/imports/${job.id}`);
    expect([del.statusCode, del.json().error.code]).toEqual([409, 'CONFLICT']);
    await t.db.updateTable('import_jobs').set({ status: 'failed' }).where('id', '=', job.id).execute();
  });

  it('a clean stop puts the running job back in the queue, rolled back', async () => {
    const rows = ['客户名称', ...Array.from({ length: 400 }, (_, i) => `停止公司${i}`)].join('\n');
    const job = (await upload(t, director, 'accounts', 'stop.csv', rows)).json();
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    const runner = testRunner(t, { batchSize: 50 });
    const draining = runner.drain();
    await runner.stop(); // stops at the first batch's progress callback
    await draining;
    expect((await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json()).toMatchObject({ status: 'queued', rowsProcessed: 0 });
    expect(await accountsNamed('停止公司')).toEqual([]);
    await testRunner(t).drain();
    expect(await accountsNamed('停止公司')).toHaveLength(400);
  });
});

describe('progress', () => {
  it('is written while the import runs on PostgreSQL (rows done of the estimate)', async () => {
    if (t.database.kind !== 'postgres') return; // PGlite keeps it in memory: its one connection is the import's
    const rows = ['客户名称', ...Array.from({ length: 3000 }, (_, i) => `进度公司${String(i).padStart(4, '0')}`)].join('\n');
    const job = (await upload(t, director, 'accounts', 'progress.csv', rows)).json();
    expect(job.rowsEstimated).toBe(3000);
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    const runner = testRunner(t, { batchSize: 100, progressMs: 0 });
    const draining = runner.drain();
    const seen = new Set<string>();
    while (seen.size < 200) {
      const j = (await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json();
      seen.add(`${j.status}:${j.rowsProcessed}:${j.percent}`);
      if (j.status === 'succeeded') break;
    }
    await draining;
    const partial = [...seen].filter((s) => s.startsWith('running:') && !s.startsWith('running:0:'));
    expect(partial.length, [...seen].join(' ')).toBeGreaterThan(0);
    const [, done, percent] = partial[0]!.split(':').map(Number);
    expect(done! % 100).toBe(0);
    expect(percent).toBe(Math.floor((done! / 3000) * 100));
  });

  it('cannot deadlock on PGlite: progress writes there only queue behind the import\'s transaction', async () => {
    if (t.database.kind !== 'pglite') return;
    const rows = ['客户名称', ...Array.from({ length: 500 }, (_, i) => `排队公司${i}`)].join('\n');
    const job = (await upload(t, director, 'accounts', 'queue.csv', rows)).json();
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    // Forced live progress on the one-connection database: each write waits for the import's
    // transaction to end (the import never waits for a write), so the run completes.
    const runner = testRunner(t, { batchSize: 50, progressMs: 0, liveProgress: true });
    const draining = runner.drain();
    const during = await t.call(director, 'GET', `/api/v1/imports/${job.id}`); // waits for the connection too
    await draining;
    expect(['queued', 'running', 'succeeded']).toContain(during.json().status);
    expect((await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json()).toMatchObject({ status: 'succeeded', rowsProcessed: 500, percent: 100 });
  });
});

describe('delete', () => {
  it('removes the job and its files', async () => {
    const job = (await upload(t, director, 'accounts', 'gone.csv', '客户名称\n删除公司\n')).json();
    const stored = (await t.db.selectFrom('import_jobs').select('stored_path').where('id', '=', job.id).executeTakeFirstOrThrow()).stored_path;
    expect(fs.existsSync(stored)).toBe(true);
    expect((await t.call(director, 'DELETE', `/api/v1/imports/${job.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(stored)).toBe(false);
    expect((await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).statusCode).toBe(404);
    expect(path.dirname(stored)).toBe(uploadDir());
  });

  it('old files go after keepDays (7 here): the job and its report stay, it can no longer run', async () => {
    const job = (await upload(t, director, 'accounts', 'old.csv', '客户名称\n旧文件公司\n')).json();
    const fresh = (await upload(t, director, 'accounts', 'fresh.csv', '客户名称\n新文件公司\n')).json();
    await t.db.updateTable('import_jobs').set({ status: 'failed', finished_at: new Date(Date.now() - 8 * 86_400_000) }).where('id', '=', job.id).execute();
    const paths = await t.db.selectFrom('import_jobs').select(['id', 'stored_path']).where('id', 'in', [job.id, fresh.id]).orderBy('id').execute();
    expect(await t.services.importJobs.purgeOldFiles()).toBe(1);
    expect(fs.existsSync(paths[0]!.stored_path)).toBe(false);
    expect(fs.existsSync(paths[1]!.stored_path)).toBe(true);
    expect((await t.call(director, 'GET', `/api/v1/imports/${job.id}`)).json()).toMatchObject({ fileKept: false, canRun: false });
    const rerun = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`, {});
    expect([rerun.statusCode, rerun.json().error.message]).toEqual([409, 'The import job cannot be run: its file is no longer kept: upload it again']);
  });
});

describe('saved mappings', () => {
  it('saves, lists, renames with the version, refuses duplicates and unknown fields, deletes', async () => {
    const created = await t.call(director, 'POST', '/api/v1/import-mappings', { entity: 'accounts', name: '德国CRM', columns: { Firma: 'name', Kennung: 'externalCode', Notiz: null } });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ entity: 'accounts', name: '德国CRM', columns: { Firma: 'name', Kennung: 'externalCode', Notiz: null }, version: 1 });
    const dup = await t.call(admin, 'POST', '/api/v1/import-mappings', { entity: 'accounts', name: '德国crm', columns: {} });
    expect([dup.statusCode, dup.json().error.details.fields[0].field]).toEqual([409, 'name']);
    const unknown = await t.call(director, 'POST', '/api/v1/import-mappings', { entity: 'accounts', name: 'x', columns: { A: 'planet' } });
    expect([unknown.statusCode, unknown.json().error.details.fields[0].code]).toEqual([400, 'unknown_field']);
    expect((await t.call(director, 'GET', '/api/v1/import-mappings?entity=accounts')).json().items.map((i: { name: string }) => i.name)).toEqual(['德国CRM']);
    expect((await t.call(director, 'GET', '/api/v1/import-mappings?entity=orders')).json().items).toEqual([]);
    const renamed = await t.call(admin, 'PATCH', `/api/v1/import-mappings/${m.id}`, { version: 1, name: '德国 CRM 导出' });
    expect(renamed.json()).toMatchObject({ name: '德国 CRM 导出', version: 2 });
    const stale = await t.call(director, 'PATCH', `/api/v1/import-mappings/${m.id}`, { version: 1, name: '旧' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE_VERSION']);
    expect((await t.call(kam1, 'GET', '/api/v1/import-mappings')).statusCode).toBe(403);
    expect((await t.call(director, 'DELETE', `/api/v1/import-mappings/${m.id}?version=2`)).statusCode).toBe(204);
    expect((await t.call(director, 'GET', `/api/v1/import-mappings/${m.id}`)).statusCode).toBe(404);
  });
});

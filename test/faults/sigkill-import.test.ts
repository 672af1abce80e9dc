// `kam import` killed with SIGKILL in the middle of a large import (after its progress shows
// rows read and written in batches): the import is one transaction, so after a restart nothing
// of it is there — no order, line, payment, audit row or timeline event — the database opens
// cleanly, and running the same import again completes it with exact counts and amounts.
// On a PGlite data folder and on the PostgreSQL server.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPGlite, openPostgres, type Database } from '../../src/server/db/database.js';
import type { DB } from '../../src/server/db/schema.js';
import { writeOrderLinesCsv } from '../../src/server/bench/import-files.js';
import { killAll, runTs, scratchPostgresDatabase, tempDataDir } from './support.js';

const CLI = 'src/server/cli.ts';
const ROWS = 40_000;
const PREFIX = 'BK';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(() => {
  killAll();
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Target {
  env: Record<string, string>;
  open(): Promise<Database>;
}

async function kam(t: Target, args: string[]) {
  const child = runTs(CLI, args, { KAM_LOG_LEVEL: 'warn', ...t.env });
  const { code } = await child.exited;
  return { code, stdout: child.stdout.join('\n'), stderr: child.stderr.join('\n') };
}

interface Snapshot {
  orders: number;
  lines: number;
  payments: number;
  audit: number;
  events: number;
  orderAmount: string;
  benchOrders: number;
}

async function snapshot(db: Kysely<DB>): Promise<Snapshot> {
  const { rows } = await sql<Snapshot>`
    select (select count(*)::int from orders) as orders,
           (select count(*)::int from order_lines) as lines,
           (select count(*)::int from payments) as payments,
           (select count(*)::int from audit_log) as audit,
           (select count(*)::int from timeline_events) as events,
           (select coalesce(sum(amount), 0)::text from orders) as "orderAmount",
           (select count(*)::int from orders where order_number like ${`${PREFIX}%`}) as "benchOrders"`.execute(db);
  return rows[0]!;
}

/** What the file holds, worked out from the file itself: orders, customers, total in fen. */
function expected(file: string) {
  const rows = (parse(fs.readFileSync(file, 'utf8')) as string[][]).slice(1);
  const fen = (s: string) => {
    const [i, f = ''] = s.replace('-', '').split('.');
    const v = BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2));
    return s.startsWith('-') ? -v : v;
  };
  return {
    lines: rows.length,
    orders: new Set(rows.map((r) => r[0])).size,
    customers: new Set(rows.map((r) => r[1] || r[2])).size,
    fen: rows.reduce((s, r) => s + fen(r[8]!), 0n),
  };
}

const toFen = (s: string) => BigInt(s.replace('.', ''));

async function crashAndRecover(t: Target, workDir: string) {
  const seeded = await kam(t, ['seed', '--accounts', '40', '--password', 'sigkill-import-1']);
  expect(seeded.code, seeded.stderr).toBe(0);

  const file = path.join(workDir, 'order-lines.csv');
  let d = await t.open();
  await writeOrderLinesCsv(d.db, file, ROWS, PREFIX);
  const before = await snapshot(d.db);
  await d.close();
  const want = expected(file);
  expect(want.lines).toBe(ROWS);
  expect(before.benchOrders).toBe(0);

  // Import, and kill it once it reports rows read (batches written inside its transaction).
  const child = runTs(CLI, ['import', 'orders', file, '--batch-size', '2000'], { KAM_LOG_LEVEL: 'warn', ...t.env });
  const progressed = new Promise<number>((resolve) =>
    child.onErrLine((line) => {
      const m = /^reading: ([\d,]+) rows/.exec(line);
      if (m) resolve(Number(m[1]!.replace(/,/g, '')));
    }),
  );
  const read = await Promise.race([progressed, child.exited.then(() => Promise.reject(new Error(`import ended before the kill: ${child.stdout.join('\n')} ${child.stderr.join('\n')}`)))]);
  expect(read).toBeGreaterThan(0);
  expect(read).toBeLessThan(ROWS);
  child.proc.kill('SIGKILL');
  const { signal } = await child.exited;
  expect(signal).toBe('SIGKILL');
  expect(child.stdout.join('\n')).not.toMatch(/Imported/);

  // The database opens cleanly in a new process, and nothing of the import is there.
  if (t.env.KAM_DATA_DIR) {
    const opener = runTs('test/faults/fixtures/open-folder.ts', [t.env.KAM_DATA_DIR]);
    const { code } = await opener.exited;
    expect(code, opener.stderr.join('\n')).toBe(0);
    expect(JSON.parse(opener.stdout[0]!)).toMatchObject({ opened: true, accounts: 40 });
  }
  d = await t.open();
  expect(await snapshot(d.db)).toEqual(before);
  await d.close();

  // The same import again completes, with exact counts and amounts.
  const again = await kam(t, ['import', 'orders', file, '--batch-size', '2000']);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toContain(`Imported ${ROWS.toLocaleString('en')} rows of orders`);
  expect(again.stdout).toContain(`${want.orders.toLocaleString('en')} orders, ${ROWS.toLocaleString('en')} lines`);
  d = await t.open();
  const after = await snapshot(d.db);
  const { rows: mine } = await sql<{ orders: number; lines: number; amount: string; lineAmount: string }>`
    select count(distinct o.id)::int as orders, count(*)::int as lines,
           (select sum(amount)::text from orders where order_number like ${`${PREFIX}%`}) as amount, sum(l.amount)::text as "lineAmount"
    from orders o join order_lines l on l.order_id = o.id where o.order_number like ${`${PREFIX}%`}`.execute(d.db);
  await d.close();
  expect(mine[0]!.orders).toBe(want.orders);
  expect(mine[0]!.lines).toBe(ROWS);
  expect(toFen(mine[0]!.lineAmount)).toBe(want.fen);
  expect(toFen(mine[0]!.amount)).toBe(want.fen);
  expect(after.orders).toBe(before.orders + want.orders);
  expect(after.lines).toBe(before.lines + ROWS);
  expect(toFen(after.orderAmount)).toBe(toFen(before.orderAmount) + want.fen);
  expect(after.payments).toBe(before.payments);
  expect(after.audit).toBe(before.audit + 1);
  expect(after.events).toBe(before.events + want.customers);
}

describe('SIGKILL during kam import', () => {
  it('on a PGlite data folder: nothing half-there after a restart, and the import runs again to the end', async () => {
    const dir = tempDataDir('sigkill-import');
    const work = tempDataDir('sigkill-import-files');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => fs.rmSync(work, { recursive: true, force: true }));
    await crashAndRecover({ env: { KAM_DATA_DIR: dir }, open: () => openPGlite(dir) }, work);
  }, 240_000);

  it('on the PostgreSQL server: the server rolls the killed import back, and it runs again to the end', async () => {
    const scratch = await scratchPostgresDatabase('fault_import');
    cleanups.push(scratch.drop);
    const work = tempDataDir('sigkill-import-pg-files');
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
    await crashAndRecover({ env: { DATABASE_URL: scratch.url }, open: () => Promise.resolve(openPostgres(scratch.url, 2)) }, work);
  }, 240_000);
});

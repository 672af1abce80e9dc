// SIGKILL in the middle of writes: every write the process acknowledged (committed and
// reported) is there after a restart, and no transaction is half there.
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from '../../src/server/db/database.js';
import { killAll, runTs, tempDataDir } from './support.js';

const LOOP = 'test/faults/fixtures/insert-loop.ts';
const dirs: string[] = [];
let open: Database | undefined;

afterEach(async () => {
  killAll();
  await open?.close();
  open = undefined;
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Ack {
  id: number;
  name: string;
}

/** Starts the insert loop, waits for `count` acknowledged writes, SIGKILLs it; returns every ack it printed. */
async function writeThenKill(dir: string, count: number, writers: number): Promise<Ack[]> {
  const child = runTs(LOOP, [dir, String(writers)]);
  await child.waitForLine(/^ready$/);
  let acked = 0;
  const enough = new Promise<void>((resolve) =>
    child.onLine((line) => {
      if (line.startsWith('ack ') && ++acked >= count) resolve();
    }),
  );
  await Promise.race([enough, child.exited.then(() => Promise.reject(new Error(`writer exited early: ${child.stderr.join('\n')}`)))]);
  child.proc.kill('SIGKILL');
  const { signal } = await child.exited;
  expect(signal).toBe('SIGKILL');
  return child.stdout
    .filter((l) => l.startsWith('ack '))
    .map((l) => {
      const [, id, ...name] = l.split(' ');
      return { id: Number(id), name: name.join(' ') };
    });
}

async function assertAllThere(d: Database, acks: Ack[]): Promise<void> {
  const rows = await d.db.selectFrom('accounts').select(['id', 'name', 'annual_revenue']).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = acks.filter((a) => byId.get(a.id)?.name !== a.name);
  expect(missing, `acknowledged but missing after the crash: ${JSON.stringify(missing.slice(0, 5))}`).toEqual([]);
  for (const r of rows) expect(r.annual_revenue).toBe('1234.56');
  // Each transaction wrote an account and its timeline event: both or neither.
  const { rows: orphans } = await sql<{ n: number }>`
    select (select count(*)::int from accounts a where not exists (select 1 from timeline_events e where e.account_id = a.id))
         + (select count(*)::int from timeline_events e where not exists (select 1 from accounts a where a.id = e.account_id)) as n`.execute(d.db);
  expect(orphans[0]!.n).toBe(0);
}

describe('SIGKILL during writes to a PGlite data folder', () => {
  it('one writer: every acknowledged insert survives, the stale lock is taken over', async () => {
    const dir = tempDataDir('sigkill');
    dirs.push(dir);
    const acks = await writeThenKill(dir, 40, 1);
    expect(acks.length).toBeGreaterThanOrEqual(40);
    // The killed process could not remove its lock.
    expect(JSON.parse(fs.readFileSync(`${dir}/kam.lock`, 'utf8')).pid).not.toBe(process.pid);
    open = await openPGlite(dir);
    await assertAllThere(open, acks);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(open.db);
    // At most the writes in flight at the kill may be there without an ack.
    expect(rows[0]!.n - acks.length).toBeGreaterThanOrEqual(0);
    expect(rows[0]!.n - acks.length).toBeLessThanOrEqual(1);
  });

  it('four concurrent writers, killed three times over: everything acknowledged in every round survives', async () => {
    const dir = tempDataDir('sigkill-rounds');
    dirs.push(dir);
    const all: Ack[] = [];
    for (let round = 0; round < 3; round++) {
      all.push(...(await writeThenKill(dir, 30, 4)));
      open = await openPGlite(dir);
      await assertAllThere(open, all);
      await open.close();
      open = undefined;
    }
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(90);
  });
});

// One PGlite data folder, one KAM process: a second process is refused with a clear message and
// the data stays intact; a lock left by a dead process is taken over.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { looseNameKey, strictNameKey } from '../../src/server/accounts/rules/names.js';
import { openPGlite, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { deadPid, killAll, runTs, tempDataDir } from './support.js';

const OPEN = 'test/faults/fixtures/open-folder.ts';
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

let template: string;
beforeAll(async () => {
  template = tempDataDir('lock-template');
  dirs.push(template);
  const d = await openPGlite(template);
  await migrateToLatest(d.db);
  await d.close();
});

/** A copy of a migrated data folder holding these accounts. */
async function folderWithAccounts(names: string[]): Promise<string> {
  const dir = tempDataDir('lock');
  dirs.push(dir);
  fs.cpSync(template, dir, { recursive: true });
  if (names.length === 0) return dir;
  const d = await openPGlite(dir);
  for (const name of names) {
    await d.db.insertInto('accounts').values({ name, name_key: strictNameKey(name), name_loose: looseNameKey(name), annual_revenue: '100.10' }).execute();
  }
  await d.close();
  return dir;
}

async function accountNames(d: Database): Promise<string[]> {
  return (await d.db.selectFrom('accounts').select('name').orderBy('id').execute()).map((r) => r.name);
}

const lockFile = (dir: string) => path.join(dir, 'kam.lock');
const readLock = (dir: string) => JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as { pid: number; since: string };

describe('a second process on a data folder in use', () => {
  it('is refused with "in use by another KAM process", exit 1, and the first keeps its data', async () => {
    const dir = await folderWithAccounts(['甲公司', '乙公司', '丙公司']);
    open = await openPGlite(dir);
    expect(readLock(dir).pid).toBe(process.pid);

    const child = runTs(OPEN, [dir]);
    const { code } = await child.exited;
    expect(code).toBe(1);
    const err = child.stderr.join('\n');
    expect(err).toMatch(/in use by another KAM process/);
    expect(err).toContain(`pid ${process.pid}`);
    expect(err).toContain(dir);
    expect(child.stdout.join('')).not.toContain('opened');

    // The holder is unaffected: same lock, same rows, still writable.
    expect(readLock(dir).pid).toBe(process.pid);
    expect(await accountNames(open)).toEqual(['甲公司', '乙公司', '丙公司']);
    await open.db.insertInto('accounts').values({ name: '丁公司', name_key: '丁公司', name_loose: '丁' }).execute();
    const { rows } = await sql<{ s: string }>`select sum(annual_revenue)::text as s from accounts`.execute(open.db);
    expect(rows[0]!.s).toBe('300.30');
    await open.close();
    open = undefined;
    expect(fs.existsSync(lockFile(dir))).toBe(false);

    // Once released, another process opens it and sees all four rows.
    const after = runTs(OPEN, [dir]);
    expect((await after.exited).code).toBe(0);
    expect(JSON.parse(after.stdout[0]!)).toMatchObject({ opened: true, accounts: 4 });
  });

  it('several processes trying at once are all refused while it is held', async () => {
    const dir = await folderWithAccounts(['戊公司']);
    open = await openPGlite(dir);
    const children = Array.from({ length: 3 }, () => runTs(OPEN, [dir]));
    const results = await Promise.all(children.map((c) => c.exited));
    expect(results.map((r) => r.code)).toEqual([1, 1, 1]);
    for (const c of children) expect(c.stderr.join('\n')).toMatch(/in use by another KAM process/);
    expect(await accountNames(open)).toEqual(['戊公司']);
  });

  it('the same process cannot open a folder twice either', async () => {
    const dir = await folderWithAccounts([]);
    open = await openPGlite(dir);
    await expect(openPGlite(dir)).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringMatching(/already open in this process/) });
    expect(readLock(dir).pid).toBe(process.pid);
  });
});

describe('a stale lock', () => {
  it('left by a dead process is taken over, in this process', async () => {
    const dir = await folderWithAccounts(['己公司']);
    const pid = await deadPid();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid, since: '2026-01-01T00:00:00.000Z' }));
    open = await openPGlite(dir);
    expect(readLock(dir).pid).toBe(process.pid);
    expect(await accountNames(open)).toEqual(['己公司']);
  });

  it('left by a dead process is taken over by another process', async () => {
    const dir = await folderWithAccounts(['庚公司', '辛公司']);
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: await deadPid(), since: '2026-01-01T00:00:00.000Z' }));
    const child = runTs(OPEN, [dir]);
    expect((await child.exited).code).toBe(0);
    expect(JSON.parse(child.stdout[0]!)).toMatchObject({ opened: true, accounts: 2 });
    expect(fs.existsSync(lockFile(dir))).toBe(false); // released on close
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'garbage'],
    ['no pid', '{"since":"2026-01-01"}'],
  ])('that is unreadable (%s) is taken over', async (_label, content) => {
    const dir = await folderWithAccounts(['壬公司']);
    fs.writeFileSync(lockFile(dir), content);
    open = await openPGlite(dir);
    expect(readLock(dir).pid).toBe(process.pid);
    expect(await accountNames(open)).toEqual(['壬公司']);
  });

  it('found by several starters at once is taken over by exactly one of them', async () => {
    for (let round = 0; round < 2; round++) {
      const dir = tempDataDir('lock-race');
      dirs.push(dir);
      fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: await deadPid(), since: '2026-01-01T00:00:00.000Z' }));
      const startAt = Date.now() + 2500; // after every child has loaded
      const children = Array.from({ length: 5 }, () => runTs('test/faults/fixtures/take-lock.ts', [dir, String(startAt), '5000']));
      const results = await Promise.all(children.map((c) => c.exited));
      expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
      const outcomes = children.map((c) => JSON.parse(c.stdout[0]!) as { locked: boolean; code?: string });
      expect(outcomes.filter((o) => o.locked)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.locked).map((o) => o.code)).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'LOCKED']);
      expect(fs.existsSync(`${lockFile(dir)}.takeover`)).toBe(false);
    }
  });

  it('with the pid of a live process is respected', async () => {
    const dir = await folderWithAccounts([]);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: sleeper.pid, since: '2026-01-01T00:00:00.000Z' }));
      await expect(openPGlite(dir)).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining(`pid ${sleeper.pid}`) });
      expect(readLock(dir).pid).toBe(sleeper.pid);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});

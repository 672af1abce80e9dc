// Transactions under concurrency. PGlite is one connection: our dialect (db/pglite-dialect.ts)
// must serialise whole transactions, keep other queries out of an open one, and free the
// connection after a rollback. On PostgreSQL the same code runs on a pool with row locks.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEnv } from '../../src/server/config/index.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const kind = testEnv().db;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestDatabase;
let db: Kysely<any>;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db as unknown as Kysely<any>;
  await sql`create table test_counter (id int primary key, n int not null)`.execute(db);
  await sql`create table test_log (id int generated always as identity primary key, note text not null unique)`.execute(db);
});
afterAll(async () => {
  await t?.destroy();
});
beforeEach(async () => {
  await sql`delete from test_counter`.execute(db);
  await sql`delete from test_log`.execute(db);
  await sql`insert into test_counter values (1, 0)`.execute(db);
});

async function counter(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select n from test_counter where id = 1`.execute(db);
  return rows[0]!.n;
}

/** Read, wait, write back + 1: loses updates unless transactions are serialised or the row is locked. */
async function increment(lock: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { rows } = lock
      ? await sql<{ n: number }>`select n from test_counter where id = 1 for update`.execute(trx)
      : await sql<{ n: number }>`select n from test_counter where id = 1`.execute(trx);
    await sleep(5);
    await sql`update test_counter set n = ${rows[0]!.n + 1} where id = 1`.execute(trx);
  });
}

describe(`concurrent transactions on ${kind}`, () => {
  it.runIf(kind === 'pglite')('20 parallel read-modify-write transactions without row locks → exactly 20 (the dialect serialises them)', async () => {
    await Promise.all(Array.from({ length: 20 }, () => increment(false)));
    expect(await counter()).toBe(20);
  });

  it('20 parallel read-modify-write transactions with select … for update → exactly 20', async () => {
    await Promise.all(Array.from({ length: 20 }, () => increment(true)));
    expect(await counter()).toBe(20);
  });

  it('a transaction that throws is rolled back and does not block the next one', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update test_counter set n = 100 where id = 1`.execute(trx);
        await sql`insert into test_log (note) values ('doomed')`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const next = db.transaction().execute(async (trx) => {
      await sql`update test_counter set n = n + 1 where id = 1`.execute(trx);
      return 'done';
    });
    await expect(Promise.race([next, sleep(5000).then(() => 'blocked')])).resolves.toBe('done');
    expect(await counter()).toBe(1);
    expect((await sql`select * from test_log`.execute(db)).rows).toEqual([]);
  });

  it('a transaction failing inside the database (unique violation) is rolled back and frees the connection', async () => {
    await sql`insert into test_log (note) values ('taken')`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update test_counter set n = 50 where id = 1`.execute(trx);
        await sql`insert into test_log (note) values ('taken')`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await counter()).toBe(0);
    await increment(true);
    expect(await counter()).toBe(1);
  });

  it('many failing and succeeding transactions interleaved: only the successes count', async () => {
    const jobs = Array.from({ length: 30 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await sql`update test_counter set n = n + 1 where id = 1`.execute(trx);
        await sleep(1);
        if (i % 3 === 0) throw new Error(`fail ${i}`);
      }),
    );
    const results = await Promise.allSettled(jobs);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
    expect(await counter()).toBe(20);
  });

  it('a query outside a transaction neither sees its uncommitted work nor is rolled back with it', async () => {
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const trx = db.transaction().execute(async (trx) => {
      await sql`insert into test_log (note) values ('uncommitted')`.execute(trx);
      inside();
      await sleep(50);
      throw new Error('roll back');
    });
    await started;
    // Issued while the transaction is open: on PGlite it must wait for it, not join it.
    const outsideInsert = sql`insert into test_log (note) values ('outside')`.execute(db);
    const outsideRead = sql<{ note: string }>`select note from test_log order by id`.execute(db);
    await expect(trx).rejects.toThrow('roll back');
    await outsideInsert;
    const seen = (await outsideRead).rows.map((r) => r.note);
    expect(seen).not.toContain('uncommitted');
    const after = (await sql<{ note: string }>`select note from test_log order by id`.execute(db)).rows.map((r) => r.note);
    expect(after).toEqual(['outside']);
  });

  it('nested work after a failed statement inside a transaction cannot continue it (aborted transaction), and the next transaction is clean', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select 1/0`.execute(trx).catch(() => undefined); // swallowed: the transaction is now aborted
        await sql`update test_counter set n = 7 where id = 1`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '25P02' });
    expect(await counter()).toBe(0);
    await increment(false);
    expect(await counter()).toBe(1);
  });
});

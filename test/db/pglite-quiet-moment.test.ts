// pgliteQuietMoment, the staged tier recompute's way of yielding PGlite's one connection: it waits
// while anybody holds or waits for the connection and until it has been free a moment, but never
// longer than its cap. Order of events, not durations, is what is asserted. PGlite only (the
// PostgreSQL server has a pool and the recompute does not wait there).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteQuietMoment } from '../../src/server/db/pglite-dialect.js';
import { testEnv } from '../../src/server/config/index.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A transaction that holds the one connection until released; it notes when it is done. */
async function holdConnection(d: TestDatabase, events: string[]) {
  const held = gate();
  const done = d.db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    await held.opened;
    events.push('holder done');
  });
  await tick(5);
  return { release: held.open, done };
}

describe.skipIf(testEnv().db !== 'pglite')('a quiet moment on the PGlite connection', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  }, 120_000);
  afterAll(async () => d?.destroy());

  it('comes after the holder lets go and the queries waiting behind it have run', async () => {
    const events: string[] = [];
    const holder = await holdConnection(d, events);
    const waiting = sql`select 2`.execute(d.db).then(() => events.push('waiting query ran'));
    const quiet = pgliteQuietMoment(3, 10_000).then(() => events.push('quiet'));
    await tick(30);
    expect(events).toEqual([]);
    holder.release();
    await Promise.all([holder.done, waiting, quiet]);
    expect(events).toEqual(['holder done', 'waiting query ran', 'quiet']);
  });

  it('does not wait past its cap while the connection stays busy', async () => {
    const events: string[] = [];
    const holder = await holdConnection(d, events);
    await pgliteQuietMoment(3, 20).then(() => events.push('quiet'));
    holder.release();
    await holder.done;
    expect(events).toEqual(['quiet', 'holder done']);
  });
});

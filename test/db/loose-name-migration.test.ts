// Migration 20261123T1500 recomputes the stored loose name keys with the word-boundary rule:
// keys the old rule cut inside a word are mended, the others are left as they were.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { up } from '../../src/server/db/migrations/20261123T1500_loose_name_word_boundaries.js';
import { looseNameKey } from '../../src/server/accounts/rules/names.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

it('mends the keys the old rule cut inside a word and agrees with the current rule', async () => {
  // The keys the rule before this migration stored for these names.
  const stored: [string, string][] = [
    ['Zinc Mining', 'zincmining'],
    ['Zinc', 'z'],
    ['Bancorp', 'ban'],
    ['Acme Inc.', 'acme'],
    ['华为技术有限公司', '华为技术'],
  ];
  const ids: number[] = [];
  for (const [name, key] of stored) {
    const r = await t.db
      .insertInto('accounts')
      .values({ name, name_key: `${name.toLowerCase()}-mig`, name_loose: key, lifecycle_status: 'active', search_text: name })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(r.id);
  }
  await up(t.db as never);
  const rows = await t.db.selectFrom('accounts').select(['name', 'name_loose']).where('id', 'in', ids).orderBy('id').execute();
  expect(rows.map((r) => r.name_loose)).toEqual(['zincmining', 'zinc', 'bancorp', 'acme', '华为技术']);
  for (const r of rows) expect(r.name_loose).toBe(looseNameKey(r.name));
  const all = await sql<{ n: number }>`select count(*)::int as n from accounts where name_loose is null`.execute(t.db);
  expect(all.rows[0]!.n).toBe(0);
});

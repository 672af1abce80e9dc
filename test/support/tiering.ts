// Loads the hand-worked tiering fixture (test/fixtures/tiering/hand-worked.ts) into a database.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.js';
import { looseNameKey, strictNameKey } from '../../src/server/accounts/rules/names.js';
import type { ModelParams } from '../../src/server/tiering/rules/model.js';
import { scoringQuery } from '../../src/server/tiering/scoring-sql.js';
import { stageScores } from '../../src/server/tiering/staged-scoring.js';
import { FACTS, LABELS, type Label } from '../fixtures/tiering/hand-worked.js';

let seq = 0;

/** Inserts accounts A … L in order (ids ascend in that order) with their orders, payments and ratings. */
export async function loadHandWorked(db: Kysely<DB>, prefix = '分级样例'): Promise<Record<Label, number>> {
  const ids = {} as Record<Label, number>;
  const run = ++seq;
  for (const l of LABELS) {
    const name = `${prefix}${run}-${l}`;
    const acc = await db
      .insertInto('accounts')
      .values({ name, name_key: strictNameKey(name), name_loose: looseNameKey(name), search_text: name.toLowerCase(), lifecycle_status: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[l] = acc.id;
    const f = FACTS[l];
    let n = 0;
    for (const o of f.orders) {
      const order = await db
        .insertInto('orders')
        .values({ account_id: acc.id, order_number: `${prefix}${run}-${l}-${++n}`, order_date: o.date, amount: o.amount, cost: o.cost })
        .returning('id')
        .executeTakeFirstOrThrow();
      void order;
    }
    for (const p of f.payments) {
      await db.insertInto('payments').values({ account_id: acc.id, due_date: p.dueDate, paid_date: p.paidDate, amount: '1.00' }).execute();
    }
    for (const [criterion, rating] of Object.entries(f.ratings ?? {})) {
      await db.insertInto('tier_ratings').values({ account_id: acc.id, criterion, rating }).execute();
    }
  }
  return ids;
}

/**
 * The scores the PGlite recompute stages (slices of `slice` accounts) and the one-statement
 * scoring's rows, both ordered by account and as text, on one connection (the staging tables are
 * the session's).
 */
export async function stagedAndInlineScores(db: Kysely<DB>, model: ModelParams, modelId: number, asOf: string, slice: number): Promise<[string[], string[]]> {
  const asText = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(Object.values(r).map((v) => (v === null ? null : String(v)))));
  return db.connection().execute(async (c) => {
    const st = await stageScores(c, model, modelId, asOf, slice);
    try {
      const staged = await sql<Record<string, unknown>>`select * from ${sql.table(st.table)} order by account_id`.execute(c);
      const inline = await sql<Record<string, unknown>>`select * from (${scoringQuery(model, asOf)}) q order by account_id`.execute(c);
      return [asText(staged.rows), asText(inline.rows)];
    } finally {
      st.release();
    }
  });
}

// Loads the hand-worked tiering fixture (test/fixtures/tiering/hand-worked.ts) into a database.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.js';
import { looseNameKey, strictNameKey } from '../../src/server/accounts/rules/names.js';
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

// The scoring in short steps, for PGlite. PGlite is one connection (db/pglite-dialect.ts), and it
// runs in this process's thread: while the recompute's one big statement runs, every API request
// waits — at 2,000 accounts that tripled the read p99. Here the scores are computed *before* the
// recompute's transaction, in statements short enough for requests to pass between them:
//   1. per-account aggregates of orders and payments, a slice of account ids per statement, into a
//      temporary table (the same rows ownOrdersQuery / ownPaymentsQuery give for the whole base);
//   2. the ranking over those (one statement: it needs every account) into another;
// and the transaction only copies the changed rows into tier_results (results-repository.ts), so
// readers still see the old pyramid or the new one, never a mix.
// What is given up: the slices are read at slightly different moments, so an order written during
// a recompute may count for one account and not yet for another; the next recompute sees it. On
// PostgreSQL none of this is used: MVCC lets readers through the one-statement recompute.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ModelParams } from './rules/model.js';
import { ownOrdersQuery, ownPaymentsQuery, scoringQuery } from './scoring-sql.js';

/** Accounts per aggregation statement: ~10,000 orders, a few milliseconds on PGlite. */
export const STAGE_SLICE_ACCOUNTS = 1000;

/**
 * Lets waiting requests in before the next statement is queued: each statement's promise resolves
 * as a microtask, so without a pause the next one takes the connection before a request is even
 * read from its socket, and a request of several queries would wait behind one statement per
 * query. A 5 ms timer, measured at 2,000 accounts: read p99 during recomputes 298 ms with
 * setImmediate, 94 ms with 1 ms, 70 ms with 5 ms (idle 30–50 ms).
 */
const yieldToRequests = () => new Promise<void>((r) => setTimeout(r, 5));

const singleConnection = new WeakMap<object, Promise<boolean>>();

/** Whether the database is PGlite (one connection in this process), asked once per Kysely instance. */
export function isSingleConnection(db: Kysely<DB>): Promise<boolean> {
  let p = singleConnection.get(db);
  if (!p) {
    p = sql<{ v: string }>`select version() as v`.execute(db).then((r) => /\bPGlite\b/.test(r.rows[0]?.v ?? ''));
    singleConnection.set(db, p);
  }
  return p;
}

export interface StagedScores {
  /** The temporary table holding the scoring SELECT's rows (ScoredRow columns). */
  table: string;
  modelId: number;
  asOf: string;
  /** When the staging began (Date.now()): the run's duration counts it. */
  startedAt: number;
  /** Ends the staging's hold (call after the recompute's transaction, or on failure). */
  release(): void;
}

// The staging tables are temporary (the session's: PGlite has one), created once and emptied by
// each run — creating and dropping them every run cost ~40 ms each on PGlite. Runs in this process
// take them in turn.
const STAGE = 'tier_stage_figures';
const SCORES = 'tier_stage_scores';
let turn: Promise<void> = Promise.resolve();

/** Steps 1 and 2 above; the caller releases the staging after its transaction. */
export async function stageScores(db: Kysely<DB>, model: ModelParams, modelId: number, asOf: string, sliceAccounts = STAGE_SLICE_ACCOUNTS): Promise<StagedScores> {
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const before = turn;
  turn = turn.then(() => mine);
  await before;
  const startedAt = Date.now();
  try {
    await sql`create temporary table if not exists ${sql.table(STAGE)} (account_id int, n_win bigint, a1 numeric, gp numeric, a0 numeric, due bigint, pts numeric)`.execute(db);
    await sql`create temporary table if not exists ${sql.table(SCORES)} (account_id int, tier int, score numeric, insufficient_data boolean, revenue numeric(20,2), gross_profit numeric(20,2), raw numeric[], pct numeric[], s bigint)`.execute(db);
    await sql`delete from ${sql.table(STAGE)}`.execute(db);
    await sql`delete from ${sql.table(SCORES)}`.execute(db);
    const b = await sql<{ lo: number | null; hi: number | null }>`select min(id) as lo, max(id) as hi from accounts`.execute(db);
    const { lo, hi } = b.rows[0] ?? { lo: null, hi: null };
    if (lo !== null && hi !== null) {
      for (let from = Number(lo); from <= Number(hi); from += sliceAccounts) {
        const range = { lo: from, hi: from + sliceAccounts };
        // An account's own orders and payments, side by side (either may be missing).
        await sql`
          insert into ${sql.table(STAGE)} (account_id, n_win, a1, gp, a0, due, pts)
          select coalesce(o.account_id, p.account_id), o.n_win, o.a1, o.gp, o.a0, p.due, p.pts
          from (${ownOrdersQuery(model, asOf, range)}) o full join (${ownPaymentsQuery(model, asOf, range)}) p on p.account_id = o.account_id`.execute(db);
        await yieldToRequests();
      }
    }
    // The same rows as the inline aggregates: an account is in `oo` only with orders in either
    // window (a1 is then never null), in `pp` only with payments due.
    const sources = {
      orders: sql`select account_id, n_win, a1, gp, a0 from ${sql.table(STAGE)} where a1 is not null`,
      payments: sql`select account_id, due, pts from ${sql.table(STAGE)} where due is not null`,
    };
    await sql`insert into ${sql.table(SCORES)} ${scoringQuery(model, asOf, sources)}`.execute(db);
    await yieldToRequests();
  } catch (e) {
    release();
    throw e;
  }
  return { table: SCORES, modelId, asOf, startedAt, release };
}

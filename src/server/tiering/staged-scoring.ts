// The scoring in short steps, for PGlite. PGlite is one connection (db/pglite-dialect.ts), and it
// runs in this process's thread: while the recompute's one big statement runs, every API request
// waits — at 2,000 accounts that tripled the read p99. Here the scores are computed *before* the
// recompute's transaction, in statements short enough for requests to pass between them:
//   1. per-account aggregates of orders and payments, a slice of account ids per statement, into a
//      temporary table (the same rows ownOrdersQuery / ownPaymentsQuery give for the whole base);
//   2. each account's raw values per criterion (step 1 of scoring-sql.ts), again a slice per
//      statement, into a second;
//   3. the rank per criterion (one statement each: a rank needs every account) into that table,
//      and the score and tier from those ranks (one statement) into a third;
// and the transaction only copies the changed rows into tier_results (results-repository.ts), so
// readers still see the old pyramid or the new one, never a mix.
// What is given up: the slices are read at slightly different moments, so an order written during
// a recompute may count for one account and not yet for another; the next recompute sees it. On
// PostgreSQL none of this is used: MVCC lets readers through the one-statement recompute.
import { sql, type Kysely } from 'kysely';
import { pgliteQuietMoment } from '../db/pglite-dialect.js';
import type { DB } from '../db/schema.js';
import type { ModelParams } from './rules/model.js';
import { criterionRankUpdate, MAX_CRITERIA, ownOrdersQuery, ownPaymentsQuery, rankingQuery, rawValuesQuery } from './scoring-sql.js';

/** Accounts per aggregation statement: ~10,000 orders, a few milliseconds on PGlite. */
export const STAGE_SLICE_ACCOUNTS = 1000;

/**
 * Lets requests go first before the next statement: waits until nobody waits for the connection
 * and it has been free 3 ms — long enough for a request's next query to follow its last one, so
 * a read waits behind at most one staged statement, not one per query. Without the pause each
 * statement's promise resolves as a microtask and the next one takes the connection before a
 * request is even read from its socket. A fixed 5 ms timer (the previous design) let a request of
 * three queries queue behind three statements. Capped at 100 ms so steady traffic cannot
 * stall a recompute.
 */
const yieldToRequests = () => pgliteQuietMoment(3, 100);

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
const RAW = 'tier_stage_raw';
const SCORES = 'tier_stage_scores';
let turn: Promise<void> = Promise.resolve();

/** Steps 1 to 3 above; the caller releases the staging after its transaction. */
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
    const values = sql.raw(Array.from({ length: MAX_CRITERIA }, (_v, i) => `c${i} numeric, b${i} bigint`).join(', '));
    await sql`create temporary table if not exists ${sql.table(RAW)} (id int, insufficient boolean, revenue numeric, gross_profit numeric, ${values})`.execute(db);
    await sql`delete from ${sql.table(STAGE)}`.execute(db);
    await sql`delete from ${sql.table(RAW)}`.execute(db);
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
    if (lo !== null && hi !== null) {
      const columns = sql.raw(['id', 'insufficient', 'revenue', 'gross_profit', ...model.criteria.map((_c, i) => `c${i}`)].join(', '));
      for (let from = Number(lo); from <= Number(hi); from += sliceAccounts) {
        await sql`insert into ${sql.table(RAW)} (${columns}) ${rawValuesQuery(model, asOf, sources, { lo: from, hi: from + sliceAccounts })}`.execute(db);
        await yieldToRequests();
      }
    }
    for (let i = 0; i < model.criteria.length; i++) {
      await criterionRankUpdate(RAW, i).execute(db);
      await yieldToRequests();
    }
    await sql`insert into ${sql.table(SCORES)} ${rankingQuery(model, sql.table(RAW), { ranksGiven: true })}`.execute(db);
    await yieldToRequests();
  } catch (e) {
    release();
    throw e;
  }
  return { table: SCORES, modelId, asOf, startedAt, release };
}

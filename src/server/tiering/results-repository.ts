// SQL over the scoring results: the recompute (one transaction, serialised by an advisory lock),
// what-if, the pyramid, Pareto sums, snapshots and migration. Visibility is applied inside the
// queries (auth/scope.ts) for callers who do not see every account.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { accountVisibility } from '../auth/scope.js';
import type { ModelParams } from './rules/model.js';
import { scoringWindow } from './rules/window.js';
import { scoringQuery } from './scoring-sql.js';
import type { StagedScores } from './staged-scoring.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Advisory lock keys: one recompute (or snapshot) at a time; one scheduler at a time. */
export const RECOMPUTE_LOCK = 72_410_001;
export const SCHEDULER_LOCK = 72_410_002;

export interface RunInfo {
  modelId: number;
  asOf: string;
  trigger: 'api' | 'cli' | 'schedule' | 'seed' | 'test';
  actorId: number | null;
  /** Names of tiers 1–4 for the timeline summaries. */
  tierNames: string[];
}

/** The ids of accounts the actor may see, as a subquery; null when they see all. */
export function visibleIds(db: Q, actor: Actor) {
  const v = accountVisibility(actor);
  return v ? db.selectFrom('accounts').select('accounts.id').where(v) : null;
}

const restrict = (column: RawBuilder<unknown>, ids: ReturnType<typeof visibleIds>) => (ids ? sql`and ${column} in (${ids})` : sql``);

export interface SnapshotMeta {
  label: string;
  kind: 'month' | 'quarter' | 'on_demand';
  createdBy: number | null;
}

/** The snapshot's header (with its row count) and rows in one statement: it is never updated. */
async function insertSnapshot(trx: Transaction<DB>, rows: RawBuilder<unknown>, m: SnapshotMeta & { asOf: string; modelId: number; runId: number | null }) {
  const r = await sql<{ id: number; accounts: number }>`
    with s as (${rows}),
    h as (
      insert into tier_snapshots (label, kind, as_of, model_id, run_id, accounts, created_by)
      select ${m.label}, ${m.kind}, ${m.asOf}::date, ${m.modelId}::int, ${m.runId}::int, (select count(*) from s), ${m.createdBy}::int
      returning id, accounts
    ),
    ins as (
      insert into tier_snapshot_rows (snapshot_id, account_id, tier, computed_tier, score, insufficient_data, revenue, gross_profit)
      select h.id, s.account_id, s.tier, s.computed_tier, s.score, s.insufficient_data, s.revenue, s.gross_profit from s, h
    )
    select id, accounts::int as accounts from h`.execute(trx);
  return r.rows[0]!;
}

export function resultsRepository(db: Kysely<DB>) {
  return {
    /**
     * Recompute inside `trx`: waits for any other recompute (advisory transaction lock), then one
     * statement scores the base and upserts every account's row — rewriting only rows whose
     * figures changed (HOT updates on a fillfactor-50 table: no index entry, no dead table left
     * for vacuum) — and, from the rows it returns, inserts one timeline event per account whose
     * computed tier changed. Readers see the old results until the transaction commits.
     * `staged`: the scores computed beforehand in short steps (PGlite, staged-scoring.ts), for the
     * same model and date; the transaction then only copies them.
     */
    async recompute(trx: Transaction<DB>, model: ModelParams, run: RunInfo, staged?: StagedScores) {
      const started = staged?.startedAt ?? Date.now();
      await sql`select pg_advisory_xact_lock(${RECOMPUTE_LOCK})`.execute(trx);
      const w = scoringWindow(run.asOf, model.windowMonths);
      const runRow = await trx
        .insertInto('tier_runs')
        .values({ model_id: run.modelId, as_of: run.asOf, window_start: w.start, window_end: w.end, accounts: 0, scored: 0, changed: 0, cutoffs: sql`'{}'::numeric[]` as unknown as string[], ms: 0, trigger: run.trigger, actor_id: run.actorId })
        .returning(['id', 'computed_at'])
        .executeTakeFirstOrThrow();
      const names = sql`(${run.tierNames}::text[])`;
      // previous_tier = the old row's tier (r.tier in the SET list is the row before the update),
      // returned with the new tier: the timeline needs no join of the old results.
      const ev = await sql<{ changed: number }>`
        with up as (
          insert into tier_results as r (account_id, run_id, model_id, tier, score, insufficient_data, revenue, gross_profit, raw, pct, computed_at)
          select account_id, ${runRow.id}::int, ${run.modelId}::int, tier, score, insufficient_data, revenue, gross_profit, raw, pct, ${runRow.computed_at}::timestamptz
          from (${staged ? sql`select * from ${sql.table(staged.table)}` : scoringQuery(model, run.asOf)}) n
          on conflict (account_id) do update
            set run_id = excluded.run_id, model_id = excluded.model_id, previous_tier = r.tier, tier = excluded.tier, score = excluded.score,
                insufficient_data = excluded.insufficient_data, revenue = excluded.revenue, gross_profit = excluded.gross_profit,
                raw = excluded.raw, pct = excluded.pct, computed_at = excluded.computed_at
            where (r.model_id, r.tier, r.score, r.insufficient_data, r.revenue, r.gross_profit, r.raw, r.pct)
                  is distinct from (excluded.model_id, excluded.tier, excluded.score, excluded.insufficient_data, excluded.revenue, excluded.gross_profit, excluded.raw, excluded.pct)
          returning account_id, previous_tier, tier, score
        ),
        ev as (
          insert into timeline_events (account_id, kind, summary, actor_id, entity, entity_id, data)
          select account_id, 'tier.changed', ${names}[previous_tier] || ' → ' || ${names}[tier], ${run.actorId}::int, 'tier_run', ${String(runRow.id)},
                 jsonb_build_object('from', previous_tier, 'to', tier, 'score', score, 'modelId', ${run.modelId}::int)
          from up where previous_tier <> tier
          returning 1
        )
        select count(*)::int as changed from ev`.execute(trx);
      // Counts and cut-offs of the new results (every account has exactly its row now).
      const r = await sql<{ accounts: number; scored: number; c1: string | null; c2: string | null; c3: string | null; c4: string | null }>`
        select count(*)::int as accounts, count(*) filter (where not insufficient_data)::int as scored,
               min(score) filter (where tier = 1 and not insufficient_data)::text as c1, min(score) filter (where tier = 2 and not insufficient_data)::text as c2,
               min(score) filter (where tier = 3 and not insufficient_data)::text as c3, min(score) filter (where tier = 4 and not insufficient_data)::text as c4
        from tier_results`.execute(trx);
      const k = { ...r.rows[0]!, changed: ev.rows[0]!.changed };
      const ms = Date.now() - started;
      await trx
        .updateTable('tier_runs')
        .set({ accounts: k.accounts, scored: k.scored, changed: k.changed, cutoffs: sql`array[${k.c1}, ${k.c2}, ${k.c3}, ${k.c4}]::numeric[]` as unknown as string[], ms })
        .where('id', '=', runRow.id)
        .execute();
      return { runId: runRow.id, accounts: k.accounts, scored: k.scored, changed: k.changed, ms, computedAt: runRow.computed_at };
    },

    async ranWithin(trx: Transaction<DB>, minutes: number) {
      const r = await sql<{ yes: boolean }>`select exists (select 1 from tier_runs where computed_at > now() - make_interval(mins => ${minutes}::int)) as yes`.execute(trx);
      return r.rows[0]!.yes === true;
    },

    async tryLock(trx: Transaction<DB>, key: number) {
      const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${key}) as ok`.execute(trx);
      return r.rows[0]!.ok === true;
    },

    /** The scoring SELECT alone, counted: what the recompute costs without writing (bench, what-if). */
    async bareScoring(model: ModelParams, asOf: string, q: Q = db) {
      // Every output column is used (so nothing is optimised away), and nothing is written.
      const r = await sql<{ n: number }>`
        select count(*)::int as n, sum(tier)::int as t, sum(score) as s, bool_or(insufficient_data) as i, sum(revenue) as r, sum(gross_profit) as g,
               sum(cardinality(raw)) as c, sum(cardinality(pct)) as p
        from (${scoringQuery(model, asOf)}) s`.execute(q);
      return r.rows[0]!.n;
    },

    /** What-if: the draft scored live, against the current computed tiers. */
    async whatIf(model: ModelParams, asOf: string, moversLimit: number) {
      const r = await sql<{ kind: string; from_tier: number | null; to_tier: number; n: number; account_id: number | null; name: string | null; score: string | null }>`
        with n as (${scoringQuery(model, asOf)}),
        cmp as (select n.account_id, o.tier as from_tier, n.tier as to_tier, n.score from n left join tier_results o on o.account_id = n.account_id)
        select 'count' as kind, from_tier, to_tier, count(*)::int as n, null::int as account_id, null::text as name, null::text as score
        from cmp group by from_tier, to_tier
        union all
        select * from (
          select 'mover', c.from_tier, c.to_tier, 0, c.account_id, a.name, c.score::text
          from cmp c join accounts a on a.id = c.account_id
          where c.from_tier is distinct from c.to_tier
          order by c.to_tier - coalesce(c.from_tier, 5), c.account_id limit ${moversLimit}
        ) m`.execute(db);
      return r.rows;
    },

    /** Scores as of a date straight into a new snapshot (history from order windows); one statement. */
    async snapshotAsOf(trx: Transaction<DB>, model: ModelParams, modelId: number, asOf: string, meta: SnapshotMeta) {
      await sql`select pg_advisory_xact_lock(${RECOMPUTE_LOCK})`.execute(trx);
      return insertSnapshot(trx, sql`select account_id, tier, tier as computed_tier, score, insufficient_data, revenue::numeric as revenue, gross_profit::numeric as gross_profit from (${scoringQuery(model, asOf)}) q`, {
        ...meta,
        asOf,
        modelId,
        runId: null,
      });
    },

    /** A snapshot of the current results, overrides applied (tier) and not (computed_tier). */
    async snapshotCurrent(trx: Transaction<DB>, run: { id: number; model_id: number; as_of: string }, meta: SnapshotMeta) {
      await sql`select pg_advisory_xact_lock(${RECOMPUTE_LOCK})`.execute(trx);
      return insertSnapshot(
        trx,
        sql`select r.account_id, coalesce(ov.tier, r.tier) as tier, r.tier as computed_tier, r.score, r.insufficient_data, r.revenue, r.gross_profit
            from tier_results r left join tier_overrides ov on ov.account_id = r.account_id`,
        { ...meta, asOf: run.as_of, modelId: run.model_id, runId: run.id },
      );
    },

    lastRun(q: Q = db) {
      return q.selectFrom('tier_runs as r').innerJoin('tier_models as m', 'm.id', 'r.model_id').select(['r.id', 'r.model_id', 'r.as_of', 'r.window_start', 'r.window_end', 'r.accounts', 'r.scored', 'r.changed', 'r.ms', 'r.trigger', 'r.computed_at', 'm.version_no', 'm.name as model_name', 'm.tier_names', sql<string>`array_to_string(r.cutoffs, ',', '')`.as('cutoffs')]).orderBy('r.id', 'desc').limit(1).executeTakeFirst();
    },

    /** Per effective tier (override, else computed): accounts, revenue, gross profit, flagged, overridden. */
    async pyramid(actor: Actor) {
      const ids = visibleIds(db, actor);
      const r = await sql<{ tier: number; accounts: number; revenue: string; gross_profit: string; insufficient: number; overridden: number }>`
        select coalesce(ov.tier, r.tier)::int as tier, count(*)::int as accounts, sum(r.revenue)::text as revenue, sum(r.gross_profit)::text as gross_profit,
               count(*) filter (where r.insufficient_data)::int as insufficient, count(ov.account_id)::int as overridden
        from tier_results r left join tier_overrides ov on ov.account_id = r.account_id
        where true ${restrict(sql`r.account_id`, ids)}
        group by 1 order by 1`.execute(db);
      return r.rows;
    },

    /** n, total and the cumulative sums at the given counts k, ordered by the figure desc then id. */
    async paretoSums(actor: Actor, figure: 'revenue' | 'gross_profit', ks: number[] | ((n: number) => number[])) {
      const ids = visibleIds(db, actor);
      const col = sql.ref(`r.${figure}`);
      const base = await sql<{ n: number; total: string | null }>`select count(*)::int as n, sum(${col})::text as total from tier_results r where true ${restrict(sql`r.account_id`, ids)}`.execute(db);
      const { n, total } = base.rows[0]!;
      const wanted = [...new Set((typeof ks === 'function' ? ks(n) : ks).filter((k) => k >= 1 && k <= n))].sort((a, b) => a - b);
      if (n === 0 || wanted.length === 0) return { n, total: total ?? '0', sums: new Map<number, string>() };
      const max = wanted[wanted.length - 1]!;
      const r = await sql<{ k: number; cum: string }>`
        select k::int, cum::text from (
          select row_number() over w as k, sum(${col}) over w as cum
          from (select r.account_id, ${col} from tier_results r where true ${restrict(sql`r.account_id`, ids)} order by ${col} desc, r.account_id limit ${max}) r
          window w as (order by ${col} desc, r.account_id rows between unbounded preceding and current row)
        ) s where k = any(${wanted}::int[])`.execute(db);
      return { n, total: total ?? '0', sums: new Map(r.rows.map((x) => [Number(x.k), x.cum])) };
    },

    /** Rows of a snapshot visible to the actor. */
    async snapshotTiers(actor: Actor, snapshotId: number) {
      const ids = visibleIds(db, actor);
      const r = await sql<{ account_id: number; tier: number }>`
        select account_id, tier from tier_snapshot_rows r where snapshot_id = ${snapshotId} ${restrict(sql`r.account_id`, ids)}`.execute(db);
      return r.rows;
    },

    async snapshotPyramid(actor: Actor, snapshotId: number) {
      const ids = visibleIds(db, actor);
      const r = await sql<{ tier: number; accounts: number; revenue: string; gross_profit: string; insufficient: number }>`
        select tier::int, count(*)::int as accounts, sum(revenue)::text as revenue, sum(gross_profit)::text as gross_profit, count(*) filter (where insufficient_data)::int as insufficient
        from tier_snapshot_rows r where snapshot_id = ${snapshotId} ${restrict(sql`r.account_id`, ids)} group by 1 order by 1`.execute(db);
      return r.rows;
    },

    async accountNames(ids: number[]) {
      if (ids.length === 0) return new Map<number, string>();
      const rows = await db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}


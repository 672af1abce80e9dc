// The scoring as one set-based SELECT over the whole customer base (no round trip per account):
// raw values per account from orders, payments and ratings (consolidated over subsidiaries when
// the model says so), then rank() per criterion among the scored accounts, the exact score
// numerator, and the tier by shares or thresholds. The two steps are separate builders so the
// PGlite recompute can run the first in slices (staged-scoring.ts). The definitions are those of rules/scoring.ts, which is
// the reference these numbers are tested against (test/db/tiering-recompute.test.ts).
import { sql, type Expression, type RawBuilder } from 'kysely';
import { CREDIT_GRACE_DAYS, RATIO_SCALE } from './rules/scoring.js';
import { thresholdCents, type Criterion, type ModelParams } from './rules/model.js';
import { scoringWindow } from './rules/window.js';

/** The columns of one scored account, as the SELECT returns them. */
export interface ScoredRow {
  account_id: number;
  tier: number;
  score: string | null;
  insufficient_data: boolean;
  revenue: string;
  gross_profit: string;
  /** Raw values of the model's criteria, in its order (numeric[]). */
  raw: unknown;
  /** Percentiles of the model's criteria, in its order (numeric[], null when unscored). */
  pct: unknown;
  /** Exact score numerator Σ weight_bp × (rank − 1). */
  s: number | null;
}

const RAW_EXPR: Record<Criterion, RawBuilder<unknown>> = {
  order_amount: sql`b.a1`,
  contribution: sql`b.gp`,
  credit: sql`case when coalesce(b.due, 0) = 0 then 1::numeric else round(b.pts::numeric / (${sql.lit(CREDIT_GRACE_DAYS)} * b.due), ${sql.lit(RATIO_SCALE)}) end`,
  growth: sql`case when b.a0 > 0 then round(least(b.a0, greatest(-b.a0, b.a1 - b.a0)) / b.a0, ${sql.lit(RATIO_SCALE)})
                   when b.r_growth is not null then round((2 * b.r_growth - 5)::numeric / 5, ${sql.lit(RATIO_SCALE)})
                   else 0::numeric end`,
  relationship: sql`coalesce(b.r_relationship, 0)::numeric`,
  need_diversity: sql`coalesce(b.r_need_diversity, 0)::numeric`,
  strategic_value: sql`coalesce(b.r_strategic_value, 0)::numeric`,
};

/** Account ids lo ≤ id < hi: a slice of the base (the chunked recompute on PGlite). */
export interface AccountRange {
  lo: number;
  hi: number;
}

const inRange = (range: AccountRange | undefined) => (range ? sql`and account_id >= ${range.lo}::int and account_id < ${range.hi}::int` : sql``);

/** Per account: its own orders in the window and the previous window (columns of `oo`). */
export function ownOrdersQuery(model: ModelParams, asOf: string, range?: AccountRange): RawBuilder<unknown> {
  const w = scoringWindow(asOf, model.windowMonths);
  const start = sql`${w.start}::date`;
  return sql`
    select account_id,
           count(*) filter (where order_date > ${start}) as n_win,
           coalesce(sum(amount) filter (where order_date > ${start}), 0) as a1,
           coalesce(sum(amount - cost) filter (where order_date > ${start} and cost is not null), 0) as gp,
           coalesce(sum(amount) filter (where order_date <= ${start}), 0) as a0
    from orders where order_date > ${w.prevStart}::date and order_date <= ${w.end}::date ${inRange(range)}
    group by account_id`;
}

/** Per account: its payments due in the window and their punctuality points (columns of `pp`). */
export function ownPaymentsQuery(model: ModelParams, asOf: string, range?: AccountRange): RawBuilder<unknown> {
  const w = scoringWindow(asOf, model.windowMonths);
  const end = sql`${w.end}::date`;
  return sql`
    select account_id, count(*) as due,
           sum(greatest(0, ${sql.lit(CREDIT_GRACE_DAYS)} - greatest(0, least(coalesce(paid_date, ${end}), ${end}) - due_date))) as pts
    from payments where due_date > ${w.start}::date and due_date <= ${end} ${inRange(range)}
    group by account_id`;
}

/** The most criteria a model has (one of each kind): the staged raw table has this many value columns. */
export const MAX_CRITERIA = Object.keys(RAW_EXPR).length;

const valueCol = (i: number) => sql.ref(`c${i}`);

/**
 * Step 1 of the scoring, per account: its raw value per criterion (columns c0…), revenue, gross
 * profit and whether it lacks data. The per-account aggregates of orders and payments are
 * computed inline, or read from `sources` (tables the chunked recompute filled with
 * ownOrdersQuery / ownPaymentsQuery slices: the same rows). `range`: only accounts lo ≤ id < hi
 * (their groups are still consolidated over every descendant).
 */
export function rawValuesQuery(model: ModelParams, asOf: string, sources?: { orders: RawBuilder<unknown>; payments: RawBuilder<unknown> }, range?: AccountRange): RawBuilder<unknown> {
  const crit = model.criteria;
  const ownOrders = sources?.orders ?? ownOrdersQuery(model, asOf);
  const ownPayments = sources?.payments ?? ownPaymentsQuery(model, asOf);
  const idRange = (col: RawBuilder<unknown>) => (range ? sql`where ${col} >= ${range.lo}::int and ${col} < ${range.hi}::int` : sql``);
  // With consolidation, an account's figures are those of itself and all its descendants.
  const groupCtes = model.consolidateGroups
    ? sql`
      members(account_id, member_id) as (
        select id, id from accounts ${idRange(sql`id`)}
        union all
        select m.account_id, ch.id from members m join accounts ch on ch.parent_id = m.member_id
      ),
      go as (
        select m.account_id, sum(oo.n_win) as n_win, sum(oo.a1) as a1, sum(oo.gp) as gp, sum(oo.a0) as a0
        from members m join oo on oo.account_id = m.member_id group by m.account_id
      ),
      gpay as (
        select m.account_id, sum(pp.due) as due, sum(pp.pts) as pts
        from members m join pp on pp.account_id = m.member_id group by m.account_id
      ),`
    : sql``;
  const figures = model.consolidateGroups ? sql`go` : sql`oo`;
  const pays = model.consolidateGroups ? sql`gpay` : sql`pp`;
  const rawCols = sql.join(crit.map((k, i) => sql`${RAW_EXPR[k.criterion]} as ${valueCol(i)}`));
  return sql`
    with recursive
      oo as (${ownOrders}),
      pp as (${ownPayments}),
      rr as (
        select account_id,
               max(rating) filter (where criterion = 'growth') as r_growth,
               max(rating) filter (where criterion = 'relationship') as r_relationship,
               max(rating) filter (where criterion = 'need_diversity') as r_need_diversity,
               max(rating) filter (where criterion = 'strategic_value') as r_strategic_value
        from tier_ratings group by account_id
      ),
      ${groupCtes}
      b as (
        select a.id,
               coalesce(f.n_win, 0) as n_win, coalesce(f.a1, 0) as a1, coalesce(f.gp, 0) as gp, coalesce(f.a0, 0) as a0,
               p.due, p.pts, rr.r_growth, rr.r_relationship, rr.r_need_diversity, rr.r_strategic_value,
               coalesce(own.a1, 0) as revenue, coalesce(own.gp, 0) as gross_profit,
               (coalesce(f.n_win, 0) = 0 and rr.account_id is null) as insufficient
        from accounts a
        left join ${figures} f on f.account_id = a.id
        left join ${pays} p on p.account_id = a.id
        left join oo own on own.account_id = a.id
        left join rr on rr.account_id = a.id
        ${idRange(sql`a.id`)}
      )
    select b.id, b.insufficient, b.revenue, b.gross_profit, ${rawCols} from b`;
}

/**
 * Step 2, over the whole base: rank() per criterion among the scored accounts, the exact score
 * numerator, and the tier by shares or thresholds. `raw`: step 1's rows (a subquery or a table).
 */
export function rankingQuery(model: ModelParams, raw: Expression<unknown>, opts: { ranksGiven?: boolean } = {}): RawBuilder<ScoredRow> {
  const crit = model.criteria;
  // ranksGiven: `raw` already has each criterion's rank − 1 in b0… (criterionRankUpdate).
  const rankCols = sql.join(
    crit.map((_k, i) =>
      opts.ranksGiven
        ? sql`raw.${sql.ref(`b${i}`)}`
        : sql`case when insufficient then null else rank() over (partition by insufficient order by ${valueCol(i)}) - 1 end as ${sql.ref(`b${i}`)}`,
    ),
  );
  const numerator = sql.join(
    crit.map((k, i) => sql`${sql.lit(k.weightBp)}::bigint * ${sql.ref(`b${i}`)}`),
    sql` + `,
  );
  const denom = sql`greatest(n - 1, 1)`;
  let cum = 0;
  const cuts = model.sharesBp.slice(0, 3).map((s) => {
    cum += s;
    return sql`((n * ${sql.lit(cum)} + 9999) / 10000)`;
  });
  const t = model.thresholds.map(thresholdCents);
  const tierExpr =
    model.tierRule === 'shares'
      ? sql`case when insufficient then 4 when pos <= ${cuts[0]} then 1 when pos <= ${cuts[1]} then 2 when pos <= ${cuts[2]} then 3 else 4 end`
      : sql`case when insufficient then 4 when s >= ${denom} * ${sql.lit(t[0])} then 1 when s >= ${denom} * ${sql.lit(t[1])} then 2 when s >= ${denom} * ${sql.lit(t[2])} then 3 else 4 end`;

  return sql<ScoredRow>`
    with
      ranked as (
        select raw.id, raw.insufficient, raw.revenue, raw.gross_profit, ${sql.join(crit.map((_k, i) => sql`raw.${valueCol(i)}`))},
               ${rankCols}, count(*) filter (where not insufficient) over () as n
        from ${raw} raw
      ),
      scored as (
        select ranked.*, case when insufficient then null else ${numerator} end as s from ranked
      ),
      placed as (
        select scored.*, row_number() over (partition by insufficient order by s desc, id) as pos from scored
      )
    select id as account_id,
           (${tierExpr})::int as tier,
           case when insufficient then null else round(s::numeric / (100 * ${denom}), 4) end as score,
           insufficient as insufficient_data,
           revenue::numeric(20,2) as revenue,
           gross_profit::numeric(20,2) as gross_profit,
           array[${sql.join(crit.map((_k, i) => valueCol(i)))}]::numeric[] as raw,
           case when insufficient then null else array[${sql.join(crit.map((_k, i) => sql`round(100.0 * ${sql.ref(`b${i}`)} / ${denom}, 4)`))}]::numeric[] end as pct,
           s
    from placed`;
}

/** Step 2 for one criterion, on a staged table of step 1's rows: its rank − 1 among the scored accounts into b<i>. */
export function criterionRankUpdate(table: string, i: number): RawBuilder<unknown> {
  const b = sql.ref(`b${i}`);
  return sql`update ${sql.table(table)} r set ${b} = x.b
    from (select id, rank() over (order by ${valueCol(i)}) - 1 as b from ${sql.table(table)} where not insufficient) x
    where x.id = r.id`;
}

/** The scoring SELECT for a model as of a date, in one statement (steps 1 and 2). Columns: ScoredRow. */
export function scoringQuery(model: ModelParams, asOf: string, sources?: { orders: RawBuilder<unknown>; payments: RawBuilder<unknown> }): RawBuilder<ScoredRow> {
  return rankingQuery(model, sql`(${rawValuesQuery(model, asOf, sources)})`);
}

/** Splits the comma-joined arrays the SELECT returns (the same from both drivers). */
export function splitArray(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  const s = String(v);
  return s === '' ? [] : s.split(',');
}

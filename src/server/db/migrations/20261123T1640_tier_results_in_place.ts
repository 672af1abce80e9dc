// Tier results updated in place (SPEC C2 performance): one row per account, written by one
// `insert … on conflict (account_id) do update … where <the row changed>` per recompute.
//
// Before: keyed by (account, run); each recompute inserted 100,000 new rows, deleted the previous
// run's 100,000 and joined the old rows for the timeline events. Every run left a full table of
// dead tuples and index entries for (auto)vacuum, and the statement, the delete and the join made
// the recompute 1.8–1.9× the bare scoring SELECT at 100,000 accounts.
// Now:
// - primary key (account_id): readers still find exactly one row per account;
// - fillfactor 50: a row's new version fits on its page, so the update is HOT (no index entry)
//   and the page is pruned on a later visit: the table stays the same size without vacuum;
// - previous_tier: the computed tier the row had before the recompute that last changed it. The
//   upsert sets it from the old row and RETURNING hands it to the timeline INSERT, so no join of
//   the old results is needed (PostgreSQL 15 has no OLD in RETURNING).
// - rows whose figures did not change are not rewritten, so run_id / computed_at are those of
//   the recompute that last changed the row; the current run is the latest tier_runs row.
// The table is rebuilt (results are derived data, one run's rows are kept) so the fillfactor
// applies to every page.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tier_results_next (
      account_id int primary key,
      run_id int not null,
      model_id int not null,
      tier smallint not null check (tier between 1 and 4),
      previous_tier smallint check (previous_tier between 1 and 4),
      score numeric(8,4),
      insufficient_data boolean not null,
      revenue numeric(20,2) not null,
      gross_profit numeric(20,2) not null,
      raw numeric[] not null,
      pct numeric[],
      computed_at timestamptz not null
    ) with (fillfactor = 50);
    insert into tier_results_next (account_id, run_id, model_id, tier, score, insufficient_data, revenue, gross_profit, raw, pct, computed_at)
      select distinct on (account_id) account_id, run_id, model_id, tier, score, insufficient_data, revenue, gross_profit, raw, pct, computed_at
      from tier_results order by account_id, run_id desc;
    drop table tier_results;
    alter table tier_results_next rename to tier_results;
    alter index tier_results_next_pkey rename to tier_results_pkey;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tier_results drop column previous_tier;
    alter table tier_results drop constraint tier_results_pkey;
    alter table tier_results add primary key (account_id, run_id);
    alter table tier_results reset (fillfactor);
  `.execute(db);
}

// Customer tiering and the customer pyramid (SPEC C2): scoring models, manager ratings, the
// results of the last recompute, overrides, snapshots and tier entitlements. Formulas in
// docs/TIERING.md and src/server/tiering/rules/.
//
// - tier_models: versioned. A draft is edited by an admin; a published version is immutable (the
//   service refuses edits and a trigger refuses any change but retiring it); publishing retires
//   the previous published version, so at most one is published (partial unique index).
//   Weights are integers in basis points (10000 = 100 %), summing to 10000 (checked by the
//   service with a field error naming the criterion, on every save and again on publishing).
// - Tiers are numbered 1 (重要客户 key) … 4 (长尾客户 long-tail) everywhere.
// - tier_results: one narrow row per account from the last recompute, replaced in one
//   transaction (readers see the old or the new pyramid): the new run's rows are inserted, the
//   old run's deleted. raw / pct are per-criterion arrays in the order of the model's criteria
//   (tier_model_criteria.position).
// - tier_runs: one row per recompute (who, when, model, as-of date, counts, duration).
// - tier_overrides: kept across recomputes until removed. tier_ratings: 0–5 per account and
//   qualitative criterion (audited by the service).
// - tier_snapshots / tier_snapshot_rows: immutable (no API changes them; a trigger refuses any
//   update of either table).
// - Snapshot rows have no foreign key to accounts: a deleted account stays in history. Results
//   have none either (see tier_results); overrides and ratings cascade with their account.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tier_models (
      id int generated always as identity primary key,
      version_no int not null,
      name text not null check (length(name) between 1 and 100),
      status text not null default 'draft' check (status in ('draft','published','retired')),
      window_months int not null default 12 check (window_months between 1 and 120),
      normalisation text not null default 'percentile_rank' check (normalisation in ('percentile_rank')),
      tier_rule text not null default 'shares' check (tier_rule in ('shares','thresholds')),
      shares_bp int[] not null default '{500,1500,3000,5000}' check (array_length(shares_bp, 1) = 4),
      thresholds numeric(5,2)[] not null default '{80,60,30}' check (array_length(thresholds, 1) = 3),
      tier_names text[] not null default '{重要客户,主要客户,普通客户,长尾客户}' check (array_length(tier_names, 1) = 4),
      consolidate_groups boolean not null default false,
      based_on_id int references tier_models(id) on delete set null,
      notes text,
      created_by int references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      published_by int references users(id) on delete set null,
      published_at timestamptz,
      version int not null default 1
    );
    create unique index tier_models_version_key on tier_models (version_no);
    create unique index tier_models_one_published on tier_models ((true)) where status = 'published';

    create table tier_model_criteria (
      model_id int not null references tier_models(id) on delete cascade,
      position int not null check (position between 1 and 20),
      criterion text not null check (criterion in ('order_amount','contribution','credit','growth','relationship','need_diversity','strategic_value')),
      weight_bp int not null check (weight_bp between 0 and 10000),
      primary key (model_id, position),
      unique (model_id, criterion)
    );

    -- A published model never changes (only published → retired); its criteria neither.
    create function tier_models_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status <> 'draft' then raise exception 'published scoring model % is immutable', old.version_no using errcode = '55000'; end if;
        return old;
      end if;
      if old.status = 'published' and (new.status <> 'retired' or row(new.name, new.window_months, new.normalisation, new.tier_rule, new.shares_bp, new.thresholds, new.tier_names, new.consolidate_groups)
          is distinct from row(old.name, old.window_months, old.normalisation, old.tier_rule, old.shares_bp, old.thresholds, old.tier_names, old.consolidate_groups)) then
        raise exception 'published scoring model % is immutable', old.version_no using errcode = '55000';
      end if;
      if old.status = 'retired' then raise exception 'retired scoring model % is immutable', old.version_no using errcode = '55000'; end if;
      return new;
    end $$;
    create trigger tier_models_guard before update or delete on tier_models for each row execute function tier_models_guard();

    create function tier_model_criteria_guard() returns trigger language plpgsql as $$
    declare m int;
    begin
      if tg_op = 'DELETE' then m := old.model_id; else m := new.model_id; end if;
      if exists (select 1 from tier_models where id = m and status <> 'draft') then
        raise exception 'the criteria of a published scoring model are immutable' using errcode = '55000';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$;
    create trigger tier_model_criteria_guard before insert or update or delete on tier_model_criteria for each row execute function tier_model_criteria_guard();

    create table tier_ratings (
      account_id int not null references accounts(id) on delete cascade,
      criterion text not null check (criterion in ('growth','relationship','need_diversity','strategic_value')),
      rating smallint not null check (rating between 0 and 5),
      rated_by int references users(id) on delete set null,
      rated_at timestamptz not null default now(),
      primary key (account_id, criterion)
    );

    create table tier_runs (
      id int generated always as identity primary key,
      model_id int not null references tier_models(id),
      as_of date not null,
      window_start date not null,
      window_end date not null,
      accounts int not null,
      scored int not null,
      changed int not null,
      -- the lowest score in each computed tier 1–4 (null where a tier is empty): the cut-offs
      cutoffs numeric[] not null,
      ms int not null,
      trigger text not null check (trigger in ('api','cli','schedule','seed','test')),
      actor_id int references users(id) on delete set null,
      computed_at timestamptz not null default now()
    );

    -- Keyed by (account, run): a recompute inserts the new run's rows next to the old ones and
    -- deletes the old ones in the same transaction, so no row is ever updated in place and readers
    -- (who only ever see committed runs) find exactly one row per account.
    -- No foreign key: its check would lock every account row (FOR KEY SHARE) at each recompute,
    -- which costs more than the scoring. A trigger removes a deleted account's results instead.
    create table tier_results (
      account_id int not null,
      run_id int not null,
      model_id int not null,
      tier smallint not null check (tier between 1 and 4),
      score numeric(8,4),
      insufficient_data boolean not null,
      revenue numeric(20,2) not null,
      gross_profit numeric(20,2) not null,
      raw numeric[] not null,
      pct numeric[],
      computed_at timestamptz not null,
      primary key (account_id, run_id)
    );
    create function tier_results_forget_account() returns trigger language plpgsql as $$
    begin
      delete from tier_results where account_id = old.id;
      return old;
    end $$;
    create trigger tier_results_forget_account after delete on accounts for each row execute function tier_results_forget_account();

    create table tier_overrides (
      account_id int primary key references accounts(id) on delete cascade,
      tier smallint not null check (tier between 1 and 4),
      reason text not null check (length(reason) between 1 and 1000),
      set_by int references users(id) on delete set null,
      set_at timestamptz not null default now()
    );

    create table tier_snapshots (
      id int generated always as identity primary key,
      label text not null check (length(label) between 1 and 100),
      kind text not null check (kind in ('month','quarter','on_demand')),
      as_of date not null,
      model_id int references tier_models(id),
      run_id int,
      accounts int not null,
      created_by int references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index tier_snapshots_created_idx on tier_snapshots (as_of desc, id desc);

    create table tier_snapshot_rows (
      snapshot_id int not null references tier_snapshots(id) on delete cascade,
      account_id int not null,
      tier smallint not null check (tier between 1 and 4),
      computed_tier smallint not null check (computed_tier between 1 and 4),
      score numeric(8,4),
      insufficient_data boolean not null,
      revenue numeric(20,2) not null,
      gross_profit numeric(20,2) not null,
      primary key (snapshot_id, account_id)
    );

    create function tier_snapshots_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'snapshots are immutable' using errcode = '55000';
    end $$;
    create trigger tier_snapshots_immutable before update on tier_snapshots for each row execute function tier_snapshots_immutable();
    create trigger tier_snapshot_rows_immutable before update on tier_snapshot_rows for each row execute function tier_snapshots_immutable();

    create table tier_entitlements (
      tier smallint primary key check (tier between 1 and 4),
      response_hours int not null check (response_hours between 1 and 8760),
      resolution_hours int not null check (resolution_hours between 1 and 8760),
      manager_visits_per_year int not null check (manager_visits_per_year between 0 and 365),
      sponsor_visits_per_year int not null check (sponsor_visits_per_year between 0 and 365),
      accounts_per_manager int not null check (accounts_per_manager between 1 and 10000),
      dedicated_manager boolean not null,
      sponsor_required boolean not null,
      discount_ceiling_bp int not null check (discount_ceiling_bp between 0 and 10000),
      benefits text[] not null default '{}',
      updated_by int references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    insert into tier_entitlements (tier, response_hours, resolution_hours, manager_visits_per_year, sponsor_visits_per_year, accounts_per_manager, dedicated_manager, sponsor_required, discount_ceiling_bp, benefits) values
      (1, 1, 8, 24, 4, 1, true, true, 2000, '{专属客户经理,高层定期互访,7×24 专线服务,年度客户答谢会,优先供货}'),
      (2, 4, 24, 12, 1, 10, false, false, 1200, '{客户经理定期走访,优先技术支持,季度业务回顾}'),
      (3, 8, 72, 4, 0, 30, false, false, 800, '{电话回访,标准技术支持}'),
      (4, 24, 120, 1, 0, 200, false, false, 300, '{热线与在线服务}');

    insert into tier_models (version_no, name, status, published_at, notes)
      values (1, '默认模型（综合加权）', 'draft', now(), 'SPEC C2 defaults');
    insert into tier_model_criteria (model_id, position, criterion, weight_bp)
      select id, p, c, w from tier_models, (values (1, 'order_amount', 3000), (2, 'contribution', 3000), (3, 'credit', 2000), (4, 'growth', 2000)) v(p, c, w)
      where version_no = 1;
    update tier_models set status = 'published' where version_no = 1;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table tier_entitlements; drop table tier_snapshot_rows; drop table tier_snapshots; drop function tier_snapshots_immutable();
    drop table tier_overrides; drop trigger tier_results_forget_account on accounts; drop function tier_results_forget_account(); drop table tier_results; drop table tier_runs; drop table tier_ratings;
    drop table tier_model_criteria; drop table tier_models; drop function tier_model_criteria_guard(); drop function tier_models_guard();
  `.execute(db);
}

// Decision chain (SPEC C4), the project pipeline (C5) and the per-user reminders inbox (C10).
// Rules and formulas: docs/RELATIONSHIPS.md, docs/PIPELINE.md, src/server/relationships/rules/,
// src/server/pipeline/rules/.
//
// - stakeholders: per account, optionally scoped to one opportunity. The person is named here
//   (and optionally linked to a contact); the assessments (attitude and its kind, influence 1–10,
//   relationship level 1–6, personal needs, interests) are protected fields (permissions.ts:
//   canSeeStakeholderAssessments). attitude_kind (skeptic / misunderstanding / regressor) only for
//   non-supporters (neutral or opponent).
// - stakeholder_links: reports_to (formal, or hidden = the hidden organisation 隐性组织结构) and
//   influences. Both ends belong to the link's account. A reports_to cycle is refused by the
//   service (recursive CTE under a lock on the account row), not by a constraint.
// - stakeholder_measures: history of the C4 measures of an account's map (written when they change).
// - reminders: one inbox per user. condition_key names the open condition an alert is about; the
//   partial unique index keeps one open reminder per user and condition (no duplicates).
// - pipeline_stages: the eight stages of C5 with probabilities (percent; 110 for 客户服务) and
//   exit criteria (JSON [{key, label}]) — edited by an admin.
// - opportunities: amount numeric(20,2); probability null = the stage's; status follows the
//   stage (7, 8 = won) or 'lost'; max_stage feeds the funnel; milestones = exit criteria met
//   ({"1": ["key", …], …}); external_ref is the import key.
// - opportunity_stage_history: every move (and the creation, from_stage null), overrides with reason.
// - opportunity_info_points: the nine information points (九个信息点), 1–9.
// - opportunity_competitors: per opportunity, with our outcome against each.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pipeline_stages (
      stage smallint primary key check (stage between 1 and 8),
      key text not null unique check (key ~ '^[a-z_]{1,40}$'),
      name_zh text not null check (length(name_zh) between 1 and 40),
      name_en text not null check (length(name_en) between 1 and 60),
      probability smallint not null check (probability between 0 and 200),
      won boolean not null default false,
      exit_criteria jsonb not null default '[]',
      updated_by int references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    insert into pipeline_stages (stage, key, name_zh, name_en, probability, won, exit_criteria) values
      (1, 'initiation', '项目立项', 'Project initiation', 5, false, '[{"key":"need_confirmed","label":"客户需求与立项已确认"},{"key":"budget_known","label":"预算与资金来源已了解"}]'),
      (2, 'solution_design', '方案设定', 'Solution design', 10, false, '[{"key":"solution_presented","label":"方案已向客户演示"},{"key":"decision_chain_mapped","label":"决策链已分析"}]'),
      (3, 'deep_engagement', '深度接触', 'Deep engagement', 30, false, '[{"key":"coach_developed","label":"已发展内线"},{"key":"decision_maker_met","label":"已拜访高层决策者"}]'),
      (4, 'product_decision', '产品确定', 'Product decision', 40, false, '[{"key":"specs_accepted","label":"技术参数已被采纳"},{"key":"shortlisted","label":"进入入围名单"}]'),
      (5, 'business_negotiation', '商务公关', 'Business negotiation', 70, false, '[{"key":"terms_agreed","label":"商务条款已谈妥"},{"key":"approval_obtained","label":"已获得关键人认同"}]'),
      (6, 'contract_signing', '签约成交', 'Contract signing', 75, false, '[{"key":"contract_signed","label":"合同已签署"}]'),
      (7, 'contract_execution', '合同执行', 'Contract execution', 100, true, '[{"key":"delivered","label":"交付与验收完成"},{"key":"paid","label":"回款到位"}]'),
      (8, 'customer_service', '客户服务', 'Customer service', 110, true, '[]');

    create table opportunities (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      amount numeric(20,2) not null default 0 check (amount >= 0),
      currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
      expected_close_date date,
      owner_id int references users(id) on delete set null,
      stage smallint not null default 1 references pipeline_stages(stage),
      max_stage smallint not null default 1 check (max_stage between 1 and 8),
      probability smallint check (probability between 0 and 200),
      products text[] not null default '{}',
      status text not null default 'open' check (status in ('open','won','lost')),
      lost_reason text check (length(lost_reason) <= 1000),
      winning_competitor text check (length(winning_competitor) <= 200),
      opened_on date not null default current_date,
      closed_on date,
      stage_entered_at timestamptz not null default now(),
      milestones jsonb not null default '{}',
      external_ref text check (length(external_ref) between 1 and 64),
      source text not null default 'manual' check (source in ('manual','import','demo')),
      notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (status <> 'lost' or lost_reason is not null)
    );
    create unique index opportunities_external_ref_key on opportunities (external_ref) where external_ref is not null;
    create index opportunities_account_idx on opportunities (account_id, id);
    create index opportunities_open_close_idx on opportunities (expected_close_date, id) where status = 'open';
    create index opportunities_owner_idx on opportunities (owner_id, id);
    create index opportunities_stage_entered_idx on opportunities (stage_entered_at, id) where status = 'open';

    create table opportunity_stage_history (
      id bigint generated always as identity primary key,
      opportunity_id int not null references opportunities(id) on delete cascade,
      from_stage smallint,
      to_stage smallint not null,
      to_status text not null check (to_status in ('open','won','lost')),
      at timestamptz not null default now(),
      by_id int references users(id) on delete set null,
      overridden boolean not null default false,
      reason text check (length(reason) <= 1000),
      unmet text[] not null default '{}'
    );
    create index opportunity_stage_history_opp_idx on opportunity_stage_history (opportunity_id, id);

    create table opportunity_info_points (
      opportunity_id int not null references opportunities(id) on delete cascade,
      point smallint not null check (point between 1 and 9),
      status text not null default 'unknown' check (status in ('unknown','partial','known')),
      notes text check (length(notes) <= 4000),
      updated_by int references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      version int not null default 1,
      primary key (opportunity_id, point)
    );

    create table opportunity_competitors (
      id int generated always as identity primary key,
      opportunity_id int not null references opportunities(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      strengths text check (length(strengths) <= 2000),
      weaknesses text check (length(weaknesses) <= 2000),
      threat smallint not null default 3 check (threat between 1 and 5),
      outcome text not null default 'pending' check (outcome in ('pending','won','lost')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index opportunity_competitors_opp_idx on opportunity_competitors (opportunity_id, id);

    create table stakeholders (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      opportunity_id int references opportunities(id) on delete cascade,
      contact_id int references contacts(id) on delete set null,
      name text not null check (length(name) between 1 and 100),
      title text check (length(title) <= 100),
      buying_role text check (buying_role in ('decision_maker','technical_evaluator','user','influencer','gatekeeper')),
      attitude text not null default 'neutral' check (attitude in ('coach','ally','supporter','neutral','opponent')),
      attitude_kind text check (attitude_kind in ('skeptic','misunderstanding','regressor')),
      influence smallint not null default 5 check (influence between 1 and 10),
      relationship_level smallint not null default 1 check (relationship_level between 1 and 6),
      personal_needs text check (length(personal_needs) <= 2000),
      interests text check (length(interests) <= 2000),
      last_contact_date date,
      source text not null default 'manual' check (source in ('manual','import','demo')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (attitude_kind is null or attitude in ('neutral','opponent'))
    );
    create index stakeholders_account_idx on stakeholders (account_id, id);
    create index stakeholders_opportunity_idx on stakeholders (opportunity_id) where opportunity_id is not null;
    create index stakeholders_contact_idx on stakeholders (contact_id) where contact_id is not null;

    create table stakeholder_coverers (
      stakeholder_id int not null references stakeholders(id) on delete cascade,
      user_id int not null references users(id) on delete cascade,
      primary key (stakeholder_id, user_id)
    );
    create index stakeholder_coverers_user_idx on stakeholder_coverers (user_id);

    create table stakeholder_links (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      from_id int not null references stakeholders(id) on delete cascade,
      to_id int not null references stakeholders(id) on delete cascade,
      kind text not null check (kind in ('reports_to','influences')),
      hidden boolean not null default false,
      note text check (length(note) <= 500),
      created_by int references users(id) on delete set null,
      created_at timestamptz not null default now(),
      version int not null default 1,
      check (from_id <> to_id),
      check (kind = 'reports_to' or not hidden)
    );
    create unique index stakeholder_links_key on stakeholder_links (from_id, to_id, kind);
    create index stakeholder_links_account_idx on stakeholder_links (account_id, id);
    create index stakeholder_links_to_idx on stakeholder_links (to_id);

    create table stakeholder_measures (
      id bigint generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      measured_at timestamptz not null default now(),
      stakeholders int not null,
      total_influence int not null,
      support_influence int not null,
      opposition_influence int not null,
      coach_present boolean not null,
      decision_maker_id int,
      decision_maker_contacted boolean not null,
      stale int not null,
      stale_after_days int not null,
      trigger text not null check (trigger in ('change','sweep'))
    );
    create index stakeholder_measures_account_idx on stakeholder_measures (account_id, id desc);

    create table reminders (
      id bigint generated always as identity primary key,
      user_id int not null references users(id) on delete cascade,
      kind text not null check (length(kind) between 1 and 40),
      account_id int references accounts(id) on delete cascade,
      subject text not null check (length(subject) between 1 and 300),
      entity text,
      entity_id text,
      condition_key text,
      due_on date,
      read_at timestamptz,
      done_at timestamptz,
      resolved boolean not null default false,
      created_at timestamptz not null default now(),
      version int not null default 1
    );
    create unique index reminders_open_condition_key on reminders (user_id, condition_key) where done_at is null and condition_key is not null;
    create index reminders_user_idx on reminders (user_id, id desc);
    create index reminders_user_unread_idx on reminders (user_id) where read_at is null and done_at is null;
    create index reminders_condition_idx on reminders (condition_key) where done_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table reminders; drop table stakeholder_measures; drop table stakeholder_links; drop table stakeholder_coverers;
    drop table stakeholders; drop table opportunity_competitors; drop table opportunity_info_points;
    drop table opportunity_stage_history; drop table opportunities; drop table pipeline_stages;
  `.execute(db);
}

// The key-account program (SPEC C3): its written criteria and size range, who is a key account
// (with every designation and removal and its reason), the yearly account plan with its actions,
// and the whitespace matrix (our product lines × the customer's business units).
//
// - key_account_program: one row (id = 1). criteria_tiers are tier numbers of tiering (1 = 重要客户);
//   min_gross_profit is compared with the gross profit of the last tier recompute's window.
// - key_accounts: the current members; key_account_decisions: the history, never updated.
// - account_plans: one per account and year; actions belong to a plan.
// - account_whitespace: one row per account: its business units and the cells, edited as a whole
//   (one version), because the matrix is read and saved together.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table key_account_program (
      id smallint primary key default 1 check (id = 1),
      min_size int not null default 5 check (min_size between 0 and 100000),
      max_size int not null default 25 check (max_size between 1 and 100000),
      criteria_tiers smallint[] not null default '{1}',
      min_gross_profit numeric(20,2),
      any_classifications text[] not null default '{}',
      criteria_text text not null default '',
      product_lines text[] not null default '{}',
      champion_id int references users(id) on delete set null,
      updated_by int references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (min_size <= max_size)
    );
    insert into key_account_program (criteria_text, product_lines) values (
      '纳入条件：客户分级为「重要客户」，且客户有一位高层负责人。每季度评审一次：不再满足条件的大客户提请淘汰。',
      '{专线与组网,云与数据中心,语音与协同,物联网,安全服务,系统集成}'
    );

    create table key_accounts (
      account_id int primary key references accounts(id) on delete cascade,
      reason text not null check (length(reason) between 1 and 1000),
      met_criteria boolean not null,
      designated_by int references users(id) on delete set null,
      designated_at timestamptz not null default now()
    );

    create table key_account_decisions (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      action text not null check (action in ('designate','remove')),
      reason text not null check (length(reason) between 1 and 1000),
      met_criteria boolean not null,
      decided_by int references users(id) on delete set null,
      decided_at timestamptz not null default now()
    );
    create index key_account_decisions_account_idx on key_account_decisions (account_id, id desc);

    create table account_plans (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      year int not null check (year between 2000 and 2100),
      objectives text not null default '',
      strategies text not null default '',
      risks text not null default '',
      created_by int references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      unique (account_id, year)
    );

    create table account_plan_actions (
      id int generated always as identity primary key,
      plan_id int not null references account_plans(id) on delete cascade,
      title text not null check (length(title) between 1 and 500),
      owner_id int references users(id) on delete set null,
      due_date date,
      status text not null default 'open' check (status in ('open','done','dropped')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index account_plan_actions_plan_idx on account_plan_actions (plan_id, id);

    create table account_whitespace (
      account_id int primary key references accounts(id) on delete cascade,
      business_units text[] not null default '{}',
      cells jsonb not null default '[]',
      updated_by int references users(id) on delete set null,
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table account_whitespace; drop table account_plan_actions; drop table account_plans;
    drop table key_account_decisions; drop table key_accounts; drop table key_account_program;
  `.execute(db);
}

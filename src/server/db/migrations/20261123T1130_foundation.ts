// Foundation: users, teams, sessions, API tokens, the customer archive, audit and recycle bin.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    create table teams (
      id int generated always as identity primary key,
      name text not null,
      manager_id int,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create unique index teams_name_key on teams (lower(name));

    create table users (
      id int generated always as identity primary key,
      username text not null,
      display_name text not null,
      email text,
      role text not null check (role in ('admin','director','kam','sponsor','service','analyst')),
      team_id int references teams(id) on delete set null,
      password_hash text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create unique index users_username_key on users (lower(username));
    create index users_team_idx on users (team_id);
    alter table teams add constraint teams_manager_fk foreign key (manager_id) references users(id) on delete set null;

    create table sessions (
      id text primary key,
      user_id int not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);
    create index sessions_expires_idx on sessions (expires_at);

    create table api_tokens (
      id int generated always as identity primary key,
      user_id int not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user_idx on api_tokens (user_id);

    create table login_failures (
      key text primary key,
      failures int not null,
      first_at timestamptz not null,
      locked_until timestamptz
    );

    create table accounts (
      id int generated always as identity primary key,
      name text not null,
      name_key text not null,
      name_loose text not null,
      short_name text,
      credit_code text check (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
      external_code text,
      industry text,
      region text,
      employees int check (employees >= 0),
      annual_revenue numeric(20,2) check (annual_revenue >= 0),
      website text,
      address text,
      classifications text[] not null default '{}',
      segment text check (segment in ('industry','region','potential')),
      parent_id int references accounts(id),
      lifecycle_status text not null default 'prospect' check (lifecycle_status in ('prospect','active','dormant','lost')),
      lifecycle_reason text,
      owner_id int references users(id) on delete set null,
      sponsor_id int references users(id) on delete set null,
      business_situation text,
      technology_goals text,
      products_in_use text,
      decision_process text,
      search_text text not null default '',
      created_by int references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (parent_id is null or parent_id <> id)
    );
    create unique index accounts_name_key on accounts (name_key);
    create unique index accounts_credit_code_key on accounts (credit_code) where credit_code is not null;
    create unique index accounts_external_code_key on accounts (external_code) where external_code is not null;
    create index accounts_name_loose_idx on accounts (name_loose);
    create index accounts_parent_idx on accounts (parent_id) where parent_id is not null;
    create index accounts_owner_idx on accounts (owner_id, id);
    create index accounts_sponsor_idx on accounts (sponsor_id, id) where sponsor_id is not null;
    create index accounts_name_sort_idx on accounts (name, id);
    create index accounts_updated_sort_idx on accounts (updated_at, id);
    create index accounts_revenue_sort_idx on accounts ((coalesce(annual_revenue, -1)), id);
    create index accounts_employees_sort_idx on accounts ((coalesce(employees, -1)), id);
    create index accounts_status_idx on accounts (lifecycle_status, id);
    create index accounts_industry_idx on accounts (industry, id);
    create index accounts_region_idx on accounts (region, id);
    create index accounts_classifications_idx on accounts using gin (classifications);
    create index accounts_search_trgm_idx on accounts using gin (search_text gin_trgm_ops);

    create table account_team_members (
      account_id int not null references accounts(id) on delete cascade,
      user_id int not null references users(id) on delete cascade,
      role text not null check (role in ('sales','technical','service','finance','delivery')),
      created_at timestamptz not null default now(),
      primary key (account_id, user_id)
    );
    create index account_team_members_user_idx on account_team_members (user_id, account_id);

    create table contacts (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      name text not null,
      department text,
      title text,
      level text check (level in ('executive','middle','operational')),
      phone text,
      email text,
      birthday date,
      preferences text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index contacts_account_idx on contacts (account_id, id);
    create index contacts_name_trgm_idx on contacts using gin (name gin_trgm_ops);

    create table account_needs (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      title text not null,
      description text,
      kind text not null check (kind in ('explicit','implicit')),
      status text not null default 'open' check (status in ('open','met','dropped')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index account_needs_account_idx on account_needs (account_id, id);

    -- No foreign key on account_id: the feed survives a delete so that a restore brings it back.
    create table timeline_events (
      id bigint generated always as identity primary key,
      account_id int not null,
      occurred_at timestamptz not null default now(),
      kind text not null,
      summary text not null,
      actor_id int,
      entity text,
      entity_id text,
      data jsonb
    );
    create index timeline_events_account_idx on timeline_events (account_id, occurred_at desc, id desc);

    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id int,
      actor_name text,
      action text not null,
      entity text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      request_id text
    );
    create index audit_log_entity_idx on audit_log (entity, entity_id, id desc);
    create index audit_log_actor_idx on audit_log (actor_id, id desc);

    create table recycle_bin (
      id int generated always as identity primary key,
      entity text not null,
      entity_id text not null,
      label text not null,
      account_id int,
      data jsonb not null,
      deleted_by int references users(id) on delete set null,
      deleted_at timestamptz not null default now()
    );
    create index recycle_bin_deleted_idx on recycle_bin (deleted_at desc, id desc);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted');
}

// Orders, order lines and payments (SPEC C6): the transactions tiering (C2) and KPIs (C9) read.
// Sized for 10,000,000 order lines: int ids for orders and payments; a line is keyed by its order
// and line number (no surrogate id: 8 bytes and a whole index fewer per line — lines are only
// ever reached through their order); no wide columns on the lines; and only the indexes the API,
// the importer and the aggregates need.
//
// Rules the data keeps (see src/server/orders/rules/):
// - A line's amount is quantity × unit_price × (1 − discount) rounded half-up (away from zero) to
//   0.01 per line, in exact decimal arithmetic; an order's amount is the sum of its rounded line
//   amounts (Northwind under this rule totals 1,265,793.29). Orders imported without lines carry
//   their amount as given. Negative amounts are credit notes / returns.
// - payments.account_id must equal the order's account_id when order_id is set (checked by the
//   service and the importer, not by a constraint, to keep orders free of an extra unique index).
// - payment_ref and order_number are external keys: re-importing matches on them, it never
//   duplicates (`on conflict (order_number)`; payment_ref's unique index is partial, so
//   `on conflict (payment_ref) where payment_ref is not null`).
// - Deleting an account cascades to its orders, lines and payments; the recycle bin snapshots them
//   first, so a restore brings them back. Deleting an order cascades to its lines and payments.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table orders (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      order_date date not null,
      amount numeric(20,2) not null,
      cost numeric(20,2),
      order_number text not null check (length(order_number) between 1 and 64),
      currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
      source text not null default 'manual' check (source in ('manual','import','demo')),
      notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    -- text_pattern_ops: one index serves uniqueness, equality and the prefix search (q).
    create unique index orders_number_key on orders (order_number text_pattern_ops);
    create index orders_account_date_idx on orders (account_id, order_date desc, id desc);
    create index orders_date_idx on orders (order_date, id);
    create index orders_amount_idx on orders (amount, id);

    create table order_lines (
      order_id int not null references orders(id) on delete cascade,
      line_no int not null check (line_no >= 1),
      quantity numeric(18,4) not null,
      unit_price numeric(20,4) not null,
      discount numeric(7,6) not null default 0 check (discount >= 0 and discount <= 1),
      amount numeric(20,2) not null,
      cost numeric(20,2),
      product text not null check (length(product) between 1 and 200),
      primary key (order_id, line_no)
    );

    create table payments (
      id int generated always as identity primary key,
      account_id int not null references accounts(id) on delete cascade,
      order_id int references orders(id) on delete cascade,
      due_date date not null,
      paid_date date,
      amount numeric(20,2) not null,
      currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
      invoice_ref text check (length(invoice_ref) <= 64),
      payment_ref text check (length(payment_ref) between 1 and 64),
      notes text,
      source text not null default 'manual' check (source in ('manual','import','demo')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    -- Partial: most payments (manual, demo) have no external reference and cost the index nothing.
    create unique index payments_ref_key on payments (payment_ref) where payment_ref is not null;
    create index payments_account_due_idx on payments (account_id, due_date, id);
    create index payments_due_idx on payments (due_date, id);
    create index payments_unpaid_due_idx on payments (due_date, id) where paid_date is null;
    create index payments_order_idx on payments (order_id) where order_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table payments; drop table order_lines; drop table orders;`.execute(db);
}

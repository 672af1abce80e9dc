// The demo seeder and the first start, against a real database (PGlite and PostgreSQL).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/server/auth/secrets.js';
import { firstStart } from '../../src/server/demo/first-start.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { DEMO_USERNAMES } from '../../src/server/demo/staff.js';
import { AppError } from '../../src/server/shared/errors.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const count = async (d: TestDatabase, table: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(d.db)).rows[0]!.n);

describe('seedDemo', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(async () => {
    await d?.destroy();
  });

  it('fills an empty archive, reusing the users and teams that exist', async () => {
    const progress: number[] = [];
    const r = await seedDemo(d.db, { scale: 'S', password: 'demo-password-123', accounts: 300, batchSize: 100, onProgress: (p) => p.phase === 'accounts' && progress.push(p.done) });
    expect(r.accounts).toBe(300);
    expect(r.usersCreated).toEqual([]);
    expect(r.teamsCreated).toEqual([]);
    expect(progress.at(-1)).toBe(300);
    expect(await count(d, 'accounts')).toBe(300);
    expect(await count(d, 'contacts')).toBe(r.contacts);
    expect(await count(d, 'account_needs')).toBe(r.needs);
    expect(await count(d, 'account_team_members')).toBe(r.teamMembers);
    expect(await count(d, 'timeline_events')).toBe(300);
    expect(r.contacts).toBeGreaterThanOrEqual(600);
    // About 10 orders per account (none for prospects), 1–4 lines each, payments that add up.
    expect(await count(d, 'orders')).toBe(r.orders);
    expect(await count(d, 'order_lines')).toBe(r.orderLines);
    expect(await count(d, 'payments')).toBe(r.payments);
    expect(r.orders).toBeGreaterThan(2_400);
    expect(r.orders).toBeLessThan(3_600);
    expect(r.orderLines / r.orders).toBeGreaterThan(1.5);
    expect(r.orderLines / r.orders).toBeLessThan(2.5);
    const sums = await sql<{ orders: string; lines: string; payments: string; bad: number; created: number }>`
      select (select sum(amount)::text from orders) as orders,
             (select sum(amount)::text from order_lines) as lines,
             (select sum(amount)::text from payments) as payments,
             (select count(*)::int from orders o where o.amount <> (select sum(l.amount) from order_lines l where l.order_id = o.id)) as bad,
             (select count(*)::int from orders where source = 'demo' and currency = 'CNY' and created_at::date = order_date) as created`.execute(d.db);
    const s0 = sums.rows[0]!;
    expect(s0.bad).toBe(0);
    expect(s0.lines).toBe(s0.orders);
    expect(s0.payments).toBe(s0.orders);
    expect(s0.created).toBe(r.orders);

    const owners = await sql<{ username: string }>`
      select distinct u.username from accounts a join users u on u.id = a.owner_id order by 1`.execute(d.db);
    expect(owners.rows.map((o) => o.username)).toEqual(['kam1', 'kam2']);
    const sponsor = await sql<{ username: string }>`
      select distinct u.username from accounts a join users u on u.id = a.sponsor_id`.execute(d.db);
    expect(sponsor.rows.map((o) => o.username)).toEqual(['sponsor']);
    // One audit row per batch, not per row.
    const audits = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'seed' and entity = 'account'`.execute(d.db);
    expect(audits.rows[0]!.n).toBeGreaterThanOrEqual(3);
    expect(audits.rows[0]!.n).toBeLessThanOrEqual(4);
  });

  it('refuses a database that already has accounts, unless appending', async () => {
    await expect(seedDemo(d.db, { scale: 'S', password: 'demo-password-123', accounts: 10 })).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && /--append/.test(e.message),
    );
    const ordersBefore = await count(d, 'orders');
    const r = await seedDemo(d.db, { scale: 'S', password: 'demo-password-123', accounts: 120, append: true });
    expect(r.firstAccountId).toBe(301);
    expect(await count(d, 'accounts')).toBe(420);
    expect(await count(d, 'orders')).toBe(ordersBefore + r.orders);
  });

  it('leaves the id sequence past the generated ids', async () => {
    const row = await d.db
      .insertInto('accounts')
      .values({ name: '序列检查有限公司', name_key: '序列检查有限公司', name_loose: '序列检查' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(row.id).toBeGreaterThan(420);
    const max = await sql<{ m: number }>`select max(id) as m from orders`.execute(d.db);
    const order = await d.db
      .insertInto('orders')
      .values({ account_id: row.id, order_number: 'SEQ-CHECK-1', order_date: '2026-01-01', amount: '1.00' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(order.id).toBeGreaterThan(Number(max.rows[0]!.m));
  });
});

describe('firstStart', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(async () => {
    await d?.destroy();
  });

  it('does nothing when there are users', async () => {
    const printed: string[] = [];
    const r = await firstStart(d.db, { demo: true, demoPassword: undefined }, { print: (t) => printed.push(t), log: () => {} });
    expect(r.initialised).toBe(false);
    expect(printed).toEqual([]);
    expect(await count(d, 'accounts')).toBe(0);
  });

  it('with KAM_DEMO=0 creates only admin, with KAM_DEMO_PASSWORD, and does not echo it', async () => {
    await sql`delete from users`.execute(d.db);
    const printed: string[] = [];
    const r = await firstStart(d.db, { demo: false, demoPassword: 'from-env-password' }, { print: (t) => printed.push(t), log: () => {} });
    expect(r.initialised).toBe(true);
    const users = await d.db.selectFrom('users').select(['username', 'role', 'password_hash']).execute();
    expect(users.map((u) => [u.username, u.role])).toEqual([['admin', 'admin']]);
    expect(await verifyPassword(users[0]!.password_hash, 'from-env-password')).toBe(true);
    expect(printed.join('\n')).toContain('KAM_DEMO_PASSWORD');
    expect(printed.join('\n')).not.toContain('from-env-password');
    expect(await count(d, 'accounts')).toBe(0);
  });

  it('with demo data creates the demo users of every role and scale-S data, printing a random password once', async () => {
    await sql`delete from users`.execute(d.db);
    await sql`delete from teams`.execute(d.db);
    const printed: string[] = [];
    const r = await firstStart(d.db, { demo: true, demoPassword: undefined }, { print: (t) => printed.push(t), log: () => {} });
    expect(r.initialised).toBe(true);
    expect(r.seed?.accounts).toBe(2_000);
    const users = await d.db.selectFrom('users').select(['username', 'role', 'team_id', 'password_hash']).orderBy('id').execute();
    expect(users.map((u) => u.username)).toEqual([...DEMO_USERNAMES]);
    expect(new Set(users.map((u) => u.role)).size).toBe(6);
    const password = /Password: (\S+)/.exec(printed.join('\n'))?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await verifyPassword(users.find((u) => u.username === 'kam2')!.password_hash, password!)).toBe(true);
    const teams = await sql<{ name: string; manager: string }>`
      select t.name, u.username as manager from teams t join users u on u.id = t.manager_id order by t.name`.execute(d.db);
    expect(teams.rows).toEqual([
      { name: '华东大客户部', manager: 'kam1' },
      { name: '华南大客户部', manager: 'kam2' },
    ]);
    const kam1 = users.find((u) => u.username === 'kam1')!;
    const kam2 = users.find((u) => u.username === 'kam2')!;
    expect(kam1.team_id).not.toBe(kam2.team_id);
    // A second start finds users and leaves everything alone.
    const again = await firstStart(d.db, { demo: true, demoPassword: undefined }, { print: () => {}, log: () => {} });
    expect(again.initialised).toBe(false);
  });
});

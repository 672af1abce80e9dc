// Real files made by other systems, imported through the `kam import` code path with the mapping
// files kept in the repository, reproduce the figures of test/fixtures/import/PROVENANCE.md.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { all, count, FIXTURES, kamImport, one, snapshot } from './support.js';

const data = (f: string) => path.join(FIXTURES, 'import', f);
const mapping = (f: string) => path.join(FIXTURES, 'mappings', f);

describe('CRM data set: accounts with a group structure', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(async () => d?.destroy());

  it('imports the 85 accounts, 15 of them subsidiaries linked to their parent', async () => {
    const r = await kamImport(d.db, 'accounts', data('maven-crm/accounts.csv'), { mapping: mapping('crm-accounts.json') });
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({ rows: 85, created: 85, updated: 0, rejected: 0, committed: true });
    expect(r.out[0]).toMatch(/^Imported 85 rows of accounts from accounts\.csv \(CSV, UTF-8, ","-delimited\): 85 created/);
    expect(await count(d.db, 'accounts')).toBe(85);
    expect(await count(d.db, 'accounts', 'parent_id is not null')).toBe(15);
    const acme = await all<{ name: string }>(d.db, `select c.name from accounts c join accounts p on p.id = c.parent_id where p.name = 'Acme Corporation' order by 1`);
    expect(acme.map((a) => a.name)).toEqual(expect.arrayContaining(['Bluth Company', 'Codehow', 'Donquadtech', 'Iselectrics']));
    expect(await count(d.db, 'accounts', `industry = 'technolgy'`)).toBe(12); // imported as given
    expect(await one(d.db, `select annual_revenue, employees, region from accounts where name = 'Acme Corporation'`)).toEqual({ annual_revenue: '1100.04', employees: 2822, region: 'United States' });
    // One audit row summarises the import; one timeline event per account, not per field.
    expect(await count(d.db, 'audit_log', `action = 'import'`)).toBe(1);
    expect(await count(d.db, 'timeline_events', `kind = 'import.applied'`)).toBe(85);
  });

  it('imports the same file again without duplicates or changes', async () => {
    const before = await snapshot(d.db);
    const r = await kamImport(d.db, 'accounts', data('maven-crm/accounts.csv'), { mapping: mapping('crm-accounts.json') });
    expect(r.report).toMatchObject({ rows: 85, created: 0, updated: 0, unchanged: 85, rejected: 0 });
    expect(await snapshot(d.db)).toEqual({ ...before, audit_log: before.audit_log + 1 });
  });
});

describe('Northwind: customers, orders and order lines joined by order number', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(async () => d?.destroy());

  const revenue = async (code: string) =>
    (await one<{ s: string }>(d.db, `select coalesce(sum(o.amount), 0)::numeric(20,2)::text as s from accounts a left join orders o on o.account_id = a.id where a.external_code = '${code}'`)).s;

  it('imports 91 customers, 830 orders and 2,155 lines: revenue 1,265,793.29 under per-line rounding', async () => {
    expect((await kamImport(d.db, 'accounts', data('northwind/customers.csv'), { mapping: mapping('northwind-customers.json') })).report).toMatchObject({ rows: 91, created: 91 });
    expect((await kamImport(d.db, 'orders', data('northwind/orders.csv'), { mapping: mapping('northwind-orders.json') })).report).toMatchObject({ rows: 830, created: 830, rejected: 0 });
    const lines = await kamImport(d.db, 'orders', data('northwind/order_details.csv'), { mapping: mapping('northwind-order-details.json') });
    expect(lines.code).toBe(0);
    expect(lines.report).toMatchObject({ rows: 2155, rejected: 0, extra: { orders: 830, lines: 2155 } });

    expect(await count(d.db, 'accounts')).toBe(91);
    expect(await count(d.db, 'orders')).toBe(830);
    expect(await count(d.db, 'order_lines')).toBe(2155);
    expect(await one(d.db, `select sum(amount)::text as total from orders`)).toEqual({ total: '1265793.29' });
    expect(await one(d.db, `select sum(amount)::text as total from order_lines`)).toEqual({ total: '1265793.29' });
    expect(await one(d.db, `select min(order_date)::text as first, max(order_date)::text as last from orders`)).toEqual({ first: '1996-07-04', last: '1998-05-06' });
    expect(await one(d.db, `select count(distinct account_id)::int as n from orders`)).toEqual({ n: 89 });
    expect(await revenue('FISSA')).toBe('0.00');
    expect(await revenue('PARIS')).toBe('0.00');
    const top = await all<{ code: string; revenue: string }>(
      d.db,
      `select a.external_code as code, sum(o.amount)::text as revenue from orders o join accounts a on a.id = o.account_id group by 1 order by sum(o.amount) desc limit 5`,
    );
    expect(top).toEqual([
      { code: 'QUICK', revenue: '110277.32' },
      { code: 'ERNSH', revenue: '104875.00' },
      { code: 'SAVEA', revenue: '104361.96' },
      { code: 'RATTC', revenue: '51097.80' },
      { code: 'HUNGO', revenue: '49979.91' },
    ]);
    // Line 1 of order 10248: 14 × 12, no discount; a discounted line is computed exactly.
    expect(await one(d.db, `select l.line_no, l.product, l.amount::text from order_lines l join orders o on o.id = l.order_id where o.order_number = '10248' order by l.line_no limit 1`)).toEqual({ line_no: 1, product: '11', amount: '168.00' });
    expect(await one(d.db, `select amount::text from orders where order_number = '10250'`)).toEqual({ amount: '1552.60' });
  });

  it('re-imports every file without doubling an order, a line or a fen', async () => {
    const before = await snapshot(d.db);
    await kamImport(d.db, 'accounts', data('northwind/customers.csv'), { mapping: mapping('northwind-customers.json') });
    const orders = await kamImport(d.db, 'orders', data('northwind/orders.csv'), { mapping: mapping('northwind-orders.json') });
    expect(orders.report).toMatchObject({ created: 0, updated: 0, unchanged: 830 });
    await kamImport(d.db, 'orders', data('northwind/order_details.csv'), { mapping: mapping('northwind-order-details.json') });
    const after = await snapshot(d.db);
    for (const t of ['accounts', 'contacts', 'orders', 'order_lines', 'payments'] as const) expect(after[t]).toBe(before[t]);
    expect(await one(d.db, `select sum(amount)::text as total from orders`)).toEqual({ total: '1265793.29' });
  });

  it('imports the Northwind contacts onto their customers by customer code', async () => {
    const r = await kamImport(d.db, 'contacts', data('northwind/customers.csv'), { mapping: mapping('northwind-contacts.json') });
    expect(r.report).toMatchObject({ rows: 91, created: 91, rejected: 0 });
    expect(await one(d.db, `select c.name, c.title, c.phone from contacts c join accounts a on a.id = c.account_id where a.external_code = 'AROUT'`)).toEqual({
      name: 'Thomas Hardy',
      title: 'Sales Representative',
      phone: '(171) 555-7788',
    });
    const again = await kamImport(d.db, 'contacts', data('northwind/customers.csv'), { mapping: mapping('northwind-contacts.json') });
    expect(again.report).toMatchObject({ created: 0, unchanged: 91 });
    expect(await count(d.db, 'contacts')).toBe(91);
  });
});

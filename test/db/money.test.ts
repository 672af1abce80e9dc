// Money is exact: numeric(20,2) in the database, decimal strings in JavaScript, on both databases.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictNameKey, looseNameKey } from '../../src/server/accounts/rules/names.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

let seq = 0;
async function insertRevenue(revenue: string | null, industry = 'money'): Promise<number> {
  const name = `金额测试 ${++seq}`;
  const row = await t.db
    .insertInto('accounts')
    .values({ name, name_key: strictNameKey(name), name_loose: looseNameKey(name), annual_revenue: revenue, industry })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function revenueOf(id: number): Promise<string | null> {
  const row = await t.db.selectFrom('accounts').select('annual_revenue').where('id', '=', id).executeTakeFirstOrThrow();
  return row.annual_revenue;
}

async function sumOf(industry: string): Promise<string | null> {
  const { rows } = await sql<{ total: string | null }>`select sum(annual_revenue) as total from accounts where industry = ${industry}`.execute(t.db);
  return rows[0]!.total;
}

describe('exact money', () => {
  it('a 17-digit amount with cents round-trips as the same string', async () => {
    const id = await insertRevenue('12345678901234567.89');
    const back = await revenueOf(id);
    expect(back).toBe('12345678901234567.89');
    expect(typeof back).toBe('string');
    // A JavaScript number could not have held it.
    expect(String(Number('12345678901234567.89'))).not.toBe('12345678901234567.89');
  });

  it('the largest value of numeric(20,2) fits; one more digit is refused by the database', async () => {
    const id = await insertRevenue('999999999999999999.99');
    expect(await revenueOf(id)).toBe('999999999999999999.99');
    await expect(insertRevenue('1000000000000000000.00')).rejects.toMatchObject({ code: '22003' });
  });

  it('0.10 + 0.20 sums to exactly 0.30', async () => {
    await insertRevenue('0.10', 'sum-a');
    await insertRevenue('0.20', 'sum-a');
    expect(await sumOf('sum-a')).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3); // what floating point would have said
  });

  it('a thousand cents sum to exactly 10.00, and huge amounts sum without loss', async () => {
    for (let i = 0; i < 1000; i += 100) {
      await t.db
        .insertInto('accounts')
        .values(Array.from({ length: 100 }, (_, k) => {
          const name = `分 ${i + k}`;
          return { name, name_key: strictNameKey(name), name_loose: looseNameKey(name), annual_revenue: '0.01', industry: 'cents' };
        }))
        .execute();
    }
    expect(await sumOf('cents')).toBe('10.00');
    await insertRevenue('12345678901234567.89', 'big');
    await insertRevenue('0.11', 'big');
    expect(await sumOf('big')).toBe('12345678901234568.00');
  });

  it('values are kept at two decimals: scale pads, and a third decimal rounds half away from zero', async () => {
    expect(await revenueOf(await insertRevenue('7'))).toBe('7.00');
    expect(await revenueOf(await insertRevenue('7.5'))).toBe('7.50');
    expect(await revenueOf(await insertRevenue('0.125'))).toBe('0.13');
    expect(await revenueOf(await insertRevenue('0.124'))).toBe('0.12');
  });

  it('negative amounts are refused by the check constraint; NULL stays NULL', async () => {
    await expect(insertRevenue('-0.01')).rejects.toMatchObject({ code: '23514' });
    expect(await revenueOf(await insertRevenue(null))).toBeNull();
  });

  it('avg and arithmetic in SQL stay exact decimals, as strings', async () => {
    const { rows } = await sql<{ a: string; m: string; d: string }>`
      select (0.10::numeric(20,2) + 0.20::numeric(20,2))::text as a,
             (12345678901234567.89::numeric(20,2) * 3) as m,
             round(10::numeric / 3, 2) as d`.execute(t.db);
    expect(rows[0]).toEqual({ a: '0.30', m: '37037036703703703.67', d: '3.33' });
  });

  it('ids and counts come back as numbers, dates as YYYY-MM-DD', async () => {
    const { rows } = await sql<{ n: number; c: number; d: string }>`
      select 7::int as n, count(*) as c, date '2024-02-29' as d from accounts where industry = 'sum-a'`.execute(t.db);
    expect(rows[0]).toEqual({ n: 7, c: 2, d: '2024-02-29' });
  });
});

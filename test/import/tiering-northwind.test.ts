// Tiering on real data: Northwind imported through the `kam import` code path, recomputed with a
// 24-month window as of the last order date; the top customers by revenue, the Pareto share and
// the tier counts are checked against figures computed here, independently, from the CSV files.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/server/services.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { FIXTURES, kamImport } from './support.js';

const SYSTEM = { actor: { id: 0, username: 'system:test', displayName: '测试', role: 'admin' as const, teamId: null } };
const data = (f: string) => path.join(FIXTURES, 'import', 'northwind', f);
const mapping = (f: string) => path.join(FIXTURES, 'mappings', f);
const rows = (f: string) =>
  fs
    .readFileSync(data(f), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));

/** Decimal text → BigInt at `scale` decimals (plain JS, not the application's code). */
function scaled(text: string, scale: number): bigint {
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole!) * 10n ** BigInt(scale) + BigInt((frac + '0'.repeat(scale)).slice(0, scale) || '0');
}

/** Revenue per customer in cents: Σ over lines of round-half-up(price × qty × (1 − discount), 0.01). */
function independentRevenue(): { byCustomer: Map<string, bigint>; customers: string[] } {
  const customerOf = new Map(rows('orders.csv').map((r) => [r[0]!, r[1]!]));
  const byCustomer = new Map<string, bigint>();
  const customers = rows('customers.csv').map((r) => r[0]!);
  for (const c of customers) byCustomer.set(c, 0n);
  for (const [orderId, , price, qty, discount] of rows('order_details.csv')) {
    // price scale 4 × qty × (1 − d) at scale 4 → scale 8; round half up to cents (all positive here)
    const exact = scaled(price!, 4) * BigInt(qty!) * (10_000n - scaled(discount!, 4));
    const cents = (exact + 500_000n) / 1_000_000n;
    const c = customerOf.get(orderId!)!;
    byCustomer.set(c, byCustomer.get(c)! + cents);
  }
  return { byCustomer, customers };
}
const yuan = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

let d: TestDatabase;
let s: Services;
beforeAll(async () => {
  d = await createTestDatabase();
  s = createServices(d.db, { now: () => new Date('2026-11-23T04:00:00Z') }, { sessionTtlMs: 3600_000, currency: 'CNY', timezone: 'Asia/Shanghai' });
  expect((await kamImport(d.db, 'accounts', data('customers.csv'), { mapping: mapping('northwind-customers.json') })).code).toBe(0);
  expect((await kamImport(d.db, 'orders', data('orders.csv'), { mapping: mapping('northwind-orders.json') })).code).toBe(0);
  expect((await kamImport(d.db, 'orders', data('order_details.csv'), { mapping: mapping('northwind-order-details.json') })).code).toBe(0);
  const draft = await s.tiering.createDraft(SYSTEM, { name: 'Northwind 24 个月', windowMonths: 24 });
  await s.tiering.publish(SYSTEM, draft.id, draft.version);
  await s.tiering.recompute(SYSTEM, { asOf: '1998-05-06', trigger: 'test' });
}, 180_000);
afterAll(async () => d?.destroy());

describe('Northwind tiers', () => {
  const { byCustomer, customers } = independentRevenue();
  const ranked = [...byCustomer.entries()].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : 0));

  it('ranks the top customers by revenue as the CSV does', async () => {
    const top = await d.db
      .selectFrom('tier_results as r')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .select(['a.external_code', 'r.revenue', 'r.tier'])
      .orderBy('r.revenue', 'desc')
      .limit(10)
      .execute();
    expect(top.map((t) => [t.external_code, t.revenue])).toEqual(ranked.slice(0, 10).map(([c, v]) => [c, yuan(v)]));
    expect(ranked.slice(0, 3).map(([c]) => c)).toEqual(['QUICK', 'ERNSH', 'SAVEA']);
  });

  it('gives the Pareto share of the top 20 % computed from the CSV', async () => {
    const n = customers.length; // 91, two of them without orders
    const k = Math.ceil((n * 20) / 100); // 19
    const total = ranked.reduce((x, [, v]) => x + v, 0n);
    const topSum = ranked.slice(0, k).reduce((x, [, v]) => x + v, 0n);
    // share to 4 decimals, half up
    const share = (topSum * 100_000n) / total;
    const expected = `0.${String((share + 5n) / 10n).padStart(4, '0')}`;
    const p = await s.tiering.pareto(SYSTEM.actor);
    expect({ accounts: p.revenue.accounts, top: p.revenue.top, total: p.revenue.total, topSum: p.revenue.topSum, topShare: p.revenue.topShare }).toEqual({
      accounts: 91,
      top: 19,
      total: yuan(total),
      topSum: yuan(topSum),
      topShare: expected,
    });
    expect(yuan(total)).toBe('1265793.29');
    // Northwind has no costs: gross profit is 0 everywhere and has no meaningful share.
    expect(p.grossProfit.topShare).toBeNull();
  });

  it('fills the pyramid by the shares rule: 89 scored accounts → 5 / 13 / 27 / 44, plus 2 without orders', async () => {
    const pyr = await s.tiering.pyramid(SYSTEM.actor);
    // ceil(89 × 5 %) = 5, ceil(89 × 20 %) = 18, ceil(89 × 50 %) = 45
    expect(pyr.tiers.map((t) => [t.accounts, t.insufficientData])).toEqual([
      [5, 0],
      [13, 0],
      [27, 0],
      [46, 2],
    ]);
    const noOrders = [...byCustomer.entries()].filter(([, v]) => v === 0n).map(([c]) => c).sort();
    expect(noOrders).toEqual(['FISSA', 'PARIS']);
  });
});

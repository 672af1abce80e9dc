// The CRM pipeline data set (test/fixtures/import/PROVENANCE.md) imported as opportunities
// through the `kam import` code path: won count, won value and win rate asserted against the
// provenance figures and computed independently from the file here, then read back through the API.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { count, FIXTURES, kamImport } from './support.js';

const data = (f: string) => path.join(FIXTURES, 'import', f);
const mapping = (f: string) => path.join(FIXTURES, 'mappings', f);

/** The file counted without KAM: no quoted fields in it (checked), so a split is exact. */
function independent() {
  const text = fs.readFileSync(data('maven-crm/sales_pipeline.csv'), 'utf8');
  expect(text.includes('"')).toBe(false);
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header!.split(',');
  const at = (name: string) => cols.indexOf(name);
  const rows = lines.map((l) => l.split(','));
  const stage = (r: string[]) => r[at('deal_stage')]!;
  const won = rows.filter((r) => stage(r) === 'Won');
  const lost = rows.filter((r) => stage(r) === 'Lost');
  const noAccount = rows.filter((r) => r[at('account')] === '');
  // Whole numbers in the file: exact in integer arithmetic.
  const wonValue = won.reduce((s, r) => s + BigInt(r[at('close_value')]!), 0n);
  return { rows: rows.length, won: won.length, lost: lost.length, noAccount: noAccount.length, wonValue: `${wonValue}.00`, rate: Math.round((won.length * 10000) / (won.length + lost.length)) / 10000 };
}

describe('CRM pipeline data set imported as opportunities', () => {
  let t: TestApp;
  let director: Session;
  beforeAll(async () => {
    t = await createTestApp();
    director = await t.login('director');
  }, 120_000);
  afterAll(async () => t?.close());

  it('imports 7,375 opportunities, rejecting the 1,425 leads without a customer by name', async () => {
    expect((await kamImport(t.db, 'accounts', data('maven-crm/accounts.csv'), { mapping: mapping('crm-accounts.json') })).report).toMatchObject({ rows: 85, created: 85 });
    const r = await kamImport(t.db, 'opportunities', data('maven-crm/sales_pipeline.csv'), { mapping: mapping('crm-opportunities.json'), skipInvalid: true });
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.report).toMatchObject({ rows: 8800, created: 7375, rejected: 1425 });
    expect(await count(t.db, 'opportunities')).toBe(7375);
    expect(await count(t.db, 'opportunity_stage_history')).toBe(7375);
  }, 300_000);

  it('reproduces the provenance figures, which an independent count of the file confirms', async () => {
    const ind = independent();
    // PROVENANCE.md: Won 4,238 · Lost 2,473; win rate 0.6315; won value 10,005,534; 1,425 without account.
    expect(ind).toEqual({ rows: 8800, won: 4238, lost: 2473, noAccount: 1425, wonValue: '10005534.00', rate: 0.6315 });
    const res = await t.call(director, 'GET', '/api/v1/pipeline/metrics');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json<{ winRate: { won: number; lost: number; rate: number }; won: number; wonValue: string; open: number; cycleTime: { count: number } }>();
    expect({ won: m.won, lost: m.winRate.lost, rate: m.winRate.rate, wonValue: m.wonValue }).toEqual({ won: ind.won, lost: ind.lost, rate: ind.rate, wonValue: ind.wonValue });
    expect({ won: m.won, lost: m.winRate.lost, rate: m.winRate.rate, wonValue: m.wonValue }).toEqual({ won: 4238, lost: 2473, rate: 0.6315, wonValue: '10005534.00' });
    // Open: Engaging 1,589 − 1,088 and Prospecting 500 − 337 without account.
    expect(m.open).toBe(1589 - 1088 + (500 - 337));
    expect(m.cycleTime.count).toBe(4238);
    // Top account by won value (PROVENANCE: Kan-code 341,455).
    const top = await t.db
      .selectFrom('opportunities as o')
      .innerJoin('accounts as a', 'a.id', 'o.account_id')
      .select(['a.name', (eb) => eb.fn.sum<string>('o.amount').as('v')])
      .where('o.status', '=', 'won')
      .groupBy('a.name')
      .orderBy('v', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect([top.name, String(top.v)]).toEqual(['Kan-code', '341455.00']);
  });

  it('imports the same file again without duplicates or changes', async () => {
    const r = await kamImport(t.db, 'opportunities', data('maven-crm/sales_pipeline.csv'), { mapping: mapping('crm-opportunities.json'), skipInvalid: true });
    expect(r.report).toMatchObject({ rows: 8800, created: 0, updated: 0, unchanged: 7375, rejected: 1425 });
    expect(await count(t.db, 'opportunities')).toBe(7375);
  }, 300_000);
});

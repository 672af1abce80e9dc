// Listing accounts: keyset (cursor) pagination over every sort key in both directions, with
// many ties, returns each account exactly once in the right order; filters; bad input.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looseNameKey, searchText, strictNameKey } from '../../src/server/accounts/rules/names.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let director: Session;
let kam1: Session;
let kam2: Session;

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  kam1 = await t.login('kam1');
  kam2 = await t.login('kam2');
});
afterAll(async () => {
  await t?.close();
});

interface Item {
  id: number;
  name: string;
  annualRevenue: string | null;
  employees: number | null;
  updatedAt: string;
}

async function pages(s: Session, query: string, limit: number): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let n = 0;
  do {
    const res = await t.call(s, 'GET', `/api/v1/accounts?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: Item[]; nextCursor: string | null }>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (++n > 1000) throw new Error('pagination does not end');
  } while (cursor);
  return { items, pages: n };
}

describe('cursor pagination', () => {
  const N = 120;
  interface Row {
    id: number;
    i: number;
    revenue: string | null;
    employees: number | null;
    /** Microseconds after the base time: several rows differ by less than a millisecond. */
    updatedMicros: number;
  }
  const rows: Row[] = [];

  beforeAll(async () => {
    const kam1Id = kam1.userId;
    // Inserted in a shuffled order so that id order, name order and value order all differ;
    // values repeat a lot so that ties must be broken by id.
    const order = Array.from({ length: N }, (_, k) => (k * 37) % N);
    for (const i of order) {
      const name = `PageTest ${String(i).padStart(3, '0')}`;
      const revenue = i % 5 === 0 ? null : `${((i * 7) % 13) * 1000}.${i % 2 ? '50' : '00'}`;
      const employees = i % 4 === 0 ? null : ((i * 11) % 9) * 10;
      const updatedMicros = (i % 10) * 1_000_000 + (i % 3) * 250;
      const updatedAt = sql<Date>`timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => ${updatedMicros / 1e6})`;
      const r = await t.db
        .insertInto('accounts')
        .values({
          name,
          name_key: strictNameKey(name),
          name_loose: looseNameKey(name),
          search_text: searchText({ name }),
          annual_revenue: revenue,
          employees,
          owner_id: i % 2 ? kam1Id : null,
          created_at: updatedAt,
          updated_at: updatedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      rows.push({ id: r.id, i, revenue, employees, updatedMicros });
    }
  });

  const keyOf: Record<string, (r: Row) => number> = {
    name: (r) => r.i,
    updatedAt: (r) => r.updatedMicros,
    createdAt: (r) => r.id,
    annualRevenue: (r) => (r.revenue === null ? -1 : Number(r.revenue)),
    employees: (r) => (r.employees === null ? -1 : r.employees),
  };
  const expectedOrder = (sort: string, desc: boolean, filter: (r: Row) => boolean = () => true) =>
    rows
      .filter(filter)
      .sort((a, b) => (keyOf[sort]!(a) - keyOf[sort]!(b) || a.id - b.id) * (desc ? -1 : 1))
      .map((r) => r.id);

  const cases = Object.keys(keyOf).flatMap((sort) => [
    [sort, false],
    [sort, true],
  ]) as [string, boolean][];

  it.each(cases)('sort %s (descending: %s) returns every account exactly once, in order', async (sort, desc) => {
    const { items, pages: n } = await pages(director, `q=pagetest&sort=${desc ? '-' : ''}${sort}`, 7);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(N);
    expect(ids).toEqual(expectedOrder(sort, desc));
    expect(n).toBe(Math.ceil(N / 7));
  });

  it('pages only through what the caller may see', async () => {
    const { items } = await pages(kam1, 'q=pagetest&sort=-annualRevenue', 11);
    expect(items.map((i) => i.id)).toEqual(expectedOrder('annualRevenue', true, (r) => r.i % 2 === 1));
    expect((await pages(kam2, 'q=pagetest', 50)).items).toEqual([]);
  });

  it('defaults to the most recently updated first, and an exact page has no further cursor', async () => {
    const res = await t.call(director, 'GET', '/api/v1/accounts?q=pagetest&limit=120');
    const body = res.json<{ items: Item[]; nextCursor: string | null }>();
    expect(body.items.map((i) => i.id)).toEqual(expectedOrder('updatedAt', true));
    expect(body.nextCursor).toBeNull();
    const first = await t.call(director, 'GET', '/api/v1/accounts?q=pagetest&limit=119');
    expect(first.json().nextCursor).not.toBeNull();
  });

  it('answers 400, never 5xx, to bad paging input', async () => {
    for (const q of ['limit=0', 'limit=501', 'limit=abc', 'cursor=garbage', `cursor=${Buffer.from('[1,2,3]').toString('base64url')}`, 'sort=bogus', 'sort=--name', 'lifecycleStatus=bogus', 'ownerId=-1', `cursor=${Buffer.from('["not-a-date",5]').toString('base64url')}&sort=updatedAt`]) {
      const res = await t.call(director, 'GET', `/api/v1/accounts?${q}`);
      expect({ q, status: res.statusCode, code: res.json().error?.code }).toEqual({ q, status: 400, code: 'VALIDATION' });
    }
  });
});

describe('filters', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const make = async (key: string, fields: Record<string, unknown>, s: Session = director) => {
      const res = await t.call(s, 'POST', '/api/v1/accounts', fields);
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().account.id;
    };
    await make('group', { name: '滤镜集团', industry: '电信', region: '华东', classifications: ['group', 'economic'], lifecycleStatus: 'active', ownerId: kam1.userId });
    await make('sub1', { name: '滤镜子公司一', industry: '电信', region: '华南', classifications: ['strategic'], lifecycleStatus: 'dormant', parentId: ids.group, ownerId: kam2.userId });
    await make('sub2', { name: '滤镜子公司二', industry: '制造', region: '华东', classifications: ['important', 'strategic'], lifecycleStatus: 'lost', lifecycleReason: '破产', parentId: ids.group });
    await make('pct', { name: '百分百%滤镜', industry: '制造', region: '华北' });
    await make('pctx', { name: '百分百X滤镜', industry: '制造', region: '华北' });
    await make('under', { name: 'a_b 滤镜', industry: '零售' });
    await make('underx', { name: 'axb 滤镜', industry: '零售' });
    await make('code', { name: '代码滤镜', creditCode: '914403001922038216', externalCode: 'ERP-0042' });
  });

  const list = async (query: string, s: Session = director) => {
    const res = await t.call(s, 'GET', `/api/v1/accounts?${query}&limit=500`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
  };
  const of = (...keys: string[]) => keys.map((k) => ids[k]!).sort((a, b) => a - b);

  it.each([
    ['lifecycleStatus=active', ['group']],
    ['lifecycleStatus=dormant,lost', ['sub1', 'sub2']],
    ['lifecycleStatus=prospect&q=滤镜', ['pct', 'pctx', 'under', 'underx', 'code']],
    [`industry=${encodeURIComponent('电信')}`, ['group', 'sub1']],
    [`industry=${encodeURIComponent('制造')}&region=${encodeURIComponent('华东')}`, ['sub2']],
    [`region=${encodeURIComponent('华北')}`, ['pct', 'pctx']],
    ['classification=strategic', ['sub1', 'sub2']],
    ['classification=group', ['group']],
    ['classification=important&lifecycleStatus=lost', ['sub2']],
    ['parentId=PARENT', ['sub1', 'sub2']],
    ['ownerId=KAM1&q=' + encodeURIComponent('滤镜'), ['group']],
    ['ownerId=KAM2', ['sub1']],
    [`q=${encodeURIComponent('百分百%')}`, ['pct']],
    [`q=${encodeURIComponent('a_b')}`, ['under']],
    [`q=${encodeURIComponent('_')}`, ['under']],
    [`q=${encodeURIComponent('%')}`, ['pct']],
    [`q=${encodeURIComponent('子公司')}`, ['sub1', 'sub2']],
    ['q=erp-0042', ['code']],
    ['q=914403001922038216', ['code']],
    [`q=${encodeURIComponent('ＡＸＢ')}`, ['underx']],
    [`q=${encodeURIComponent('\\')}`, []],
  ])('%s', async (query, expected) => {
    const q = query.replace('PARENT', String(ids.group)).replace('KAM1', String(kam1.userId)).replace('KAM2', String(kam2.userId));
    expect(await list(q)).toEqual(of(...expected));
  });

  it('applies filters within the caller’s scope', async () => {
    expect(await list(`industry=${encodeURIComponent('电信')}`, kam1)).toEqual(of('group'));
    expect(await list(`industry=${encodeURIComponent('电信')}`, kam2)).toEqual(of('sub1'));
    expect(await list(`parentId=${ids.group}`, kam1)).toEqual([]);
  });
});

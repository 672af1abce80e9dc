// Bad input through HTTP, part 3: hostile or malformed text. SQL and formulas are data, stored and
// searched literally; invalid credit codes are refused naming creditCode; duplicates are caught.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { createAccount, expectRefused } from './bad-input-support.js';

let t: TestApp;
let s: Session;
const URL = '/api/v1/accounts';
const V = { status: 400, code: 'VALIDATION' } as const;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.login('director');
});
afterAll(async () => {
  await t?.close();
});

async function search(q: string): Promise<string[]> {
  const res = await t.call(s, 'GET', `${URL}?limit=500&sort=name&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { name: string }[] }>().items.map((a) => a.name);
}

describe('SQL text is data', () => {
  const injection = "'; drop table accounts; --";

  it('is stored as given and read back unchanged', async () => {
    const a = await createAccount(t, s, { name: injection, shortName: "x' or '1'='1", industry: 'a"; delete from users; --' });
    expect(a.body.name).toBe(injection);
    expect(a.body.shortName).toBe("x' or '1'='1");
    const row = await t.db.selectFrom('accounts').select(['name', 'short_name', 'industry']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: injection, short_name: "x' or '1'='1", industry: 'a"; delete from users; --' });
  });

  it('is searched literally, and the tables are still there', async () => {
    await createAccount(t, s, { name: '正常的公司' });
    expect(await search(injection)).toEqual([injection]);
    expect(await search("' or 1=1 --")).toEqual([]);
    expect(await search("x' or '1'='1")).toEqual([injection]); // matches the short name, nothing more
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name in ('accounts', 'users')`.execute(t.db);
    expect(tables.rows[0]!.n).toBe(2);
    expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(9);
  });

  it('LIKE wildcards in q match only themselves', async () => {
    await createAccount(t, s, { name: '百分百%科技' });
    await createAccount(t, s, { name: 'under_score 贸易' });
    await createAccount(t, s, { name: 'back\\slash 物流' });
    expect(await search('%')).toEqual(['百分百%科技']);
    expect(await search('_')).toEqual(['under_score 贸易']);
    expect(await search('\\')).toEqual(['back\\slash 物流']);
    expect(await search('%_%')).toEqual([]);
  });

  it('SQL text in other query parameters is refused or matched literally', async () => {
    await expectRefused(t, s, 'GET', `${URL}?sort=${encodeURIComponent('name; drop table accounts')}`, undefined, { ...V, field: 'querystring.sort' });
    const res = await t.call(s, 'GET', `${URL}?industry=${encodeURIComponent("' or ''='")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});

describe('formula text', () => {
  it('is stored as given (the export neutralises it, not the archive)', async () => {
    const formulas = { name: "=cmd|' /C calc'!A0", shortName: '+SUM(1,2)', address: '@HYPERLINK("http://evil")', industry: '-2+3' };
    const a = await createAccount(t, s, formulas);
    for (const [k, v] of Object.entries(formulas)) expect(a.body[k]).toBe(v);
    const again = await t.call(s, 'GET', `${URL}/${a.id}`);
    expect(again.json().name).toBe("=cmd|' /C calc'!A0");
  });
});

describe('invalid credit codes', () => {
  it.each([
    ['length: 17 characters', '91350100M000100Y4'],
    ['length: 19 characters', '91350100M000100Y433'],
    ['length: 30 characters', '9'.repeat(30)],
    ['characters: I', '91350100I000100Y43'],
    ['characters: O', '91350100O000100Y43'],
    ['characters: S', '91350100S000100Y43'],
    ['characters: V', '91350100V000100Y43'],
    ['characters: Z', '91350100Z000100Y43'],
    ['characters: punctuation', '91350100-000100Y43'],
    ['check_digit', '91350100M000100Y44'],
    ['check_digit: swapped', '91350100M000100Y34'],
  ])('%s → 400 with details.fields[0].field = creditCode', async (_kind, creditCode) => {
    await expectRefused(t, s, 'POST', URL, { name: '信用代码测试有限公司', creditCode }, { ...V, field: 'creditCode' });
  });

  it('a code longer than the schema allows → 400 naming creditCode', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '信用代码测试有限公司', creditCode: '9'.repeat(31) }, { ...V, field: 'creditCode' });
  });

  it('the reason says which problem it is', async () => {
    const reasons = [];
    for (const code of ['91350100M000100Y4', '91350100O000100Y43', '91350100M000100Y44']) {
      const err = await expectRefused(t, s, 'POST', URL, { name: '信用代码原因有限公司', creditCode: code }, { ...V, field: 'creditCode' });
      reasons.push(err.details!.fields![0]!.reason);
    }
    expect(reasons[0]).toMatch(/18/);
    expect(reasons[1]).toMatch(/I, O, S, V, Z/);
    expect(reasons[2]).toMatch(/check digit/);
  });

  it('on update too, leaving the stored code alone', async () => {
    const a = await createAccount(t, s, { name: '更新信用代码有限公司', creditCode: '91110000100010433L' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: a.version, creditCode: '91110000100010433M' }, { ...V, field: 'creditCode' });
    const row = await t.db.selectFrom('accounts').select(['credit_code', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ credit_code: '91110000100010433L', version: a.version });
  });

  it('lower case, spaces and full-width are cleaned, then accepted', async () => {
    const a = await createAccount(t, s, { name: '清洗信用代码有限公司', creditCode: ' ９１３５０１００m０００ １００y４３ ' });
    expect(a.body.creditCode).toBe('91350100M000100Y43');
  });

  it('a code already used by another account → 400 naming creditCode', async () => {
    const err = await expectRefused(t, s, 'POST', URL, { name: '重复信用代码有限公司', creditCode: '91350100m000100y43' }, { ...V, field: 'creditCode' });
    expect(err.details!.fields![0]!.reason).toMatch(/清洗信用代码有限公司/);
  });
});

describe('duplicate names', () => {
  it('the same name up to width, case and spaces → 409 DUPLICATE naming name and the existing account', async () => {
    const a = await createAccount(t, s, { name: 'Acme Trading 有限公司' });
    for (const name of ['Acme Trading 有限公司', 'ACME TRADING有限公司', 'ＡＣＭＥ　ｔｒａｄｉｎｇ 有限公司']) {
      const err = await expectRefused(t, s, 'POST', URL, { name }, { status: 409, code: 'DUPLICATE' });
      expect(err.details).toEqual({ field: 'name', existing: { id: a.id, name: 'Acme Trading 有限公司' } });
    }
  });

  it('renaming onto another account’s name → 409, the account keeps its name', async () => {
    const b = await createAccount(t, s, { name: '改名测试有限公司' });
    await expectRefused(t, s, 'PATCH', `${URL}/${b.id}`, { version: b.version, name: 'acme trading有限公司' }, { status: 409, code: 'DUPLICATE' });
    const row = await t.db.selectFrom('accounts').select('name').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('改名测试有限公司');
  });
});

describe('text lengths and odd characters', () => {
  it.each([
    ['shortName', 101],
    ['industry', 101],
    ['website', 301],
    ['address', 501],
    ['lifecycleReason', 1001],
  ])('%s longer than %i characters → 400 naming it', async (field, n) => {
    await expectRefused(t, s, 'POST', URL, { name: '长度测试有限公司', [field]: 'x'.repeat(n) }, { ...V, field });
  });

  it('emoji, right-to-left and zero-width characters are kept as text', async () => {
    const name = '表情😀公司\u200b עברית';
    const a = await createAccount(t, s, { name });
    expect(a.body.name).toBe(name);
  });
});

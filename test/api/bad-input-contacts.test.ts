// Bad input through HTTP, part 4: contacts — e-mail, phone, birthday, level and references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { createAccount, expectRefused } from './bad-input-support.js';

let t: TestApp;
let s: Session;
let accountId: number;
const URL = '/api/v1/contacts';
const V = { status: 400, code: 'VALIDATION' } as const;

/** A date `days` from now as YYYY-MM-DD (UTC). */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  s = await t.login('director');
  accountId = (await createAccount(t, s, { name: '联系人测试有限公司' })).id;
});
afterAll(async () => {
  await t?.close();
});

describe('contact fields', () => {
  it.each([
    ['nope'],
    ['a@b'],
    ['@example.com'],
    ['张三@'],
    ['a b@example.com'],
    ['a@example.com; drop table contacts'],
    [`${'a'.repeat(200)}@example.com`],
  ])('email %j → 400 naming email', async (email) => {
    await expectRefused(t, s, 'POST', URL, { accountId, name: '张三', email }, { ...V, field: 'email' });
  });

  it.each([['call me'], ['138-0013-800a'], ['+'], ['123'], ['1'.repeat(41)], ['=1+1'], ['138\n0013\t8000']])('phone %j → 400 naming phone', async (phone) => {
    await expectRefused(t, s, 'POST', URL, { accountId, name: '张三', phone }, { ...V, field: 'phone' });
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2025-02-29', 'not a leap year'],
    ['2026-13-01', 'no 13th month'],
    ['2026-00-10', 'no month 0'],
    ['2026-04-31', 'April has 30 days'],
    ['1899-12-31', 'before 1900'],
    ['20260101', 'not YYYY-MM-DD'],
    ['2026/01/01', 'not YYYY-MM-DD'],
    ['01-01-1990', 'not YYYY-MM-DD'],
    ['1990-01-01T00:00:00Z', 'a timestamp, not a date'],
    ['yesterday', 'words'],
  ])('birthday %j (%s) → 400 naming birthday', async (birthday) => {
    await expectRefused(t, s, 'POST', URL, { accountId, name: '张三', birthday }, { ...V, field: 'birthday' });
  });

  it('a birthday in the future → 400 naming birthday', async () => {
    await expectRefused(t, s, 'POST', URL, { accountId, name: '张三', birthday: dayFromNow(2) }, { ...V, field: 'birthday' });
    await expectRefused(t, s, 'POST', URL, { accountId, name: '张三', birthday: '2999-01-01' }, { ...V, field: 'birthday' });
  });

  it.each([
    [{ name: '张三', level: 'boss' }, 'level'],
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 7 }, 'name'],
    [{ name: '名'.repeat(101) }, 'name'],
    [{ name: '张三', department: 'x'.repeat(101) }, 'department'],
    [{ name: '张三', preferences: 'x'.repeat(2001) }, 'preferences'],
    [{ name: '张三', wechat: 'zs' }, 'wechat'],
    [{ name: '张三', phone: 13800138000 }, 'phone'],
  ])('POST %j → 400 naming %s', async (fields, field) => {
    await expectRefused(t, s, 'POST', URL, { accountId, ...fields }, { ...V, field });
  });

  it('valid edge values are accepted: 29 February of a leap year, 1900-01-01, empty strings as null', async () => {
    const res = await t.call(s, 'POST', URL, { accountId, name: '李四', birthday: '2024-02-29', phone: '+86 (10) 8888-0000', email: 'li.si+kam@example.com.cn' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ birthday: '2024-02-29', phone: '+86 (10) 8888-0000', email: 'li.si+kam@example.com.cn' });
    const old = await t.call(s, 'POST', URL, { accountId, name: '王五', birthday: '1900-01-01', email: '', phone: '' });
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json()).toMatchObject({ birthday: '1900-01-01', email: null, phone: null });
  });
});

describe('contact references', () => {
  it('missing or unknown accountId → 400 naming accountId', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '张三' }, { ...V, field: 'accountId' });
    await expectRefused(t, s, 'POST', URL, { accountId: 999999, name: '张三' }, { ...V, field: 'accountId' });
    await expectRefused(t, s, 'POST', URL, { accountId: '1', name: '张三' }, { ...V, field: 'accountId' });
    await expectRefused(t, s, 'POST', URL, { accountId: 0, name: '张三' }, { ...V, field: 'accountId' });
  });

  it('PATCH with a bad field → 400 naming it, the contact unchanged', async () => {
    const created = await t.call(s, 'POST', URL, { accountId, name: '赵六', email: 'zhao@example.com', birthday: '1980-05-05' });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<{ id: number; version: number }>();
    await expectRefused(t, s, 'PATCH', `${URL}/${c.id}`, { version: c.version, email: 'not-an-email' }, { ...V, field: 'email' });
    await expectRefused(t, s, 'PATCH', `${URL}/${c.id}`, { version: c.version, birthday: '1980-02-30' }, { ...V, field: 'birthday' });
    await expectRefused(t, s, 'PATCH', `${URL}/${c.id}`, { version: c.version, accountId: 1 }, { ...V, field: 'accountId' }); // contacts do not move by PATCH
    await expectRefused(t, s, 'PATCH', `${URL}/${c.id}`, { email: 'a@b.cn' }, { ...V, field: 'version' });
    const row = await t.db.selectFrom('contacts').select(['email', 'birthday', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ email: 'zhao@example.com', birthday: '1980-05-05', version: c.version });
  });

  it('ids out of range on contacts → 400 naming params.id; unknown → 404', async () => {
    await expectRefused(t, s, 'GET', `${URL}/99999999999`, undefined, { ...V, field: 'params.id' });
    await expectRefused(t, s, 'PATCH', `${URL}/99999999999`, { version: 1, name: 'x' }, { ...V, field: 'params.id' });
    await expectRefused(t, s, 'DELETE', `${URL}/99999999999?version=1`, undefined, { ...V, field: 'params.id' });
    await expectRefused(t, s, 'PATCH', `${URL}/999999`, { version: 1, name: 'x' }, { status: 404, code: 'NOT_FOUND' });
    await expectRefused(t, s, 'DELETE', `${URL}/999999?version=1`, undefined, { status: 404, code: 'NOT_FOUND' });
  });

  it('limit and cursor on the contact list', async () => {
    await expectRefused(t, s, 'GET', `${URL}?limit=501`, undefined, { ...V, field: 'querystring.limit' });
    await expectRefused(t, s, 'GET', `${URL}?cursor=garbage`, undefined, { ...V, field: 'cursor' });
    await expectRefused(t, s, 'GET', `/api/v1/accounts/${accountId}/contacts?cursor=garbage`, undefined, { ...V, field: 'cursor' });
  });
});

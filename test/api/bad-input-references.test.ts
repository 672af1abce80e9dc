// Bad input through HTTP, part 2: ids that do not exist or do not fit, references to the wrong
// people, parent cycles and forged cursors. 4xx naming the field, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { createAccount, expectRefused } from './bad-input-support.js';

let t: TestApp;
let s: Session;
let userIds: Record<string, number>;
const URL = '/api/v1/accounts';
const V = { status: 400, code: 'VALIDATION' } as const;
const b64 = (json: string) => Buffer.from(json).toString('base64url');

beforeAll(async () => {
  t = await createTestApp();
  s = await t.login('director');
  const rows = await t.db.selectFrom('users').select(['id', 'username']).execute();
  userIds = Object.fromEntries(rows.map((r) => [r.username, r.id]));
});
afterAll(async () => {
  await t?.close();
});

describe('unknown ids', () => {
  it('GET, PATCH and DELETE of account 999999 → 404 NOT_FOUND', async () => {
    await expectRefused(t, s, 'GET', `${URL}/999999`, undefined, { status: 404, code: 'NOT_FOUND' });
    await expectRefused(t, s, 'PATCH', `${URL}/999999`, { version: 1, name: '不存在' }, { status: 404, code: 'NOT_FOUND' });
    await expectRefused(t, s, 'DELETE', `${URL}/999999?version=1`, undefined, { status: 404, code: 'NOT_FOUND' });
    await expectRefused(t, s, 'GET', `${URL}/999999/contacts`, undefined, { status: 404, code: 'NOT_FOUND' });
    await expectRefused(t, s, 'GET', '/api/v1/contacts/999999', undefined, { status: 404, code: 'NOT_FOUND' });
  });

  it('parentId 999999 → 400 naming parentId, on create and on update', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '孤儿子公司', parentId: 999999 }, { ...V, field: 'parentId' });
    const a = await createAccount(t, s, { name: '父级不存在测试' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: a.version, parentId: 999999 }, { ...V, field: 'parentId' });
  });

  it('ownerId or sponsorId of a user that does not exist → 400 naming the field', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '无主客户', ownerId: 999999 }, { ...V, field: 'ownerId' });
    await expectRefused(t, s, 'POST', URL, { name: '无主客户', sponsorId: 999999 }, { ...V, field: 'sponsorId' });
  });

  it('an owner or sponsor whose role cannot hold the position → 400 naming the field', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '错配客户', ownerId: userIds.analyst }, { ...V, field: 'ownerId' });
    await expectRefused(t, s, 'POST', URL, { name: '错配客户', ownerId: userIds.sponsor }, { ...V, field: 'ownerId' });
    await expectRefused(t, s, 'POST', URL, { name: '错配客户', sponsorId: userIds.kam1 }, { ...V, field: 'sponsorId' });
    await expectRefused(t, s, 'POST', URL, { name: '错配客户', sponsorId: userIds.service }, { ...V, field: 'sponsorId' });
  });

  it('a deactivated owner → 400 naming ownerId', async () => {
    await t.db.updateTable('users').set({ active: false }).where('username', '=', 'kam3').execute();
    try {
      await expectRefused(t, s, 'POST', URL, { name: '离职经理客户', ownerId: userIds.kam3 }, { ...V, field: 'ownerId' });
    } finally {
      await t.db.updateTable('users').set({ active: true }).where('username', '=', 'kam3').execute();
    }
  });

  it('merging an unknown or the same account → 4xx naming sourceId or 404', async () => {
    const a = await createAccount(t, s, { name: '合并目标测试' });
    await expectRefused(t, s, 'POST', `${URL}/${a.id}/merge`, { sourceId: a.id }, { ...V, field: 'sourceId' });
    await expectRefused(t, s, 'POST', `${URL}/${a.id}/merge`, { sourceId: 999999 }, { status: 404, code: 'NOT_FOUND' });
    await expectRefused(t, s, 'POST', `${URL}/${a.id}/merge`, { sourceId: 99999999999 }, { ...V, field: 'sourceId' });
  });

  it('a team member who does not exist → 400 naming userId', async () => {
    const a = await createAccount(t, s, { name: '团队成员测试', ownerId: userIds.kam1 });
    await expectRefused(t, s, 'PUT', `${URL}/${a.id}/team/members/999999`, { role: 'technical' }, { ...V, field: 'userId' });
    await expectRefused(t, s, 'PUT', `${URL}/${a.id}/team/members/${userIds.kam2}`, { role: 'boss' }, { ...V, field: 'role' });
    await expectRefused(t, s, 'PUT', `${URL}/${a.id}/team/members/99999999999`, { role: 'technical' }, { ...V, field: 'params.userId' });
  });
});

describe('ids that do not fit', () => {
  it.each(['99999999999', '2147483648', '0', '-1', '1.5', 'abc', '1e20'])('/api/v1/accounts/%s → 400 naming params.id (GET, PATCH, DELETE)', async (id) => {
    await expectRefused(t, s, 'GET', `${URL}/${id}`, undefined, { ...V, field: 'params.id' });
    await expectRefused(t, s, 'PATCH', `${URL}/${id}`, { version: 1, name: 'x' }, { ...V, field: 'params.id' });
    await expectRefused(t, s, 'DELETE', `${URL}/${id}?version=1`, undefined, { ...V, field: 'params.id' });
  });

  it('2147483647 is a valid id that simply does not exist → 404', async () => {
    await expectRefused(t, s, 'GET', `${URL}/2147483647`, undefined, { status: 404, code: 'NOT_FOUND' });
  });

  it.each([
    [{ name: '超大引用', parentId: 99999999999 }, 'parentId'],
    [{ name: '超大引用', ownerId: 2147483648 }, 'ownerId'],
    [{ name: '超大引用', sponsorId: 1e20 }, 'sponsorId'],
    [{ name: '超大引用', parentId: 0 }, 'parentId'],
    [{ name: '超大引用', ownerId: -5 }, 'ownerId'],
  ])('POST %j → 400 naming %s', async (body, field) => {
    await expectRefused(t, s, 'POST', URL, body, { ...V, field });
  });

  it('contacts: accountId out of range → 400 naming accountId; query ids too', async () => {
    await expectRefused(t, s, 'POST', '/api/v1/contacts', { accountId: 99999999999, name: '张三' }, { ...V, field: 'accountId' });
    await expectRefused(t, s, 'GET', '/api/v1/contacts?accountId=99999999999', undefined, { ...V, field: 'querystring.accountId' });
    await expectRefused(t, s, 'GET', '/api/v1/audit?actorId=99999999999', undefined, { ...V, field: 'querystring.actorId' });
    await expectRefused(t, s, 'GET', `${URL}/duplicates?name=x&excludeId=99999999999`, undefined, { ...V, field: 'querystring.excludeId' });
  });
});

describe('parent cycles', () => {
  it('A → B → C, then C.parent = A → 400 naming parentId; the hierarchy is unchanged', async () => {
    const a = await createAccount(t, s, { name: '循环甲公司' });
    const b = await createAccount(t, s, { name: '循环乙公司' });
    const c = await createAccount(t, s, { name: '循环丙公司' });
    // A's parent is B, B's parent is C.
    const pa = await t.call(s, 'PATCH', `${URL}/${a.id}`, { version: a.version, parentId: b.id });
    expect(pa.statusCode, pa.body).toBe(200);
    const pb = await t.call(s, 'PATCH', `${URL}/${b.id}`, { version: b.version, parentId: c.id });
    expect(pb.statusCode, pb.body).toBe(200);
    const err = await expectRefused(t, s, 'PATCH', `${URL}/${c.id}`, { version: c.version, parentId: a.id }, { ...V, field: 'parentId' });
    expect(err.details!.fields![0]!.reason).toMatch(/cycle/);
    // Two steps: B.parent = A is a cycle too.
    await expectRefused(t, s, 'PATCH', `${URL}/${b.id}`, { version: pb.json().version, parentId: a.id }, { ...V, field: 'parentId' });
    const parents = await t.db.selectFrom('accounts').select(['id', 'parent_id']).where('id', 'in', [a.id, b.id, c.id]).orderBy('id').execute();
    expect(parents).toEqual([
      { id: a.id, parent_id: b.id },
      { id: b.id, parent_id: c.id },
      { id: c.id, parent_id: null },
    ]);
  });

  it('an account cannot be its own parent', async () => {
    const a = await createAccount(t, s, { name: '自己的母公司' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: a.version, parentId: a.id }, { ...V, field: 'parentId' });
  });

  it('an account with subsidiaries cannot be deleted → 409, nothing deleted', async () => {
    const parent = await createAccount(t, s, { name: '有子公司的集团' });
    await createAccount(t, s, { name: '集团的子公司', parentId: parent.id });
    const err = await expectRefused(t, s, 'DELETE', `${URL}/${parent.id}?version=${parent.version}`, undefined, { status: 409, code: 'CONFLICT' });
    expect(err.details).toEqual({ subsidiaries: 1 });
  });
});

describe('cursors', () => {
  it.each([
    'garbage',
    '!!!!',
    b64('not json'),
    b64('{"v":"x","id":1}'),
    b64('["x"]'),
    b64('["x",1.5]'),
  ])('a cursor that is not ours (%s) → 400 naming cursor', async (cursor) => {
    await expectRefused(t, s, 'GET', `${URL}?cursor=${cursor}`, undefined, { ...V, field: 'cursor' });
    await expectRefused(t, s, 'GET', `/api/v1/contacts?cursor=${cursor}`, undefined, { ...V, field: 'cursor' });
  });

  it.each([
    ['sort=employees', b64('["many",1]')],
    ['sort=employees', b64('["99999999999",1]')],
    ['sort=annualRevenue', b64('["1e400x",1]')],
    ['sort=updatedAt', b64('["not a date",1]')], // ('yesterday' would be a valid timestamptz!)
    ['sort=createdAt', b64('["1.5",1]')],
    ['sort=name', b64('["a",9007199254740991]')],
  ])('a well-formed cursor with values the sort cannot take (%s) → 400 naming cursor', async (qs, cursor) => {
    await expectRefused(t, s, 'GET', `${URL}?${qs}&cursor=${cursor}`, undefined, { ...V, field: 'cursor' });
  });

  it('a contacts cursor with an id beyond int → 400 naming cursor', async () => {
    await expectRefused(t, s, 'GET', `/api/v1/contacts?cursor=${b64('[null,9007199254740991]')}`, undefined, { ...V, field: 'cursor' });
  });

  it('a cursor we gave out still works', async () => {
    await createAccount(t, s, { name: '分页一' });
    await createAccount(t, s, { name: '分页二' });
    const first = await t.call(s, 'GET', `${URL}?limit=1&sort=name`);
    expect(first.statusCode).toBe(200);
    const next = first.json().nextCursor as string;
    expect(next).toEqual(expect.any(String));
    const second = await t.call(s, 'GET', `${URL}?limit=1&sort=name&cursor=${next}`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items[0].name > first.json().items[0].name).toBe(true);
  });
});

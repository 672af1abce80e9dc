// Bad input through HTTP, part 1: wrong shapes, types, sizes and bodies. Every answer is a 4xx
// with {error:{code,message,details?}} naming the field, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { createAccount, expectRefused, expectRefusedRaw } from './bad-input-support.js';

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

describe('wrong types', () => {
  it.each([
    [{ name: 123 }, 'name'],
    [{ name: null }, 'name'],
    [{ name: ['华为'] }, 'name'],
    [{ name: 'A', employees: 'many' }, 'employees'],
    [{ name: 'A', employees: '12' }, 'employees'], // no coercion of JSON strings to numbers
    [{ name: 'A', employees: true }, 'employees'],
    [{ name: 'A', classifications: 'x' }, 'classifications'],
    [{ name: 'A', classifications: ['x'] }, 'classifications.0'],
    [{ name: 'A', classifications: ['economic', 'vip'] }, 'classifications.1'],
    [{ name: 'A', lifecycleStatus: 'gone' }, 'lifecycleStatus'],
    [{ name: 'A', segment: 'size' }, 'segment'],
    [{ name: 'A', needsAnalysis: 'lots' }, 'needsAnalysis'],
    [{ name: 'A', needsAnalysis: { businessSituation: 5 } }, 'needsAnalysis.businessSituation'],
    [{ name: 'A', annualRevenue: true }, 'annualRevenue'],
    [{ name: 'A', annualRevenue: { amount: 1 } }, 'annualRevenue'],
    [{ name: 'A', parentId: '1' }, 'parentId'],
    [{ name: 'A', ownerId: 1.5 }, 'ownerId'],
  ])('POST %j → 400 naming %s', async (body, field) => {
    await expectRefused(t, s, 'POST', URL, body, { ...V, field });
  });

  it('the body itself must be an object', async () => {
    for (const payload of ['[1,2]', '"name"', '42', 'null']) {
      await expectRefusedRaw(t, s, { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload }, { status: 400 });
    }
  });
});

describe('missing required fields', () => {
  it('POST without a name → 400 naming name', async () => {
    await expectRefused(t, s, 'POST', URL, {}, { ...V, field: 'name' });
    await expectRefused(t, s, 'POST', URL, { industry: '通信' }, { ...V, field: 'name' });
  });

  it('a blank or too long name → 400 naming name', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '' }, { ...V, field: 'name' });
    await expectRefused(t, s, 'POST', URL, { name: '   \t ' }, { ...V, field: 'name' });
    await expectRefused(t, s, 'POST', URL, { name: '名'.repeat(201) }, { ...V, field: 'name' });
  });

  it('PATCH without version → 400 naming version; DELETE without version → 400', async () => {
    const a = await createAccount(t, s, { name: '缺版本测试有限公司' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { name: '新名字' }, { ...V, field: 'version' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: 'one' }, { ...V, field: 'version' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: 0 }, { ...V, field: 'version' });
    await expectRefused(t, s, 'DELETE', `${URL}/${a.id}`, undefined, { ...V, field: 'querystring.version' });
    await expectRefused(t, s, 'DELETE', `${URL}/${a.id}?version=abc`, undefined, { ...V, field: 'querystring.version' });
  });

  it('a stale version → 409 STALE_VERSION with the current version, nothing written', async () => {
    const a = await createAccount(t, s, { name: '旧版本测试有限公司' });
    const err = await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: a.version + 1, industry: '通信' }, { status: 409, code: 'STALE_VERSION' });
    expect(err.details).toEqual({ currentVersion: a.version });
  });

  it('a lost account needs a reason → 400 naming lifecycleReason', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '流失客户', lifecycleStatus: 'lost' }, { ...V, field: 'lifecycleReason' });
    await expectRefused(t, s, 'POST', URL, { name: '流失客户', lifecycleStatus: 'lost', lifecycleReason: '  ' }, { ...V, field: 'lifecycleReason' });
  });
});

describe('unknown fields (strict schemas)', () => {
  it('an unknown top-level field is named', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '未知字段有限公司', foo: 1 }, { ...V, field: 'foo' });
    await expectRefused(t, s, 'POST', URL, { name: '未知字段有限公司', id: 5 }, { ...V, field: 'id' });
    await expectRefused(t, s, 'POST', URL, { name: '未知字段有限公司', created_by: 1 }, { ...V, field: 'created_by' });
  });

  it('an unknown nested field is named with its path', async () => {
    await expectRefused(t, s, 'POST', URL, { name: '未知字段有限公司', needsAnalysis: { budget: 1 } }, { ...V, field: 'needsAnalysis.budget' });
  });

  it('PATCH refuses unknown fields too, e.g. a forged version counter or search text', async () => {
    const a = await createAccount(t, s, { name: '严格更新有限公司' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: a.version, searchText: 'x' }, { ...V, field: 'searchText' });
    await expectRefused(t, s, 'PATCH', `${URL}/${a.id}`, { version: a.version, name_key: 'x' }, { ...V, field: 'name_key' });
  });

  it('a prototype-polluting key is refused, not merged', async () => {
    const payload = '{"name":"原型污染有限公司","__proto__":{"admin":true}}';
    await expectRefusedRaw(t, s, { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload }, { status: 400 });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('bodies that are not what they claim', () => {
  it('a 10 MB JSON body → 413 PAYLOAD_TOO_LARGE', async () => {
    const payload = JSON.stringify({ name: '大'.repeat(10), address: 'x'.repeat(10 * 1024 * 1024) });
    await expectRefusedRaw(t, s, { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload }, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('a body just over 1 MB → 413; the limit is the body, not the field', async () => {
    const payload = JSON.stringify({ name: 'A', address: 'x'.repeat(1024 * 1024) });
    await expectRefusedRaw(t, s, { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload }, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it.each([
    ['form text', 'name=abc'],
    ['truncated JSON', '{"name":"abc"'],
    ['single quotes', "{'name':'abc'}"],
    ['trailing comma', '{"name":"abc",}'],
    ['empty', ''],
  ])('%s with a JSON content type → 400', async (_label, payload) => {
    await expectRefusedRaw(t, s, { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload }, { status: 400 });
  });

  it('JSON sent as text/plain → 400 (never parsed as form or text)', async () => {
    await expectRefusedRaw(t, s, { method: 'POST', url: URL, headers: { 'content-type': 'text/plain' }, payload: '{"name":"abc"}' }, { status: 400 });
  });

  it('an unsupported content type → 415 in the same error shape', async () => {
    const err = await expectRefusedRaw(t, s, { method: 'POST', url: URL, headers: { 'content-type': 'application/xml' }, payload: '<name>abc</name>' }, { status: 415 });
    expect(err.message).toMatch(/media type/i);
  });

  it('a NUL character in text → 400 naming the field (PostgreSQL text cannot hold it)', async () => {
    await expectRefused(t, s, 'POST', URL, { name: 'A\u0000B' }, { ...V, field: 'name' });
    await expectRefused(t, s, 'POST', URL, { name: 'A', needsAnalysis: { decisionProcess: 'x\u0000' } }, { ...V, field: 'needsAnalysis.decisionProcess' });
    await expectRefused(t, s, 'GET', `${URL}?q=${encodeURIComponent('a\u0000')}`, undefined, { ...V, field: 'querystring.q' });
  });
});

describe('numbers out of range', () => {
  it.each([
    [{ employees: 1e12 }, 'employees'],
    [{ employees: 10_000_001 }, 'employees'],
    [{ employees: -1 }, 'employees'],
    [{ employees: 1.5 }, 'employees'],
    [{ annualRevenue: '1e30' }, 'annualRevenue'],
    [{ annualRevenue: 1e30 }, 'annualRevenue'],
    [{ annualRevenue: '1234567890123456789' }, 'annualRevenue'], // 19 digits
    [{ annualRevenue: '1234567890123456789.00' }, 'annualRevenue'],
    [{ annualRevenue: '-5' }, 'annualRevenue'],
    [{ annualRevenue: -0.01 }, 'annualRevenue'],
    [{ annualRevenue: '1.234' }, 'annualRevenue'],
    [{ annualRevenue: 'NaN' }, 'annualRevenue'],
    [{ annualRevenue: 'Infinity' }, 'annualRevenue'],
    [{ annualRevenue: '' }, 'annualRevenue'],
    [{ annualRevenue: '12 345' }, 'annualRevenue'],
    [{ annualRevenue: '0x10' }, 'annualRevenue'],
  ])('POST %j → 400 naming %s', async (fields, field) => {
    await expectRefused(t, s, 'POST', URL, { name: '数值测试有限公司', ...fields }, { ...V, field });
  });

  it('the largest amount that fits is stored exactly; thousands separators are accepted', async () => {
    const a = await createAccount(t, s, { name: '最大金额有限公司', annualRevenue: '999999999999999999.99', employees: 10_000_000 });
    expect(a.body.annualRevenue).toBe('999999999999999999.99');
    expect(a.body.employees).toBe(10_000_000);
    const b = await createAccount(t, s, { name: '千分位有限公司', annualRevenue: '1,234,567.80' });
    expect(b.body.annualRevenue).toBe('1234567.80');
    const c = await createAccount(t, s, { name: '数字金额有限公司', annualRevenue: 0.1 });
    expect(c.body.annualRevenue).toBe('0.10');
  });
});

describe('query strings', () => {
  it.each([
    ['limit=501', 'querystring.limit'],
    ['limit=0', 'querystring.limit'],
    ['limit=-1', 'querystring.limit'],
    ['limit=ten', 'querystring.limit'],
    ['limit=1.5', 'querystring.limit'],
    ['sort=drop', 'querystring.sort'],
    ['sort=name;drop', 'querystring.sort'],
    ['lifecycleStatus=active,gone', 'querystring.lifecycleStatus.1'],
    ['classification=vip', 'querystring.classification'],
    ['ownerId=abc', 'querystring.ownerId'],
    ['ownerId=99999999999', 'querystring.ownerId'],
    ['parentId=-3', 'querystring.parentId'],
    ['ownerId=1e3', 'querystring.ownerId'],
    ['ownerId=0x10', 'querystring.ownerId'],
    ['ownerId=%207', 'querystring.ownerId'],
    ['ownerId=007', 'querystring.ownerId'],
    [`q=${'x'.repeat(201)}`, 'querystring.q'],
    [`cursor=${'x'.repeat(501)}`, 'querystring.cursor'],
  ])('GET ?%s → 400 naming %s', async (qs, field) => {
    await expectRefused(t, s, 'GET', `${URL}?${qs}`, undefined, { ...V, field });
  });

  it.each(['1e3', '0x10', '1.0', '+5', '2147483648'])('an id like %s in a path → 400 naming id', async (id) => {
    await expectRefused(t, s, 'GET', `${URL}/${id}`, undefined, { ...V, field: 'params.id' });
  });

  it('limit 500 is the largest allowed', async () => {
    const res = await t.call(s, 'GET', `${URL}?limit=500`);
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('who is asking', () => {
  it('no session → 401; a session without its CSRF token → 403; nothing written', async () => {
    await expectRefused(t, null, 'POST', URL, { name: '匿名有限公司' }, { status: 401, code: 'UNAUTHENTICATED' });
    await expectRefused(t, null, 'POST', URL, { name: 123 }, { status: 401, code: 'UNAUTHENTICATED' }); // before validation
    await expectRefused(t, { ...s, csrf: 'wrong' }, 'POST', URL, { name: '伪造有限公司' }, { status: 403, code: 'CSRF' });
  });

  it('an unknown route → 404 in the same error shape', async () => {
    await expectRefused(t, s, 'GET', '/api/v1/no-such-thing', undefined, { status: 404, code: 'NOT_FOUND' });
    await expectRefused(t, s, 'PUT', `${URL}/1`, { name: 'x' }, { status: 404, code: 'NOT_FOUND' });
  });
});

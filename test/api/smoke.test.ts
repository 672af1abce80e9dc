import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('smoke', () => {
  it('serves health and logs in', async () => {
    const h = await t.call(null, 'GET', '/api/health');
    expect(h.statusCode).toBe(200);
    expect(h.json()).toEqual({ status: 'ok' });
    const s = await t.login('kam1');
    const created = await t.call(s, 'POST', '/api/v1/accounts', { name: '华为技术有限公司', creditCode: '914403001922038216', classifications: ['strategic'] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().account.id;
    const list = await t.call(s, 'GET', '/api/v1/accounts?limit=10');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((a: { id: number }) => a.id)).toContain(id);
    const dup = await t.call(s, 'POST', '/api/v1/accounts', { name: '华为技术股份有限公司' });
    expect(dup.statusCode, dup.body).toBe(201);
    expect(dup.json().warnings.possibleDuplicates).toEqual([{ id, name: '华为技术有限公司' }]);
    const c = await t.call(s, 'POST', '/api/v1/contacts', { accountId: id, name: '张三', phone: '13800138000', level: 'executive' });
    expect(c.statusCode, c.body).toBe(201);
    const tl = await t.call(s, 'GET', `/api/v1/accounts/${id}/timeline`);
    expect(tl.json().items.map((e: { kind: string }) => e.kind)).toEqual(['contact.created', 'account.created']);
    const acc = await t.call(s, 'GET', `/api/v1/accounts/${id}`);
    const del = await t.call(s, 'DELETE', `/api/v1/accounts/${id}?version=${acc.json().version}`);
    expect(del.statusCode, del.body).toBe(204);
    const d = await t.login('director');
    const bin = await t.call(d, 'GET', '/api/v1/recycle-bin');
    const entry = bin.json().items[0];
    const restored = await t.call(d, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    const contacts = await t.call(s, 'GET', `/api/v1/accounts/${id}/contacts`);
    expect(contacts.json().items[0].phone).toBe('13800138000');
    const openapi = await t.call(null, 'GET', '/api/openapi.json');
    expect(openapi.statusCode).toBe(200);
  });
});

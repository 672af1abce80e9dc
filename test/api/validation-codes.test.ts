// Field errors carry a stable code beside the English reason, so the web app can translate them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let director: Session;
beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
});
afterAll(async () => {
  await t?.close();
});

const fieldsOf = (res: { statusCode: number; json: () => { error: { details: { fields: { field: string; code?: string }[] } } } }) => {
  expect(res.statusCode).toBe(400);
  return res.json().error.details.fields.map((f) => [f.field, f.code]);
};

describe('validation codes', () => {
  it('names what zod found: required, too long, wrong type, too large, unknown field', async () => {
    expect(fieldsOf(await t.call(director, 'POST', '/api/v1/accounts', {}))).toEqual([['name', 'required']]);
    expect(fieldsOf(await t.call(director, 'POST', '/api/v1/accounts', { name: 'x'.repeat(201) }))).toEqual([['name', 'too_long']]);
    expect(fieldsOf(await t.call(director, 'POST', '/api/v1/accounts', { name: 'A', employees: 'many' }))).toEqual([['employees', 'invalid_type']]);
    expect(fieldsOf(await t.call(director, 'POST', '/api/v1/accounts', { name: 'A', employees: 10_000_001 }))).toEqual([['employees', 'too_large']]);
    expect(fieldsOf(await t.call(director, 'POST', '/api/v1/accounts', { name: 'A', budget: 1 }))).toEqual([['budget', 'unknown_field']]);
  });

  it('names what the rules found: check digit, lost without reason, parent cycle', async () => {
    expect(fieldsOf(await t.call(director, 'POST', '/api/v1/accounts', { name: '校验位错误公司', creditCode: '91350100M000100Y44' }))).toEqual([
      ['creditCode', 'invalid_check_digit'],
    ]);
    expect(fieldsOf(await t.call(director, 'POST', '/api/v1/accounts', { name: '流失公司', lifecycleStatus: 'lost' }))).toEqual([
      ['lifecycleReason', 'required'],
    ]);
    const parent = (await t.call(director, 'POST', '/api/v1/accounts', { name: '循环集团' })).json().account;
    const child = (await t.call(director, 'POST', '/api/v1/accounts', { name: '循环子公司', parentId: parent.id })).json().account;
    expect(fieldsOf(await t.call(director, 'PATCH', `/api/v1/accounts/${parent.id}`, { version: parent.version, parentId: child.id }))).toEqual([
      ['parentId', 'cycle'],
    ]);
  });
});

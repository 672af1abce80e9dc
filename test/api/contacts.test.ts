// Contacts: field-level protection of PII (phone, email, birthday — SPEC C1/C10), input checks,
// and optimistic concurrency.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

type UserName = 'admin' | 'director' | 'kam1' | 'kam2' | 'kam3' | 'sponsor' | 'sponsor2' | 'service' | 'analyst';
const USERS: UserName[] = ['admin', 'director', 'kam1', 'kam2', 'kam3', 'sponsor', 'sponsor2', 'service', 'analyst'];

let t: TestApp;
const s = {} as Record<UserName, Session>;
let accountId: number;
let contactId: number;
let seq = 0;

const PII = { phone: '+86 138-0013-8000', email: 'zhang.san@example.com', birthday: '1978-11-23' };

interface Contact {
  id: number;
  accountId: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  piiHidden: boolean;
  version: number;
}

function body<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of USERS) s[u] = await t.login(u);
  // kam1 owns it, sponsor is its executive sponsor, kam2 is on its account team; kam3 is in
  // kam1's team (sees it through team scope only); sponsor2 has nothing to do with it.
  const acc = body<{ account: { id: number; version: number } }>(await t.call(s.director, 'POST', '/api/v1/accounts', { name: '招商银行股份有限公司', ownerId: s.kam1.userId, sponsorId: s.sponsor.userId }), 201);
  accountId = acc.account.id;
  body(await t.call(s.kam1, 'PUT', `/api/v1/accounts/${accountId}/team/members/${s.kam2.userId}`, { role: 'technical' }), 200);
  contactId = body<Contact>(await t.call(s.kam1, 'POST', '/api/v1/contacts', { accountId, name: '张三', title: '信息技术部总经理', level: 'executive', ...PII }), 201).id;
});
afterAll(async () => {
  await t?.close();
});

describe('contact PII', () => {
  const SEES: UserName[] = ['admin', 'director', 'kam1', 'kam2', 'sponsor'];
  const HIDDEN: UserName[] = ['kam3', 'service', 'analyst'];

  it.each(USERS)('is shown to %s exactly as the rules say, on every read path', async (u) => {
    const one = await t.call(s[u], 'GET', `/api/v1/contacts/${contactId}`);
    const ofAccount = await t.call(s[u], 'GET', `/api/v1/accounts/${accountId}/contacts`);
    const list = await t.call(s[u], 'GET', `/api/v1/contacts?accountId=${accountId}`);
    const account = await t.call(s[u], 'GET', `/api/v1/accounts/${accountId}`);
    if (u === 'sponsor2') {
      expect([one.statusCode, ofAccount.statusCode, account.statusCode]).toEqual([404, 404, 404]);
      expect(body<{ items: unknown[] }>(list, 200).items).toEqual([]);
      return;
    }
    const expected = SEES.includes(u) ? { ...PII, piiHidden: false } : { phone: null, email: null, birthday: null, piiHidden: true };
    expect(HIDDEN.includes(u) || SEES.includes(u)).toBe(true);
    for (const c of [body<Contact>(one, 200), body<{ items: Contact[] }>(ofAccount, 200).items[0]!, body<{ items: Contact[] }>(list, 200).items[0]!]) {
      expect({ id: c.id, name: c.name, title: c.title, phone: c.phone, email: c.email, birthday: c.birthday, piiHidden: c.piiHidden }).toEqual({
        id: contactId,
        name: '张三',
        title: '信息技术部总经理',
        ...expected,
      });
    }
    expect(body<{ permissions: { seePii: boolean } }>(account, 200).permissions.seePii).toBe(SEES.includes(u));
  });

  it('is refused (403) to writers who may not see it, and nothing changes', async () => {
    const before = body<Contact>(await t.call(s.kam1, 'GET', `/api/v1/contacts/${contactId}`), 200);
    const attempts: [UserName, 'POST' | 'PATCH', string, Record<string, unknown>][] = [
      ['kam3', 'POST', '/api/v1/contacts', { accountId, name: '李四', phone: '13900000000' }],
      ['kam3', 'POST', '/api/v1/contacts', { accountId, name: '李四', email: '' }],
      ['kam3', 'POST', '/api/v1/contacts', { accountId, name: '李四', birthday: null }],
      ['kam3', 'PATCH', `/api/v1/contacts/${contactId}`, { version: before.version, phone: '13900000000' }],
      ['kam3', 'PATCH', `/api/v1/contacts/${contactId}`, { version: before.version, email: null }],
      ['kam3', 'PATCH', `/api/v1/contacts/${contactId}`, { version: before.version, birthday: '1990-01-01', title: 'CIO' }],
      ['service', 'PATCH', `/api/v1/contacts/${contactId}`, { version: before.version, phone: '13900000000' }],
      ['analyst', 'PATCH', `/api/v1/contacts/${contactId}`, { version: before.version, email: 'x@example.com' }],
      ['sponsor', 'PATCH', `/api/v1/contacts/${contactId}`, { version: before.version, phone: '13900000000' }],
    ];
    const contactsBefore = await t.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [u, method, url, payload] of attempts) {
      const res = await t.call(s[u], method, url, payload);
      expect({ u, payload, status: res.statusCode, code: res.json().error?.code }).toEqual({ u, payload, status: 403, code: 'FORBIDDEN' });
    }
    expect(body<Contact>(await t.call(s.kam1, 'GET', `/api/v1/contacts/${contactId}`), 200)).toEqual(before);
    const contactsAfter = await t.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(contactsAfter.n)).toBe(Number(contactsBefore.n));
  });

  it('lets a team-scope manager change the other fields without seeing or losing the PII', async () => {
    const before = body<Contact>(await t.call(s.kam1, 'GET', `/api/v1/contacts/${contactId}`), 200);
    const res = body<Contact>(await t.call(s.kam3, 'PATCH', `/api/v1/contacts/${contactId}`, { version: before.version, title: '首席信息官' }), 200);
    expect({ title: res.title, phone: res.phone, email: res.email, birthday: res.birthday, piiHidden: res.piiHidden }).toEqual({
      title: '首席信息官',
      phone: null,
      email: null,
      birthday: null,
      piiHidden: true,
    });
    const after = body<Contact>(await t.call(s.kam1, 'GET', `/api/v1/contacts/${contactId}`), 200);
    expect(after).toMatchObject({ ...PII, title: '首席信息官', version: before.version + 1 });
    const created = body<Contact>(await t.call(s.kam3, 'POST', '/api/v1/contacts', { accountId, name: '王五', title: '采购经理' }), 201);
    expect([created.piiHidden, created.phone]).toEqual([true, null]);
  });

  it('lets the account team, directors and admins write it', async () => {
    for (const u of ['kam1', 'kam2', 'director', 'admin'] as UserName[]) {
      const cur = body<Contact>(await t.call(s[u], 'GET', `/api/v1/contacts/${contactId}`), 200);
      const phone = `1350000000${++seq}`;
      const res = body<Contact>(await t.call(s[u], 'PATCH', `/api/v1/contacts/${contactId}`, { version: cur.version, phone }), 200);
      expect([res.phone, res.piiHidden]).toEqual([phone, false]);
    }
    // The sponsor sees PII but, like every sponsor, changes no contacts.
    const cur = body<Contact>(await t.call(s.sponsor, 'GET', `/api/v1/contacts/${contactId}`), 200);
    expect((await t.call(s.sponsor, 'PATCH', `/api/v1/contacts/${contactId}`, { version: cur.version, title: 'x' })).statusCode).toBe(403);
  });
});

describe('contact input', () => {
  it.each([
    [{ phone: 'call me' }, 'phone'],
    [{ phone: '1' }, 'phone'],
    [{ email: 'not-an-email' }, 'email'],
    [{ birthday: '1980-13-01' }, 'birthday'],
    [{ birthday: '2023-02-29' }, 'birthday'],
    [{ birthday: '2999-01-01' }, 'birthday'],
    [{ birthday: '01/02/1980' }, 'birthday'],
    [{ level: 'boss' }, 'level'],
    [{ name: '   ' }, 'name'],
    [{ unknownField: 1 }, ''],
  ])('refuses %j naming the field', async (fields, field) => {
    const res = await t.call(s.kam1, 'POST', '/api/v1/contacts', { accountId, name: '赵六', ...fields });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    if (field) expect((res.json().error.details.fields as { field: string }[]).map((f) => f.field)).toContain(field);
  });

  it('stores empty PII strings as null', async () => {
    const c = body<Contact>(await t.call(s.kam1, 'POST', '/api/v1/contacts', { accountId, name: '钱七', phone: '', email: '', birthday: '' }), 201);
    expect([c.phone, c.email, c.birthday, c.piiHidden]).toEqual([null, null, null, false]);
  });
});

describe('optimistic concurrency: contacts', () => {
  const fresh = async () => body<Contact>(await t.call(s.kam1, 'POST', '/api/v1/contacts', { accountId, name: `并发联系人${++seq}`, email: `c${seq}@example.com` }), 201);
  const read = async (id: number) => body<Contact>(await t.call(s.kam1, 'GET', `/api/v1/contacts/${id}`), 200);

  it('refuses a stale version with 409 STALE_VERSION and the current version, changing nothing', async () => {
    const c = await fresh();
    const v2 = body<Contact>(await t.call(s.kam1, 'PATCH', `/api/v1/contacts/${c.id}`, { version: c.version, title: '总监' }), 200);
    const stale = await t.call(s.kam1, 'PATCH', `/api/v1/contacts/${c.id}`, { version: c.version, title: '副总裁', email: 'other@example.com' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: v2.version } });
    expect(await read(c.id)).toEqual(v2);
    const staleDelete = await t.call(s.kam1, 'DELETE', `/api/v1/contacts/${c.id}?version=${c.version}`);
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: v2.version } });
    expect(await read(c.id)).toEqual(v2);
    const audits = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'contact').where('entity_id', '=', String(c.id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('lets exactly one of two concurrent changes with the same version win', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await fresh();
      const [r1, r2] = await Promise.all([
        t.call(s.kam1, 'PATCH', `/api/v1/contacts/${c.id}`, { version: c.version, title: '甲' }),
        t.call(s.kam2, 'PATCH', `/api/v1/contacts/${c.id}`, { version: c.version, title: '乙' }),
      ]);
      expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
      const [won, lost] = r1.statusCode === 200 ? [r1, r2] : [r2, r1];
      expect(lost.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: c.version + 1 } });
      expect(await read(c.id)).toMatchObject({ title: won.json().title, version: c.version + 1 });
    }
  });
});

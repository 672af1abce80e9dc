// The customer archive (SPEC C1): duplicates, merging, the group hierarchy, lifecycle, the
// recycle bin, and optimistic concurrency on accounts and needs.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let director: Session;
let kam1: Session;
let kam2: Session;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  kam1 = await t.login('kam1');
  kam2 = await t.login('kam2');
});
afterAll(async () => {
  await t?.close();
});

function body<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

interface Account {
  id: number;
  name: string;
  version: number;
  parentId: number | null;
  annualRevenue: string | null;
  industry: string | null;
  lifecycleStatus: string;
  lifecycleReason: string | null;
}

async function create(s: Session, fields: Record<string, unknown>): Promise<Account> {
  return body<{ account: Account }>(await t.call(s, 'POST', '/api/v1/accounts', fields), 201).account;
}
async function get(s: Session, id: number): Promise<Account> {
  return body<Account>(await t.call(s, 'GET', `/api/v1/accounts/${id}`), 200);
}
const uniq = (stem: string) => `${stem}${++seq}`;
const fieldsOf = (res: LightMyRequestResponse) => (res.json().error.details.fields as { field: string }[]).map((f) => f.field);

async function counts(accountId: number) {
  const audit = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const timeline = await t.db.selectFrom('timeline_events').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return { audit: Number(audit.n), timeline: Number(timeline.n) };
}

describe('duplicate detection', () => {
  let huawei: Account;
  beforeAll(async () => {
    huawei = await create(kam1, { name: '华为技术有限公司' });
  });

  it('refuses a name that is the same after normalisation, naming the existing account', async () => {
    for (const name of ['华为技术有限公司', ' 华为技术 有限公司 ', '华为技术有限公司\u3000']) {
      const res = await t.call(kam1, 'POST', '/api/v1/accounts', { name });
      const err = body<{ error: { code: string; details: unknown } }>(res, 409).error;
      expect(err.code).toBe('DUPLICATE');
      expect(err.details).toEqual({ field: 'name', existing: { id: huawei.id, name: '华为技术有限公司' } });
    }
    // Full-width letters and case are the same name too.
    const acme = await create(kam1, { name: 'ACME Trading' });
    const res = await t.call(kam1, 'POST', '/api/v1/accounts', { name: 'ａｃｍｅ　ｔｒａｄｉｎｇ' });
    expect(body<{ error: { details: unknown } }>(res, 409).error.details).toEqual({ field: 'name', existing: { id: acme.id, name: 'ACME Trading' } });
    // A rename onto an existing name is refused the same way, and changes nothing.
    const other = await create(kam1, { name: uniq('改名客户') });
    const rename = await t.call(kam1, 'PATCH', `/api/v1/accounts/${other.id}`, { version: other.version, name: 'acme  trading' });
    expect(body<{ error: { code: string } }>(rename, 409).error.code).toBe('DUPLICATE');
    expect((await get(kam1, other.id)).name).toBe(other.name);
  });

  it('creates a loosely matching name but warns about the possible duplicates', async () => {
    const res = await t.call(kam1, 'POST', '/api/v1/accounts', { name: '华为技术股份有限公司' });
    const created = body<{ account: Account; warnings: unknown }>(res, 201);
    expect(created.warnings).toEqual({ possibleDuplicates: [{ id: huawei.id, name: '华为技术有限公司' }] });

    const en = await t.call(kam1, 'POST', '/api/v1/accounts', { name: 'Huawei Technologies Co., Ltd.' });
    const enBody = body<{ account: Account; warnings: unknown }>(en, 201);
    expect(enBody.warnings).toEqual({ possibleDuplicates: [] });
    const upper = body<{ account: Account; warnings: unknown }>(await t.call(kam1, 'POST', '/api/v1/accounts', { name: 'HUAWEI TECHNOLOGIES' }), 201);
    expect(upper.warnings).toEqual({ possibleDuplicates: [{ id: enBody.account.id, name: 'Huawei Technologies Co., Ltd.' }] });

    const dupes = body<{ items: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/duplicates?name=${encodeURIComponent('华为技术集团')}`), 200);
    expect(dupes.items).toEqual([
      { id: huawei.id, name: '华为技术有限公司' },
      { id: created.account.id, name: '华为技术股份有限公司' },
    ]);
    const excluding = body<{ items: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/duplicates?name=${encodeURIComponent('华为技术')}&excludeId=${huawei.id}`), 200);
    expect(excluding.items).toEqual([{ id: created.account.id, name: '华为技术股份有限公司' }]);
  });

  it('does not reveal possible duplicates outside the caller’s scope', async () => {
    const res = await t.call(kam2, 'POST', '/api/v1/accounts', { name: '华为技术集团' });
    expect(body<{ warnings: unknown }>(res, 201).warnings).toEqual({ possibleDuplicates: [] });
  });
});

describe('merging duplicates', () => {
  it('moves contacts, needs, subsidiaries, team and timeline to the target and puts the source in the recycle bin', async () => {
    const target = await create(director, { name: uniq('目标客户') });
    const source = await create(director, { name: uniq('重复客户') });
    const contact = body<{ id: number }>(await t.call(director, 'POST', '/api/v1/contacts', { accountId: source.id, name: '王五', phone: '13700000000' }), 201);
    const need = body<{ id: number }>(await t.call(director, 'POST', `/api/v1/accounts/${source.id}/needs`, { title: '数字化转型', kind: 'implicit' }), 201);
    const sub = await create(director, { name: uniq('子公司'), parentId: source.id });
    const kam2Id = kam2.userId;
    body(await t.call(director, 'PUT', `/api/v1/accounts/${source.id}/team/members/${kam2Id}`, { role: 'technical' }), 200);

    const merged = body<Account>(await t.call(director, 'POST', `/api/v1/accounts/${target.id}/merge`, { sourceId: source.id }), 200);
    expect(merged.id).toBe(target.id);
    expect(merged.version).toBe(target.version + 1);

    expect((await t.call(director, 'GET', `/api/v1/accounts/${source.id}`)).statusCode).toBe(404);
    const contacts = body<{ items: { id: number; accountId: number; phone: string }[] }>(await t.call(director, 'GET', `/api/v1/accounts/${target.id}/contacts`), 200);
    expect(contacts.items.map((c) => [c.id, c.accountId, c.phone])).toEqual([[contact.id, target.id, '13700000000']]);
    const needs = body<{ items: { id: number; accountId: number }[] }>(await t.call(director, 'GET', `/api/v1/accounts/${target.id}/needs`), 200);
    expect(needs.items.map((n) => [n.id, n.accountId])).toEqual([[need.id, target.id]]);
    expect((await get(director, sub.id)).parentId).toBe(target.id);
    const team = body<{ members: { user: { id: number }; role: string }[] }>(await t.call(director, 'GET', `/api/v1/accounts/${target.id}/team`), 200);
    expect(team.members.map((m) => [m.user.id, m.role])).toEqual([[kam2Id, 'technical']]);

    const timeline = body<{ items: { kind: string; summary: string }[] }>(await t.call(director, 'GET', `/api/v1/accounts/${target.id}/timeline`), 200);
    expect(timeline.items.map((e) => e.kind)).toEqual([
      'account.merged',
      'team.member_added',
      'need.created',
      'contact.created',
      'account.created', // the source's
      'account.created', // the target's
    ]);
    expect(timeline.items[0]!.summary).toBe(source.name);
    expect(timeline.items[4]!.summary).toBe(source.name);

    const bin = body<{ items: { entity: string; entityId: string; label: string; accountId: number }[] }>(await t.call(director, 'GET', '/api/v1/recycle-bin?entity=account'), 200);
    expect(bin.items[0]).toMatchObject({ entity: 'account', entityId: String(source.id), label: `${source.name} → ${target.name}`, accountId: source.id });

    const audit = body<{ items: { action: string; entityId: string; actor: { id: number }; after: unknown }[] }>(
      await t.call(director, 'GET', `/api/v1/audit?entity=account&entityId=${target.id}&action=merge`),
      200,
    );
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]!.actor.id).toBe(director.userId);
    expect(audit.items[0]!.after).toEqual({ source: { id: source.id, name: source.name }, moved: { contacts: 1, needs: 1, subsidiaries: 1, orders: 0, payments: 0 } });
  });

  it('refuses to merge an account into itself or into its own subsidiary', async () => {
    const a = await create(director, { name: uniq('集团') });
    const child = await create(director, { name: uniq('下属'), parentId: a.id });
    const self = await t.call(director, 'POST', `/api/v1/accounts/${a.id}/merge`, { sourceId: a.id });
    expect([self.statusCode, fieldsOf(self)]).toEqual([400, ['sourceId']]);
    const intoChild = await t.call(director, 'POST', `/api/v1/accounts/${child.id}/merge`, { sourceId: a.id });
    expect([intoChild.statusCode, fieldsOf(intoChild)]).toEqual([400, ['sourceId']]);
    expect((await get(director, a.id)).version).toBe(a.version);
    expect((await get(director, child.id)).parentId).toBe(a.id);
  });
});

describe('group hierarchy', () => {
  let group: Account;
  let sub: Account;
  let subsub: Account;
  beforeAll(async () => {
    group = await create(kam1, { name: uniq('中国移动集团') });
    sub = await create(kam1, { name: uniq('浙江移动'), parentId: group.id });
    subsub = await create(kam1, { name: uniq('杭州移动'), parentId: sub.id });
  });

  it('lists ancestors root first and direct subsidiaries', async () => {
    const h = body(await t.call(kam1, 'GET', `/api/v1/accounts/${subsub.id}/hierarchy`), 200);
    expect(h).toEqual({ ancestors: [{ id: group.id, name: group.name }, { id: sub.id, name: sub.name }], children: [] });
    const top = body(await t.call(kam1, 'GET', `/api/v1/accounts/${group.id}/hierarchy`), 200);
    expect(top).toEqual({ ancestors: [], children: [{ id: sub.id, name: sub.name, lifecycleStatus: 'prospect' }] });
    expect((await get(kam1, sub.id)).parentId).toBe(group.id);
  });

  it('refuses a parent that is the account itself or one of its descendants, naming parentId', async () => {
    for (const parentId of [group.id, sub.id, subsub.id]) {
      const fresh = await get(kam1, group.id);
      const res = await t.call(kam1, 'PATCH', `/api/v1/accounts/${group.id}`, { version: fresh.version, parentId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(fieldsOf(res)).toEqual(['parentId']);
      expect(await get(kam1, group.id)).toEqual(fresh);
    }
    const missing = await t.call(kam1, 'POST', '/api/v1/accounts', { name: uniq('孤儿'), parentId: 2_000_000_000 });
    expect([missing.statusCode, fieldsOf(missing)]).toEqual([400, ['parentId']]);
  });

  it('does not let a parent outside the caller’s scope be chosen (its name would show through)', async () => {
    const hidden = await create(kam1, { name: uniq('华东机密集团') });
    const own = await create(kam2, { name: uniq('华南客户') });
    const viaPatch = await t.call(kam2, 'PATCH', `/api/v1/accounts/${own.id}`, { version: own.version, parentId: hidden.id });
    expect([viaPatch.statusCode, fieldsOf(viaPatch)]).toEqual([400, ['parentId']]);
    const missing = await t.call(kam2, 'PATCH', `/api/v1/accounts/${own.id}`, { version: own.version, parentId: 2_000_000_000 });
    expect(viaPatch.json().error.details.fields[0].reason.replace(String(hidden.id), 'N')).toBe(missing.json().error.details.fields[0].reason.replace('2000000000', 'N'));
    const viaCreate = await t.call(kam2, 'POST', '/api/v1/accounts', { name: uniq('华南子公司'), parentId: hidden.id });
    expect([viaCreate.statusCode, fieldsOf(viaCreate)]).toEqual([400, ['parentId']]);
    expect((await get(kam2, own.id)).parentId).toBeNull();

    // A parent a director set stays, and the manager can still save the account with it.
    const set = body<Account>(await t.call(director, 'PATCH', `/api/v1/accounts/${own.id}`, { version: own.version, parentId: hidden.id }), 200);
    const resave = await t.call(kam2, 'PATCH', `/api/v1/accounts/${own.id}`, { version: set.version, parentId: hidden.id, industry: '零售' });
    expect(body<Account>(resave, 200)).toMatchObject({ parentId: hidden.id, industry: '零售' });
    // The subsidiaries list still only shows what the caller may see.
    expect(body(await t.call(kam1, 'GET', `/api/v1/accounts/${hidden.id}/hierarchy`), 200)).toEqual({ ancestors: [], children: [] });
  });

  it('refuses to delete an account that has subsidiaries', async () => {
    const g = await get(kam1, group.id);
    const res = await t.call(kam1, 'DELETE', `/api/v1/accounts/${group.id}?version=${g.version}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { subsidiaries: 1 } });
    expect(await get(kam1, group.id)).toEqual(g);
  });
});

describe('lifecycle', () => {
  it('needs a reason to mark an account lost, and drops the reason when it comes back', async () => {
    const a = await create(kam1, { name: uniq('生命周期'), lifecycleStatus: 'active' });
    const before = await counts(a.id);
    const noReason = await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, lifecycleStatus: 'lost' });
    expect([noReason.statusCode, noReason.json().error.code, fieldsOf(noReason)]).toEqual([400, 'VALIDATION', ['lifecycleReason']]);
    const blank = await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, lifecycleStatus: 'lost', lifecycleReason: '   ' });
    expect([blank.statusCode, fieldsOf(blank)]).toEqual([400, ['lifecycleReason']]);
    expect(await get(kam1, a.id)).toEqual(a);
    expect(await counts(a.id)).toEqual(before);

    const lost = body<Account>(await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, lifecycleStatus: 'lost', lifecycleReason: '被竞争对手低价抢走' }), 200);
    expect([lost.lifecycleStatus, lost.lifecycleReason, lost.version]).toEqual(['lost', '被竞争对手低价抢走', a.version + 1]);
    const clearing = await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: lost.version, lifecycleReason: null });
    expect([clearing.statusCode, fieldsOf(clearing)]).toEqual([400, ['lifecycleReason']]);
    const back = body<Account>(await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: lost.version, lifecycleStatus: 'dormant' }), 200);
    expect([back.lifecycleStatus, back.lifecycleReason]).toEqual(['dormant', null]);

    const tl = body<{ items: { kind: string; data: unknown }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/timeline`), 200);
    expect(tl.items.filter((e) => e.kind === 'account.lifecycle').map((e) => e.data)).toEqual([
      { from: 'lost', to: 'dormant', reason: null },
      { from: 'active', to: 'lost', reason: '被竞争对手低价抢走' },
    ]);
    const created = await t.call(kam1, 'POST', '/api/v1/accounts', { name: uniq('新流失'), lifecycleStatus: 'lost' });
    expect([created.statusCode, fieldsOf(created)]).toEqual([400, ['lifecycleReason']]);
  });
});

describe('recycle bin', () => {
  it('deletes an account with its contacts, needs and team, and restores them with the same ids', async () => {
    const a = await create(kam1, { name: uniq('回收站客户'), industry: '能源', annualRevenue: '1234.50' });
    const c1 = body<{ id: number }>(await t.call(kam1, 'POST', '/api/v1/contacts', { accountId: a.id, name: '甲', phone: '13811112222', email: 'jia@example.com', birthday: '1980-02-29' }), 201);
    const c2 = body<{ id: number }>(await t.call(kam1, 'POST', '/api/v1/contacts', { accountId: a.id, name: '乙', level: 'middle' }), 201);
    const n1 = body<{ id: number }>(await t.call(kam1, 'POST', `/api/v1/accounts/${a.id}/needs`, { title: '节能改造', kind: 'implicit' }), 201);
    body(await t.call(kam1, 'PUT', `/api/v1/accounts/${a.id}/team/members/${kam2.userId}`, { role: 'delivery' }), 200);
    const full = await get(kam1, a.id);
    const contactsBefore = body<{ items: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/contacts`), 200).items;
    const needsBefore = body<{ items: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/needs`), 200).items;
    const teamBefore = body(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/team`), 200);

    const del = await t.call(kam1, 'DELETE', `/api/v1/accounts/${a.id}?version=${full.version}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}`)).statusCode).toBe(404);
    expect((await t.call(kam1, 'GET', `/api/v1/contacts/${c1.id}`)).statusCode).toBe(404);
    expect((await t.call(kam2, 'GET', `/api/v1/accounts/${a.id}`)).statusCode).toBe(404);

    const bin = body<{ items: { id: number; entity: string; entityId: string; label: string; accountId: number; deletedBy: { id: number } }[] }>(
      await t.call(director, 'GET', '/api/v1/recycle-bin'),
      200,
    );
    const entry = bin.items.find((b) => b.entityId === String(a.id) && b.entity === 'account')!;
    expect(entry).toMatchObject({ label: a.name, accountId: a.id, deletedBy: { id: kam1.userId } });

    const restored = await t.call(director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`);
    expect(body(restored, 200)).toEqual({ entity: 'account', entityId: String(a.id), accountId: a.id });
    expect(await get(kam1, a.id)).toEqual(full);
    expect(body<{ items: { id: number }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/contacts`), 200).items).toEqual(contactsBefore);
    expect((contactsBefore as { id: number }[]).map((c) => c.id)).toEqual([c1.id, c2.id]);
    expect(body<{ items: unknown[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/needs`), 200).items).toEqual(needsBefore);
    expect((needsBefore as { id: number }[]).map((n) => n.id)).toEqual([n1.id]);
    expect(body(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/team`), 200)).toEqual(teamBefore);
    expect((await t.call(kam2, 'GET', `/api/v1/accounts/${a.id}`)).statusCode).toBe(200);
    // The bin entry is used up, and the timeline tells the story.
    expect((await t.call(director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`)).statusCode).toBe(404);
    const tl = body<{ items: { kind: string }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/timeline`), 200);
    expect(tl.items[0]!.kind).toBe('account.restored');
    // Restored rows keep working: they can be changed with their old versions.
    const patched = await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: full.version, industry: '新能源' });
    expect(patched.statusCode, patched.body).toBe(200);
  });

  it('refuses to restore an account when a same-named one was created meanwhile', async () => {
    const name = uniq('同名客户');
    const a = await create(kam1, { name });
    body(await t.call(kam1, 'POST', '/api/v1/contacts', { accountId: a.id, name: '丙' }), 201);
    expect((await t.call(kam1, 'DELETE', `/api/v1/accounts/${a.id}?version=${a.version}`)).statusCode).toBe(204);
    const again = await create(kam1, { name: ` ${name} ` });
    const entry = body<{ items: { id: number; entityId: string }[] }>(await t.call(director, 'GET', '/api/v1/recycle-bin?entity=account'), 200).items.find(
      (b) => b.entityId === String(a.id),
    )!;
    const res = await t.call(director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { existing: { id: again.id, name: again.name } } });
    expect((await t.call(director, 'GET', `/api/v1/accounts/${a.id}`)).statusCode).toBe(404);
    // Nothing was taken out of the bin.
    const still = body<{ items: { id: number }[] }>(await t.call(director, 'GET', '/api/v1/recycle-bin?entity=account'), 200);
    expect(still.items.map((b) => b.id)).toContain(entry.id);
  });

  it('restores a deleted need and a deleted contact on their own', async () => {
    const a = await create(kam1, { name: uniq('单项恢复') });
    const c = body<{ id: number; version: number }>(await t.call(kam1, 'POST', '/api/v1/contacts', { accountId: a.id, name: '丁', email: 'ding@example.com' }), 201);
    const n = body<{ id: number; version: number }>(await t.call(kam1, 'POST', `/api/v1/accounts/${a.id}/needs`, { title: '培训', kind: 'explicit' }), 201);
    expect((await t.call(kam1, 'DELETE', `/api/v1/contacts/${c.id}?version=${c.version}`)).statusCode).toBe(204);
    expect((await t.call(kam1, 'DELETE', `/api/v1/needs/${n.id}?version=${n.version}`)).statusCode).toBe(204);
    const bin = body<{ items: { id: number; entity: string; entityId: string }[] }>(await t.call(director, 'GET', '/api/v1/recycle-bin'), 200).items;
    const needEntry = bin.find((b) => b.entity === 'need' && b.entityId === String(n.id))!;
    const contactEntry = bin.find((b) => b.entity === 'contact' && b.entityId === String(c.id))!;
    expect(body(await t.call(director, 'POST', `/api/v1/recycle-bin/${needEntry.id}/restore`), 200)).toEqual({ entity: 'need', entityId: String(n.id), accountId: a.id });
    expect(body(await t.call(director, 'POST', `/api/v1/recycle-bin/${contactEntry.id}/restore`), 200)).toEqual({ entity: 'contact', entityId: String(c.id), accountId: a.id });
    expect(body<{ email: string }>(await t.call(kam1, 'GET', `/api/v1/contacts/${c.id}`), 200).email).toBe('ding@example.com');
    expect(body<{ items: { id: number }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/needs`), 200).items.map((x) => x.id)).toEqual([n.id]);
    const tl = body<{ items: { kind: string; entity: string }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${a.id}/timeline`), 200);
    expect(tl.items.slice(0, 2).map((e) => [e.kind, e.entity])).toEqual([
      ['contact.restored', 'contact'],
      ['need.restored', 'need'],
    ]);
  });
});

describe('optimistic concurrency: accounts', () => {
  it('refuses a stale version with 409 STALE_VERSION and the current version, changing nothing', async () => {
    const a = await create(kam1, { name: uniq('并发客户'), annualRevenue: '100' });
    const v2 = body<Account>(await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, industry: '金融' }), 200);
    expect(v2.version).toBe(a.version + 1);
    const before = await counts(a.id);
    const stale = await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, industry: '保险', annualRevenue: '999' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: v2.version } });
    expect(await get(kam1, a.id)).toEqual(v2);
    expect(await counts(a.id)).toEqual(before);
  });

  it('lets exactly one of two concurrent changes with the same version win', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await create(kam1, { name: uniq('抢答客户') });
      const [r1, r2] = await Promise.all([
        t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, industry: '甲行业' }),
        t.call(director, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, industry: '乙行业' }),
      ]);
      expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
      const [won, lost] = r1.statusCode === 200 ? [r1, r2] : [r2, r1];
      expect(lost.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: a.version + 1 } });
      const now = await get(kam1, a.id);
      expect([now.version, now.industry]).toEqual([a.version + 1, won.json().industry]);
      const audits = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'account').where('entity_id', '=', String(a.id)).where('action', '=', 'update').execute();
      expect(audits).toHaveLength(1);
    }
  });

  it('refuses to delete with a stale version', async () => {
    const a = await create(kam1, { name: uniq('删除并发') });
    const v2 = body<Account>(await t.call(kam1, 'PATCH', `/api/v1/accounts/${a.id}`, { version: a.version, industry: '物流' }), 200);
    const res = await t.call(kam1, 'DELETE', `/api/v1/accounts/${a.id}?version=${a.version}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: v2.version } });
    expect(await get(kam1, a.id)).toEqual(v2);
    const [d1, d2] = await Promise.all([
      t.call(kam1, 'DELETE', `/api/v1/accounts/${a.id}?version=${v2.version}`),
      t.call(director, 'DELETE', `/api/v1/accounts/${a.id}?version=${v2.version}`),
    ]);
    expect([d1.statusCode, d2.statusCode].sort()).toEqual([204, 404]);
    const entries = await t.db.selectFrom('recycle_bin').select('id').where('entity', '=', 'account').where('entity_id', '=', String(a.id)).execute();
    expect(entries).toHaveLength(1);
  });
});

describe('optimistic concurrency: needs', () => {
  interface Need {
    id: number;
    version: number;
    title: string;
    kind: string;
    status: string;
  }
  let account: Account;
  beforeAll(async () => {
    account = await create(kam1, { name: uniq('需求客户') });
  });
  const needs = async () => body<{ items: Need[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${account.id}/needs`), 200).items;

  it('works an implicit need into an explicit one and then meets it', async () => {
    const n = body<Need>(await t.call(kam1, 'POST', `/api/v1/accounts/${account.id}/needs`, { title: '供应链可视化', kind: 'implicit' }), 201);
    expect(n).toMatchObject({ title: '供应链可视化', kind: 'implicit', status: 'open', version: 1, accountId: account.id });
    const explicit = body<Need>(await t.call(kam1, 'PATCH', `/api/v1/needs/${n.id}`, { version: 1, kind: 'explicit' }), 200);
    const met = body<Need>(await t.call(kam1, 'PATCH', `/api/v1/needs/${n.id}`, { version: explicit.version, status: 'met' }), 200);
    expect([met.kind, met.status, met.version]).toEqual(['explicit', 'met', 3]);
  });

  it('refuses a stale version with the current version, changing nothing', async () => {
    const n = body<Need>(await t.call(kam1, 'POST', `/api/v1/accounts/${account.id}/needs`, { title: '远程运维', kind: 'explicit' }), 201);
    const v2 = body<Need>(await t.call(kam1, 'PATCH', `/api/v1/needs/${n.id}`, { version: 1, title: '远程运维平台' }), 200);
    const before = await counts(account.id);
    const stale = await t.call(kam1, 'PATCH', `/api/v1/needs/${n.id}`, { version: 1, status: 'dropped' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
    expect((await needs()).find((x) => x.id === n.id)).toEqual(v2);
    const staleDelete = await t.call(kam1, 'DELETE', `/api/v1/needs/${n.id}?version=1`);
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
    expect((await needs()).find((x) => x.id === n.id)).toEqual(v2);
    expect(await counts(account.id)).toEqual(before);
  });

  it('lets exactly one of two concurrent changes win and tells the loser the real current version', async () => {
    for (let round = 0; round < 5; round++) {
      const n = body<Need>(await t.call(kam1, 'POST', `/api/v1/accounts/${account.id}/needs`, { title: `并发需求${round}`, kind: 'implicit' }), 201);
      const [r1, r2] = await Promise.all([
        t.call(kam1, 'PATCH', `/api/v1/needs/${n.id}`, { version: 1, status: 'met' }),
        t.call(director, 'PATCH', `/api/v1/needs/${n.id}`, { version: 1, status: 'dropped' }),
      ]);
      expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
      const [won, lost] = r1.statusCode === 200 ? [r1, r2] : [r2, r1];
      expect(lost.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
      expect((await needs()).find((x) => x.id === n.id)).toEqual(won.json());
    }
  });
});

// The decision chain (SPEC C4) through HTTP: stakeholders and their protected assessments,
// links with reports-to cycles refused (also under concurrent inserts), the relationship map and
// its measures on a fixed clock, the tier's visit interval, alerts into the reminders inbox
// without duplicates, audit and timeline, bad input and stale versions.
import zlib from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { createRandom } from '../../src/server/demo/random.js';
import { generateMap } from '../../src/server/demo/decision-chains.js';
import { mapOut } from '../../src/server/relationships/schemas.js';
import { computeMeasures, staleAfterDays, type MapPerson } from '../../src/server/relationships/rules/measures.js';

type UserName = 'admin' | 'director' | 'kam1' | 'kam2' | 'kam3' | 'sponsor' | 'sponsor2' | 'service' | 'analyst';
const USERS: UserName[] = ['admin', 'director', 'kam1', 'kam2', 'kam3', 'sponsor', 'sponsor2', 'service', 'analyst'];

// 23:30 in Shanghai on 2026-11-23: "today" is 2026-11-23 (sessions live an hour on this clock).
let now = new Date('2026-11-23T15:30:00Z');
let t: TestApp;
const s = {} as Record<UserName, Session>;
let accountId: number;

interface Person {
  id: number;
  name: string;
  attitude: string | null;
  attitudeKind: string | null;
  influence: number | null;
  relationshipLevel: number | null;
  personalNeeds: string | null;
  assessmentsHidden: boolean;
  coveredBy: { id: number; name: string }[];
  version: number;
}
interface MapBody {
  nodes: Person[];
  links: { id: number; fromId: number; toId: number; kind: string; hidden: boolean }[];
  measures: null | {
    stakeholders: number;
    supportCoverage: { numerator: number; denominator: number; value: number | null };
    opposition: { numerator: number; denominator: number; value: number | null };
    coachPresent: boolean;
    decisionMaker: { id: number; daysSinceContact: number | null } | null;
    decisionMakerContacted: boolean;
    staleAfterDays: number;
    staleIds: number[];
  };
  assessmentsHidden: boolean;
  history: unknown[];
  tier: number | null;
}

function body<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function newAccount(name: string, owner: UserName = 'kam1') {
  const acc = body<{ account: { id: number } }>(await t.call(s.director, 'POST', '/api/v1/accounts', { name, ownerId: s[owner].userId, sponsorId: s.sponsor.userId }), 201);
  return acc.account.id;
}
const add = async (acc: number, p: Record<string, unknown>, who: UserName = 'kam1') => body<Person>(await t.call(s[who], 'POST', `/api/v1/accounts/${acc}/stakeholders`, p), 201);
const map = async (acc: number, who: UserName = 'kam1') => body<MapBody>(await t.call(s[who], 'GET', `/api/v1/accounts/${acc}/relationship-map`), 200);

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  for (const u of USERS) s[u] = await t.login(u);
  accountId = await newAccount('中国移动通信集团浙江有限公司');
  // service is on the account team: it still must not see assessments.
  body(await t.call(s.kam1, 'PUT', `/api/v1/accounts/${accountId}/team/members/${s.service.userId}`, { role: 'service' }), 200);
  body(await t.call(s.kam1, 'PUT', `/api/v1/accounts/${accountId}/team/members/${s.kam2.userId}`, { role: 'technical' }), 200);
});
afterAll(async () => {
  await t?.close();
});

describe('the relationship map and its measures', () => {
  let ids: number[] = [];

  it('computes coverage, opposition, coach and decision-maker flags and staleness exactly (hand-worked map)', async () => {
    // Σ influence 35; support 8+6+4 = 18 → 0.5143; opposition 3 (skeptic) + 9 (opponent) = 12 → 0.3429.
    const people = [
      { name: '王建国', title: '总经理', attitude: 'opponent', influence: 9, buyingRole: 'decision_maker', lastContactDate: '2026-08-24' }, // 91 days
      { name: '李明', title: '信息技术部主任', attitude: 'coach', influence: 8, relationshipLevel: 5, lastContactDate: '2026-11-20', coveredBy: [s.kam1.userId] },
      { name: '赵丽', title: '采购部经理', attitude: 'ally', influence: 6, buyingRole: 'economic_buyer'.replace('economic_buyer', 'gatekeeper'), lastContactDate: '2026-10-23' },
      { name: '孙强', title: '网络部工程师', attitude: 'supporter', influence: 4, buyingRole: 'technical_evaluator', lastContactDate: '2026-06-01' },
      { name: '周敏', title: '财务部经理', attitude: 'neutral', influence: 5 },
      { name: '吴刚', title: '运维主管', attitude: 'neutral', attitudeKind: 'skeptic', influence: 3, buyingRole: 'user', lastContactDate: '2026-11-01', personalNeeds: '希望减少夜间值班' },
    ];
    ids = [];
    for (const p of people) ids.push((await add(accountId, p)).id);
    const m = await map(accountId);
    expect(m.nodes.map((n) => n.name)).toEqual(people.map((p) => p.name));
    expect(m.tier).toBeNull();
    expect(m.measures).toEqual({
      stakeholders: 6,
      supportCoverage: { numerator: 18, denominator: 35, value: 0.5143 },
      opposition: { numerator: 12, denominator: 35, value: 0.3429 },
      coachPresent: true,
      decisionMaker: { id: ids[0], name: '王建国', lastContactDate: '2026-08-24', daysSinceContact: 91 },
      decisionMakerContacted: false,
      // No tier: the default 90 days. Stale: 王 (91), 孙 (175), 周 (never).
      staleAfterDays: 90,
      staleIds: [ids[0], ids[3], ids[4]],
    });
    expect(m.history.length).toBeGreaterThan(0);
  });

  it("uses the tier's visit interval when the account has a tier (tier 2: 12 visits a year → 31 days)", async () => {
    await t.db.insertInto('tier_overrides').values({ account_id: accountId, tier: 2, reason: '测试', set_by: s.director.userId }).execute();
    const m = await map(accountId);
    expect(m.tier).toBe(2);
    expect(m.measures!.staleAfterDays).toBe(31);
    // 赵 (31 days) is not stale yet; 孙, 周 and 王 are.
    expect(m.measures!.staleIds).toEqual([ids[0], ids[3], ids[4]]);
    now = new Date('2026-11-23T16:10:00Z'); // 00:10 on the 24th in Shanghai
    expect((await map(accountId)).measures!.staleIds).toEqual([ids[0], ids[2], ids[3], ids[4]]);
    now = new Date('2026-11-23T15:30:00Z');
    await t.db.deleteFrom('tier_overrides').where('account_id', '=', accountId).execute();
  });

  it('hides assessments and measures from service agents (even on the team), analysts and kam3 (team scope, not on the account team)', async () => {
    for (const u of USERS) {
      const res = await t.call(s[u], 'GET', `/api/v1/accounts/${accountId}/relationship-map`);
      if (u === 'sponsor2') {
        expect(res.statusCode).toBe(404);
        continue;
      }
      const m = body<MapBody>(res, 200);
      const sees = ['admin', 'director', 'kam1', 'kam2', 'sponsor'].includes(u);
      expect({ u, hidden: m.assessmentsHidden, measures: m.measures !== null }).toEqual({ u, hidden: !sees, measures: sees });
      const skeptic = m.nodes.find((n) => n.name === '吴刚')!;
      expect({ u, attitude: skeptic.attitude, kind: skeptic.attitudeKind, influence: skeptic.influence, needs: skeptic.personalNeeds }).toEqual(
        sees ? { u, attitude: 'neutral', kind: 'skeptic', influence: 3, needs: '希望减少夜间值班' } : { u, attitude: null, kind: null, influence: null, needs: null },
      );
      // The same on the list and the single read.
      const list = body<{ items: Person[] }>(await t.call(s[u], 'GET', `/api/v1/accounts/${accountId}/stakeholders`), 200);
      expect(list.items.every((p) => p.assessmentsHidden === !sees && (p.influence === null) === !sees)).toBe(true);
      const one = body<Person>(await t.call(s[u], 'GET', `/api/v1/stakeholders/${skeptic.id}`), 200);
      expect(one.attitude === null).toBe(!sees);
    }
    // And they cannot write them.
    expect((await t.call(s.service, 'PATCH', `/api/v1/stakeholders/${ids[1]}`, { version: 1, attitude: 'opponent' })).statusCode).toBe(403);
    expect((await t.call(s.kam3, 'POST', `/api/v1/accounts/${accountId}/stakeholders`, { name: 'x' })).statusCode).toBe(403);
  });

  it('raises alerts into the owner\'s reminders once per open condition, and resolves them when the condition clears', async () => {
    const inbox = async (u: UserName) =>
      body<{ items: { id: number; kind: string; subject: string; facts: Record<string, unknown>; version: number; done: boolean; resolved: boolean }[] }>(await t.call(s[u], 'GET', '/api/v1/reminders'), 200).items;
    let items = await inbox('kam1');
    // The decision maker (91 days) is uncontacted and, a key person (influence ≥ 7), stale; adding
    // the neutral 周 and the skeptic 吴 after the supporters made coverage drop (an event).
    expect(items.map((i) => i.kind).sort()).toEqual(['coverage_dropped', 'decision_maker_uncontacted', 'relationship_stale']);
    expect(items.find((i) => i.kind === 'decision_maker_uncontacted')!.subject).toBe('中国移动通信集团浙江有限公司：高层决策者 王建国 已 91 天未联系');
    expect(items.find((i) => i.kind === 'coverage_dropped')!.subject).toBe('中国移动通信集团浙江有限公司：支持度下降至 56.3%'); // written at the first drop: 18 ÷ 32 when 周 joined
    // The same facts, for the web app to word in English: 18 ÷ 32 = 0.5625.
    expect(Object.fromEntries(items.map((i) => [i.kind, i.facts]))).toEqual({
      coverage_dropped: { coverage: 0.5625 },
      decision_maker_uncontacted: { person: '王建国', days: 91 },
      relationship_stale: { person: '王建国', staleAfterDays: items.find((i) => i.kind === 'relationship_stale')!.facts.staleAfterDays },
    });
    expect(items.find((i) => i.kind === 'relationship_stale')!.subject).toBe(`中国移动通信集团浙江有限公司：关键人 王建国 超过 ${String(items.find((i) => i.kind === 'relationship_stale')!.facts.staleAfterDays)} 天未联系`);
    // Another change to the map and a sweep: no duplicates.
    body(await t.call(s.kam1, 'PATCH', `/api/v1/stakeholders/${ids[4]}`, { version: 1, title: '财务总监' }), 200);
    const sweep = body<{ accounts: number; raised: number }>(await t.call(s.director, 'POST', '/api/v1/reminders/sweep'), 200);
    expect(sweep.raised).toBe(0);
    expect((await inbox('kam1')).length).toBe(3);
    expect(body<{ unread: number; open: number }>(await t.call(s.kam1, 'GET', '/api/v1/reminders/unread-count'), 200)).toEqual({ unread: 3, open: 3 });
    // Contacting him clears both of his conditions; the coverage event stays until someone marks it done.
    const wang = body<Person>(await t.call(s.kam1, 'GET', `/api/v1/stakeholders/${ids[0]}`), 200);
    body(await t.call(s.kam1, 'PATCH', `/api/v1/stakeholders/${ids[0]}`, { version: wang.version, lastContactDate: '2026-11-22' }), 200);
    items = await inbox('kam1');
    expect(items.map((i) => i.kind)).toEqual(['coverage_dropped']);
    const done = body<{ items: { kind: string; resolved: boolean }[] }>(await t.call(s.kam1, 'GET', '/api/v1/reminders?status=done'), 200).items;
    expect(done.map((d) => [d.kind, d.resolved]).sort()).toEqual([['decision_maker_uncontacted', true], ['relationship_stale', true]]);
    const cov = items[0]!;
    body(await t.call(s.kam1, 'PATCH', `/api/v1/reminders/${cov.id}`, { version: cov.version, done: true }), 200);
    expect(await inbox('kam1')).toEqual([]);
    // Nobody else got them.
    expect(await inbox('kam2')).toEqual([]);
  });

  it('alerts when the coach leaves and when coverage drops; the user marks them done (audited)', async () => {
    const li = body<Person>(await t.call(s.kam1, 'GET', `/api/v1/stakeholders/${ids[1]}`), 200);
    body(await t.call(s.kam1, 'PATCH', `/api/v1/stakeholders/${ids[1]}`, { version: li.version, attitude: 'neutral' }), 200);
    const items = body<{ items: { id: number; kind: string; version: number }[] }>(await t.call(s.kam1, 'GET', '/api/v1/reminders'), 200).items;
    expect(items.map((i) => i.kind).sort()).toEqual(['coach_left', 'coverage_dropped']);
    const r = items[0]!;
    const marked = body<{ done: boolean; read: boolean; version: number }>(await t.call(s.kam1, 'PATCH', `/api/v1/reminders/${r.id}`, { version: r.version, done: true }), 200);
    expect([marked.done, marked.read]).toEqual([true, true]);
    expect((await t.call(s.kam1, 'PATCH', `/api/v1/reminders/${r.id}`, { version: r.version, done: false })).statusCode).toBe(409);
    // Someone else's reminder does not exist for you.
    expect((await t.call(s.kam2, 'PATCH', `/api/v1/reminders/${r.id}`, { version: marked.version, read: false })).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity', '=', 'reminder').where('entity_id', '=', String(r.id)).execute();
    expect(audit).toEqual([{ action: 'update', actor_name: 'kam1' }]);
    // The coach is back: coach_left is resolved by itself.
    body(await t.call(s.kam1, 'PATCH', `/api/v1/stakeholders/${ids[1]}`, { version: li.version + 1, attitude: 'coach' }), 200);
    const open = body<{ items: { kind: string }[] }>(await t.call(s.kam1, 'GET', '/api/v1/reminders'), 200).items;
    expect(open.map((i) => i.kind)).not.toContain('coach_left');
  });

  it('audits every write and puts it on the account timeline', async () => {
    const kinds = (await t.db.selectFrom('timeline_events').select('kind').where('account_id', '=', accountId).execute()).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'stakeholder.created').length).toBe(6);
    expect(kinds).toContain('stakeholder.updated');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'stakeholder').execute();
    expect(audit.filter((a) => a.action === 'create').length).toBeGreaterThanOrEqual(6);
  });
});

// The map's JSON is written by SQL (map-document.ts): it must say what the pure rule and the
// stakeholder presenter say, for every role, on generated maps as well as the hand-worked one.
describe('the map document written by SQL', () => {
  const peopleOf = async (acc: number, opportunityId?: number): Promise<MapPerson[]> => {
    let q = t.db.selectFrom('stakeholders').select(['id', 'name', 'buying_role', 'attitude', 'attitude_kind', 'influence', 'last_contact_date']).where('account_id', '=', acc);
    if (opportunityId !== undefined) q = q.where((eb) => eb.or([eb('opportunity_id', 'is', null), eb('opportunity_id', '=', opportunityId)]));
    return (await q.orderBy('id').execute()).map((p) => ({ id: p.id, name: p.name, buyingRole: p.buying_role, attitude: p.attitude, attitudeKind: p.attitude_kind, influence: p.influence, lastContactDate: p.last_contact_date }));
  };

  it('has exactly the declared shape, and its people equal the stakeholder list for every role', async () => {
    for (const u of USERS) {
      const res = await t.call(s[u], 'GET', `/api/v1/accounts/${accountId}/relationship-map`);
      if (u === 'sponsor2') continue;
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const m = body<Record<string, unknown>>(res, 200);
      // zod drops unknown keys and refuses wrong types: equal after parsing means nothing extra, nothing off.
      expect(mapOut.parse(m)).toEqual(m);
      const list = body<{ items: unknown[] }>(await t.call(s[u], 'GET', `/api/v1/accounts/${accountId}/stakeholders?limit=200`), 200);
      expect({ u, nodes: m.nodes }).toEqual({ u, nodes: list.items });
      for (const h of m.history as { measuredAt: string }[]) expect(h.measuredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('is compressed for clients that accept brotli or gzip, and the same document decompressed; answers with secrets are not', async () => {
    const url = `/api/v1/accounts/${accountId}/relationship-map`;
    const plain = await t.call(s.kam1, 'GET', url);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.kam1.cookie, 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(JSON.parse(decode(res.rawPayload).toString('utf8'))).toEqual(plain.json());
    }
    // The CSRF token's answer stays uncompressed, so its size cannot leak the token (BREACH).
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.kam1.cookie, 'accept-encoding': 'gzip, br' } });
    expect(me.statusCode).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
  });

  it('gives the measures of the pure rule on generated maps (random attitudes, kinds, roles and contact dates)', async () => {
    const rng = createRandom(20261123);
    for (let k = 0; k < 6; k++) {
      const acc = await newAccount(`生成的决策链 ${k}`);
      for (let g = 0; g < 1 + k; g++) {
        const gen = generateMap(rng.fork(g * 10 + k), acc, [], '2026-11-23');
        await t.db.insertInto('stakeholders').values(gen.people).execute();
      }
      const m = await map(acc);
      expect({ k, measures: m.measures }).toEqual({ k, measures: computeMeasures(await peopleOf(acc), { today: '2026-11-23', staleAfterDays: staleAfterDays(null) }) });
    }
  });

  it("shows an opportunity's map: its people and the account-wide ones, and only links between them", async () => {
    const acc = await newAccount('商机决策链客户');
    const opp = body<{ id: number }>(await t.call(s.kam1, 'POST', '/api/v1/opportunities', { accountId: acc, name: '5G 专网项目', amount: '5000' }), 201);
    const other = body<{ id: number }>(await t.call(s.kam1, 'POST', '/api/v1/opportunities', { accountId: acc, name: '云专线项目', amount: '8000' }), 201);
    const boss = await add(acc, { name: '陈总', attitude: 'supporter', influence: 8, buyingRole: 'decision_maker', lastContactDate: '2026-11-01' });
    const tech = await add(acc, { name: '项目技术负责人', attitude: 'opponent', influence: 6, opportunityId: opp.id });
    const buyer = await add(acc, { name: '另一项目采购', attitude: 'coach', influence: 4, opportunityId: other.id });
    body(await t.call(s.kam1, 'POST', `/api/v1/accounts/${acc}/stakeholder-links`, { fromId: tech.id, toId: boss.id, kind: 'reports_to' }), 201);
    body(await t.call(s.kam1, 'POST', `/api/v1/accounts/${acc}/stakeholder-links`, { fromId: buyer.id, toId: boss.id, kind: 'reports_to' }), 201);
    const m = body<MapBody & { opportunityId: number }>(await t.call(s.kam1, 'GET', `/api/v1/accounts/${acc}/relationship-map?opportunityId=${opp.id}`), 200);
    expect(m.opportunityId).toBe(opp.id);
    expect(m.nodes.map((n) => n.id)).toEqual([boss.id, tech.id]);
    expect(m.links.map((l) => [l.fromId, l.toId])).toEqual([[tech.id, boss.id]]);
    // Σ 14: support 8 → 0.5714, opposition 6 → 0.4286; no coach on this opportunity's map.
    expect(m.measures!.supportCoverage).toEqual({ numerator: 8, denominator: 14, value: 0.5714 });
    expect(m.measures!.opposition).toEqual({ numerator: 6, denominator: 14, value: 0.4286 });
    expect(m.measures!.coachPresent).toBe(false);
    expect(m.measures).toEqual(computeMeasures(await peopleOf(acc, opp.id), { today: '2026-11-23', staleAfterDays: 90 }));
    const whole = await map(acc);
    expect(whole.nodes).toHaveLength(3);
    expect(whole.links).toHaveLength(2);
  });
});

describe('links', () => {
  it('draws reports-to and influence links, and refuses a reports-to cycle naming the field', async () => {
    const acc = await newAccount('国家电网浙江省电力公司');
    const [a, b, c] = [await add(acc, { name: '甲' }), await add(acc, { name: '乙' }), await add(acc, { name: '丙' })];
    const link = (from: number, to: number, kind = 'reports_to', extra: Record<string, unknown> = {}) => t.call(s.kam1, 'POST', `/api/v1/accounts/${acc}/stakeholder-links`, { fromId: from, toId: to, kind, ...extra });
    body(await link(b.id, a.id), 201); // 乙 reports to 甲
    body(await link(c.id, b.id, 'reports_to', { hidden: true }), 201); // 丙 reports to 乙 (hidden organisation)
    const cycle = body<{ error: { code: string; details: { fields: { field: string; code: string }[] } } }>(await link(a.id, c.id), 400);
    expect(cycle.error.details.fields[0]).toMatchObject({ field: 'toId', code: 'cycle' });
    // An influence link in the other direction is fine (A sways C).
    body(await link(a.id, c.id, 'influences'), 201);
    expect((await link(a.id, c.id, 'influences')).statusCode).toBe(409);
    expect(body<{ error: { details: { fields: { field: string }[] } } }>(await link(a.id, a.id), 400).error.details.fields[0]!.field).toBe('toId');
    expect(body<{ error: { details: { fields: { field: string }[] } } }>(await link(a.id, b.id, 'influences', { hidden: true }), 400).error.details.fields[0]!.field).toBe('hidden');
    // A person of another account is not on this map.
    const other = await add(accountId, { name: '外人' });
    expect(body<{ error: { details: { fields: { field: string }[] } } }>(await link(a.id, other.id), 400).error.details.fields[0]!.field).toBe('toId');
    const m = await map(acc);
    expect(m.links.map((l) => [l.fromId, l.toId, l.kind, l.hidden])).toEqual([[b.id, a.id, 'reports_to', false], [c.id, b.id, 'reports_to', true], [a.id, c.id, 'influences', false]]);
    // Delete a link (stale version refused first).
    const l0 = m.links[0]!;
    expect((await t.call(s.kam1, 'DELETE', `/api/v1/stakeholder-links/${l0.id}?version=2`)).statusCode).toBe(409);
    expect((await t.call(s.kam1, 'DELETE', `/api/v1/stakeholder-links/${l0.id}?version=1`)).statusCode).toBe(204);
    // Now 甲 → 丙 reports-to is no cycle (乙 no longer reports to 甲).
    body(await link(a.id, c.id), 201);
  });

  it('lets exactly one of two concurrent opposite reports-to links in (no cycle under concurrency)', async () => {
    const acc = await newAccount('浙江省交通投资集团');
    for (let round = 0; round < 5; round++) {
      const a = await add(acc, { name: `甲${round}` });
      const b = await add(acc, { name: `乙${round}` });
      const [r1, r2] = await Promise.all([
        t.call(s.kam1, 'POST', `/api/v1/accounts/${acc}/stakeholder-links`, { fromId: a.id, toId: b.id, kind: 'reports_to' }),
        t.call(s.kam1, 'POST', `/api/v1/accounts/${acc}/stakeholder-links`, { fromId: b.id, toId: a.id, kind: 'reports_to' }),
      ]);
      expect([r1.statusCode, r2.statusCode].sort()).toEqual([201, 400]);
    }
    const cycles = await t.db
      .selectFrom('stakeholder_links as l1')
      .innerJoin('stakeholder_links as l2', (j) => j.onRef('l1.from_id', '=', 'l2.to_id').onRef('l1.to_id', '=', 'l2.from_id'))
      .select('l1.id')
      .where('l1.kind', '=', 'reports_to')
      .where('l2.kind', '=', 'reports_to')
      .execute();
    expect(cycles).toEqual([]);
  });
});

describe('bad input and stale versions', () => {
  const fieldOf = (res: LightMyRequestResponse) => (res.json().error.details.fields as { field: string }[]).map((f) => f.field);

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x', influence: 11 }, 'influence'],
    [{ name: 'x', influence: 0 }, 'influence'],
    [{ name: 'x', relationshipLevel: 7 }, 'relationshipLevel'],
    [{ name: 'x', attitude: 'friend' }, 'attitude'],
    [{ name: 'x', attitude: 'coach', attitudeKind: 'skeptic' }, 'attitudeKind'],
    [{ name: 'x', buyingRole: 'boss' }, 'buyingRole'],
    [{ name: 'x', lastContactDate: '2026-02-30' }, 'lastContactDate'],
    [{ name: 'x', lastContactDate: '2026-11-24' }, 'lastContactDate'], // after today on the clock
    [{ name: 'x', coveredBy: [2000000000] }, 'coveredBy'],
    [{ name: 'x', contactId: 2000000000 }, 'contactId'],
    [{ name: 'x', opportunityId: 2000000000 }, 'opportunityId'],
    [{ name: 'x', unknownField: 1 }, ''],
  ])('refuses %j naming the field, writing nothing', async (input, field) => {
    const before = await t.db.selectFrom('stakeholders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.call(s.kam1, 'POST', `/api/v1/accounts/${accountId}/stakeholders`, input);
    expect(res.statusCode, res.body).toBe(400);
    if (field) expect(fieldOf(res)).toContain(field);
    const after = await t.db.selectFrom('stakeholders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers 409 to a stale version and keeps the newer write', async () => {
    const p = await add(accountId, { name: '钱进', influence: 4 });
    body(await t.call(s.kam1, 'PATCH', `/api/v1/stakeholders/${p.id}`, { version: 1, influence: 6 }), 200);
    const stale = await t.call(s.kam2, 'PATCH', `/api/v1/stakeholders/${p.id}`, { version: 1, influence: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(body<Person>(await t.call(s.kam1, 'GET', `/api/v1/stakeholders/${p.id}`), 200).influence).toBe(6);
    expect((await t.call(s.kam1, 'DELETE', `/api/v1/stakeholders/${p.id}?version=1`)).statusCode).toBe(409);
    expect((await t.call(s.kam1, 'DELETE', `/api/v1/stakeholders/${p.id}?version=2`)).statusCode).toBe(204);
  });
});

describe('the recycle bin', () => {
  it('brings back the decision chain and the pipeline of a deleted account, ids unchanged', async () => {
    const acc = await newAccount('回收站测试客户');
    const a = await add(acc, { name: '甲', attitude: 'coach', influence: 7, coveredBy: [s.kam1.userId] });
    const b = await add(acc, { name: '乙' });
    body(await t.call(s.kam1, 'POST', `/api/v1/accounts/${acc}/stakeholder-links`, { fromId: b.id, toId: a.id, kind: 'reports_to' }), 201);
    const opp = body<{ id: number }>(await t.call(s.kam1, 'POST', '/api/v1/opportunities', { accountId: acc, name: '回收站商机', amount: '10' }), 201);
    body(await t.call(s.kam1, 'POST', `/api/v1/opportunities/${opp.id}/competitors`, { name: '华为' }), 201);
    const before = await map(acc);
    // Reminders about the account (the alerts of the edits above, and one already read) come back as they were.
    await t.db.insertInto('reminders').values({ user_id: s.kam1.userId, kind: 'coach_left', account_id: acc, subject: '回收站测试客户：内线已失去', facts: JSON.stringify({ accountName: '回收站测试客户' }), read_at: new Date('2026-11-22T01:00:00Z'), created_at: new Date('2026-11-21T01:00:00Z') }).execute();
    const reminders = () => t.db.selectFrom('reminders').selectAll().where('account_id', '=', acc).orderBy('id').execute();
    const remindersBefore = await reminders();
    expect(remindersBefore.filter((r) => r.read_at !== null).map((r) => r.kind)).toEqual(['coach_left']);
    const { version } = await t.db.selectFrom('accounts').select('version').where('id', '=', acc).executeTakeFirstOrThrow();
    expect((await t.call(s.director, 'DELETE', `/api/v1/accounts/${acc}?version=${version}`)).statusCode).toBe(204);
    expect(await t.db.selectFrom('stakeholders').select('id').where('account_id', '=', acc).execute()).toEqual([]);
    const entry = await t.db.selectFrom('recycle_bin').select('id').where('entity', '=', 'account').where('entity_id', '=', String(acc)).executeTakeFirstOrThrow();
    expect(await reminders()).toEqual([]);
    body(await t.call(s.director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`), 200);
    expect(await reminders()).toEqual(remindersBefore);
    const after = await map(acc);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.links).toEqual(before.links);
    expect(after.measures).toEqual(before.measures);
    const o = body<{ id: number; history: unknown[] }>(await t.call(s.kam1, 'GET', `/api/v1/opportunities/${opp.id}`), 200);
    expect(o.history).toHaveLength(1);
    expect(body<{ items: { name: string }[] }>(await t.call(s.kam1, 'GET', `/api/v1/opportunities/${opp.id}/competitors`), 200).items.map((c) => c.name)).toEqual(['华为']);
  });
});

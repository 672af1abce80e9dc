// The project pipeline (SPEC C5) through HTTP: stage moves under the exit criteria (refused,
// overridden with a reason and audited), closed lost with reason and competitor, reopening, the
// information points and competitors, admin-configured stages, and the forecast, metrics,
// funnel and stalled deals exact on a fixture; bad input and stale versions.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineEn, pipelineZh } from '../../src/web/i18n/ns-pipeline.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

type UserName = 'admin' | 'director' | 'kam1' | 'kam2' | 'service' | 'analyst';
let now = new Date('2026-11-23T06:00:00Z');
let t: TestApp;
const s = {} as Record<UserName, Session>;
let accountId: number;
let otherAccount: number;

interface Opp {
  id: number;
  stage: number;
  maxStage: number;
  status: string;
  probability: number;
  version: number;
  lostReason: string | null;
  winningCompetitor: string | null;
  closedOn: string | null;
  history: { fromStage: number | null; toStage: number; toStatus: string; overridden: boolean; reason: string | null; unmet: string[] }[];
}

function body<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}
const fieldsOf = (res: LightMyRequestResponse) => (res.json().error.details.fields as { field: string; code?: string }[]).map((f) => f.field);
const create = async (p: Record<string, unknown>, who: UserName = 'kam1') => body<Opp>(await t.call(s[who], 'POST', '/api/v1/opportunities', { accountId, ...p }), 201);
const move = (o: { id: number; version: number }, p: Record<string, unknown>, who: UserName = 'kam1') => t.call(s[who], 'POST', `/api/v1/opportunities/${o.id}/stage`, { version: o.version, ...p });

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  for (const u of ['admin', 'director', 'kam1', 'kam2', 'service', 'analyst'] as UserName[]) s[u] = await t.login(u);
  accountId = body<{ account: { id: number } }>(await t.call(s.director, 'POST', '/api/v1/accounts', { name: '中国石化浙江石油分公司', ownerId: s.kam1.userId }), 201).account.id;
  otherAccount = body<{ account: { id: number } }>(await t.call(s.director, 'POST', '/api/v1/accounts', { name: '宁波港集团', ownerId: s.kam2.userId }), 201).account.id;
});
afterAll(async () => {
  await t?.close();
});

describe('stage moves', () => {
  it('starts at 项目立项 with 5 % and refuses a move past unmet exit criteria', async () => {
    const o = await create({ name: '加油站物联网改造', amount: '1200000.00', expectedCloseDate: '2027-03-31', products: ['工业网关', '边缘服务器'] });
    expect([o.stage, o.status, o.probability, o.maxStage]).toEqual([1, 'open', 5, 1]);
    expect(o.history).toMatchObject([{ fromStage: null, toStage: 1, toStatus: 'open' }]);
    const refused = await move(o, { to: 2 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0]).toMatchObject({ field: 'to', code: 'criteria_unmet' });
    expect(refused.json().error.details.fields[0].reason).toContain('1:need_confirmed, 1:budget_known');
    // Meeting the criteria (PATCH milestones) lets it move without override.
    const withMilestones = body<Opp>(await t.call(s.kam1, 'PATCH', `/api/v1/opportunities/${o.id}`, { version: o.version, milestones: { 1: ['need_confirmed', 'budget_known'] } }), 200);
    const moved = body<Opp>(await move(withMilestones, { to: 2 }), 200);
    expect([moved.stage, moved.probability, moved.history.at(-1)!.overridden]).toEqual([2, 10, false]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'opportunity').where('entity_id', '=', String(o.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'stage_move']);
  });

  it('lets an override with a reason through, records the unmet criteria, and audits it as an override', async () => {
    const o = await create({ name: '油库安防', amount: '300000' });
    const moved = body<Opp>(await move(o, { to: 4, reason: '总经理已口头确认方案' }), 200);
    expect(moved.history.at(-1)).toMatchObject({ fromStage: 1, toStage: 4, overridden: true, reason: '总经理已口头确认方案', unmet: ['1:need_confirmed', '1:budget_known', '2:solution_presented', '2:decision_chain_mapped', '3:coach_developed', '3:decision_maker_met'] });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).where('entity', '=', 'opportunity').where('entity_id', '=', String(o.id)).where('action', '=', 'stage_override').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBe('kam1');
    expect((audit[0]!.after as { reason: string }).reason).toBe('总经理已口头确认方案');
    const tl = await t.db.selectFrom('timeline_events').select('kind').where('entity', '=', 'opportunity').where('entity_id', '=', String(o.id)).execute();
    expect(tl.map((e) => e.kind)).toEqual(['opportunity.created', 'opportunity.stage_changed']);
  });

  it('closes lost only with a reason and the winning competitor, and reopens only with a reason', async () => {
    const o = await create({ name: '管网巡检', amount: '80000' });
    const refused = await move(o, { to: 'lost' });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused)).toEqual(['lostReason', 'winningCompetitor']);
    expect(fieldsOf(await move(o, { to: 'lost', lostReason: '价格高' }))).toEqual(['winningCompetitor']);
    const lost = body<Opp>(await move(o, { to: 'lost', lostReason: '价格高出 15%', winningCompetitor: '华为' }), 200);
    expect([lost.status, lost.lostReason, lost.winningCompetitor, lost.closedOn, lost.stage]).toEqual(['lost', '价格高出 15%', '华为', '2026-11-23', 1]);
    expect(fieldsOf(await move(lost, { to: 1 }))).toEqual(['reason']);
    const reopened = body<Opp>(await move(lost, { to: 1, reason: '客户重新招标' }), 200);
    expect([reopened.status, reopened.closedOn, reopened.lostReason]).toEqual(['open', null, null]);
  });

  it('wins at 合同执行 (100 %) and 客户服务 counts 110 %', async () => {
    const o = await create({ name: '加油卡系统', amount: '50000', stage: 6 });
    const won = body<Opp>(await move(o, { to: 7, reason: '合同已盖章，系统未勾选' }), 200);
    expect([won.status, won.probability, won.closedOn]).toEqual(['won', 100, '2026-11-23']);
    const service = body<Opp>(await move(won, { to: 8, reason: '验收与回款未录入' }), 200);
    expect([service.status, service.probability]).toEqual(['won', 110]);
    expect(fieldsOf(await move(service, { to: 5 }))).toEqual(['reason']);
  });

  it('answers 409 to a stale version and 400 naming the field to bad input', async () => {
    const o = await create({ name: '储罐监测', amount: '1' });
    body(await t.call(s.kam1, 'PATCH', `/api/v1/opportunities/${o.id}`, { version: 1, amount: '2.50' }), 200);
    const stale = await move(o, { to: 2, reason: 'x' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE_VERSION']);
    const bad: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', amount: '-1' }, 'amount'],
      [{ name: 'x', amount: '1.234' }, 'amount'],
      [{ name: 'x', expectedCloseDate: '2027-02-30' }, 'expectedCloseDate'],
      [{ name: 'x', stage: 9 }, 'stage'],
      [{ name: 'x', probability: 250 }, 'probability'],
      [{ name: 'x', currency: 'rmb' }, 'currency'],
      [{ name: 'x', ownerId: s.analyst.userId }, 'ownerId'],
      [{ name: 'x', milestones: { 1: ['no_such_criterion'] } }, 'milestones'],
      [{ name: 'x', milestones: { 9: [] } }, 'milestones.9'],
    ];
    for (const [input, field] of bad) {
      const res = await t.call(s.kam1, 'POST', '/api/v1/opportunities', { accountId, ...input });
      expect(res.statusCode, JSON.stringify(input) + res.body).toBe(400);
      expect(fieldsOf(res).some((f) => f === field || f.startsWith(`${field}.`)), `${JSON.stringify(input)} → ${fieldsOf(res)}`).toBe(true);
    }
    expect(fieldsOf(await t.call(s.kam1, 'POST', `/api/v1/opportunities/${o.id}/stage`, { version: 2, to: 0 }))).toContain('to');
    // Out of scope: another team's account is "not visible" (400 on accountId), its opportunity 404.
    expect(fieldsOf(await t.call(s.kam1, 'POST', '/api/v1/opportunities', { accountId: otherAccount, name: 'x' }))).toEqual(['accountId']);
  });
});

describe('information points and competitors', () => {
  it('keeps the nine information points with status and notes (version 0 for unwritten ones)', async () => {
    const o = await create({ name: '智慧加油站', amount: '10' });
    const list = body<{ items: { point: number; status: string; version: number }[] }>(await t.call(s.kam1, 'GET', `/api/v1/opportunities/${o.id}/info-points`), 200).items;
    expect(list.map((p) => [p.point, p.status, p.version])).toEqual(Array.from({ length: 9 }, (_, i) => [i + 1, 'unknown', 0]));
    const after = body<{ items: { point: number; status: string; notes: string | null; version: number }[] }>(await t.call(s.kam1, 'PUT', `/api/v1/opportunities/${o.id}/info-points/5`, { version: 0, status: 'partial', notes: '预算 120 万已批' }), 200).items;
    expect(after[4]).toMatchObject({ point: 5, status: 'partial', notes: '预算 120 万已批', version: 1 });
    expect((await t.call(s.kam1, 'PUT', `/api/v1/opportunities/${o.id}/info-points/5`, { version: 0, status: 'known' })).statusCode).toBe(409);
    expect(fieldsOf(await t.call(s.kam1, 'PUT', `/api/v1/opportunities/${o.id}/info-points/10`, { version: 0, status: 'known' }))).toContain('params.point');
    expect((await t.call(s.service, 'PUT', `/api/v1/opportunities/${o.id}/info-points/1`, { version: 0, status: 'known' })).statusCode).toBe(403);
  });

  it('tracks competitors with strengths, weaknesses, threat and our outcome against each', async () => {
    const o = await create({ name: '油品溯源', amount: '10' });
    const c = body<{ id: number; version: number; threat: number }>(await t.call(s.kam1, 'POST', `/api/v1/opportunities/${o.id}/competitors`, { name: '华为', strengths: '品牌', weaknesses: '价格高', threat: 5 }), 201);
    const changed = body<{ outcome: string; version: number }>(await t.call(s.kam1, 'PATCH', `/api/v1/opportunities/${o.id}/competitors/${c.id}`, { version: c.version, outcome: 'won' }), 200);
    expect(changed.outcome).toBe('won');
    expect(fieldsOf(await t.call(s.kam1, 'POST', `/api/v1/opportunities/${o.id}/competitors`, { name: 'x', threat: 6 }))).toContain('threat');
    expect((await t.call(s.kam1, 'DELETE', `/api/v1/opportunities/${o.id}/competitors/${c.id}?version=1`)).statusCode).toBe(409);
    expect((await t.call(s.kam1, 'DELETE', `/api/v1/opportunities/${o.id}/competitors/${c.id}?version=2`)).statusCode).toBe(204);
  });
});

describe('win/loss against each competitor', () => {
  it('adds up our outcome against each competitor over the opportunities, names matched ignoring case, with the lost deals they won', async () => {
    const acc = body<{ account: { id: number } }>(await t.call(s.director, 'POST', '/api/v1/accounts', { name: '杭州地铁集团', ownerId: s.kam1.userId }), 201).account.id;
    const opp = (name: string) => create({ accountId: acc, name, amount: '100' });
    const rival = async (o: { id: number }, name: string, outcome: string, threat: number) =>
      body(await t.call(s.kam1, 'POST', `/api/v1/opportunities/${o.id}/competitors`, { name, outcome, threat }), 201);
    const o1 = await opp('票务系统');
    await rival(o1, '华为', 'won', 5);
    await rival(o1, '中兴', 'lost', 3);
    const o2 = await opp('乘客信息系统');
    await rival(o2, '华为', 'lost', 4);
    await rival(o2, 'cisco', 'won', 4);
    body(await move(o2, { to: 'lost', lostReason: '技术方案不占优', winningCompetitor: '华为' }), 200);
    const o3 = await opp('车地无线');
    await rival(o3, 'Cisco', 'pending', 2);
    body(await move(o3, { to: 'lost', lostReason: '价格', winningCompetitor: '新华三' }), 200);

    const res = body<{ items: unknown[] }>(await t.call(s.kam1, 'GET', `/api/v1/pipeline/competitors?accountId=${acc}`), 200);
    // Most decided encounters (won + lost + lost deals they won) first, then most opportunities.
    expect(res.items).toEqual([
      { name: '华为', opportunities: 2, winRate: { won: 1, lost: 1, rate: 0.5 }, pending: 0, averageThreat: '4.5', lostDealsTo: 1 },
      { name: 'Cisco', opportunities: 2, winRate: { won: 1, lost: 0, rate: 1 }, pending: 1, averageThreat: '3.0', lostDealsTo: 0 },
      { name: '中兴', opportunities: 1, winRate: { won: 0, lost: 1, rate: 0 }, pending: 0, averageThreat: '3.0', lostDealsTo: 0 },
      { name: '新华三', opportunities: 0, winRate: { won: 0, lost: 0, rate: null }, pending: 0, averageThreat: null, lostDealsTo: 1 },
    ]);
    // Someone who does not see the account counts none of it.
    const sponsor2 = await t.login('sponsor2');
    expect(body<{ items: unknown[] }>(await t.call(sponsor2, 'GET', `/api/v1/pipeline/competitors?accountId=${acc}`), 200).items).toEqual([]);
    expect(fieldsOf(await t.call(s.kam1, 'GET', '/api/v1/pipeline/competitors?limit=0'))).toEqual(['querystring.limit']);
  });
});

describe('stage definitions', () => {
  it('ship exit criteria that the web app words in both languages', async () => {
    // The web shows a shipped criterion in the UI language while its label is the shipped one
    // (src/web/pipeline/labels.tsx): the zh-CN catalogue must hold exactly the shipped labels.
    const stages = body<{ items: { exitCriteria: { key: string; label: string }[] }[] }>(await t.call(s.kam1, 'GET', '/api/v1/pipeline/stages'), 200).items;
    const shipped = Object.fromEntries(stages.flatMap((x) => x.exitCriteria.map((c) => [c.key, c.label])));
    expect(shipped).toEqual(pipelineZh.criteria);
    expect(Object.keys(pipelineEn.criteria).sort()).toEqual(Object.keys(shipped).sort());
  });

  it('are configured by an admin only, audited, and keep probabilities non-decreasing', async () => {
    const stages = body<{ items: { stage: number; probability: number; version: number }[] }>(await t.call(s.kam1, 'GET', '/api/v1/pipeline/stages'), 200).items;
    expect(stages.map((x) => x.probability)).toEqual([5, 10, 30, 40, 70, 75, 100, 110]);
    expect((await t.call(s.director, 'PUT', '/api/v1/pipeline/stages', { stages: [{ stage: 3, version: 1, probability: 25 }] })).statusCode).toBe(403);
    const bad = await t.call(s.admin, 'PUT', '/api/v1/pipeline/stages', { stages: [{ stage: 3, version: 1, probability: 8 }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['stages.0.probability']);
    const ok = body<{ items: { stage: number; probability: number }[] }>(await t.call(s.admin, 'PUT', '/api/v1/pipeline/stages', { stages: [{ stage: 3, version: 1, probability: 25 }] }), 200);
    expect(ok.items[2]!.probability).toBe(25);
    expect((await t.call(s.admin, 'PUT', '/api/v1/pipeline/stages', { stages: [{ stage: 3, version: 1, probability: 30 }] })).statusCode).toBe(409);
    body(await t.call(s.admin, 'PUT', '/api/v1/pipeline/stages', { stages: [{ stage: 3, version: 2, probability: 30 }] }), 200);
    expect(await t.db.selectFrom('audit_log').select('actor_name').where('entity', '=', 'pipeline_stage').execute()).toEqual([{ actor_name: 'admin' }, { actor_name: 'admin' }]);
  });
});

describe('forecast, metrics, funnel and stalled deals on a fixture', () => {
  let acc: number;
  beforeAll(async () => {
    acc = body<{ account: { id: number } }>(await t.call(s.director, 'POST', '/api/v1/accounts', { name: '预测测试客户', ownerId: s.kam2.userId }), 201).account.id;
    const ins = (name: string, amount: string, stage: number, close: string | null, status: 'open' | 'won' | 'lost', extra: Record<string, unknown> = {}) =>
      t.db
        .insertInto('opportunities')
        .values({ account_id: acc, name, amount, stage, max_stage: (extra.max_stage as number) ?? stage, expected_close_date: close, owner_id: s.kam2.userId, status, lost_reason: status === 'lost' ? '价格' : null, opened_on: (extra.opened_on as string) ?? '2026-01-01', closed_on: (extra.closed_on as string) ?? null, stage_entered_at: (extra.entered as string) ?? '2026-11-20T00:00:00Z', probability: (extra.probability as number) ?? null })
        .execute();
    // Open: 100,000 × 30 % (stage 3) + 55,555.55 × 75 % (stage 6) + 1,000.01 × 5 % (stage 1, entered 2026-09-01: stalled)
    await ins('A', '100000.00', 3, '2026-12-15', 'open');
    await ins('B', '55555.55', 6, '2026-12-31', 'open');
    await ins('C', '1000.01', 1, '2027-01-10', 'open', { entered: '2026-09-01T00:00:00Z' });
    // Won: 10 and 20 days; lost: 2 (reached 2 and 4)
    await ins('W1', '7000.00', 7, null, 'won', { opened_on: '2026-03-01', closed_on: '2026-03-11' });
    await ins('W2', '3000.00', 8, null, 'won', { opened_on: '2026-03-01', closed_on: '2026-03-21' });
    await ins('L1', '9999.00', 2, null, 'lost', { closed_on: '2026-05-01' });
    await ins('L2', '8888.00', 2, null, 'lost', { max_stage: 4, closed_on: '2026-05-01' });
  });

  it('forecasts Σ amount × probability of open opportunities by month, quarter, owner and tier', async () => {
    const f = body<{ total: unknown; byMonth: unknown[]; byQuarter: unknown[]; byOwner: { key: string; name: string | null; weighted: string }[]; byTier: unknown[] }>(await t.call(s.kam2, 'GET', `/api/v1/pipeline/forecast?accountId=${acc}`), 200);
    // 30,000 + 41,666.6625 + 50.0005 = 71,716.663 → 71,716.66
    expect(f.total).toEqual({ key: 'total', count: 3, amount: '156555.56', weighted: '71716.66' });
    expect(f.byMonth).toEqual([
      { key: '2026-12', count: 2, amount: '155555.55', weighted: '71666.66' },
      { key: '2027-01', count: 1, amount: '1000.01', weighted: '50.00' },
    ]);
    expect(f.byQuarter).toEqual([
      { key: '2026-Q4', count: 2, amount: '155555.55', weighted: '71666.66' },
      { key: '2027-Q1', count: 1, amount: '1000.01', weighted: '50.00' },
    ]);
    expect(f.byOwner).toEqual([{ key: String(s.kam2.userId), name: '张经理', count: 3, amount: '156555.56', weighted: '71716.66' }]);
    expect(f.byTier).toEqual([{ key: 'none', count: 3, amount: '156555.56', weighted: '71716.66' }]);
    // The chart's stacks: each period by owner (and by tier), exact per cell.
    const split = (f as unknown as { split: Record<'month' | 'quarter', Record<'owner' | 'tier', unknown[]>> }).split;
    expect(split.month.owner).toEqual([
      { period: '2026-12', key: String(s.kam2.userId), count: 2, amount: '155555.55', weighted: '71666.66' },
      { period: '2027-01', key: String(s.kam2.userId), count: 1, amount: '1000.01', weighted: '50.00' },
    ]);
    expect(split.quarter.tier).toEqual([
      { period: '2026-Q4', key: 'none', count: 2, amount: '155555.55', weighted: '71666.66' },
      { period: '2027-Q1', key: 'none', count: 1, amount: '1000.01', weighted: '50.00' },
    ]);
    // kam1 does not see kam2's account: nothing.
    expect(body<{ total: { count: number } }>(await t.call(s.kam1, 'GET', `/api/v1/pipeline/forecast?accountId=${acc}`), 200).total.count).toBe(0);
  });

  it('computes win rate, won value and cycle time', async () => {
    const m = body<Record<string, unknown>>(await t.call(s.analyst, 'GET', `/api/v1/pipeline/metrics?accountId=${acc}`), 200);
    expect(m).toEqual({ winRate: { won: 2, lost: 2, rate: 0.5 }, won: 2, lost: 2, open: 3, wonValue: '10000.00', openValue: '156555.56', cycleTime: { count: 2, meanDays: 15, medianDays: 15 } });
  });

  it('builds the stage-to-stage funnel from the furthest stage reached', async () => {
    const f = body<{ steps: { stage: number; reached: number; conversion: number | null }[] }>(await t.call(s.kam2, 'GET', `/api/v1/pipeline/funnel?accountId=${acc}`), 200);
    // max stages: 3, 6, 1, 7, 8, 2, 4 → reached 1:7 2:6 3:5 4:4 5:3 6:3 7:2 8:1
    expect(f.steps.map((x) => [x.stage, x.reached, x.conversion])).toEqual([
      [1, 7, 0.8571],
      [2, 6, 0.8333],
      [3, 5, 0.8],
      [4, 4, 0.75],
      [5, 3, 1],
      [6, 3, 0.6667],
      [7, 2, 0.5],
      [8, 1, null],
    ]);
  });

  it('lists stalled deals: open, no stage change in N days', async () => {
    const st = body<{ items: { name: string; daysInStage: number }[] }>(await t.call(s.kam2, 'GET', `/api/v1/pipeline/stalled?accountId=${acc}&days=30`), 200);
    expect(st.items.map((i) => [i.name, i.daysInStage])).toEqual([['C', 83]]);
    expect(body<{ items: unknown[] }>(await t.call(s.kam2, 'GET', `/api/v1/pipeline/stalled?accountId=${acc}&days=2`), 200).items).toHaveLength(3);
    expect(fieldsOf(await t.call(s.kam2, 'GET', '/api/v1/pipeline/stalled?days=0'))).toContain('querystring.days');
    now = new Date('2026-11-23T06:00:00Z');
  });
});

describe('the opportunity list: sorting and the tier filter (web list and board)', () => {
  it('pages by a sort key with a keyset cursor and filters by the account tier', async () => {
    const acc = body<{ account: { id: number } }>(await t.call(s.director, 'POST', '/api/v1/accounts', { name: '排序测试客户', ownerId: s.kam1.userId }), 201).account.id;
    const mk = async (name: string, amount: string, expectedCloseDate: string | null) => body<Opp & { name: string }>(await t.call(s.kam1, 'POST', '/api/v1/opportunities', { accountId: acc, name, amount, expectedCloseDate }), 201);
    await mk('甲', '300.00', '2027-02-01');
    await mk('乙', '100.00', null);
    await mk('丙', '200.00', '2027-01-01');
    type ListPage = { items: { name: string; accountId: number }[]; nextCursor: string | null };
    const list = async (q: string) => body<ListPage>(await t.call(s.kam1, 'GET', `/api/v1/opportunities?accountId=${acc}&${q}`), 200);
    const p1 = await list('sort=-amount&limit=2');
    expect(p1.items.map((o) => o.name)).toEqual(['甲', '丙']);
    const p2 = await list(`sort=-amount&limit=2&cursor=${p1.nextCursor}`);
    expect([p2.items.map((o) => o.name), p2.nextCursor]).toEqual([['乙'], null]);
    // No expected close date sorts last, ascending and in the next page alike.
    expect((await list('sort=expectedCloseDate')).items.map((o) => o.name)).toEqual(['丙', '甲', '乙']);
    const d1 = await list('sort=expectedCloseDate&limit=1');
    expect((await list(`sort=expectedCloseDate&limit=5&cursor=${d1.nextCursor}`)).items.map((o) => o.name)).toEqual(['甲', '乙']);
    expect((await t.call(s.kam1, 'GET', '/api/v1/opportunities?sort=probability')).statusCode).toBe(400);
    // Tier: the account's override (else computed) tier.
    await t.db.insertInto('tier_overrides').values({ account_id: acc, tier: 1, reason: '测试', set_by: s.director.userId }).execute();
    const tier1 = body<ListPage>(await t.call(s.director, 'GET', '/api/v1/opportunities?tier=1&limit=100'), 200);
    expect([tier1.items.length, new Set(tier1.items.map((o) => o.accountId))]).toEqual([3, new Set([acc])]);
    expect((await list('tier=2')).items).toEqual([]);
  });
});

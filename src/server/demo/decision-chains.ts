// Demo decision chains and pipeline: for active accounts with an owner (the first MAP_ACCOUNTS by
// id), a relationship map — the account's contacts plus generated people, an org chart
// (reports-to, a hidden line now and then), influence arrows, plausible attitudes and last
// contacts — and for the first PIPELINE_ACCOUNTS, 1–3 opportunities across the eight stages with
// their stage history, milestones, information points and competitors. Deterministic: one seeded
// stream per account (createRandom(seed ^ account id)) and dates relative to `now`.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit } from '../audit/audit-log.js';
import { addDays, daysBetween, localDate } from '../orders/rules/dates.js';
import { createRandom, type Random } from './random.js';
import { person } from './names.js';
import { SEED_CONTEXT } from './seed.js';

export const MAP_ACCOUNTS = 60;
export const PIPELINE_ACCOUNTS = 300;
const SEED = 0x5eed_c4c5;

const TITLES = {
  top: ['总经理', '董事长', '总裁', '副总经理'],
  mid: ['信息技术部主任', '采购部经理', '财务总监', '生产部部长', '运营总监', '网络部经理'],
  low: ['工程师', '采购专员', '系统管理员', '项目经理', '业务主管'],
} as const;
const PRODUCTS = ['工业网关', '边缘服务器', '专线接入', '云主机', '视频监控平台', '物联网卡', '数据中心托管', '安全运维服务'];
const COMPETITORS = ['华为', '中兴通讯', '新华三', '浪潮', '阿里云', '腾讯云', '神州数码'];
const ATTITUDES = [['coach', 1], ['ally', 2], ['supporter', 4], ['neutral', 4], ['opponent', 2]] as const;

interface PersonRow {
  account_id: number;
  contact_id: number | null;
  name: string;
  title: string;
  buying_role: 'decision_maker' | 'technical_evaluator' | 'user' | 'influencer' | 'gatekeeper' | null;
  attitude: 'coach' | 'ally' | 'supporter' | 'neutral' | 'opponent';
  attitude_kind: 'skeptic' | 'misunderstanding' | 'regressor' | null;
  influence: number;
  relationship_level: number;
  personal_needs: string | null;
  interests: string | null;
  last_contact_date: string | null;
  source: 'demo';
}

/** People of one account's map (the first is the top decision maker) and links by index: [from, to, kind, hidden]. */
export function generateMap(rng: Random, accountId: number, contacts: readonly { id: number; name: string; title: string | null }[], today: string) {
  const size = rng.int(5, 9);
  const people: PersonRow[] = [];
  for (let i = 0; i < size; i++) {
    const c = contacts[i];
    const level = i === 0 ? 'top' : i < 3 ? 'mid' : 'low';
    const attitude = i === 0 ? rng.pick(['supporter', 'neutral', 'neutral', 'opponent'] as const) : rng.weighted(ATTITUDES);
    const kind = attitude === 'neutral' || attitude === 'opponent' ? (rng.chance(0.4) ? rng.pick(['skeptic', 'misunderstanding', 'regressor'] as const) : null) : null;
    people.push({
      account_id: accountId,
      contact_id: c?.id ?? null,
      name: c?.name ?? person(rng).name,
      title: c?.title ?? rng.pick(TITLES[level]),
      buying_role: i === 0 ? 'decision_maker' : level === 'mid' ? rng.pick(['technical_evaluator', 'influencer', 'gatekeeper'] as const) : rng.pick(['user', 'influencer', null] as const),
      attitude,
      attitude_kind: kind,
      influence: level === 'top' ? rng.int(8, 10) : level === 'mid' ? rng.int(5, 8) : rng.int(1, 5),
      relationship_level: attitude === 'coach' ? rng.int(5, 6) : attitude === 'ally' ? rng.int(4, 5) : attitude === 'opponent' ? rng.int(1, 2) : rng.int(2, 4),
      personal_needs: rng.chance(0.5) ? rng.pick(['希望项目成为部门亮点', '关注成本下降', '重视系统稳定与安全', '希望减少加班', '看重厂商服务响应']) : null,
      interests: rng.chance(0.4) ? rng.pick(['羽毛球', '钓鱼', '茶道', '马拉松', '摄影', '书法']) : null,
      last_contact_date: rng.chance(0.9) ? addDays(today, -rng.int(2, i === 0 ? 120 : 200)) : null,
      source: 'demo',
    });
  }
  const links: [number, number, 'reports_to' | 'influences', boolean][] = [];
  // Org chart: the middle reports to the top, the rest to a middle manager (a tree: no cycles).
  for (let i = 1; i < size; i++) links.push([i, i < 3 ? 0 : rng.int(1, 2), 'reports_to', false]);
  // The hidden organisation: someone below has the top's ear.
  if (size > 4 && rng.chance(0.5)) links.push([rng.int(3, size - 1), 0, 'reports_to', true]);
  for (let k = rng.int(1, 3); k > 0; k--) {
    const a = rng.int(0, size - 1);
    const b = rng.int(0, size - 1);
    if (a !== b && !links.some(([f, t, kind]) => f === a && t === b && kind === 'influences')) links.push([a, b, 'influences', false]);
  }
  return { people, links };
}

export function generateOpportunities(rng: Random, accountId: number, ownerId: number, today: string) {
  const out = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    const closed = rng.chance(0.35);
    const won = closed && rng.chance(0.6);
    const stage = won ? rng.pick([7, 7, 8]) : closed ? rng.int(2, 5) : rng.weighted([[1, 3], [2, 3], [3, 3], [4, 2], [5, 2], [6, 1]] as const);
    const opened = addDays(today, -rng.int(closed ? 120 : 20, 400));
    const enteredDaysAgo = rng.int(1, 75);
    const products = rng.sample(PRODUCTS, rng.int(1, 3));
    const milestones: Record<string, string[]> = {};
    // A lost deal was lost to one of the rivals it faced (the product asks for the winner), who was
    // the biggest threat on it; won and open deals face none to two rivals.
    const lost = closed && !won;
    const rivals = rng.sample(COMPETITORS, rng.int(lost ? 1 : 0, 2));
    const winner = lost ? rng.pick(rivals) : null;
    out.push({
      row: {
        account_id: accountId,
        name: `${products[0]}${rng.pick(['升级项目', '扩容项目', '新建项目', '框架采购', '试点项目'])}`,
        amount: `${rng.int(5, 500) * 10000}.00`,
        currency: 'CNY',
        expected_close_date: closed ? null : addDays(today, rng.int(10, 240)),
        owner_id: ownerId,
        stage,
        max_stage: stage,
        status: won ? ('won' as const) : closed ? ('lost' as const) : ('open' as const),
        products,
        lost_reason: lost ? rng.pick(['价格高于对手', '技术方案未入围', '商务关系不及对手', '关系覆盖不足']) : null,
        winning_competitor: winner,
        opened_on: opened,
        closed_on: closed ? addDays(today, -rng.int(1, 100)) : null,
        stage_entered_at: new Date(`${addDays(today, -enteredDaysAgo)}T02:00:00Z`),
        milestones: JSON.stringify(milestones),
        source: 'demo' as const,
      },
      competitors: rivals.map((name) => ({ name, strengths: rng.pick(['品牌影响力强', '价格低', '本地服务团队大']), weaknesses: rng.pick(['交付周期长', '定制能力弱', '售后响应慢']), threat: name === winner ? 5 : rng.int(2, 4) })),
      infoKnown: rng.int(0, 9),
    });
  }
  return out;
}

export async function seedDecisionChains(db: Kysely<DB>, opts: { now: Date; timezone?: string }): Promise<{ maps: number; stakeholders: number; opportunities: number }> {
  const today = localDate(opts.now, opts.timezone ?? 'Asia/Shanghai');
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'owner_id'])
    .where('owner_id', 'is not', null)
    .where('lifecycle_status', '=', 'active')
    // Accounts that have neither a map nor opportunities yet: running it again adds nothing twice.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('stakeholders').select('id').whereRef('stakeholders.account_id', '=', 'accounts.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('opportunities').select('id').whereRef('opportunities.account_id', '=', 'accounts.id'))))
    .orderBy('id')
    .limit(PIPELINE_ACCOUNTS)
    .execute();
  const out = { maps: 0, stakeholders: 0, opportunities: 0 };
  await db.transaction().execute(async (trx) => {
    for (const [i, acc] of accounts.entries()) {
      const rng = createRandom((SEED ^ acc.id) >>> 0);
      if (i < MAP_ACCOUNTS) {
        const contacts = await trx.selectFrom('contacts').select(['id', 'name', 'title']).where('account_id', '=', acc.id).orderBy('id').limit(4).execute();
        const map = generateMap(rng.fork(1), acc.id, contacts, today);
        const ids = (await trx.insertInto('stakeholders').values(map.people).returning('id').execute()).map((r) => r.id);
        await trx.insertInto('stakeholder_coverers').values(ids.slice(0, 3).map((id) => ({ stakeholder_id: id, user_id: acc.owner_id! }))).execute();
        await trx
          .insertInto('stakeholder_links')
          .values(map.links.map(([f, t, kind, hidden]) => ({ account_id: acc.id, from_id: ids[f]!, to_id: ids[t]!, kind, hidden })))
          .onConflict((oc) => oc.columns(['from_id', 'to_id', 'kind']).doNothing())
          .execute();
        out.maps++;
        out.stakeholders += ids.length;
      }
      for (const o of generateOpportunities(rng.fork(2), acc.id, acc.owner_id!, today)) {
        const row = await trx.insertInto('opportunities').values(o.row).returning(['id', 'stage', 'status']).executeTakeFirstOrThrow();
        const history = [];
        // Stage entries spread evenly from the opening to today (or to the close).
        const step = Math.max(1, Math.floor(daysBetween(o.row.opened_on, o.row.closed_on ?? today) / (row.stage + 1)));
        for (let s = 1; s <= row.stage; s++) history.push({ opportunity_id: row.id, from_stage: s === 1 ? null : s - 1, to_stage: s, to_status: s >= 7 ? ('won' as const) : ('open' as const), at: new Date(`${addDays(o.row.opened_on, (s - 1) * step)}T02:00:00Z`) });
        if (row.status === 'lost') history.push({ opportunity_id: row.id, from_stage: row.stage, to_stage: row.stage, to_status: 'lost' as const, at: new Date(`${o.row.closed_on}T02:00:00Z`) });
        await trx.insertInto('opportunity_stage_history').values(history).execute();
        if (o.competitors.length) await trx.insertInto('opportunity_competitors').values(o.competitors.map((c) => ({ opportunity_id: row.id, ...c, outcome: row.status === 'won' ? ('won' as const) : row.status === 'lost' ? ('lost' as const) : ('pending' as const) }))).execute();
        if (o.infoKnown) await trx.insertInto('opportunity_info_points').values(Array.from({ length: o.infoKnown }, (_, k) => ({ opportunity_id: row.id, point: k + 1, status: k % 3 === 2 ? ('partial' as const) : ('known' as const) }))).execute();
        out.opportunities++;
      }
    }
    await recordAudit(trx, SEED_CONTEXT, { action: 'seed', entity: 'decision_chain', entityId: null, after: out });
  });
  return out;
}

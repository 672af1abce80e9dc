// `kam bench` scenario relationship-map: the decision chain of a 200-person account over HTTP
// (GET /api/v1/accounts/:id/relationship-map: people, links, measures) against the SQL that very
// request ran (recorded, then replayed on the same database — session lookup included), p50/p99.
// The 200-person map is made once, deterministically, on an active account with an owner.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { createRandom } from '../demo/random.js';
import { generateMap } from '../demo/decision-chains.js';
import { localDate } from '../orders/rules/dates.js';
import { WorkerHttpClient } from './http-client.js';
import type { SqlRecorder } from './account-detail-bench.js';
import { startFloorServer } from './floor-server.js';
import { paired, type Stats } from './stats.js';

export const MAP_PEOPLE = 200;

export interface RelationshipMapResult {
  accountId: number;
  people: number;
  links: number;
  queries: number;
  api: Stats;
  sql: Stats;
  ratioP50: number;
  ratioP99: number;
  /** A bare server running the same statements and compressing the same way, against the same SQL. */
  floor: Stats;
  floorSql: Stats;
  floorRatioP50: number;
  /** KAM's API ÷ the floor, p50: KAM's own overhead. */
  apiOverFloorP50: number;
}

/** The account with a 200-person map: made the first time (people in groups of up to 9, each an org chart under a top manager). */
async function ensureBigMap(db: Kysely<DB>): Promise<{ accountId: number; people: number; links: number }> {
  const account = await db.selectFrom('accounts').select(['id', 'owner_id']).where('owner_id', 'is not', null).where('lifecycle_status', '=', 'active').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const count = async () =>
    Number((await db.selectFrom('stakeholders').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', account.id).executeTakeFirstOrThrow()).n);
  let have = await count();
  const today = localDate(new Date(), 'Asia/Shanghai');
  let group = 0;
  const rng = createRandom(0x200_0000 ^ account.id);
  await db.transaction().execute(async (trx) => {
    let top: number | null = (await trx.selectFrom('stakeholders').select('id').where('account_id', '=', account.id).where('buying_role', '=', 'decision_maker').orderBy('influence', 'desc').limit(1).executeTakeFirst())?.id ?? null;
    while (have < MAP_PEOPLE) {
      const map = generateMap(rng.fork(++group), account.id, [], today);
      const people = map.people.slice(0, MAP_PEOPLE - have).map((p, i) => (top !== null && i === 0 ? { ...p, buying_role: 'influencer' as const, influence: Math.min(p.influence, 7) } : p));
      const ids = (await trx.insertInto('stakeholders').values(people).returning('id').execute()).map((r) => r.id);
      const links = map.links.filter(([f, t]) => f < ids.length && t < ids.length).map(([f, t, kind, hidden]) => ({ account_id: account.id, from_id: ids[f]!, to_id: ids[t]!, kind, hidden }));
      // Each group's head reports to the company's top decision maker: one org chart, no cycles.
      if (top !== null) links.push({ account_id: account.id, from_id: ids[0]!, to_id: top, kind: 'reports_to', hidden: false });
      else top = ids[0]!;
      if (links.length) await trx.insertInto('stakeholder_links').values(links).onConflict((oc) => oc.columns(['from_id', 'to_id', 'kind']).doNothing()).execute();
      await trx.insertInto('stakeholder_coverers').values({ stakeholder_id: ids[0]!, user_id: account.owner_id! }).onConflict((oc) => oc.doNothing()).execute();
      have += ids.length;
    }
  });
  const links = Number((await db.selectFrom('stakeholder_links').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', account.id).executeTakeFirstOrThrow()).n);
  return { accountId: account.id, people: await count(), links };
}

export async function relationshipMapBench(opts: { baseUrl: string; db: Kysely<DB>; recorder: SqlRecorder; password: string; iterations: number; log: (line: string) => void }): Promise<RelationshipMapResult> {
  const { db } = opts;
  const big = await ensureBigMap(db);
  const url = `/api/v1/accounts/${big.accountId}/relationship-map`;
  const login = await fetch(`${opts.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'director', password: opts.password }) });
  if (!login.ok) throw new Error(`bench: cannot log in as director: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const client = new WorkerHttpClient();
  try {
    const api = async () => {
      const res = await client.get(`${opts.baseUrl}${url}`, { cookie });
      if (res.status !== 200) throw new Error(`bench: ${url} → ${res.status} ${res.text}`);
      return res.ms;
    };
    // Checked once outside the timing (the timing client does not keep bodies).
    const first = await fetch(`${opts.baseUrl}${url}`, { headers: { cookie } });
    const body = (await first.json()) as { nodes: unknown[]; links: unknown[] };
    if (body.nodes.length !== big.people) throw new Error(`bench: the map has ${body.nodes.length} people, expected ${big.people}`);
    const statements = await opts.recorder.record(db, async () => {
      await api();
    });
    if (statements.length === 0) throw new Error(`bench: recorded no SQL for ${url}`);
    const raw = async () => {
      for (const q of statements) await db.executeQuery(q);
    };
    const { subject, baseline } = await paired(api, raw, opts.iterations, { subjectTimesItself: true, warmup: Math.min(20, opts.iterations) });
    const floorServer = await startFloorServer(db, statements);
    let floor: Awaited<ReturnType<typeof paired>>;
    try {
      const bare = async () => {
        const res = await client.get(floorServer.url, {});
        if (res.status !== 200) throw new Error(`bench: the floor server answered ${res.status} ${res.text}`);
        return res.ms;
      };
      floor = await paired(bare, raw, opts.iterations, { subjectTimesItself: true, warmup: Math.min(20, opts.iterations) });
    } finally {
      await floorServer.close();
    }
    const r: RelationshipMapResult = {
      ...big,
      queries: statements.length,
      api: subject,
      sql: baseline,
      ratioP50: subject.p50 / baseline.p50,
      ratioP99: subject.p99 / baseline.p99,
      floor: floor.subject,
      floorSql: floor.baseline,
      floorRatioP50: floor.subject.p50 / floor.baseline.p50,
      apiOverFloorP50: subject.p50 / floor.subject.p50,
    };
    opts.log(
      `relationship map (${big.people} people, ${big.links} links) api p50 ${subject.p50.toFixed(2)} ms p99 ${subject.p99.toFixed(2)} ms | sql (${statements.length} statements) p50 ${baseline.p50.toFixed(2)} ms p99 ${baseline.p99.toFixed(2)} ms | ratio p50 ${r.ratioP50.toFixed(2)} p99 ${r.ratioP99.toFixed(2)}`,
    );
    opts.log(
      `  floor (bare node:http, same statements, same compression) p50 ${floor.subject.p50.toFixed(2)} ms | sql p50 ${floor.baseline.p50.toFixed(2)} ms | floor ratio p50 ${r.floorRatioP50.toFixed(2)} | api ÷ floor p50 ${r.apiOverFloorP50.toFixed(2)}`,
    );
    return r;
  } finally {
    await client.close();
  }
}

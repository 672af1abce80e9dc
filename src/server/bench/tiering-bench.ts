// Tiering: the recompute (scoring SQL into a temporary table, timeline events for changed tiers,
// replace the results, all in one transaction) against the bare scoring SELECT it runs, in the
// same run; and API reads (pyramid, an account's tier) while a recompute runs vs idle.
// On PGlite — one connection — reads wait for the recompute's transaction: that is reported,
// not hidden. PostgreSQL serves them from the old results while the new ones are written.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import { resultsRepository } from '../tiering/results-repository.js';
import { paramsOf } from '../tiering/service.js';
import { tieringRepository } from '../tiering/repository.js';
import { WorkerHttpClient } from './http-client.js';
import { summarise, timeIt, type Stats } from './stats.js';

const BENCH_CONTEXT = { actor: { id: 0, username: 'system:bench', displayName: '基准测试', role: 'admin' as const, teamId: null } };

export interface TieringBenchResult {
  accounts: number;
  scored: number;
  bareSql: Stats;
  recompute: Stats;
  ratioP50: number;
  reads: { idle: Stats; duringRecompute: Stats; ratioP99: number; urls: string[] };
}

export async function tieringBench(opts: { services: Services; db: Kysely<DB>; baseUrl: string; password: string; iterations: number; log: (l: string) => void }): Promise<TieringBenchResult> {
  const { services, db, log } = opts;
  const model = await tieringRepository(db).publishedModel();
  if (!model) throw new Error('bench: no published scoring model');
  const params = paramsOf(model);
  const asOf = services.tiering.today();
  const results = resultsRepository(db);
  const runs = Math.max(2, Math.min(opts.iterations, 5));

  log(`\ntiering: recompute vs the bare scoring SQL (${runs} runs each, interleaved)`);
  // Warm-up: one of each (the first recompute also fills tier_results).
  let last = await services.tiering.recompute(BENCH_CONTEXT, { trigger: 'cli', asOf });
  await results.bareScoring(params, asOf);
  const bare: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await timeIt(() => results.bareScoring(params, asOf)));
    full.push(await timeIt(async () => (last = await services.tiering.recompute(BENCH_CONTEXT, { trigger: 'cli', asOf }))));
    log(`  run ${i + 1}: bare SQL ${(bare[i]! / 1000).toFixed(2)} s, recompute ${(full[i]! / 1000).toFixed(2)} s`);
  }
  const bareSql = summarise(bare);
  const recompute = summarise(full);

  // Reads: log in as the director, time the pyramid and one account's tier, idle and during a recompute.
  const res = await fetch(`${opts.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'director', password: opts.password }) });
  if (!res.ok) throw new Error(`bench: cannot log in as director: ${res.status}`);
  const cookie = /kam_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const sample = await db.selectFrom('tier_results').select('account_id').where('insufficient_data', '=', false).orderBy('account_id').limit(1).executeTakeFirstOrThrow();
  const urls = [`${opts.baseUrl}/api/v1/tiering/pyramid`, `${opts.baseUrl}/api/v1/accounts/${sample.account_id}/tier`];
  const client = new WorkerHttpClient();
  try {
    const read = async (i: number) => {
      const r = await client.get(urls[i % urls.length]!, { cookie });
      if (r.status !== 200) throw new Error(`bench: ${urls[i % urls.length]} answered ${r.status} ${r.text}`);
      return r.ms;
    };
    for (let i = 0; i < 10; i++) await read(i);
    const idle: number[] = [];
    for (let i = 0; i < Math.max(40, opts.iterations * 2); i++) idle.push(await read(i));
    const during: number[] = [];
    let done = false;
    const rc = services.tiering.recompute(BENCH_CONTEXT, { trigger: 'cli', asOf }).finally(() => (done = true));
    for (let i = 0; !done; i++) during.push(await read(i));
    last = await rc;
    const idleStats = summarise(idle);
    const duringStats = summarise(during);
    const r: TieringBenchResult = {
      accounts: last.accounts,
      scored: last.scored,
      bareSql,
      recompute,
      ratioP50: recompute.p50 / Math.max(bareSql.p50, 1e-9),
      reads: { idle: idleStats, duringRecompute: duringStats, ratioP99: duringStats.p99 / Math.max(idleStats.p99, 1e-9), urls: urls.map((u) => u.replace(opts.baseUrl, '')) },
    };
    log(`  recompute p50 ${(recompute.p50 / 1000).toFixed(2)} s vs bare SQL ${(bareSql.p50 / 1000).toFixed(2)} s: ×${r.ratioP50.toFixed(2)} (target ≤ 1.5)`);
    log(`  reads p99 idle ${idleStats.p99.toFixed(1)} ms, during a recompute ${duringStats.p99.toFixed(1)} ms (${during.length} reads): ×${r.reads.ratioP99.toFixed(2)} (target ≤ 2)`);
    return r;
  } finally {
    await client.close();
  }
}

// Tiering: the recompute (one statement scoring the base and upserting the results that changed,
// timeline events for changed tiers, all in one transaction) against the bare scoring SELECT it
// runs, in the same run; and API reads (pyramid, an account's tier) while a recompute runs vs idle.
// PostgreSQL serves reads from the old results while the new ones are written; on PGlite (one
// connection) the recompute leaves gaps between its statements for them (see results-repository).
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
  /** Median of the per-pair ratios (recompute ÷ the bare SQL run just before it): steadier under load. */
  ratioPairsMedian: number;
  /** Result rows each recompute rewrote (rows whose figures changed). */
  rowsWritten: number[];
  reads: { idle: Stats; duringRecompute: Stats; recomputes: number; ratioP99: number; urls: string[] };
}

export async function tieringBench(opts: { services: Services; db: Kysely<DB>; baseUrl: string; password: string; iterations: number; log: (l: string) => void }): Promise<TieringBenchResult> {
  const { services, db, log } = opts;
  const model = await tieringRepository(db).publishedModel();
  if (!model) throw new Error('bench: no published scoring model');
  const params = paramsOf(model);
  const asOf = services.tiering.today();
  const results = resultsRepository(db);
  const runs = Math.max(2, Math.min(opts.iterations, 5));

  // The runs alternate between yesterday and today as the as-of date (the bare SQL of a pair uses
  // the same date), so every recompute rewrites what a daily recompute rewrites — results are
  // updated in place only where they changed, and back-to-back runs on the same date would write
  // almost nothing.
  const yesterday = new Date(Date.parse(`${asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const dates = [asOf, yesterday];
  log(`\ntiering: recompute vs the bare scoring SQL (${runs} runs each, interleaved, as of ${yesterday} and ${asOf} alternately)`);
  // Warm-up: one of each (the first recompute also fills tier_results).
  let last = await services.tiering.recompute(BENCH_CONTEXT, { trigger: 'cli', asOf: yesterday });
  await results.bareScoring(params, yesterday);
  const bare: number[] = [];
  const full: number[] = [];
  const pairRatios: number[] = [];
  const rowsWritten: number[] = [];
  for (let i = 0; i < runs; i++) {
    const d = dates[i % 2]!;
    bare.push(await timeIt(() => results.bareScoring(params, d)));
    full.push(await timeIt(async () => (last = await services.tiering.recompute(BENCH_CONTEXT, { trigger: 'cli', asOf: d }))));
    pairRatios.push(full[i]! / Math.max(bare[i]!, 1e-9));
    rowsWritten.push(Number((await db.selectFrom('tier_results').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', last.runId).executeTakeFirstOrThrow()).n));
    log(`  run ${i + 1} (as of ${d}): bare SQL ${(bare[i]! / 1000).toFixed(2)} s, recompute ${(full[i]! / 1000).toFixed(2)} s (×${pairRatios[i]!.toFixed(2)}; ${rowsWritten[i]!.toLocaleString('en')} result rows rewritten, ${last.changed} tier changes)`);
  }
  const bareSql = summarise(bare);
  const recompute = summarise(full);
  const ratioPairsMedian = summarise(pairRatios).p50;

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
    // Recomputes back to back (dates alternating) until as many reads as idle were timed: a small
    // base recomputes in a fraction of a second, and one or two reads say nothing about a p99.
    // Only reads that overlap a recompute count. The pause between recomputes lets this process
    // (which serves the API) take requests in; without it, on PGlite, the next recompute would
    // queue before any request and a read would wait for all of them.
    const during: number[] = [];
    let done = false;
    let recomputes = 0;
    let inFlight = false;
    const series = (async () => {
      try {
        do {
          inFlight = true;
          recomputes++;
          last = await services.tiering.recompute(BENCH_CONTEXT, { trigger: 'cli', asOf: dates[(runs + recomputes) % 2]! });
          inFlight = false;
          await new Promise((r) => setTimeout(r, 20));
        } while (during.length < idle.length && recomputes < 100);
      } finally {
        inFlight = false;
        done = true;
      }
    })();
    for (let i = 0; !done; i++) {
      const before = { inFlight, recomputes };
      const ms = await read(i);
      if (before.inFlight || inFlight || recomputes > before.recomputes) during.push(ms);
    }
    await series;
    const idleStats = summarise(idle);
    const duringStats = summarise(during);
    const r: TieringBenchResult = {
      accounts: last.accounts,
      scored: last.scored,
      bareSql,
      recompute,
      ratioP50: recompute.p50 / Math.max(bareSql.p50, 1e-9),
      ratioPairsMedian,
      rowsWritten,
      reads: { idle: idleStats, duringRecompute: duringStats, recomputes, ratioP99: duringStats.p99 / Math.max(idleStats.p99, 1e-9), urls: urls.map((u) => u.replace(opts.baseUrl, '')) },
    };
    log(`  recompute p50 ${(recompute.p50 / 1000).toFixed(2)} s vs bare SQL ${(bareSql.p50 / 1000).toFixed(2)} s: ×${r.ratioP50.toFixed(2)}, median of pairs ×${ratioPairsMedian.toFixed(2)} (target ≤ 1.5)`);
    log(`  reads p99 idle ${idleStats.p99.toFixed(1)} ms, during a recompute ${duringStats.p99.toFixed(1)} ms (${during.length} reads over ${recomputes} recomputes): ×${r.reads.ratioP99.toFixed(2)} (target ≤ 2)`);
    return r;
  } finally {
    await client.close();
  }
}

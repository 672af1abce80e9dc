// The account page: its detail request and the lists of its tabs (contacts, orders, timeline)
// over HTTP, each against the SQL that very request ran. The SQL is recorded, not rebuilt: the
// server's services run on a Kysely instance with a recording plugin, one request is made while
// recording, and the baseline replays the recorded statements (session lookup included) straight
// on the same database through the same driver.
import type { CompiledQuery, Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { DB } from '../db/schema.js';
import { WorkerHttpClient } from './http-client.js';
import { paired, type Stats } from './stats.js';

/** A Kysely plugin that, while recording, keeps every query built (as its operation node). */
export class SqlRecorder implements KyselyPlugin {
  private recording: { node: RootOperationNode; queryId: PluginTransformQueryArgs['queryId'] }[] | null = null;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recording && !this.recording.some((r) => r.queryId === args.queryId)) this.recording.push({ node: args.node, queryId: args.queryId });
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }

  /** Runs `fn` and returns the queries it made, compiled by `db` (which has no plugins). */
  async record(db: Kysely<DB>, fn: () => Promise<void>): Promise<CompiledQuery[]> {
    this.recording = [];
    try {
      await fn();
      return this.recording.map((r) => db.getExecutor().compileQuery(r.node, r.queryId));
    } finally {
      this.recording = null;
    }
  }
}

export interface DetailResult {
  name: string;
  url: string;
  /** Statements the request ran. */
  queries: number;
  api: Stats;
  sql: Stats;
  ratioP50: number;
  ratioP99: number;
}

export async function accountDetailBench(opts: {
  baseUrl: string;
  db: Kysely<DB>;
  recorder: SqlRecorder;
  password: string;
  iterations: number;
  log: (line: string) => void;
}): Promise<DetailResult[]> {
  const { db } = opts;
  // A typical active customer (not the first ones generated), with contacts and orders.
  const active = () =>
    db
      .selectFrom('accounts')
      .where('lifecycle_status', '=', 'active')
      .where((eb) => eb.exists(eb.selectFrom('orders').select('orders.id').whereRef('orders.account_id', '=', 'accounts.id')));
  const { n } = await active().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const account = await active().select('id').orderBy('id').offset(Math.min(500, Math.floor(Number(n) / 2))).limit(1).executeTakeFirstOrThrow();
  const id = account.id;
  const scenarios = [
    { name: 'account detail', url: `/api/v1/accounts/${id}` },
    { name: 'contacts tab', url: `/api/v1/accounts/${id}/contacts?limit=50` },
    { name: 'orders tab', url: `/api/v1/orders?accountId=${id}&limit=50` },
    { name: 'timeline tab', url: `/api/v1/accounts/${id}/timeline?limit=50` },
  ];

  const login = await fetch(`${opts.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'director', password: opts.password }),
  });
  if (!login.ok) throw new Error(`bench: cannot log in as director: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const client = new WorkerHttpClient();
  const results: DetailResult[] = [];
  try {
    for (const s of scenarios) {
      const api = async () => {
        const res = await client.get(`${opts.baseUrl}${s.url}`, { cookie });
        if (res.status !== 200) throw new Error(`bench: ${s.url} → ${res.status} ${res.text}`);
        return res.ms;
      };
      const statements = await opts.recorder.record(db, async () => {
        await api();
      });
      if (statements.length === 0) throw new Error(`bench: recorded no SQL for ${s.url}`);
      const raw = async () => {
        for (const q of statements) await db.executeQuery(q);
      };
      const { subject, baseline } = await paired(api, raw, opts.iterations, { subjectTimesItself: true, warmup: Math.min(20, opts.iterations) });
      const r: DetailResult = { name: s.name, url: s.url, queries: statements.length, api: subject, sql: baseline, ratioP50: subject.p50 / baseline.p50, ratioP99: subject.p99 / baseline.p99 };
      results.push(r);
      opts.log(
        `${s.name.padEnd(16)} api p50 ${subject.p50.toFixed(2)} ms p99 ${subject.p99.toFixed(2)} ms | sql (${statements.length} statements) p50 ${baseline.p50.toFixed(2)} ms p99 ${baseline.p99.toFixed(2)} ms | ratio p50 ${r.ratioP50.toFixed(2)} p99 ${r.ratioP99.toFixed(2)}`,
      );
    }
  } finally {
    await client.close();
  }
  return results;
}

// Accounts list / filter / sort / search and account detail: the HTTP API against the SQL it
// runs (the session lookup and the list or detail query, compiled by the same repositories
// and sent straight to the database).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { authRepository } from '../auth/repository.js';
import { sha256 } from '../auth/secrets.js';
import { accountsRepository, type AccountListQuery } from '../accounts/repository.js';
import { WorkerHttpClient } from './http-client.js';
import { paired, type Stats } from './stats.js';

export interface ScenarioResult {
  name: string;
  api: Stats;
  sql: Stats;
  ratioP50: number;
  ratioP99: number;
  rows: number;
}

interface Scenario {
  name: string;
  user: string;
  url: string;
  query?: AccountListQuery;
  detailId?: number;
}

export async function accountsBench(opts: {
  app: FastifyInstance;
  baseUrl: string;
  db: Kysely<DB>;
  password: string;
  iterations: number;
  log: (line: string) => void;
}): Promise<ScenarioResult[]> {
  const { db } = opts;
  const repo = accountsRepository(db);
  const auth = authRepository(db);
  // Not one of the first accounts generated (the 1,001st, or the middle one of a small bench).
  const { n } = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const sample = await db.selectFrom('accounts').select(['id', 'industry', 'name']).where('industry', 'is not', null).orderBy('id').offset(Math.min(1000, Math.floor(Number(n) / 2))).limit(1).executeTakeFirstOrThrow();
  const industry = sample.industry!;
  const word = [...sample.name].slice(0, 4).join('');
  const base = { limit: 50, desc: true, sort: 'updatedAt' as const };
  const scenarios: Scenario[] = [
    { name: 'list (director, newest first)', user: 'director', url: '/api/v1/accounts?limit=50', query: { ...base } },
    { name: 'list (kam1, team scope)', user: 'kam1', url: '/api/v1/accounts?limit=50', query: { ...base } },
    { name: 'filter industry', user: 'director', url: `/api/v1/accounts?limit=50&industry=${encodeURIComponent(industry)}`, query: { ...base, industry } },
    { name: 'sort by name', user: 'director', url: '/api/v1/accounts?limit=50&sort=name', query: { ...base, sort: 'name', desc: false } },
    { name: 'sort by revenue desc', user: 'director', url: '/api/v1/accounts?limit=50&sort=-annualRevenue', query: { ...base, sort: 'annualRevenue' } },
    { name: `search q=${word}`, user: 'director', url: `/api/v1/accounts?limit=50&q=${encodeURIComponent(word)}`, query: { ...base, q: word } },
    { name: 'account detail', user: 'director', url: `/api/v1/accounts/${sample.id}`, detailId: sample.id },
  ];

  const sessions = new Map<string, { cookie: string; token: string; actor: Actor }>();
  for (const user of new Set(scenarios.map((s) => s.user))) {
    const res = await fetch(`${opts.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: opts.password }),
    });
    if (!res.ok) throw new Error(`bench: cannot log in as ${user}: ${res.status} ${await res.text()}`);
    const token = /kam_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    const body = (await res.json()) as { user: Actor };
    if (!token) throw new Error('bench: no session cookie');
    sessions.set(user, { cookie: `kam_session=${token}`, token, actor: body.user });
  }

  const client = new WorkerHttpClient();
  const results: ScenarioResult[] = [];
  try {
  for (const s of scenarios) {
    const session = sessions.get(s.user)!;
    const sessionSql = auth.findSessionQuery(sha256(session.token), new Date()).compile();
    const mainSql = s.detailId !== undefined ? repo.findVisibleQuery(session.actor, s.detailId).compile() : repo.listQuery(session.actor, s.query!).compile();
    let rows = 0;
    const api = async () => {
      const res = await client.get(`${opts.baseUrl}${s.url}`, { cookie: session.cookie });
      if (res.status !== 200) throw new Error(`bench: ${s.url} → ${res.status} ${res.text}`);
      return res.ms;
    };
    const raw = async () => {
      await db.executeQuery(sessionSql);
      const r = await db.executeQuery(mainSql);
      rows = r.rows.length;
    };
    const { subject, baseline } = await paired(api, raw, opts.iterations, { subjectTimesItself: true, warmup: Math.min(20, opts.iterations) });
    const result = {
      name: s.name,
      api: subject,
      sql: baseline,
      ratioP50: subject.p50 / baseline.p50,
      ratioP99: subject.p99 / baseline.p99,
      rows,
    };
    results.push(result);
    opts.log(
      `${s.name.padEnd(34)} api p50 ${subject.p50.toFixed(2)} ms p99 ${subject.p99.toFixed(2)} ms | sql p50 ${baseline.p50.toFixed(2)} ms p99 ${baseline.p99.toFixed(2)} ms | ratio p50 ${result.ratioP50.toFixed(2)} p99 ${result.ratioP99.toFixed(2)}`,
    );
  }
  } finally {
    await client.close();
  }
  return results;
}

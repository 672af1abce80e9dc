// `kam bench`: generate data with the deterministic generator, run each scenario next to its
// baseline in the same run, print a table and write JSON to bench/results/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { createServices } from '../services.js';
import { systemClock } from '../shared/clock.js';
import { seedDemo, type Scale } from '../demo/seed.js';
import { accountsBench } from './accounts-bench.js';
import { exportBench } from './export-bench.js';

export const BENCH_PASSWORD = 'bench-password-1';
const TARGET: Record<Scale, number> = { S: 2_000, M: 100_000, L: 1_000_000 };

export interface BenchOptions {
  config: Config;
  scale: Scale;
  only?: string | undefined;
  iterations: number;
  outDir: string;
  log: (line: string) => void;
}

export async function runBench(opts: BenchOptions) {
  const { config, scale, log } = opts;
  // The benchmark keeps its own data (folder or schema owner) so it never touches real data.
  const database = await openDatabase(
    config.database.kind === 'pglite' ? { database: { kind: 'pglite', dataDir: path.resolve(`data-bench-${scale}`) } } : config,
  );
  try {
    await migrateToLatest(database.db);
    const count = Number((await database.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (count < TARGET[scale] * 0.9) {
      if (count > 0) throw new Error(`The bench database has ${count} accounts, fewer than scale ${scale} needs; point it at an empty database or data folder`);
      log(`Generating scale ${scale} demo data (${TARGET[scale].toLocaleString()} accounts) …`);
      const t = Date.now();
      await seedDemo(database.db, { scale, password: BENCH_PASSWORD, concurrency: database.kind === 'postgres' ? 3 : 1 });
      log(`  generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const services = createServices(database.db, systemClock, { sessionTtlMs: 3600_000, currency: config.currency, timezone: config.timezone });
    const app = await buildApp({ config: { ...config, rateLimitPerMinute: 1_000_000, logLevel: 'silent' }, services, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const results: Record<string, unknown> = {};
    try {
      if (!opts.only || opts.only === 'accounts') {
        log(`\naccounts API vs the SQL it runs (${opts.iterations} runs each, interleaved)`);
        results.accounts = await accountsBench({ app, baseUrl, db: database.db, password: BENCH_PASSWORD, iterations: opts.iterations, log });
      }
      if (!opts.only || opts.only === 'export') {
        results.export = await exportBench({ baseUrl, db: database.db, password: BENCH_PASSWORD, log });
      }
    } finally {
      await app.close();
    }
    const report = {
      at: new Date().toISOString(),
      scale,
      database: database.kind,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      results,
    };
    fs.mkdirSync(opts.outDir, { recursive: true });
    const file = path.join(opts.outDir, `${report.at.slice(0, 19).replace(/[:T]/g, '-')}-${database.kind}-${scale}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
    log(`\nwritten ${path.relative(process.cwd(), file)}`);
    return report;
  } finally {
    await database.close();
  }
}

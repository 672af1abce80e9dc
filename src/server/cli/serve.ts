// `kam serve`: migrate, first-start set-up, then the HTTP server until SIGINT/SIGTERM.
import { loadConfig } from '../config/index.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { firstStart } from '../demo/first-start.js';
import { buildApp } from '../http/app.js';
import { createServices } from '../services.js';
import { systemClock } from '../shared/clock.js';
import { startTierScheduler } from '../tiering/scheduler.js';
import { createImportRunner, type ImportRunner } from '../import/runner.js';

const SESSION_PURGE_MS = 3600_000;
/** The decision-chain sweep (measures go stale with time; alerts into the reminders inbox). */
const RELATIONSHIP_SWEEP_MS = 3600_000;

export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let services: ReturnType<typeof createServices>;
  let importRunner: ImportRunner | undefined;
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    await firstStart(database.db, config, { print: (text) => console.log(text), log: (m) => console.log(m) });
    services = createServices(database.db, systemClock, {
      sessionTtlMs: config.sessionTtlMs,
      currency: config.currency,
      timezone: config.timezone,
      imports: config.imports,
    });
    app = await buildApp({ config, services });
    await app.listen({ host: config.host, port: config.port });
    // Web imports run as jobs in this process (import/runner.ts); progress is written live on PostgreSQL.
    const runnerLog = app.log;
    importRunner = createImportRunner(database.db, services.importJobs, {
      liveProgress: database.kind === 'postgres',
      timeZone: config.timezone,
      log: { info: (m) => runnerLog.info(m), warn: (o, m) => runnerLog.warn(o, m) },
    });
    await importRunner.start();
  } catch (e) {
    await importRunner?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close();
    throw e;
  }

  const where = config.database.kind === 'pglite' ? `data folder ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
  console.log(`KAM is running at http://${host}:${port} (API docs: /api/docs) on ${where}`);

  // Expired sessions would otherwise pile up; any server may purge, it is idempotent.
  const log = app.log;
  const purge = setInterval(() => {
    services.auth.purgeExpiredSessions().catch((e: unknown) => log.warn({ err: e }, 'session purge failed'));
  }, SESSION_PURGE_MS);
  purge.unref();
  const relationshipSweep = setInterval(() => {
    services.relationships.sweep(null).catch((e: unknown) => log.warn({ err: e }, 'relationship sweep failed'));
  }, RELATIONSHIP_SWEEP_MS);
  relationshipSweep.unref();
  // Tiers are recomputed on a schedule (KAM_TIER_RECOMPUTE_MINUTES); one server at a time does it.
  const tierScheduler = startTierScheduler(services.tiering, { intervalMinutes: config.tierRecomputeMinutes, log: { info: (m) => log.info(m), warn: (o, m) => log.warn(o, m) } });

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        console.error(`${signal} again: exiting without a clean shutdown`);
        process.exit(1);
      }
      stopping = true;
      console.log(`${signal}: shutting down …`);
      clearInterval(purge);
      clearInterval(relationshipSweep);
      tierScheduler.stop();
      void (async () => {
        try {
          await importRunner?.stop(); // a running import is rolled back and queued again
          await app!.close();
        } finally {
          await database.close();
          resolve();
        }
      })();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

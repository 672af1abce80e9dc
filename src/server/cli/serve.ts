// `kam serve`: migrate, first-start set-up, then the HTTP server until SIGINT/SIGTERM.
import { loadConfig } from '../config/index.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { firstStart } from '../demo/first-start.js';
import { buildApp } from '../http/app.js';
import { createServices } from '../services.js';
import { systemClock } from '../shared/clock.js';

const SESSION_PURGE_MS = 3600_000;

export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let services: ReturnType<typeof createServices>;
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    await firstStart(database.db, config, { print: (text) => console.log(text), log: (m) => console.log(m) });
    services = createServices(database.db, systemClock, {
      sessionTtlMs: config.sessionTtlMs,
      currency: config.currency,
      timezone: config.timezone,
    });
    app = await buildApp({ config, services });
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
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
      void (async () => {
        try {
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

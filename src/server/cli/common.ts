// Shared by the CLI commands: opening the configured database, the CLI's audit identity,
// and turning errors into one clear message.
import type { Config } from '../config/index.js';
import { loadConfig } from '../config/index.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { WriteContext } from '../audit/audit-log.js';
import { AppError } from '../shared/errors.js';

/** CLI writes are made by whoever may run the CLI on the server: audited as the system. */
export const CLI_CONTEXT: WriteContext = {
  actor: { id: 0, username: 'system:cli', displayName: '命令行', role: 'admin', teamId: null },
};

/** Opens the database of the environment (DATABASE_URL or the data folder), migrated unless told not to. */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    if (opts.migrate !== false) await migrateToLatest(database.db);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

export function describeError(e: unknown): string {
  if (e instanceof AppError) {
    const fields = (e.details as { fields?: { field: string; reason: string }[] } | undefined)?.fields;
    return fields?.length ? `${e.message}:\n${fields.map((f) => `  - ${f.field}: ${f.reason}`).join('\n')}` : e.message;
  }
  if (e instanceof Error) {
    const code = (e as { code?: string }).code;
    if (code === 'ECONNREFUSED') return `Cannot reach the PostgreSQL server (${e.message}); check DATABASE_URL`;
    if (code === 'EADDRINUSE') return `${e.message}: another program (another KAM?) uses the port; set PORT to a free one`;
    return e.message;
  }
  return String(e);
}

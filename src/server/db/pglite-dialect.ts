// A small Kysely dialect over PGlite. PGlite is a single connection, so the driver
// serialises access: a query or a whole transaction holds the connection until it ends.
// (kysely-pglite is avoided on purpose: it leaks transactions under concurrency.)
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

/**
 * When the connection was last let go, and how many wait for it: a scheduling hint for
 * background work on PGlite (the staged tier recompute), which waits for a quiet moment so a
 * request's few queries run back to back instead of each queuing behind a background statement.
 * Process-wide: a server opens one PGlite (the data-folder lock sees to it).
 */
const activity = { lastReleaseAt: 0, waiting: 0 };

/** Resolves once nobody waits for the connection and it has been free `quietMs`, or after `maxWaitMs` (no starving). */
export async function pgliteQuietMoment(quietMs: number, maxWaitMs: number): Promise<void> {
  const start = performance.now();
  for (;;) {
    const now = performance.now();
    const free = now - activity.lastReleaseAt;
    if ((activity.waiting === 0 && free >= quietMs) || now - start >= maxWaitMs) return;
    await new Promise((r) => setTimeout(r, Math.max(1, quietMs - free)));
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly db: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Raw SQL without parameters may hold several statements (migrations): that needs the
    // simple protocol, which PGlite offers as exec().
    if (compiled.parameters.length === 0 && compiled.query.kind === 'RawNode') {
      const results = await this.db.exec(compiled.sql, { rowMode: 'object' });
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as R[] };
    }
    const res = await this.db.query<R>(compiled.sql, compiled.parameters as unknown[], { rowMode: 'object' });
    const affected = res.affectedRows;
    return {
      rows: res.rows,
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on PGlite; page with a cursor instead');
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  private readonly connection: PGliteConnection;

  constructor(private readonly db: PGlite) {
    this.connection = new PGliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    activity.waiting++;
    try {
      const release = await this.mutex.lock();
      this.releases.set(this.connection, release);
      return this.connection;
    } finally {
      activity.waiting--;
    }
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const iso = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const release = this.releases.get(conn);
    this.releases.delete(conn);
    activity.lastReleaseAt = performance.now();
    release?.();
  }

  async destroy(): Promise<void> {
    const release = await this.mutex.lock();
    try {
      if (!this.db.closed) await this.db.close();
    } finally {
      release();
    }
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly db: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

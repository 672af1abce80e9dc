// `kam seed`: writes the generated demo customer base in batches — one transaction per batch,
// with one audit row summarising it (not one per row).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { hashPassword } from '../auth/secrets.js';
import { AppError } from '../shared/errors.js';
import { DEMO_SEED, generateDemoUnits, type DemoUnit, type TakenKeys } from './generate.js';
import {
  ACCOUNT_COLUMNS,
  CONTACT_COLUMNS,
  MEMBER_COLUMNS,
  NEED_COLUMNS,
  ORDER_COLUMNS,
  ORDER_DERIVED,
  ORDER_LINE_COLUMNS,
  PAYMENT_COLUMNS,
  PAYMENT_DERIVED,
  TIMELINE_COLUMNS,
  demoRepository,
} from './repository.js';
import { ensureDemoStaff, type Scale } from './staff.js';

export type { Scale } from './staff.js';
export const SCALES: readonly Scale[] = ['S', 'M', 'L'];
export const SCALE_ACCOUNTS: Record<Scale, number> = { S: 2_000, M: 100_000, L: 1_000_000 };

/** Writes by the seeder are audited as the system (no user id). */
export const SEED_CONTEXT: WriteContext = {
  actor: { id: 0, username: 'system:seed', displayName: '演示数据', role: 'admin', teamId: null },
};

export interface SeedProgress {
  phase: 'users' | 'keys' | 'accounts' | 'finishing';
  done: number;
  total: number;
}

export interface SeedOptions {
  scale: Scale;
  /** Password of demo users this run creates (existing users keep theirs). */
  password: string;
  /** Overrides the scale's account count (tests, quick demos). */
  accounts?: number | undefined;
  /** Add to a database that already has accounts instead of refusing. */
  append?: boolean | undefined;
  seed?: number | undefined;
  now?: Date | undefined;
  /** Accounts per transaction. */
  batchSize?: number | undefined;
  /**
   * Batches written at once. PostgreSQL gains from 2–4 (one connection each); PGlite has one
   * connection, so 1. Either way the next batch is generated while one is being written.
   */
  concurrency?: number | undefined;
  onProgress?: ((p: SeedProgress) => void) | undefined;
}

export interface SeedResult {
  usersCreated: string[];
  teamsCreated: string[];
  accounts: number;
  contacts: number;
  needs: number;
  teamMembers: number;
  timelineEvents: number;
  orders: number;
  orderLines: number;
  payments: number;
  firstAccountId: number | null;
  ms: number;
}

export async function seedDemo(db: Kysely<DB>, opts: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const repo = demoRepository(db);
  const total = opts.accounts ?? SCALE_ACCOUNTS[opts.scale];
  const batchSize = opts.batchSize ?? 2_000;
  const progress = opts.onProgress ?? (() => {});

  const existing = await repo.countAccounts();
  if (existing > 0 && !opts.append) {
    throw new AppError(
      'CONFLICT',
      `The database already has ${existing.toLocaleString('en')} accounts; seed only fills an empty database. ` +
        'Use --append to add the demo data next to them, or point KAM_DATA_DIR / DATABASE_URL at an empty database.',
      { accounts: existing },
    );
  }

  progress({ phase: 'users', done: 0, total });
  const { staff, created, teamsCreated } = await ensureDemoStaff(db, SEED_CONTEXT, opts.scale, await hashPassword(opts.password));

  const taken: TakenKeys = { nameLoose: new Set(), creditCodes: new Set(), externalCodes: new Set() };
  if (existing > 0) {
    let loaded = 0;
    for await (const rows of repo.existingKeys()) {
      for (const r of rows) {
        taken.nameLoose.add(r.name_loose);
        if (r.credit_code) taken.creditCodes.add(r.credit_code);
        if (r.external_code) taken.externalCodes.add(r.external_code);
      }
      loaded += rows.length;
      progress({ phase: 'keys', done: loaded, total: existing });
    }
  }

  const startId = (await repo.maxAccountId()) + 1;
  const result: SeedResult = {
    usersCreated: created,
    teamsCreated,
    accounts: 0,
    contacts: 0,
    needs: 0,
    teamMembers: 0,
    timelineEvents: 0,
    orders: 0,
    orderLines: 0,
    payments: 0,
    firstAccountId: total > 0 ? startId : null,
    ms: 0,
  };
  const units = generateDemoUnits({
    // An appended run gets its own stream, so it does not retry the names already used.
    seed: (opts.seed ?? DEMO_SEED) + (startId > 1 ? startId : 0),
    count: total,
    startId,
    now: opts.now ?? new Date(),
    staff,
    taken,
    startOrderId: (await repo.maxOrderId()) + 1,
  });

  const write = (b: DemoUnit) =>
    db.transaction().execute(async (trx) => {
      await repo.bulkInsert(trx, 'accounts', ACCOUNT_COLUMNS, rows(b.accounts), true);
      await repo.bulkInsert(trx, 'account_team_members', MEMBER_COLUMNS, rows(b.members));
      await repo.bulkInsert(trx, 'contacts', CONTACT_COLUMNS, rows(b.contacts));
      await repo.bulkInsert(trx, 'account_needs', NEED_COLUMNS, rows(b.needs));
      await repo.bulkInsert(trx, 'timeline_events', TIMELINE_COLUMNS, rows(b.timeline));
      await repo.bulkInsert(trx, 'orders', ORDER_COLUMNS, rows(b.orders), true, ORDER_DERIVED);
      await repo.bulkInsert(trx, 'order_lines', ORDER_LINE_COLUMNS, rows(b.lines));
      await repo.bulkInsert(trx, 'payments', PAYMENT_COLUMNS, rows(b.payments), false, PAYMENT_DERIVED);
      await recordAudit(trx, SEED_CONTEXT, {
        action: 'seed',
        entity: 'account',
        entityId: null,
        after: {
          firstId: b.accounts[0]!.id,
          lastId: b.accounts[b.accounts.length - 1]!.id,
          accounts: b.accounts.length,
          contacts: b.contacts.length,
          needs: b.needs.length,
          teamMembers: b.members.length,
          timelineEvents: b.timeline.length,
          orders: b.orders.length,
          orderLines: b.lines.length,
          payments: b.payments.length,
        },
      });
    });

  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const launch = (b: DemoUnit) => {
    const p: Promise<void> = write(b)
      .then(() => {
        result.accounts += b.accounts.length;
        result.contacts += b.contacts.length;
        result.needs += b.needs.length;
        result.teamMembers += b.members.length;
        result.timelineEvents += b.timeline.length;
        result.orders += b.orders.length;
        result.orderLines += b.lines.length;
        result.payments += b.payments.length;
        progress({ phase: 'accounts', done: result.accounts, total });
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  progress({ phase: 'accounts', done: 0, total });
  try {
    let batch = emptyBatch();
    let sinceYield = 0;
    // A group and its subsidiaries always land in the same batch.
    for (const unit of units) {
      append(batch, unit);
      // Let the database driver's I/O run while we generate.
      if (++sinceYield >= 200) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (batch.accounts.length < batchSize) continue;
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (failure) break;
      launch(batch);
      batch = emptyBatch();
    }
    if (!failure && batch.accounts.length > 0) launch(batch);
    await Promise.all(inFlight);
    if (failure) throw failure.error;
  } finally {
    // Even after a failed batch, later inserts must not reuse the ids already written.
    await repo.syncAccountIdSequence();
    await repo.syncOrderIdSequence();
  }
  progress({ phase: 'finishing', done: total, total });
  await repo.analyze();
  result.ms = Date.now() - started;
  return result;
}

const rows = (items: readonly object[]) => items as unknown as Record<string, unknown>[];

function emptyBatch(): DemoUnit {
  return { accounts: [], contacts: [], needs: [], members: [], timeline: [], orders: [], lines: [], payments: [] };
}

function append(into: DemoUnit, unit: DemoUnit) {
  into.accounts.push(...unit.accounts);
  into.contacts.push(...unit.contacts);
  into.needs.push(...unit.needs);
  into.members.push(...unit.members);
  into.timeline.push(...unit.timeline);
  into.orders.push(...unit.orders);
  into.lines.push(...unit.lines);
  into.payments.push(...unit.payments);
}

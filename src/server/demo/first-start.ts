// What `serve` does on an empty database (SPEC "Demo users"): with KAM_DEMO=1 (default) the
// demo users and scale-S demo data; with KAM_DEMO=0 only `admin`. The password is
// KAM_DEMO_PASSWORD, or a random one printed once.
import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import type { DB } from '../db/schema.js';
import { hashPassword, randomPassword } from '../auth/secrets.js';
import { usersRepository } from '../users/repository.js';
import { SEED_CONTEXT, seedDemo, type SeedResult } from './seed.js';
import { DEMO_USERNAMES, ensureDemoStaff } from './staff.js';
import { seedTiers } from '../tiering/demo.js';
import { seedKeyAccounts } from '../key-accounts/demo.js';
import { seedDecisionChains } from './decision-chains.js';

export interface FirstStartResult {
  /** False when the database already had users (or another server got there first). */
  initialised: boolean;
  seed?: SeedResult;
}

export interface FirstStartOptions {
  /** Where the one-time password box goes (stdout). */
  print: (text: string) => void;
  /** Progress lines (the logger). */
  log: (message: string) => void;
}

export async function firstStart(
  db: Kysely<DB>,
  config: Pick<Config, 'demo' | 'demoPassword'> & { timezone?: string },
  opts: FirstStartOptions,
): Promise<FirstStartResult> {
  if ((await usersRepository(db).count()) > 0) return { initialised: false };
  const password = config.demoPassword ?? randomPassword();
  // `admin` first, on its own: its unique username is the claim, so of several servers
  // starting at once on one PostgreSQL only one goes on to seed.
  let claimed: boolean;
  try {
    const { created } = await ensureDemoStaff(db, SEED_CONTEXT, 'S', await hashPassword(password), ['admin']);
    claimed = created.includes('admin');
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    claimed = false;
  }
  if (!claimed) return { initialised: false };

  let seed: SeedResult | undefined;
  if (config.demo) {
    opts.log('First start: creating the demo users and demo data (scale S) …');
    seed = await seedDemo(db, { scale: 'S', password });
    opts.log(`Demo data ready: ${seed.accounts} accounts, ${seed.contacts} contacts, ${seed.orders} orders, ${seed.payments} payments, in ${(seed.ms / 1000).toFixed(1)} s`);
    const tiers = await seedTiers(db, { now: new Date(), timezone: config.timezone ?? 'Asia/Shanghai' });
    opts.log(`Customer pyramid computed (${tiers.run.scored} accounts scored, ${tiers.snapshots} past quarter snapshots) in ${(tiers.run.ms / 1000).toFixed(1)} s`);
    const program = await seedKeyAccounts(db, { now: new Date() });
    opts.log(`Key-account program: ${program.keyAccounts} key accounts, ${program.plans} account plans`);
    const chains = await seedDecisionChains(db, { now: new Date(), timezone: config.timezone ?? 'Asia/Shanghai' });
    opts.log(`Decision chains and pipeline: ${chains.maps} relationship maps (${chains.stakeholders} people), ${chains.opportunities} opportunities`);
  }
  const usernames = config.demo ? [...DEMO_USERNAMES] : ['admin'];
  opts.print(passwordBox(usernames, config.demoPassword ? null : password));
  return { initialised: true, ...(seed ? { seed } : {}) };
}

/** A boxed notice; `password` null means it came from KAM_DEMO_PASSWORD and is not echoed. */
export function passwordBox(usernames: readonly string[], password: string | null, title = 'KAM first start'): string {
  const lines = [
    title,
    '',
    `Users:    ${usernames.join(', ')}`,
    password === null ? 'Password: the value of KAM_DEMO_PASSWORD' : `Password: ${password}`,
    '',
    ...(password === null ? [] : ['This password is shown only once. Write it down, then', 'change it (admin → Users) before real use.']),
  ];
  return box(lines);
}

/** A boxed notice for one-time secrets, so they stand out in a terminal or a log. */
export function box(lines: readonly string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '─'.repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join('\n');
}

// `kam seed`: demo data at scale S, M or L, with a progress bar on a terminal.
import cliProgress from 'cli-progress';
import { randomPassword } from '../auth/secrets.js';
import { box } from '../demo/first-start.js';
import { seedDemo, type Scale, type SeedProgress } from '../demo/seed.js';
import { withDatabase } from './common.js';

export interface SeedCommandOptions {
  scale: Scale;
  password?: string | undefined;
  accounts?: number | undefined;
  append?: boolean | undefined;
}

const PHASES: Record<SeedProgress['phase'], string> = {
  users: 'users',
  keys: 'reading existing accounts',
  accounts: 'accounts',
  finishing: 'analysing',
};

function progressReporter() {
  if (!process.stderr.isTTY) {
    // Logs and CI: a line every 10%.
    let lastTenth = -1;
    return {
      update(p: SeedProgress) {
        if (p.phase !== 'accounts' || p.total === 0) return;
        const tenth = Math.floor((p.done / p.total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          console.error(`  accounts ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '  {phase} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: SeedProgress) {
      if (!started) {
        bar.start(p.total, p.done, { phase: PHASES[p.phase] });
        started = true;
      }
      bar.setTotal(p.total);
      bar.update(p.done, { phase: PHASES[p.phase] });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export async function seedCommand(opts: SeedCommandOptions): Promise<void> {
  await withDatabase(async (database, config) => {
    const given = opts.password ?? config.demoPassword;
    const password = given ?? randomPassword();
    console.error(`Seeding scale ${opts.scale} demo data into ${database.kind === 'pglite' ? 'the data folder' : 'PostgreSQL'} …`);
    const progress = progressReporter();
    let result;
    try {
      result = await seedDemo(database.db, {
        scale: opts.scale,
        password,
        accounts: opts.accounts,
        append: opts.append,
        // A server takes several batches at once; embedded PGlite is one connection.
        concurrency: database.kind === 'postgres' ? 3 : 1,
        onProgress: (p) => progress.update(p),
      });
    } finally {
      progress.stop();
    }
    const seconds = result.ms / 1000;
    console.log(
      `Seeded ${result.accounts.toLocaleString('en')} accounts, ${result.contacts.toLocaleString('en')} contacts, ` +
        `${result.needs.toLocaleString('en')} needs, ${result.teamMembers.toLocaleString('en')} team members, ` +
        `${result.orders.toLocaleString('en')} orders (${result.orderLines.toLocaleString('en')} lines), ${result.payments.toLocaleString('en')} payments ` +
        `in ${seconds.toFixed(1)} s (${Math.round(result.accounts / Math.max(seconds, 0.001)).toLocaleString('en')} accounts/s).`,
    );
    // The customer pyramid of the new data: past quarter snapshots from the order history, then today's tiers.
    const { seedTiers } = await import('../tiering/demo.js');
    const tiers = await seedTiers(database.db, { now: new Date(), timezone: config.timezone });
    console.log(`Tiers: ${tiers.run.accounts.toLocaleString('en')} accounts (${tiers.run.scored.toLocaleString('en')} scored) in ${(tiers.run.ms / 1000).toFixed(1)} s; ${tiers.snapshots} past quarter snapshots.`);
    const { seedKeyAccounts } = await import('../key-accounts/demo.js');
    const program = await seedKeyAccounts(database.db, { now: new Date() });
    console.log(`Key-account program: ${program.keyAccounts} key accounts, ${program.plans} account plans.`);
    const { seedDecisionChains } = await import('../demo/decision-chains.js');
    const chains = await seedDecisionChains(database.db, { now: new Date(), timezone: config.timezone });
    console.log(`Decision chains and pipeline: ${chains.maps} relationship maps (${chains.stakeholders} people), ${chains.opportunities} opportunities.`);
    if (result.teamsCreated.length) console.log(`Teams created: ${result.teamsCreated.join(', ')}`);
    if (result.usersCreated.length) {
      const shown = result.usersCreated.length > 12 ? [...result.usersCreated.slice(0, 12), `… (${result.usersCreated.length} in all)`] : result.usersCreated;
      console.log(
        box([
          'Demo users created',
          '',
          `Users:    ${shown.join(', ')}`,
          given === undefined ? `Password: ${password}` : `Password: ${opts.password ? 'as given by --password' : 'the value of KAM_DEMO_PASSWORD'}`,
          ...(given === undefined ? ['', 'This password is shown only once.'] : []),
        ]),
      );
    }
  });
}

// The `kam` command line. Only commander loads up front; each command imports what it needs
// when it runs, so `kam --help` stays fast. Exit code 0 on success, 1 with a message on stderr.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES } from './db/schema.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function run<A extends unknown[]>(fn: (...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const { describeError } = await import('./cli/common.js');
      console.error(`Error: ${describeError(e)}`);
      process.exitCode = 1;
    }
  };
}

const ENVIRONMENT = `
Environment:
  DATABASE_URL        PostgreSQL server to use (default: embedded PGlite in KAM_DATA_DIR)
  KAM_DATA_DIR        data folder of the embedded database (default ./data)
  PORT, HOST          where serve listens (default 3000, 0.0.0.0)
  KAM_DEMO            1 (default): first start creates demo users and data; 0: only admin
  KAM_DEMO_PASSWORD   password of the demo users (default: random, printed once)`;

export function buildProgram(): Command {
  const program = new Command()
    .name('kam')
    .description('KAM — key-account management (大客户管理系统)')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', ENVIRONMENT);

  program
    .command('serve')
    .description('Serve the web app and the API; migrates the database and, on first start, creates the demo users and data')
    .action(
      run(async () => {
        const { serve } = await import('./cli/serve.js');
        await serve();
      }),
    );

  program
    .command('migrate')
    .description('Bring the database schema up to date (serve does this too)')
    .action(
      run(async () => {
        const { withDatabase } = await import('./cli/common.js');
        const { migrateToLatest } = await import('./db/migrate.js');
        await withDatabase(
          async ({ db }) => {
            const applied = await migrateToLatest(db);
            console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database schema is up to date.');
          },
          { migrate: false },
        );
      }),
    );

  program
    .command('seed')
    .description('Fill an empty database with deterministic demo data: users of every role, teams, customers with groups, contacts and needs')
    .addOption(new Option('--scale <scale>', 'S ≈ 2,000 accounts, M = 100,000, L = 1,000,000').choices(['S', 'M', 'L']).default('S'))
    .option('--password <password>', 'password of the demo users this creates (default: KAM_DEMO_PASSWORD, else random and printed)')
    .option('--accounts <n>', 'number of accounts instead of the scale default', positiveInt)
    .option('--append', 'add to a database that already has accounts (otherwise seed refuses)')
    .addHelpText('after', '\nExisting users are kept as they are (their passwords too); only missing demo users are created.')
    .action(
      run(async (opts: { scale: 'S' | 'M' | 'L'; password?: string; accounts?: number; append?: boolean }) => {
        const { seedCommand } = await import('./cli/seed.js');
        await seedCommand(opts);
      }),
    );

  const users = program.command('users').description('Manage users (when the web app is not at hand, e.g. a lost admin password)');
  users
    .command('create <username>')
    .description('Create a user; without --password a random one is printed once')
    .addOption(new Option('--role <role>', 'the user\'s role').choices(ROLES).makeOptionMandatory())
    .option('--display-name <name>', 'name shown in the app (default: the username)')
    .option('--team <team>', 'team name or id')
    .option('--password <password>', 'at least 10 characters (default: random, printed)')
    .option('--email <email>', 'e-mail address')
    .action(
      run(async (username: string, opts: { role: (typeof ROLES)[number]; displayName?: string; team?: string; password?: string; email?: string }) => {
        const { createUserCommand } = await import('./cli/users.js');
        await createUserCommand(username, opts);
      }),
    );
  users
    .command('reset-password <username>')
    .description("Set a user's password and end their sessions; without --password a random one is printed once")
    .option('--password <password>', 'the new password, at least 10 characters')
    .action(
      run(async (username: string, opts: { password?: string }) => {
        const { resetPasswordCommand } = await import('./cli/users.js');
        await resetPasswordCommand(username, opts);
      }),
    );

  program
    .command('bench')
    .description('Generate data at a scale (in its own data folder or database) and time the API against the SQL it runs')
    .addOption(new Option('--scale <scale>', 'data size').choices(['S', 'M', 'L']).default('S'))
    .option('--only <scenario>', 'run one scenario (e.g. accounts)')
    .option('--iterations <n>', 'runs per scenario', positiveInt, 30)
    .option('--out <dir>', 'where the JSON report goes', 'bench/results')
    .action(
      run(async (opts: { scale: 'S' | 'M' | 'L'; only?: string; iterations: number; out: string }) => {
        const { loadConfig } = await import('./config/index.js');
        const { runBench } = await import('./bench/run.js');
        await runBench({ config: loadConfig(), scale: opts.scale, only: opts.only, iterations: opts.iterations, outDir: opts.out, log: (l) => console.log(l) });
      }),
    );

  return program;
}

await buildProgram().parseAsync(process.argv);
// Stray handles (a pool timer, a worker) must not keep a finished command alive.
process.exit(process.exitCode ?? 0);

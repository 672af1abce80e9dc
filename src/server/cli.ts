// The `kam` command line. Only commander loads up front; each command imports what it needs
// when it runs, so `kam --help` stays fast. Exit code 0 on success, 1 with a message on stderr.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES } from './db/schema.js';
import type { ImportCommandOptions } from './cli/import.js';
import type { ExportCommandOptions } from './cli/export.js';

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
    .command('export <entity>')
    .description('Write a list (accounts, contacts, orders, payments) as CSV or XLSX with the list API\'s filters; as the system, with every record')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .option('--out <file>', 'write to this file (default: stdout)')
    .addOption(new Option('--lang <lang>', 'language of the header row').choices(['zh', 'en']).default('zh'))
    .option('--q <text>', 'search text, as the list\'s search box')
    .option('--sort <key>', 'sort as the list: name, updatedAt, createdAt, annualRevenue, employees; - in front for descending')
    .option('--lifecycle-status <list>', 'accounts: prospect, active, dormant, lost (comma-separated)')
    .option('--industry <industry>', 'accounts: industry')
    .option('--region <region>', 'accounts: region')
    .option('--classification <c>', 'accounts: economic, important, group or strategic')
    .option('--owner-id <id>', 'accounts: owner user id')
    .option('--sponsor-id <id>', 'accounts: executive sponsor user id')
    .option('--parent-id <id>', 'accounts: parent account id')
    .option('--account-id <id>', 'contacts, orders, payments: of this account')
    .option('--from <date>', 'orders: dated on or after YYYY-MM-DD')
    .option('--to <date>', 'orders: dated on or before YYYY-MM-DD')
    .option('--order-id <id>', 'payments: of this order')
    .option('--status <status>', 'payments: unpaid, overdue or paid')
    .option('--due-from <date>', 'payments: due on or after YYYY-MM-DD')
    .option('--due-to <date>', 'payments: due on or before YYYY-MM-DD')
    .option('--as-of <date>', 'payments: the day overdue is judged on (default today)')
    .addHelpText('after', '\nThe CLI acts as the system: the export has every record in scope "all", contact phone, email and birthday included.')
    .action(
      run(async (entity: string, opts: ExportCommandOptions) => {
        const { exportCommand, EXPORT_CLI_ENTITIES } = await import('./cli/export.js');
        if (!(EXPORT_CLI_ENTITIES as readonly string[]).includes(entity)) throw new Error(`Unknown entity "${entity}"; one of: ${EXPORT_CLI_ENTITIES.join(', ')}`);
        await exportCommand(entity as (typeof EXPORT_CLI_ENTITIES)[number], opts);
      }),
    );

  program
    .command('import <entity> <file>')
    .description('Import a CSV or XLSX file: accounts, contacts, orders (one row per order or per line), payments, opportunities or stakeholders')
    .option('--map <column=field>', 'map a column to a field, e.g. --map 客户代码=externalCode (repeatable; field - ignores the column)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--mapping <file.json>', 'a saved mapping: {"entity": "accounts", "columns": {"customer_id": "externalCode", …}}')
    .option('--dry-run', 'check every row and report, write nothing')
    .option('--skip-invalid', 'import the good rows; write the rejected ones with the reason to <file>.rejected.csv')
    .option('--create-missing', 'create an account for an unknown customer code instead of rejecting the row')
    .option('--batch-size <n>', 'rows per batch', positiveInt, 5000)
    .option('--json', 'print the full report as JSON on stdout')
    .addHelpText(
      'after',
      `
By default a file with any bad row imports nothing and reports every bad row (row numbers as in the
file: the header is row 1); exit code 1. Headers are matched by name in Chinese or English.
Re-importing a file creates no duplicates: keys upsert (accounts: 客户编码, else the name; contacts:
customer + name + phone/e-mail; orders: order number, whose lines are replaced; payments: payment
reference). Non-empty cells overwrite, empty cells keep stored values. See docs/IMPORT.md.`,
    )
    .action(
      run(async (entity: string, file: string, opts: ImportCommandOptions) => {
        const { importCommand } = await import('./cli/import.js');
        await importCommand(entity, file, opts);
      }),
    );

  const tiers = program.command('tiers').description('Customer tiering (客户分级): recompute the pyramid, take snapshots');
  tiers
    .command('recompute')
    .description('Score every account with the published model and replace the tiers in one transaction')
    .option('--as-of <date>', 'the day the 12-month (model) window ends, YYYY-MM-DD (default today)')
    .action(
      run(async (opts: { asOf?: string }) => {
        const { tiersRecomputeCommand } = await import('./cli/tiers.js');
        await tiersRecomputeCommand(opts);
      }),
    );
  tiers
    .command('snapshot')
    .description('Take an immutable snapshot of the current tiers (or, with --as-of, score the published model as of that date)')
    .option('--label <label>', 'e.g. 2026-11 or 2026Q4 (default: the as-of date)')
    .addOption(new Option('--kind <kind>', 'period kind').choices(['month', 'quarter', 'on-demand']).default('on-demand'))
    .option('--as-of <date>', 'score as of this date instead of copying the current tiers, YYYY-MM-DD')
    .action(
      run(async (opts: { label?: string; kind?: 'month' | 'quarter' | 'on-demand'; asOf?: string }) => {
        const { tiersSnapshotCommand } = await import('./cli/tiers.js');
        await tiersSnapshotCommand(opts);
      }),
    );

  program
    .command('bench')
    .description('Generate data at a scale (in its own data folder or database) and time each scenario (API, import, export) next to its baseline')
    .addOption(new Option('--scale <scale>', 'data size').choices(['S', 'M', 'L']).default('S'))
    .option('--only <scenarios>', 'run only these scenarios (comma-separated): accounts, account-detail, import-orders, import-xlsx, export, tiering, relationship-map')
    .option('--iterations <n>', 'runs per scenario', positiveInt, 30)
    .option('--out <dir>', 'where the JSON report goes', 'bench/results')
    .option('--rows <n>', 'order lines in the CSV import (default: S 100,000; M and L 1,000,000)', positiveInt)
    .option('--xlsx-rows <n>', 'data rows in the XLSX import (default: S 100,000; M and L 1,048,575 + the header = Excel\'s limit)', positiveInt)
    .option('--accounts <n>', 'accounts to generate into an empty bench database instead of the scale\'s', positiveInt)
    .option('--data-dir <dir>', 'the bench\'s PGlite data folder (default ./data-bench-<scale>)')
    .action(
      run(async (opts: { scale: 'S' | 'M' | 'L'; only?: string; iterations: number; out: string; rows?: number; xlsxRows?: number; accounts?: number; dataDir?: string }) => {
        const { loadConfig } = await import('./config/index.js');
        const { runBench } = await import('./bench/run.js');
        await runBench({
          config: loadConfig(), scale: opts.scale, only: opts.only, iterations: opts.iterations, outDir: opts.out,
          rows: opts.rows, xlsxRows: opts.xlsxRows, accounts: opts.accounts, dataDir: opts.dataDir, log: (l) => console.log(l),
        });
      }),
    );

  return program;
}

await buildProgram().parseAsync(process.argv);
// Stray handles (a pool timer, a worker) must not keep a finished command alive.
process.exit(process.exitCode ?? 0);

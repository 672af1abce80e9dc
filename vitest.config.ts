import { defineConfig } from 'vitest/config';

// Database and API tests run twice: on embedded PGlite and on the PostgreSQL server.
const dbTests = ['test/api/**/*.test.ts', 'test/db/**/*.test.ts', 'test/import/**/*.test.ts', 'src/server/**/*.db.test.ts'];

export default defineConfig({
  test: {
    // Vitest's default is one worker per CPU but one, which on a 2-CPU CI machine runs every file
    // in turn; two at once (a database test beside a browser test) cuts the run by about a third.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/server/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['src/server/**/*.db.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'pglite',
          include: dbTests,
          env: { KAM_TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-setup-pglite.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'postgres',
          include: dbTests,
          env: { KAM_TEST_DB: 'postgres' },
          globalSetup: ['test/support/global-setup-postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        // Crashes and second processes on a PGlite data folder (child processes, real signals).
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

// The one place that reads process.env. Everything else receives a Config.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  KAM_DATA_DIR: z.string().default('./data'),
  KAM_DEMO: z.enum(['0', '1']).default('1'),
  KAM_DEMO_PASSWORD: z.string().min(10, 'must be at least 10 characters (the password rule for users)').optional(),
  KAM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAM_SESSION_HOURS: z.coerce.number().positive().default(12),
  KAM_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  KAM_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  KAM_CURRENCY: z.string().length(3).default('CNY'),
  KAM_TIMEZONE: z.string().default('Asia/Shanghai'),
  KAM_TIER_RECOMPUTE_MINUTES: z.coerce.number().int().min(0).max(525_600).default(1440),
  KAM_UPLOAD_DIR: z.string().optional(),
  KAM_UPLOAD_MAX_MB: z.coerce.number().int().positive().max(10_240).default(200),
  KAM_UPLOAD_KEEP_DAYS: z.coerce.number().int().positive().default(7),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  demo: boolean;
  demoPassword: string | undefined;
  logLevel: string;
  sessionTtlMs: number;
  secureCookies: boolean;
  rateLimitPerMinute: number;
  currency: string;
  timezone: string;
  webRoot: string;
  /** Minutes between scheduled tier recomputes (0: never). */
  tierRecomputeMinutes: number;
  /** Uploaded import files: the folder, the largest accepted file, days kept after the job finished. */
  imports: ImportConfig;
}

export interface ImportConfig {
  uploadDir: string;
  maxUploadBytes: number;
  keepDays: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.KAM_DATA_DIR) },
    demo: e.KAM_DEMO === '1',
    demoPassword: e.KAM_DEMO_PASSWORD,
    logLevel: e.KAM_LOG_LEVEL,
    sessionTtlMs: e.KAM_SESSION_HOURS * 3600_000,
    secureCookies: e.KAM_SECURE_COOKIES === '1',
    rateLimitPerMinute: e.KAM_RATE_LIMIT,
    currency: e.KAM_CURRENCY,
    timezone: e.KAM_TIMEZONE,
    webRoot: path.join(packageRoot(), 'dist/web'),
    tierRecomputeMinutes: e.KAM_TIER_RECOMPUTE_MINUTES,
    imports: {
      uploadDir: path.resolve(e.KAM_UPLOAD_DIR ?? path.join(e.KAM_DATA_DIR, 'uploads')),
      maxUploadBytes: e.KAM_UPLOAD_MAX_MB * 1024 * 1024,
      keepDays: e.KAM_UPLOAD_KEEP_DAYS,
    },
  };
}

/** The folder holding package.json, whether we run from src/ (tsx) or dist/ (built). */
function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Test-only knobs, still read here so no other module touches process.env. */
export function testEnv(env: Record<string, string | undefined> = process.env) {
  return {
    db: (env.KAM_TEST_DB ?? 'pglite') as 'pglite' | 'postgres',
    postgresUrl: env.KAM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    isCi: env.CI === 'true',
    /** Set by the test run's global setup, so concurrent runs keep to their own databases. */
    runId: env.KAM_TEST_RUN ?? 'adhoc',
  };
}

// Wires the capability services to one database and clock. Routes receive this object.
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Clock } from './shared/clock.js';
import { authService } from './auth/service.js';
import { accountsService } from './accounts/service.js';
import { accountStructureService } from './accounts/structure-service.js';
import { needsService } from './accounts/needs-service.js';
import { contactsService } from './contacts/service.js';
import { recycleBinService } from './audit/recycle-bin-service.js';
import { auditService } from './audit/audit-service.js';
import { usersService } from './users/service.js';
import { exportService } from './export/service.js';
import { ordersService } from './orders/service.js';
import { tieringService } from './tiering/service.js';
import { accountTierService } from './tiering/account-tier-service.js';
import { loadConfig, type ImportConfig } from './config/index.js';
import { importJobsService } from './import/jobs-service.js';
import { importMappingsService } from './import/mappings-service.js';
import { keyAccountProgramService } from './key-accounts/program-service.js';
import { accountPlanService } from './key-accounts/plan-service.js';
import { relationshipsService } from './relationships/service.js';
import { opportunitiesService } from './pipeline/service.js';
import { pipelineViewsService } from './pipeline/views-service.js';
import { remindersService } from './reminders/service.js';

export interface ServiceOptions {
  sessionTtlMs: number;
  currency: string;
  timezone: string;
  /** Upload folder and limits of web imports (default: the configuration's). */
  imports?: ImportConfig;
}

export function createServices(db: Kysely<DB>, clock: Clock, opts: ServiceOptions) {
  return {
    db,
    clock,
    options: opts,
    auth: authService(db, clock, { sessionTtlMs: opts.sessionTtlMs }),
    accounts: accountsService(db),
    accountStructure: accountStructureService(db),
    needs: needsService(db),
    contacts: contactsService(db),
    recycleBin: recycleBinService(db),
    audit: auditService(db),
    users: usersService(db),
    orders: ordersService(db, { clock, timezone: opts.timezone, currency: opts.currency }),
    tiering: tieringService(db, { clock, timezone: opts.timezone }),
    accountTiers: accountTierService(db),
    exports: exportService(db, { timezone: opts.timezone, now: () => clock.now() }),
    importJobs: importJobsService(db, clock, opts.imports ?? loadConfig().imports),
    importMappings: importMappingsService(db),
    keyAccounts: keyAccountProgramService(db),
    accountPlans: accountPlanService(db),
    relationships: relationshipsService(db, { clock, timezone: opts.timezone }),
    opportunities: opportunitiesService(db, { clock, timezone: opts.timezone, currency: opts.currency }),
    pipeline: pipelineViewsService(db, { clock }),
    reminders: remindersService(db, clock),
  };
}

export type Services = ReturnType<typeof createServices>;

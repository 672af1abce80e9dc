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

export interface ServiceOptions {
  sessionTtlMs: number;
  currency: string;
  timezone: string;
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
    exports: exportService(db, { timezone: opts.timezone, now: () => clock.now() }),
  };
}

export type Services = ReturnType<typeof createServices>;

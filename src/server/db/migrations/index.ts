// Migrations run in name order. Add new files with a later timestamp; never edit a landed one.
import type { Migration, MigrationProvider } from 'kysely';
import * as m20261123T1130 from './20261123T1130_foundation.js';
import * as m20261123T1230 from './20261123T1230_orders_payments.js';

const migrations: Record<string, Migration> = {
  '20261123T1130_foundation': m20261123T1130,
  '20261123T1230_orders_payments': m20261123T1230,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

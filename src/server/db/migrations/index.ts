// Migrations run in name order. Add new files with a later timestamp; never edit a landed one.
import type { Migration, MigrationProvider } from 'kysely';
import * as m20261123T1130 from './20261123T1130_foundation.js';
import * as m20261123T1230 from './20261123T1230_orders_payments.js';
import * as m20261123T1400 from './20261123T1400_import_jobs.js';
import * as m20261123T1410 from './20261123T1410_tiering.js';
import * as m20261123T1420 from './20261123T1420_relationships_pipeline.js';
import * as m20261123T1430 from './20261123T1430_key_accounts.js';
import * as m20261123T1500 from './20261123T1500_loose_name_word_boundaries.js';
import * as m20261123T1510 from './20261123T1510_reminder_facts.js';
import * as m20261123T1640 from './20261123T1640_tier_results_in_place.js';

const migrations: Record<string, Migration> = {
  '20261123T1130_foundation': m20261123T1130,
  '20261123T1230_orders_payments': m20261123T1230,
  '20261123T1400_import_jobs': m20261123T1400,
  '20261123T1410_tiering': m20261123T1410,
  '20261123T1420_relationships_pipeline': m20261123T1420,
  '20261123T1430_key_accounts': m20261123T1430,
  '20261123T1500_loose_name_word_boundaries': m20261123T1500,
  '20261123T1510_reminder_facts': m20261123T1510,
  '20261123T1640_tier_results_in_place': m20261123T1640,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

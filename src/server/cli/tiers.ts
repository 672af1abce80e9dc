// `kam tiers recompute` and `kam tiers snapshot`: the same service calls as the API, as the system
// (audited as system:cli). On PGlite the data folder must not be held by a running server: the
// data-folder lock says so clearly; use the web app's button or POST /api/v1/tiering/recompute then.
import { createServices } from '../services.js';
import { systemClock } from '../shared/clock.js';
import { isIsoDate } from '../orders/rules/dates.js';
import { CLI_CONTEXT, withDatabase } from './common.js';

export interface TiersRecomputeOptions {
  asOf?: string | undefined;
}
export interface TiersSnapshotOptions {
  label?: string | undefined;
  kind?: 'month' | 'quarter' | 'on-demand' | undefined;
  asOf?: string | undefined;
}

function checkDate(v: string | undefined) {
  if (v !== undefined && !isIsoDate(v)) throw new Error(`--as-of must be a real date as YYYY-MM-DD, not "${v}"`);
}

export async function tiersRecomputeCommand(opts: TiersRecomputeOptions): Promise<void> {
  checkDate(opts.asOf);
  await withDatabase(async ({ db }, config) => {
    const s = createServices(db, systemClock, { sessionTtlMs: config.sessionTtlMs, currency: config.currency, timezone: config.timezone });
    const r = await s.tiering.recompute(CLI_CONTEXT, { asOf: opts.asOf, trigger: 'cli' });
    const p = await s.tiering.pyramid(CLI_CONTEXT.actor);
    console.log(`Recomputed ${r.accounts.toLocaleString('en')} accounts (${r.scored.toLocaleString('en')} scored) with model v${r.modelVersion} as of ${r.asOf} in ${(r.ms / 1000).toFixed(2)} s; ${r.changed.toLocaleString('en')} changed tier.`);
    for (const t of p.tiers) console.log(`  ${t.tierName}\t${String(t.accounts).padStart(9)}\t${t.revenue}`);
  });
}

export async function tiersSnapshotCommand(opts: TiersSnapshotOptions): Promise<void> {
  checkDate(opts.asOf);
  await withDatabase(async ({ db }, config) => {
    const s = createServices(db, systemClock, { sessionTtlMs: config.sessionTtlMs, currency: config.currency, timezone: config.timezone });
    const kind = opts.kind === 'on-demand' ? 'on_demand' : opts.kind;
    const snap = await s.tiering.createSnapshot(CLI_CONTEXT, { label: opts.label, kind, asOf: opts.asOf });
    console.log(`Snapshot ${snap.id} "${snap.label}" (${snap.kind}, as of ${snap.asOf}): ${snap.accounts.toLocaleString('en')} accounts — ${snap.tiers.map((t) => `${t.tierName} ${t.accounts}`).join(', ')}`);
  });
}

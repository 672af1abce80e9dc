// Tiers for the demo data: quarter-end snapshots scored honestly from the order history as of each
// quarter's end (the published model with its window ending that day; no overrides then), then a
// recompute as of today, so the first start shows a pyramid and a migration between quarters.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { WriteContext } from '../audit/audit-log.js';
import { localDate } from '../orders/rules/dates.js';
import { addMonths } from './rules/window.js';
import { tieringService } from './service.js';

export const TIERING_SEED_CONTEXT: WriteContext = {
  actor: { id: 0, username: 'system:seed', displayName: '演示数据', role: 'admin', teamId: null },
};

/** The last `n` quarter ends strictly before `today`, oldest first, with labels like 2026Q3. */
export function pastQuarterEnds(today: string, n: number): { asOf: string; label: string }[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  // first day of the current quarter, then step back
  const qStart = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const out: { asOf: string; label: string }[] = [];
  for (let i = n; i >= 1; i--) {
    const start = addMonths(qStart, -3 * (i - 1));
    const end = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const [ey, em] = end.split('-').map(Number) as [number, number];
    out.push({ asOf: end, label: `${ey}Q${Math.ceil(em / 3)}` });
  }
  return out;
}

export async function seedTiers(db: Kysely<DB>, opts: { now: Date; timezone: string; quarters?: number }) {
  const s = tieringService(db, { clock: { now: () => opts.now }, timezone: opts.timezone });
  const today = localDate(opts.now, opts.timezone);
  const snapshots = [];
  for (const q of pastQuarterEnds(today, opts.quarters ?? 4)) {
    snapshots.push(await s.createSnapshot(TIERING_SEED_CONTEXT, { label: q.label, kind: 'quarter', asOf: q.asOf }));
  }
  const run = await s.recompute(TIERING_SEED_CONTEXT, { trigger: 'seed' });
  return { snapshots: snapshots.length, run };
}

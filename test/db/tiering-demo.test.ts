// The demo's pyramid (past quarter snapshots from the order history, then today's tiers) and the
// scheduler: of two servers ticking at once exactly one recomputes, and only when the last run is old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seed.js';
import { createServices, type Services } from '../../src/server/services.js';
import { pastQuarterEnds, seedTiers } from '../../src/server/tiering/demo.js';
import { startTierScheduler } from '../../src/server/tiering/scheduler.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-23T04:00:00Z');
let d: TestDatabase;
let s: Services;
beforeAll(async () => {
  d = await createTestDatabase();
  s = createServices(d.db, { now: () => NOW }, { sessionTtlMs: 3600_000, currency: 'CNY', timezone: 'Asia/Shanghai' });
  await seedDemo(d.db, { scale: 'S', accounts: 400, password: 'demo-password-1', now: NOW });
}, 180_000);
afterAll(async () => d?.destroy());

describe('demo tiers', () => {
  it('names the last quarter ends', () => {
    expect(pastQuarterEnds('2026-11-23', 4)).toEqual([
      { asOf: '2025-12-31', label: '2025Q4' },
      { asOf: '2026-03-31', label: '2026Q1' },
      { asOf: '2026-06-30', label: '2026Q2' },
      { asOf: '2026-09-30', label: '2026Q3' },
    ]);
    expect(pastQuarterEnds('2026-01-01', 1)).toEqual([{ asOf: '2025-12-31', label: '2025Q4' }]);
  });

  it('gives a sensible pyramid after seeding, with four past quarters to compare', async () => {
    const r = await seedTiers(d.db, { now: NOW, timezone: 'Asia/Shanghai' });
    expect(r.snapshots).toBe(4);
    const p = await s.tiering.pyramid({ id: 0, username: 't', displayName: 't', role: 'director', teamId: null });
    const n = r.run.scored;
    expect(n).toBeGreaterThan(250); // prospects have no orders: insufficient data
    const counts = p.tiers.map((t) => t.accounts);
    expect(counts[0]).toBe(Math.ceil(n * 0.05));
    expect(counts[0]! + counts[1]!).toBe(Math.ceil(n * 0.2));
    // revenue per account falls from tier to tier
    const perAccount = p.tiers.slice(0, 3).map((t) => Number(t.revenue) / t.accounts);
    expect(perAccount[0]).toBeGreaterThan(perAccount[1]!);
    expect(perAccount[1]).toBeGreaterThan(perAccount[2]!);
    const snaps = (await s.tiering.listSnapshots(p as never, 10)).items;
    expect(snaps.map((x) => x.label)).toEqual(['2026Q3', '2026Q2', '2026Q1', '2025Q4']);
    const m = await s.tiering.migration({ id: 0, username: 't', displayName: 't', role: 'director', teamId: null }, snaps[3]!.id, snaps[0]!.id);
    expect(m.upCount + m.downCount).toBeGreaterThan(0);
    expect(m.stayed + m.upCount + m.downCount).toBe(400);
  });
});

describe('the scheduler', () => {
  it('recomputes once when due, whichever of two servers ticks, and not again until the interval passes', async () => {
    const log = { info: () => {}, warn: (o: unknown) => console.error(o) };
    const runs0 = Number((await d.db.selectFrom('tier_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    // The last run (seedTiers) was "now": not due with a 60-minute interval.
    const a = startTierScheduler(s.tiering, { intervalMinutes: 60, log });
    expect(await a.tick()).toBeNull();
    a.stop();
    // Two hours later (runs are stamped and judged by the database's clock): due; two servers
    // tick at once, one recomputes.
    await d.db.updateTable('tier_runs').set({ computed_at: new Date(Date.now() - 2 * 3600_000) }).execute();
    const later = createServices(d.db, { now: () => new Date() }, { sessionTtlMs: 3600_000, currency: 'CNY', timezone: 'Asia/Shanghai' });
    const other = createServices(d.db, { now: () => new Date() }, { sessionTtlMs: 3600_000, currency: 'CNY', timezone: 'Asia/Shanghai' });
    const x = startTierScheduler(later.tiering, { intervalMinutes: 60, log });
    const y = startTierScheduler(other.tiering, { intervalMinutes: 60, log });
    const results = await Promise.all([x.tick(), y.tick()]);
    x.stop();
    y.stop();
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const runs = await d.db.selectFrom('tier_runs').select(['trigger']).orderBy('id').execute();
    expect(runs.length).toBe(runs0 + 1);
    expect(runs[runs.length - 1]!.trigger).toBe('schedule');
  });
});

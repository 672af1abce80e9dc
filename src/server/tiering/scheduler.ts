// Recomputes the tiers on a schedule inside the server. Every server runs the timer, but a tick
// only recomputes when the last run is older than the interval, under a try-advisory-lock: of
// several servers on one PostgreSQL exactly one does the work, the others skip the tick.
import type { WriteContext } from '../audit/audit-log.js';
import type { TieringService } from './service.js';

export const SCHEDULER_CONTEXT: WriteContext = {
  actor: { id: 0, username: 'system:scheduler', displayName: '定时任务', role: 'admin', teamId: null },
};

export interface TierScheduler {
  stop(): void;
  /** One tick now (tests); resolves with the run, or null when skipped. */
  tick(): Promise<unknown>;
}

export function startTierScheduler(tiering: TieringService, opts: { intervalMinutes: number; log: { info(m: string): void; warn(o: unknown, m: string): void } }): TierScheduler {
  let running = false;
  const tick = async () => {
    if (running) return null;
    running = true;
    try {
      const r = await tiering.scheduledRecompute(SCHEDULER_CONTEXT, opts.intervalMinutes);
      if (r) opts.log.info(`Scheduled tier recompute: ${r.accounts} accounts, ${r.changed} changed tier, ${r.ms} ms`);
      return r;
    } catch (e) {
      opts.log.warn({ err: e }, 'scheduled tier recompute failed');
      return null;
    } finally {
      running = false;
    }
  };
  // Check often enough that a missed run is caught up within a few minutes of falling due.
  const everyMs = Math.max(60_000, Math.min(opts.intervalMinutes * 60_000, 5 * 60_000));
  const timer = opts.intervalMinutes > 0 ? setInterval(() => void tick(), everyMs) : null;
  timer?.unref();
  return {
    stop: () => {
      if (timer) clearInterval(timer);
    },
    tick,
  };
}

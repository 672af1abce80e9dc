// Login throttling: after MAX_FAILURES failed logins within WINDOW, the key is locked for
// LOCK_MS, doubling with each further failure up to MAX_LOCK_MS. The count starts afresh once
// WINDOW has passed since the first failure or, for a key that was locked, since its lock ended.
export const MAX_FAILURES = 5;
/** A whole office may sit behind one address: the address key tolerates many more failures. */
export const MAX_FAILURES_PER_ADDRESS = 50;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 60_000;
export const MAX_LOCK_MS = 30 * 60_000;

export interface FailureState {
  failures: number;
  firstAt: Date;
  lockedUntil: Date | null;
}

export function isLocked(state: FailureState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const left = state.lockedUntil.getTime() - now.getTime();
  return left > 0 ? left : 0;
}

export function afterFailure(state: FailureState | undefined, now: Date, maxFailures = MAX_FAILURES): FailureState {
  // The window runs from the first failure or, once locked, from the end of the last lock:
  // otherwise the count would reset mid-escalation and the lock would never grow past ~8 min.
  const windowStart = state ? Math.max(state.firstAt.getTime(), state.lockedUntil?.getTime() ?? 0) : 0;
  const fresh = !state || now.getTime() - windowStart > WINDOW_MS;
  const failures = fresh ? 1 : state.failures + 1;
  const firstAt = fresh ? now : state.firstAt;
  if (failures < maxFailures) return { failures, firstAt, lockedUntil: null };
  const lock = Math.min(LOCK_MS * 2 ** (failures - maxFailures), MAX_LOCK_MS);
  return { failures, firstAt, lockedUntil: new Date(now.getTime() + lock) };
}

// Login throttling: exact lock lengths, the cap and the window.
import { describe, expect, it } from 'vitest';
import { LOCK_MS, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS, MAX_LOCK_MS, WINDOW_MS, afterFailure, isLocked, type FailureState } from './throttle.js';

const T0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SEC = 1000;
const MIN = 60 * SEC;

/** Fails `n` times, one second apart from `start`; returns the state after the last. */
function failTimes(n: number, start = 0, state?: FailureState): FailureState {
  let s = state;
  for (let i = 0; i < n; i++) s = afterFailure(s, at(start + i * SEC));
  return s!;
}

describe('constants', () => {
  it('5 failures, 15-minute window, 60 s first lock, 30-minute cap', () => {
    expect([MAX_FAILURES, WINDOW_MS, LOCK_MS, MAX_LOCK_MS]).toEqual([5, 900_000, 60_000, 1_800_000]);
  });
});

describe('afterFailure', () => {
  it('the first failure starts a window and locks nothing', () => {
    expect(afterFailure(undefined, T0)).toEqual({ failures: 1, firstAt: T0, lockedUntil: null });
  });

  it('failures 1–4 lock nothing', () => {
    const s = failTimes(4);
    expect(s).toEqual({ failures: 4, firstAt: T0, lockedUntil: null });
    expect(isLocked(s, at(4 * SEC))).toBe(0);
  });

  it('the 5th failure locks for 60 s, the 6th for 120 s', () => {
    const fifth = failTimes(5); // the 5th at T0 + 4 s
    expect(fifth.failures).toBe(5);
    expect(fifth.lockedUntil).toEqual(at(4 * SEC + 60 * SEC));
    const sixth = afterFailure(fifth, at(64 * SEC)); // right when the lock ends
    expect(sixth.failures).toBe(6);
    expect(sixth.lockedUntil).toEqual(at(64 * SEC + 120 * SEC));
    expect(sixth.firstAt).toEqual(T0);
  });

  it('each failure as soon as the lock ends doubles it, up to 30 minutes', () => {
    // 5th at 4 s; then 60, 120, 240, 480, 960, 1800 (not 1920), 1800 s …
    let s = failTimes(5);
    const locks: number[] = [(s.lockedUntil!.getTime() - at(4 * SEC).getTime()) / SEC];
    for (let i = 0; i < 6; i++) {
      const now = s.lockedUntil!;
      s = afterFailure(s, now);
      locks.push((s.lockedUntil!.getTime() - now.getTime()) / SEC);
    }
    expect(locks).toEqual([60, 120, 240, 480, 960, 1800, 1800]);
    expect(s.failures).toBe(11);
  });

  it('the lock is capped at 30 minutes however many failures', () => {
    const s = afterFailure({ failures: 40, firstAt: T0, lockedUntil: null }, at(MIN));
    expect(s.failures).toBe(41);
    expect(s.lockedUntil).toEqual(at(MIN + 30 * MIN));
  });

  it('a failure exactly 15 minutes after the first still counts', () => {
    const four = failTimes(4, 0);
    const fifth = afterFailure({ ...four, firstAt: T0 }, at(15 * MIN));
    expect(fifth.failures).toBe(5);
    expect(fifth.lockedUntil).toEqual(at(16 * MIN));
  });

  it('the window resets after 15 minutes: the count starts again at 1, unlocked', () => {
    const four = failTimes(4, 0);
    const next = afterFailure(four, at(15 * MIN + 1));
    expect(next).toEqual({ failures: 1, firstAt: at(15 * MIN + 1), lockedUntil: null });
  });

  it('a locked key keeps its count until 15 minutes after its lock ended', () => {
    const fifth = failTimes(5); // locked until 64 s
    const stillCounting = afterFailure(fifth, at(64 * SEC + 15 * MIN));
    expect(stillCounting.failures).toBe(6);
    expect(stillCounting.lockedUntil).toEqual(at(64 * SEC + 15 * MIN + 120 * SEC));
    const forgiven = afterFailure(fifth, at(64 * SEC + 15 * MIN + 1));
    expect(forgiven).toEqual({ failures: 1, firstAt: at(64 * SEC + 15 * MIN + 1), lockedUntil: null });
  });
});

describe('isLocked', () => {
  it('is 0 without a state or a lock', () => {
    expect(isLocked(undefined, T0)).toBe(0);
    expect(isLocked({ failures: 3, firstAt: T0, lockedUntil: null }, T0)).toBe(0);
  });

  it('gives the milliseconds left, then 0 once the lock has passed', () => {
    const s: FailureState = { failures: 5, firstAt: T0, lockedUntil: at(60 * SEC) };
    expect(isLocked(s, T0)).toBe(60_000);
    expect(isLocked(s, at(59_999))).toBe(1);
    expect(isLocked(s, at(60_000))).toBe(0);
    expect(isLocked(s, at(90_000))).toBe(0);
  });
});

describe('the per-address limit', () => {
  it('locks an address only at its 50th failure, for 60 s', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    let state: ReturnType<typeof afterFailure> | undefined;
    for (let i = 1; i <= 49; i++) state = afterFailure(state, new Date(t0.getTime() + i * 1000), MAX_FAILURES_PER_ADDRESS);
    expect(state).toEqual({ failures: 49, firstAt: new Date(t0.getTime() + 1000), lockedUntil: null });
    const fiftieth = new Date(t0.getTime() + 50_000);
    state = afterFailure(state, fiftieth, MAX_FAILURES_PER_ADDRESS);
    expect(state.lockedUntil).toEqual(new Date(fiftieth.getTime() + 60_000));
  });
});

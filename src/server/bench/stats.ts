// Timing helpers for the benchmarks: percentiles over repeated runs, interleaved with the baseline
// so both see the same machine state.
import { performance } from 'node:perf_hooks';

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

export function summarise(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  return { n: s.length, p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** A measured step: either timed here, or reporting its own duration in ms. */
export type Step = () => Promise<unknown>;

async function measure(step: Step, selfTimed: boolean): Promise<number> {
  if (!selfTimed) return timeIt(step);
  return (await step()) as number;
}

/**
 * Runs subject and baseline alternately, after a warm-up, and returns both summaries.
 * With `subjectTimesItself`, the subject resolves to its own duration (e.g. timed in a worker).
 */
export async function paired(subject: Step, baseline: Step, iterations: number, opts: { warmup?: number; subjectTimesItself?: boolean } = {}) {
  const self = opts.subjectTimesItself ?? false;
  for (let i = 0; i < (opts.warmup ?? 20); i++) {
    await subject();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < iterations; i++) {
    if (i % 2 === 0) {
      a.push(await measure(subject, self));
      b.push(await timeIt(baseline));
    } else {
      b.push(await timeIt(baseline));
      a.push(await measure(subject, self));
    }
  }
  return { subject: summarise(a), baseline: summarise(b) };
}

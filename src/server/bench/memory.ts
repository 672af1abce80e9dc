// Peak memory while a benchmark step runs: RSS and heap sampled on a timer (every 100 ms, or
// 250 ms when each sample collects garbage first), the peaks reported above the level at the
// start and, for RSS, also as the process's absolute peak.
const MiB = 2 ** 20;

export interface PeakMemory {
  /** Peak RSS above the start, MiB. */
  rssMiB: number;
  /** Peak heap used above the start, MiB. */
  heapMiB: number;
  /** Peak RSS of the whole process, MiB. */
  peakRssMiB: number;
}

const round = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/**
 * With NODE_OPTIONS=--expose-gc each sample collects garbage first, so the heap figure is what
 * is really held (without it, garbage not yet collected counts too and the figure is an upper
 * bound). A step that blocks the event loop for long is sampled less often than asked.
 */
export async function withPeakMemory<T>(fn: () => Promise<T>, everyMs = 100): Promise<{ value: T; memory: PeakMemory }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = () => {
    gc?.();
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, gc ? Math.max(everyMs, 250) : everyMs);
  try {
    const value = await fn();
    sample();
    return { value, memory: { rssMiB: round(rss - start.rss), heapMiB: round(heap - start.heapUsed), peakRssMiB: round(rss) } };
  } finally {
    clearInterval(timer);
  }
}

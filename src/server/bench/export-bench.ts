// Export of the whole account list (CSV and XLSX) over HTTP, next to its baseline: the same
// keyset pages read straight from the repository without formatting. Reports rows/s, the ratio,
// and the process's peak memory above where it started — the streaming claim is that this stays
// at a few pages whatever the row count.
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { accountsRepository } from '../accounts/repository.js';
import type { CursorPosition } from '../shared/cursor.js';
import { EXPORT_PAGE_SIZE } from '../export/service.js';

export interface ExportBenchResult {
  format: 'csv' | 'xlsx';
  rows: number;
  bytes: number;
  apiSeconds: number;
  sqlSeconds: number;
  ratio: number;
  rowsPerSecond: number;
  peakRssMiB: number;
  peakHeapMiB: number;
}

const MiB = 2 ** 20;

/**
 * Samples memory while `fn` runs; the peaks are above the level at the start. With
 * NODE_OPTIONS=--expose-gc each sample collects garbage first, so the heap figure is what is
 * really held (without it, garbage not yet collected counts too and the figure is an upper bound).
 */
async function withPeakMemory<T>(fn: () => Promise<T>): Promise<{ value: T; rss: number; heap: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const start = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    gc?.();
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - start.rss);
    heap = Math.max(heap, m.heapUsed - start.heapUsed);
  };
  const timer = setInterval(sample, gc ? 250 : 25);
  try {
    const value = await fn();
    sample();
    return { value, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

export async function exportBench(opts: { baseUrl: string; db: Kysely<DB>; password: string; log: (line: string) => void }): Promise<ExportBenchResult[]> {
  const login = await fetch(`${opts.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: opts.password }),
  });
  if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const admin = { id: 0, username: 'bench', displayName: 'bench', role: 'admin' as const, teamId: null };
  const repo = accountsRepository(opts.db);

  async function sqlPages(): Promise<number> {
    let rows = 0;
    let after: CursorPosition | undefined;
    for (;;) {
      const page = await repo.listQuery(admin, { sort: 'createdAt', desc: false, after, limit: EXPORT_PAGE_SIZE }).execute();
      const got = page.slice(0, EXPORT_PAGE_SIZE);
      rows += got.length;
      const last = got[got.length - 1];
      if (page.length <= EXPORT_PAGE_SIZE || !last) return rows;
      after = { v: last.sort_value, id: last.id };
    }
  }

  const results: ExportBenchResult[] = [];
  opts.log('\nexport of every account over HTTP vs the keyset pages it reads (one run each)');
  for (const format of ['csv', 'xlsx'] as const) {
    const t0 = performance.now();
    const sqlRows = await sqlPages();
    const sqlSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const { value: bytes, rss, heap } = await withPeakMemory(async () => {
      const res = await fetch(`${opts.baseUrl}/api/v1/accounts/export?format=${format}&sort=createdAt`, { headers: { cookie } });
      if (!res.ok || !res.body) throw new Error(`export ${format}: ${res.status}`);
      let n = 0;
      // Read and drop: the client holds nothing, so the memory measured is the server's.
      for await (const chunk of res.body) n += (chunk as Uint8Array).byteLength;
      return n;
    });
    const apiSeconds = (performance.now() - t1) / 1000;
    const r: ExportBenchResult = {
      format,
      rows: sqlRows,
      bytes,
      apiSeconds,
      sqlSeconds,
      ratio: apiSeconds / Math.max(sqlSeconds, 1e-9),
      rowsPerSecond: Math.round(sqlRows / Math.max(apiSeconds, 1e-9)),
      peakRssMiB: Math.round((rss / MiB) * 10) / 10,
      peakHeapMiB: Math.round((heap / MiB) * 10) / 10,
    };
    results.push(r);
    opts.log(
      `  ${format.padEnd(5)} ${r.rows.toLocaleString('en')} rows, ${(bytes / MiB).toFixed(1)} MiB in ${apiSeconds.toFixed(1)} s ` +
        `(${r.rowsPerSecond.toLocaleString('en')} rows/s); pages alone ${sqlSeconds.toFixed(1)} s → ×${r.ratio.toFixed(2)}; ` +
        `peak memory +${r.peakRssMiB} MiB RSS, +${r.peakHeapMiB} MiB heap`,
    );
  }
  return results;
}

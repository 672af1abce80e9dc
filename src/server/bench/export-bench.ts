// Exports over HTTP (CSV and XLSX), next to their baseline: the same keyset pages read straight
// from the repository without formatting. The whole account list, and the whole order list (about
// 1,000,000 orders at scale M). Reports rows/s, the ratio, and the process's peak memory above
// where it started — the streaming claim is that this stays at a few pages whatever the row count.
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { accountsRepository } from '../accounts/repository.js';
import { ordersRepository } from '../orders/repository.js';
import type { CursorPosition } from '../shared/cursor.js';
import { EXPORT_PAGE_SIZE } from '../export/service.js';
import { withPeakMemory } from './memory.js';

export interface ExportBenchResult {
  entity: 'accounts' | 'orders';
  format: 'csv' | 'xlsx';
  rows: number;
  bytes: number;
  apiSeconds: number;
  sqlSeconds: number;
  ratio: number;
  rowsPerSecond: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  /** The process's absolute peak RSS during the export, MiB. */
  processPeakRssMiB: number;
}

const MiB = 2 ** 20;

export async function exportBench(opts: { baseUrl: string; db: Kysely<DB>; password: string; log: (line: string) => void }): Promise<ExportBenchResult[]> {
  const login = await fetch(`${opts.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: opts.password }),
  });
  if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const admin = { id: 0, username: 'bench', displayName: 'bench', role: 'admin' as const, teamId: null };
  const accounts = accountsRepository(opts.db);
  const orders = ordersRepository(opts.db);

  /** Keyset pages of a list until the last one, as the export reads them; the number of rows. */
  async function pages(read: (after: CursorPosition | undefined) => Promise<{ id: number; sort_value: string }[]>): Promise<number> {
    let rows = 0;
    let after: CursorPosition | undefined;
    for (;;) {
      const page = await read(after);
      const got = page.slice(0, EXPORT_PAGE_SIZE);
      rows += got.length;
      const last = got[got.length - 1];
      if (page.length <= EXPORT_PAGE_SIZE || !last) return rows;
      after = { v: last.sort_value, id: last.id };
    }
  }
  const lists = {
    accounts: {
      url: '/api/v1/accounts/export?sort=createdAt',
      sql: () => pages((after) => accounts.listQuery(admin, { sort: 'createdAt', desc: false, after, limit: EXPORT_PAGE_SIZE }).execute()),
    },
    orders: {
      url: '/api/v1/orders/export?sort=-orderDate',
      sql: () => pages((after) => orders.listOrders(admin, { sort: 'orderDate', desc: true, after, limit: EXPORT_PAGE_SIZE })),
    },
  };

  const results: ExportBenchResult[] = [];
  opts.log('\nexport of every account and every order over HTTP vs the keyset pages it reads (one run each)');
  for (const entity of ['accounts', 'orders'] as const) {
    for (const format of ['csv', 'xlsx'] as const) {
      const list = lists[entity];
      const t0 = performance.now();
      const sqlRows = await list.sql();
      const sqlSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const { value: bytes, memory } = await withPeakMemory(async () => {
        const url = `${opts.baseUrl}${list.url}&format=${format}`;
        // A kept-alive socket the server closed while the baseline ran fails before any answer:
        // that request never reached the export, so it is sent once more.
        const res = await fetch(url, { headers: { cookie } }).catch((e: unknown) => {
          opts.log(`  (${entity} ${format}: ${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')}; sent again)`);
          return fetch(url, { headers: { cookie } });
        });
        if (!res.ok || !res.body) throw new Error(`export ${entity} ${format}: ${res.status}`);
        let n = 0;
        // Read and drop: the client holds nothing, so the memory measured is the server's.
        for await (const chunk of res.body) n += (chunk as Uint8Array).byteLength;
        return n;
      });
      const apiSeconds = (performance.now() - t1) / 1000;
      const r: ExportBenchResult = {
        entity,
        format,
        rows: sqlRows,
        bytes,
        apiSeconds,
        sqlSeconds,
        ratio: apiSeconds / Math.max(sqlSeconds, 1e-9),
        rowsPerSecond: Math.round(sqlRows / Math.max(apiSeconds, 1e-9)),
        peakRssMiB: memory.rssMiB,
        peakHeapMiB: memory.heapMiB,
        processPeakRssMiB: memory.peakRssMiB,
      };
      results.push(r);
      opts.log(
        `  ${entity.padEnd(8)} ${format.padEnd(5)} ${r.rows.toLocaleString('en')} rows, ${(bytes / MiB).toFixed(1)} MiB in ${apiSeconds.toFixed(1)} s ` +
          `(${r.rowsPerSecond.toLocaleString('en')} rows/s); pages alone ${sqlSeconds.toFixed(1)} s → ×${r.ratio.toFixed(2)}; ` +
          `peak memory +${r.peakRssMiB} MiB RSS (${r.processPeakRssMiB} MiB in all), +${r.peakHeapMiB} MiB heap`,
      );
    }
  }
  return results;
}

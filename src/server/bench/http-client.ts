// The benchmark's HTTP client runs in a worker thread, as a browser runs in its own process:
// its request building and response parsing do not share the server's event loop. The worker
// times each request itself; the main thread only says when to send the next one.
// It speaks plain node:http over one kept-alive connection and, like a browser, accepts brotli
// and gzip and decompresses what it gets (inside the timing). It is not fetch: undici's fetch
// added 2-3 ms of its own per request on this machine, which is the client's cost, not KAM's.
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const zlib = require('node:zlib');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const decode = (encoding, body) => encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;
function get(url, headers) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { 'accept-encoding': 'br, gzip', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        resolve({ status: res.statusCode, wireBytes: wire.length, body: decode(res.headers['content-encoding'], wire) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}
parentPort.on('message', async ({ url, headers }) => {
  const t = performance.now();
  try {
    const res = await get(url, headers);
    const ok = res.status >= 200 && res.status < 300;
    parentPort.postMessage({ ms: performance.now() - t, status: res.status, bytes: res.body.length, wireBytes: res.wireBytes, text: ok ? '' : res.body.toString('utf8').slice(0, 500) });
  } catch (e) {
    parentPort.postMessage({ ms: 0, status: 0, bytes: 0, wireBytes: 0, text: String(e) });
  }
});
`;

export interface TimedResponse {
  ms: number;
  status: number;
  /** Body bytes after decompression, and as they came over the wire. */
  bytes: number;
  wireBytes: number;
  text: string;
}

export class WorkerHttpClient {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });

  get(url: string, headers: Record<string, string>): Promise<TimedResponse> {
    return new Promise((resolve) => {
      this.worker.once('message', (m: TimedResponse) => resolve(m));
      this.worker.postMessage({ url, headers });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

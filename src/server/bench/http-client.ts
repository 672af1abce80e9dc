// The benchmark's HTTP client runs in a worker thread, as a browser runs in its own process:
// its request building and response parsing do not share the server's event loop. The worker
// times each request itself; the main thread only says when to send the next one.
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ url, headers }) => {
  const t = performance.now();
  try {
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    parentPort.postMessage({ ms: performance.now() - t, status: res.status, bytes: body.byteLength, text: res.ok ? '' : Buffer.from(body).toString('utf8').slice(0, 500) });
  } catch (e) {
    parentPort.postMessage({ ms: 0, status: 0, bytes: 0, text: String(e) });
  }
});
`;

export interface TimedResponse {
  ms: number;
  status: number;
  bytes: number;
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

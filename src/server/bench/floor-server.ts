// The floor of an HTTP answer on this machine: a bare node:http server that runs the statements a
// KAM request ran (recorded) through the same driver and sends the last one's text, compressed as
// KAM compresses. No framework, hooks, auth or validation: what any server must at least spend.
// Comparing KAM's API with it separates KAM's own overhead from the machine's (thread wake-ups,
// loopback, compression), which the ratio against bare SQL mixes together.
import http from 'node:http';
import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { compressBody } from '../http/compression.js';

export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

export async function startFloorServer(db: Kysely<DB>, statements: readonly CompiledQuery[]): Promise<FloorServer> {
  const server = http.createServer((req, res) => {
    void (async () => {
      let last: unknown = null;
      for (const q of statements) last = (await db.executeQuery(q)).rows[0];
      // The last statement's first column is the answer's text (the map document).
      const text = last && typeof last === 'object' ? Object.values(last)[0] : null;
      if (typeof text !== 'string') throw new Error('floor: the last statement did not return text');
      const { body, encoding } = compressBody(Buffer.from(text), req.headers['accept-encoding']);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...(encoding ? { 'content-encoding': encoding } : {}) });
      res.end(body);
    })().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

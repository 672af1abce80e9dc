// The real server (`kam serve` on a PGlite data folder) killed with SIGKILL while clients create
// accounts: after a restart every account that got a 201 is there. While it runs, the CLI on
// the same folder is refused with a clear message.
import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAll, runTs, tempDataDir, type Child } from './support.js';

const CLI = 'src/server/cli.ts';
const PASSWORD = 'fault-password-123';
const dirs: string[] = [];

afterEach(() => {
  killAll();
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function env(dir: string): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', KAM_DATA_DIR: dir, KAM_DEMO: '0', KAM_DEMO_PASSWORD: PASSWORD, KAM_LOG_LEVEL: 'warn', KAM_RATE_LIMIT: '1000000' };
}

async function startServer(dir: string): Promise<{ child: Child; base: string }> {
  const child = runTs(CLI, ['serve'], env(dir));
  const m = await child.waitForLine(/KAM is running at (http:\/\/[^\s]+:\d+)/, 90_000);
  return { child, base: m[1]!.replace('localhost', '127.0.0.1') };
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kam_session='))!.split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

/** One client creating accounts until stopped; returns those that were answered 201. */
async function client(base: string, s: Session, tag: string, stop: { now: boolean }): Promise<{ id: number; name: string }[]> {
  const acked: { id: number; name: string }[] = [];
  for (let i = 0; !stop.now; i++) {
    const name = `服务器崩溃测试 ${tag}-${i}`;
    try {
      const res = await fetch(`${base}/api/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: JSON.stringify({ name, annualRevenue: '9876543210.12', classifications: ['economic'] }),
      });
      if (res.status === 201) acked.push({ id: ((await res.json()) as { account: { id: number } }).account.id, name });
      else if (res.status >= 500) throw new Error(`server answered ${res.status}: ${await res.text()}`);
    } catch (e) {
      // The connection died with the server: this request was never acknowledged.
      if ((e as Error).message.startsWith('server answered')) throw e;
      return acked;
    }
  }
  return acked;
}

describe('kam serve killed with SIGKILL', () => {
  it('keeps every account it answered 201 for, across a restart', async () => {
    const dir = tempDataDir('serve');
    dirs.push(dir);
    const first = await startServer(dir);
    const s = await login(first.base);

    // While the server holds the folder, the CLI says so and exits 1.
    const cli = runTs(CLI, ['migrate'], env(dir));
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr.join('\n')).toMatch(/in use by another KAM process/);

    const stop = { now: false };
    const clients = Array.from({ length: 4 }, (_, k) => client(first.base, s, `c${k}`, stop));
    // Kill once at least 40 accounts exist (counted by the server's own list).
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(`${first.base}/api/v1/accounts?limit=50`, { headers: { cookie: s.cookie } });
      if (((await res.json()) as { items: unknown[] }).items.length >= 40) break;
    }
    first.child.proc.kill('SIGKILL');
    expect((await first.child.exited).signal).toBe('SIGKILL');
    stop.now = true;
    const acked = (await Promise.all(clients)).flat();
    expect(acked.length).toBeGreaterThanOrEqual(40);

    // Restart on the same folder: the dead server's lock is taken over.
    const second = await startServer(dir);
    const s2 = await login(second.base);
    const missing: { id: number; name: string; status: number }[] = [];
    for (const a of acked) {
      const res = await fetch(`${second.base}/api/v1/accounts/${a.id}`, { headers: { cookie: s2.cookie } });
      const body = res.status === 200 ? ((await res.json()) as { name: string; annualRevenue: string }) : null;
      if (!body || body.name !== a.name || body.annualRevenue !== '9876543210.12') missing.push({ ...a, status: res.status });
    }
    expect(missing).toEqual([]);

    // And it still works: a new account after the restart.
    const res = await fetch(`${second.base}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s2.cookie, 'x-csrf-token': s2.csrf },
      body: JSON.stringify({ name: '重启后的客户' }),
    });
    expect(res.status).toBe(201);

    second.child.proc.kill('SIGTERM');
    expect((await second.child.exited).code).toBe(0);
    expect(fs.existsSync(`${dir}/kam.lock`)).toBe(false); // a clean shutdown releases the folder
  });
});

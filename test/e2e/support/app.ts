// What every browser test starts with: the real server on a fresh demo data folder, Chromium,
// and a login through the login form.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launch } from './browser.js';
import { E2E_PASSWORD, removeDataDir, startServer, type RunningServer } from './server.js';

export interface DemoApp {
  server: RunningServer;
  browser: Browser;
}

/** A private copy of the demo data seeded once for the run (global-setup.ts). */
function demoCopy(): string {
  const template = inject('demoTemplate');
  const dir = path.join(path.dirname(template), `e2e-${randomBytes(4).toString('hex')}`);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

/** Starts the server (on its own copy of the demo data) and Chromium before the file's tests; stops both after. */
export function useDemoApp(env: Record<string, string> = {}): DemoApp {
  const app = {} as DemoApp;
  beforeAll(async () => {
    app.server = await startServer({ KAM_DEMO: '1', KAM_DATA_DIR: env.KAM_DATA_DIR ?? demoCopy(), ...env });
    app.browser = await launch();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
    if (app.server) removeDataDir(app.server.dataDir);
  });
  return app;
}

/** Logs in through the form and waits for the accounts list. */
export async function login(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('[data-testid=login-username]').fill(username);
  await page.locator('[data-testid=login-password]').fill(E2E_PASSWORD);
  await page.locator('[data-testid=login-submit]').click();
  await page.waitForSelector('[data-testid=accounts-table] .ant-table-row');
}

/** Calls the API from the page, with its session and CSRF token. */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (res.status === 204 ? null : await res.json()) as T;
    },
    { method, path, body },
  );
}

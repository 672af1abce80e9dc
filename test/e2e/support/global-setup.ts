// Browser tests need the built web app; build it when missing (CI builds it before `npm test`).
// Then one server seeds the demo data into a template folder, once: each test file starts its
// own server on a copy (app.ts), so files stay independent without seeding the demo eight times
// (a fresh start seeds for 20–40 s; a start on a copy takes a few seconds).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeDataDir, startServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo data folder that test files copy (absent when the template could not be made). */
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../../..');
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  const dir = path.join(root, '.tmp', `e2e-template-${process.pid}`);
  removeDataDir(dir);
  const server = await startServer({ KAM_DEMO: '1', KAM_DATA_DIR: dir });
  await server.stop();
  project.provide('demoTemplate', dir);
  return () => removeDataDir(dir);
}

// Browser tests need the built web app; build it when missing (CI builds it before `npm test`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export default function setup() {
  const root = path.resolve(import.meta.dirname, '../../..');
  if (fs.existsSync(path.join(root, 'dist/web/index.html'))) return;
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

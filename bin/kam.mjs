#!/usr/bin/env node
// The `kam` launcher: the compiled CLI (dist/cli.js) after `npm run build`, otherwise the
// TypeScript sources through tsx, so `npx kam` works straight after `npm ci`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist', 'cli.js');

if (fs.existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'src', 'server', 'cli.ts')).href);
}

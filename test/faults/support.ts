// Child processes for the fault tests: KAM code run with tsx in a separate node process.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { testEnv } from '../../src/server/config/index.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
const TMP = path.join(REPO, '.tmp', 'faults');

export function tempDataDir(label: string): string {
  fs.mkdirSync(TMP, { recursive: true });
  return fs.mkdtempSync(path.join(TMP, `${label}-${process.pid}-`));
}

export interface Child {
  proc: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stdout line matching. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  onLine(fn: (line: string) => void): void;
  /** Calls `fn` with each stderr line from now on. */
  onErrLine(fn: (line: string) => void): void;
}

const running = new Set<ChildProcess>();

/** Runs a TypeScript file of the repository in a new node process (node --import tsx). */
export function runTs(file: string, args: string[] = [], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, file), ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const errListeners: ((line: string) => void)[] = [];
  const lines = (sink: string[], notify: ((line: string) => void)[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const line of parts) {
        sink.push(line);
        for (const fn of notify) fn(line);
      }
    };
  };
  proc.stdout!.on('data', lines(stdout, listeners));
  proc.stderr!.on('data', lines(stderr, errListeners));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => {
      running.delete(proc);
      // Let the pipes drain their last lines.
      setImmediate(() => resolve({ code, signal }));
    });
  });
  return {
    proc,
    stdout,
    stderr,
    exited,
    onLine: (fn) => listeners.push(fn),
    onErrLine: (fn) => errListeners.push(fn),
    waitForLine(re, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const seen = stdout.map((l) => l.match(re)).find(Boolean);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`no line ${re} within ${timeoutMs} ms; stdout: ${stdout.join('\n')}; stderr: ${stderr.join('\n')}`)), timeoutMs);
        listeners.push((line) => {
          const m = line.match(re);
          if (m) {
            clearTimeout(timer);
            resolve(m);
          }
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`exited before ${re}; stdout: ${stdout.join('\n')}; stderr: ${stderr.join('\n')}`));
        });
      });
    },
  };
}

/** Kills every child still running (afterAll / afterEach). */
export function killAll(): void {
  for (const p of running) p.kill('SIGKILL');
}

/** The pid of a process that has just exited (for stale lock files). */
export async function deadPid(): Promise<number> {
  const proc = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = proc.pid!;
  await new Promise((r) => proc.on('exit', r));
  return pid;
}

/**
 * A new, empty database on the test PostgreSQL server for a child process to use, named after
 * the test and this process; `drop` removes it (also when a crashed run left it behind).
 */
export async function scratchPostgresDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kam_${label}_${process.pid}`;
  const admin = async (q: string) => {
    const server = new URL(testEnv().postgresUrl);
    server.pathname = '/postgres';
    const c = new pg.Client({ connectionString: server.toString() });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(testEnv().postgresUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

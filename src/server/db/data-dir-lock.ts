// PGlite has no lock of its own: two processes on one data folder corrupt it.
// We hold a lock file holding our pid and refuse a second opener while that pid lives.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors.js';

const LOCK_NAME = 'kam.lock';
/** Data folders this process holds: a lock file with our own pid is stale only if it is not one of these. */
const heldHere = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates the lock file or fails with EEXIST. Written aside, then linked into place, the lock
 * appears complete or not at all: a second opener never reads an empty lock and takes it for stale.
 */
function createLockFile(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
    // A file system without hard links: create exclusively, then write.
    fs.writeFileSync(file, content, { flag: 'wx' });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** How long a takeover may take before its marker is itself considered left by a dead process. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Removes a lock file left by a dead process. Several starters may find the same stale lock; if
 * each removed it, a late one could remove the lock an early one had just created, and both
 * would open the folder. So a takeover first creates a marker directory (mkdir is atomic: one
 * taker at a time), reads the lock again inside, and removes it only if it is still stale.
 * A starter that finds a takeover under way waits for it and tries again.
 */
function removeIfStillStale(file: string, dataDir: string): void {
  const marker = `${file}.takeover`;
  const until = Date.now() + TAKEOVER_STALE_MS;
  for (;;) {
    try {
      fs.mkdirSync(marker);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let age = 0;
      try {
        age = Date.now() - fs.statSync(marker).mtimeMs;
      } catch {
        continue; // just finished: try again
      }
      if (age > TAKEOVER_STALE_MS) fs.rmSync(marker, { recursive: true, force: true });
      else if (Date.now() > until) throw new AppError('LOCKED', `Could not lock the data folder ${dataDir}: another process is taking it over`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    const holder = readHolder(file);
    if (holder === 'missing') return;
    if (heldByAnother(holder)) return; // taken meanwhile by a live process: the caller sees it
    fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(marker, { recursive: true, force: true });
  }
}

/** A lock with our own pid that this process does not hold is a dead process's whose pid we reuse. */
function heldByAnother(holder: { pid?: number }): boolean {
  return !!holder.pid && holder.pid !== process.pid && pidAlive(holder.pid);
}

function readHolder(file: string): { pid?: number; since?: string } | 'missing' {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number; since?: string };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return {}; // unreadable lock: treat as stale
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_NAME);
  const key = fs.realpathSync(dataDir);
  if (heldHere.has(key)) {
    throw new AppError('LOCKED', `The data folder ${dataDir} is already open in this process; use the open database`, { pid: process.pid, dataDir });
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      createLockFile(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      heldHere.add(key);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(key);
        process.removeListener('exit', release);
        try {
          const held = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const read = readHolder(file);
      if (read === 'missing') continue; // released meanwhile: try again
      const holder = read;
      if (heldByAnother(holder)) {
        throw new AppError(
          'LOCKED',
          `The data folder ${dataDir} is in use by another KAM process (pid ${holder.pid}, since ${holder.since}). ` +
            `Stop that process, or send the work to the running server (e.g. through its API), or use another KAM_DATA_DIR.`,
          { pid: holder.pid, dataDir },
        );
      }
      // Stale lock from a process that died (e.g. SIGKILL): take it over, one taker at a time.
      removeIfStillStale(file, dataDir);
    }
  }
  throw new AppError('LOCKED', `Could not lock the data folder ${dataDir}`);
}

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
  for (let attempt = 0; attempt < 2; attempt++) {
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
      let holder: { pid?: number; since?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        /* unreadable lock: treat as stale */
      }
      if (holder.pid && holder.pid !== process.pid && pidAlive(holder.pid)) {
        throw new AppError(
          'LOCKED',
          `The data folder ${dataDir} is in use by another KAM process (pid ${holder.pid}, since ${holder.since}). ` +
            `Stop that process, or send the work to the running server (e.g. through its API), or use another KAM_DATA_DIR.`,
          { pid: holder.pid, dataDir },
        );
      }
      // Stale lock from a process that died (e.g. SIGKILL): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('LOCKED', `Could not lock the data folder ${dataDir}`);
}

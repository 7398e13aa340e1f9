/**
 * One process per data dir. lmdb itself allows several processes on one environment, but the
 * embedded bus keeps consumer cursors, pending sets and the dedupe index in memory, so a second
 * process would deliver the same events twice. The lock is a file holding the owner's pid,
 * created with an atomic `link()`; a lock whose pid is no longer alive (the owner was killed)
 * is taken over.
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BusError, ErrorCodes } from '../../shared/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files held by this process (a second bus on the same dir in one process is refused too). */
const held = new Set<string>();

/** Takes the lock file `path` for this process; returns the release function. */
export function lockDataDir(path: string, dataDir: string): () => void {
  const key = resolve(path);
  if (held.has(key))
    throw new BusError(
      ErrorCodes.BUS_UNAVAILABLE,
      `the embedded event bus in ${dataDir} is already open in this process`,
    );
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmp, path);
        held.add(key);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          held.delete(key);
          try {
            unlinkSync(path);
          } catch {
            // already gone: nothing to release
          }
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      } catch {
        continue; // vanished between link and read: try again
      }
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
        throw new BusError(
          ErrorCodes.BUS_UNAVAILABLE,
          `the embedded event bus in ${dataDir} is in use by process ${owner}; ` +
            `one process per data dir (use another --data-dir, or JetStream for several processes)`,
        );
      }
      // stale lock of a dead process (or of ourselves): remove and retry
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it first
      }
    }
    throw new BusError(ErrorCodes.BUS_UNAVAILABLE, `could not lock the embedded event bus in ${dataDir}`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // best effort
    }
  }
}

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirLock {
  /** True when this process is the primary user of the folder (it may run crash recovery). */
  readonly primary: boolean;
  /** PID of the other live process holding the folder, when not primary. */
  readonly ownerPid?: number;
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Marks a userData folder as in use. The app and the CLI may open the same folder at once; only
 * the first ("primary") may treat an import left half-written as a crash — for a secondary the
 * "half-written" import is very likely still running in the primary. A lock left by a killed
 * process is stale (its PID is gone) and is taken over.
 */
export function acquireDataDirLock(userData: string): DataDirLock {
  const file = join(userData, '.benchmate.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        primary: true,
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
          } catch {
            /* already gone */
          }
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readSafe(file), 10);
      if (Number.isFinite(pid) && pid > 0 && isAlive(pid)) {
        // Another core in this same process (tests open two) or another live process.
        return { primary: false, ownerPid: pid, release() {} };
      }
      rmSync(file, { force: true }); // stale: its owner died without releasing
    }
  }
  return { primary: false, release() {} };
}

function readSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirLock {
  /** True when this process is the primary user of the folder (it may run crash recovery). */
  readonly primary: boolean;
  /** PID of the other live process holding the folder, when not primary. */
  readonly ownerPid?: number;
  release(): void;
}

/** What the lock file holds (older versions wrote the bare PID). */
interface LockOwner {
  pid: number;
  /** The owner's process start time (ms since epoch, as the OS reports it), when known. */
  startedAt?: number;
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

/** Start-time readings of one process differ by clock-tick rounding (10 ms) and `ps` seconds. */
const START_SLACK_MS = 2000;

/**
 * When the process with this PID started (ms since epoch), or undefined where the OS can't tell us
 * cheaply (Windows: we then fall back to "the PID is alive", the old behaviour).
 */
export function processStartMs(pid: number): number | undefined {
  try {
    if (process.platform === 'linux') {
      // Field 22 of /proc/<pid>/stat: start time in clock ticks after boot (USER_HZ, 100 on Linux).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
      const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
      return Number.isFinite(ticks) && Number.isFinite(btime) ? btime * 1000 + ticks * 10 : undefined;
    }
    if (process.platform === 'darwin') {
      const lstart = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 }).trim();
      const ms = Date.parse(lstart);
      return Number.isFinite(ms) ? ms : undefined;
    }
  } catch {
    /* no such process, or no way to ask */
  }
  return undefined;
}

/**
 * Is the lock really held by a live process? A PID alone is not enough: after a crash (or a
 * reboot) the dead owner's PID can belong to another process, which would hold the folder for
 * ever — imports it left 'importing' would never be recovered. So the owner must be alive AND
 * have started when the lock says (or, for an old plain-PID lock, before the lock file was written).
 */
function ownerHolds(owner: LockOwner, lockWrittenMs: number): boolean {
  if (!isAlive(owner.pid)) return false;
  const started = processStartMs(owner.pid);
  if (started === undefined) return true; // can't tell: trust the PID
  if (owner.startedAt !== undefined) return Math.abs(started - owner.startedAt) <= START_SLACK_MS;
  return started <= lockWrittenMs + START_SLACK_MS;
}

/**
 * Marks a userData folder as in use. The app and the CLI may open the same folder at once; only
 * the first ("primary") may treat an import left half-written as a crash — for a secondary the
 * "half-written" import is very likely still running in the primary. A lock left by a killed
 * process is stale (its PID is gone, or now names a process that started later) and is taken over.
 */
export function acquireDataDirLock(userData: string): DataDirLock {
  const file = join(userData, '.benchmate.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      const me: LockOwner = { pid: process.pid, startedAt: processStartMs(process.pid) };
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        primary: true,
        release() {
          if (released) return;
          released = true;
          if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(file);
      if (owner && ownerHolds(owner, mtimeMs(file))) {
        // Another core in this same process (tests open two) or another live process.
        return { primary: false, ownerPid: owner.pid, release() {} };
      }
      rmSync(file, { force: true }); // stale: its owner died without releasing
    }
  }
  return { primary: false, release() {} };
}

function readOwner(file: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(o.pid) && o.pid! > 0) return { pid: o.pid!, startedAt: typeof o.startedAt === 'number' ? o.startedAt : undefined };
  } catch {
    /* garbage: stale */
  }
  return undefined;
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

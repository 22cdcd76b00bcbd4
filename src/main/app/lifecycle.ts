/**
 * Start-up failure and shutdown for the Electron host, kept free of `electron` so they can be
 * tested directly: what the error dialog says, where the failure is written, and a dispose that
 * cannot keep the app from quitting.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How long quitting waits for the core to close its index, jobs and logs. */
export const DISPOSE_LIMIT_MS = 5000;

interface QuitLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Runs `dispose` but gives up after `limitMs`: a hung native close (LanceDB, a model) must not
 * leave a window-less process behind. The outcome is logged either way.
 */
export async function disposeBounded(dispose: () => Promise<void>, log: QuitLog, limitMs = DISPOSE_LIMIT_MS): Promise<'disposed' | 'timed_out' | 'failed'> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<'timed_out'>((resolve) => (timer = setTimeout(() => resolve('timed_out'), limitMs)));
  const work = dispose().then(
    () => 'disposed' as const,
    (e: unknown) => {
      log.error('dispose on quit failed', { error: e });
      return 'failed' as const;
    }
  );
  const outcome = await Promise.race([work, limit]);
  clearTimeout(timer);
  if (outcome === 'timed_out') log.warn('dispose on quit timed out; quitting anyway', { limitMs });
  else log.info('disposed on quit', { outcome, ms: Date.now() - started });
  return outcome;
}

export interface StartupFailure {
  title: string;
  /** The reason, then where the details were written. */
  content: string;
  logPath: string;
}

/**
 * Writes why start-up failed (message and stack) to `<logsDir>/startup-error.log` — or, when the
 * data folder itself is the problem, to the temp folder — and returns the dialog's text.
 */
export async function recordStartupFailure(e: unknown, logsDir: string): Promise<StartupFailure> {
  const reason = e instanceof Error ? e.message : String(e);
  const detail = `${new Date().toISOString()} Benchmate could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
  let logPath = join(logsDir, 'startup-error.log');
  try {
    await mkdir(logsDir, { recursive: true });
    await appendFile(logPath, detail);
  } catch {
    logPath = join(tmpdir(), 'benchmate-startup-error.log');
    await appendFile(logPath, detail).catch(() => {});
  }
  return {
    title: 'Benchmate could not start',
    content: `${reason}\n\nDetails were written to:\n${logPath}\n\nIf another Benchmate window is open, close it and try again.`,
    logPath
  };
}

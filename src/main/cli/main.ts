#!/usr/bin/env node
/**
 * Benchmate CLI over the same core as the app: `npm run cli -- <command> [args] [--json]`.
 * `--data-dir <dir>` (or BENCHMATE_DATA_DIR) selects the userData folder. The work is in run.ts;
 * this file only runs it and exits cleanly.
 */
import { runCli } from './run';

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/**
 * Exit by setting `process.exitCode` and letting the event loop end, never `process.exit()` right
 * after writing: on a pipe stdout is asynchronous, and exiting at once cut `--json` output at the
 * 64 KiB pipe buffer. Once stdout/stderr have drained, a short unref'd timer still ends a process
 * that some forgotten handle would keep alive.
 */
async function finish(code: number): Promise<void> {
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  setTimeout(() => process.exit(code), 2000).unref();
}

runCli(process.argv.slice(2)).then(finish, (e: unknown) => {
  process.stderr.write(`fatal: ${e instanceof Error ? e.stack : String(e)}\n`);
  return finish(1);
});

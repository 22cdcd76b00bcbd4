import { writeSync } from 'node:fs';

/**
 * Crash-test halt points. When the environment variable BENCHMATE_TEST_HALT_AT names a point,
 * reaching it prints `BENCHMATE_HALTED <point>` on stderr and blocks the thread for good, so the
 * crash suite (test/integration/crash) can kill -9 a CLI run at exactly that point — no sleeps,
 * no guessing from throttled progress events. Unset (always, outside that suite) it costs one
 * environment lookup.
 *
 * Points: import:row-added (a new document's 'importing' row is written, parsing next),
 * import:pages-written (pages stored, chunks not yet), import:doc-written (rows and final doc row
 * stored, the batch's optimize not run), ask:question-stored (the question is in the journal, no
 * answer yet), ask:streaming (the first part of the answer was sent, nothing of it stored).
 */
export function haltPoint(name: string): void {
  if (process.env.BENCHMATE_TEST_HALT_AT !== name) return;
  // Synchronous: the marker must be out before the thread stops.
  writeSync(2, `BENCHMATE_HALTED ${name}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

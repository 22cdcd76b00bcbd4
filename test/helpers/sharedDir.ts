import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The workplace's read-only `shared/` folder (real manuals, eval questions, tiny real models).
 * CI clones the repo with `shared/` beside it, so look next to the repo first; BENCHMATE_SHARED_DIR
 * overrides. Tests that need it skip with a printed reason when it is absent.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const candidates = [process.env.BENCHMATE_SHARED_DIR, join(repoRoot, '..', 'shared'), '/work/shared'].filter(
  (p): p is string => typeof p === 'string' && p.length > 0
);

export const SHARED_DIR: string = candidates.find((p) => existsSync(p)) ?? candidates[candidates.length - 1];
export const sharedPath = (...parts: string[]): string => join(SHARED_DIR, ...parts);

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/createCore';
import { pathsFor, type CoreConfig } from '../../src/main/core/config';

/** A real core over a fresh temp userData folder; `cleanup` disposes it and deletes the folder. */
export async function tempCore(overrides: Partial<CoreConfig> = {}): Promise<{ core: Core; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'benchmate-test-'));
  const core = await createCore({ paths: pathsFor(dir), host: 'test', version: '0.0.0-test', logLevel: 'warn', threads: 2, ...overrides });
  return {
    core,
    dir,
    async cleanup() {
      await core.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  };
}

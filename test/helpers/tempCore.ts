import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/createCore';
import { pathsFor, type CoreConfig } from '../../src/main/core/config';
import type { Seat } from '../../src/main/core/access/accessService';
import { unwrap } from '../../src/shared/result';

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

/**
 * Roles set up as a workshop would: the first-run admin gets PIN 4711 (which ends open mode), a
 * technician "Ana" is created and signed in on a web seat. Returns that seat and both profile ids.
 */
export async function withTechnician(core: Core): Promise<{ tech: Seat; techId: string; adminId: string }> {
  const api = core.api;
  const adminId = unwrap(await api.access.profiles())[0].id;
  unwrap(await api.access.updateProfile({ id: adminId, pin: '4711' }));
  const techId = unwrap(await api.access.createProfile({ name: 'Ana', role: 'technician' })).id;
  const tech = core.access.newSeat('web', 'tablet');
  unwrap(await core.call('access.signIn', { profileId: techId }, tech));
  return { tech, techId, adminId };
}

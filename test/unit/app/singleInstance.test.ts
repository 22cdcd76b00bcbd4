/** A second Benchmate launch that does not get the single-instance lock quits before opening anything. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const savedEnv = process.env.BENCHMATE_DATA_DIR;
afterAll(() => {
  process.env.BENCHMATE_DATA_DIR = savedEnv;
});

describe('single-instance lock', () => {
  it('without the lock the app quits: no ready handler, no window, no data folder opened', async () => {
    process.env.BENCHMATE_DATA_DIR = '/nonexistent/benchmate-second-instance';
    fake.desktop.singleInstanceLock = false;
    await import('../../../src/main/app/bootstrap');
    fake.resolveReady();
    await new Promise((r) => setImmediate(r));
    expect(fake.state.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.appListeners.has('second-instance')).toBe(false);
    expect(fake.paths.userData).toBe('/nonexistent/real-profile');
  });
});

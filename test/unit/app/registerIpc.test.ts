import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSenderCheck, registerIpc, type FrameLike } from '../../../src/main/app/ipc/registerIpc';
import { forwardEvents } from '../../../src/main/app/ipc/forwardEvents';
import { createIpcTransport } from '../../../src/preload/ipcTransport';
import { createApiClient } from '../../../src/shared/contract/client';
import { ipcChannel, ipcEventChannel, methodNames, type MethodName } from '../../../src/shared/contract';
import { tempCore } from '../../helpers/tempCore';
import { FakeIpcMain, FakeIpcRenderer, memoryLogger } from './fakes';

const APP_URL = 'file:///opt/benchmate/out/renderer/index.html';
const mainFrame: FrameLike = { url: `${APP_URL}#/status`, parent: null };

let env: Awaited<ReturnType<typeof tempCore>>;
beforeAll(async () => {
  env = await tempCore();
});
afterAll(async () => env?.cleanup());

function setup(call?: (m: MethodName, input: unknown) => Promise<never>) {
  const ipcMain = new FakeIpcMain();
  const logger = memoryLogger();
  const dispose = registerIpc({
    ipcMain,
    call: call ?? ((m, input) => env.core.call(m, input)),
    isTrustedSender: createSenderCheck(() => APP_URL),
    logger
  });
  return { ipcMain, logger, dispose };
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract method on the derived channel, and removes them', () => {
    const { ipcMain, dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcChannel).sort());
    expect(ipcMain.handlers.has('benchmate:app.info')).toBe(true);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('calls the core for the main frame of our page and returns a Result', async () => {
    const { ipcMain } = setup();
    const r = (await ipcMain.invokeFrom(mainFrame, ipcChannel('app.info'))) as { ok: boolean; value: { paths: { userData: string } } };
    expect(r.ok).toBe(true);
    expect(r.value.paths.userData).toBe(env.dir);
  });

  it('turns invalid input into INVALID_INPUT, never a throw', async () => {
    const { ipcMain } = setup();
    for (const input of [{ retrieval: { resultsPerAnswer: -3 } }, { unknownSection: true }, 'a string', 42]) {
      const r = (await ipcMain.invokeFrom(mainFrame, ipcChannel('settings.update'), input)) as { ok: boolean; error: { code: string } };
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe('INVALID_INPUT');
    }
    const r = (await ipcMain.invokeFrom(mainFrame, ipcChannel('jobs.cancel'), {})) as { ok: boolean; error: { code: string } };
    expect(r.error.code).toBe('INVALID_INPUT');
  });

  it('refuses iframes, other pages and unknown senders with FORBIDDEN without calling the core', async () => {
    let called = 0;
    const { ipcMain, logger } = setup(async () => {
      called++;
      throw new Error('must not be called');
    });
    const senders: Array<FrameLike | null> = [
      null,
      { url: APP_URL, parent: mainFrame },
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'file:///tmp/other/index.html', parent: null }
    ];
    for (const frame of senders) {
      const r = (await ipcMain.invokeFrom(frame, ipcChannel('app.info'))) as { ok: boolean; error: { code: string } };
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(called).toBe(0);
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(senders.length);
  });

  it('turns a crash in the call into INTERNAL without leaking the stack, and logs it in main', async () => {
    const { ipcMain, logger } = setup(async () => {
      throw new Error('boom at /secret/path.ts:12');
    });
    const r = (await ipcMain.invokeFrom(mainFrame, ipcChannel('app.health'))) as { ok: boolean; error: { code: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r)).not.toContain('/secret/path.ts');
    const logged = logger.entries.find((e) => e.level === 'error');
    expect((logged?.fields?.error as Error).message).toContain('boom');
  });
});

describe('preload transport over IPC (end to end with fakes)', () => {
  it('exposes one typed api: calls return Results, events arrive without the IPC event, on() unsubscribes', async () => {
    const { ipcMain } = setup();
    const renderer = new FakeIpcRenderer(ipcMain, mainFrame);
    const { invoke, subscribe } = createIpcTransport(renderer, ipcChannel, ipcEventChannel);
    const api = createApiClient(invoke, subscribe);
    const stop = forwardEvents(env.core.events, () => ({ isDestroyed: () => false, send: (c, p) => renderer.deliver(c, p) }));

    const bad = await api.settings.update({ retrieval: { resultsPerAnswer: 0 } });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');

    const seen: unknown[] = [];
    const off = api.on('settings.changed', (s) => seen.push(s.retrieval.resultsPerAnswer));
    expect(renderer.listenerCount(ipcEventChannel('settings.changed'))).toBe(1);
    const ok = await api.settings.update({ retrieval: { resultsPerAnswer: 9 } });
    expect(ok.ok && ok.value.retrieval.resultsPerAnswer).toBe(9);
    expect(seen).toEqual([9]);
    off();
    expect(renderer.listenerCount(ipcEventChannel('settings.changed'))).toBe(0);
    await api.settings.update({ retrieval: { resultsPerAnswer: 4 } });
    expect(seen).toEqual([9]);
    stop();
  });

  it('a rejected invoke still resolves to a Result', async () => {
    const { invoke } = createIpcTransport(
      { invoke: async () => Promise.reject(new Error('main went away')), on: () => {}, removeListener: () => {} },
      ipcChannel,
      ipcEventChannel
    );
    const r = await invoke('app.info', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'main went away' } });
  });

  it('does not forward to a destroyed window', () => {
    let sent = 0;
    const stop = forwardEvents(env.core.events, () => ({ isDestroyed: () => true, send: () => sent++ }));
    env.core.events.emit('jobs.progress', {} as never);
    stop();
    expect(sent).toBe(0);
  });
});

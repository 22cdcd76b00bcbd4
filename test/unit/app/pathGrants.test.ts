/**
 * File-path capabilities in the desktop app (issue 21): the window can import only files the user
 * picked in the native dialog, and cannot make the core write into a folder of its choosing.
 * Driven through registerIpc exactly as the window's calls arrive, over a real core.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWindowCall } from '../../../src/main/app/windowCall';
import { createSenderCheck, GRANT_DROPPED_CHANNEL, registerIpc, type FrameLike } from '../../../src/main/app/ipc/registerIpc';
import { ipcChannel } from '../../../src/shared/contract';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { tempCore } from '../../helpers/tempCore';
import { FakeIpcMain, memoryLogger } from './fakes';

const APP_URL = 'file:///opt/benchmate/out/renderer/index.html';
const mainFrame: FrameLike = { url: APP_URL, parent: null };
type R = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

let env: Awaited<ReturnType<typeof tempCore>>;
let picked: string;
let notPicked: string;
let ipcMain: FakeIpcMain;
const invoke = (method: string, input?: unknown) => ipcMain.invokeFrom(mainFrame, ipcChannel(method as never), input) as Promise<R>;

beforeAll(async () => {
  env = await tempCore();
  picked = await writePdf(join(env.dir, 'in'), 'picked.pdf', await makeManualPdf({ title: 'Picked', pages: [{ text: 'Replace the filter.' }] }));
  notPicked = await writePdf(join(env.dir, 'private'), 'secret.pdf', await makeManualPdf({ title: 'Secret', pages: [{ text: 'Payroll.' }] }));
  const { call, grants } = createWindowCall(env.core, {
    showOpenDialog: async () => ({ canceled: false, filePaths: [picked] }), // the user picks this one file
    showSaveDialog: async () => ({ canceled: true })
  });
  ipcMain = new FakeIpcMain();
  registerIpc({ ipcMain, call, isTrustedSender: createSenderCheck(() => APP_URL), logger: memoryLogger(), grantDropped: (paths) => paths.map((p) => grants.grant(p)) });
});
afterAll(() => env?.cleanup());

describe('path grants (desktop window)', () => {
  it('refuses to import a path the user never picked', async () => {
    const r = await invoke('library.import', { paths: [notPicked] });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(env.core.jobs.activeCount()).toBe(0);
    const forged = await invoke('library.import', { paths: ['grant:00000000-0000-0000-0000-000000000000'] });
    expect(forged.error?.code).toBe('FORBIDDEN');
  });

  it('imports a file picked in the dialog through its opaque grant', async () => {
    const pick = await invoke('host.pickFiles', {});
    const paths = (pick.value as { paths: string[] }).paths;
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^grant:/);
    expect(paths[0]).not.toContain('picked.pdf'); // the window never sees the path
    const r = await invoke('library.import', { paths });
    expect(r.ok).toBe(true);
    expect((r.value as { files: Array<{ path: string }> }).files[0].path).toBe(picked);
  });

  it('refuses a model path it was not granted, and export into a folder of its choosing', async () => {
    expect((await invoke('models.import', { path: notPicked })).error?.code).toBe('FORBIDDEN');
    const exp = await invoke('export.run', { sessionIds: ['s'], format: 'md', outPath: 'Startup/x.md', baseDir: join(env.dir, 'private') });
    expect(exp.error?.code).toBe('FORBIDDEN');
  });

  it('a file dropped on the window (its path read by the preload) comes back as a grant the import accepts', async () => {
    const dropped = (await ipcMain.invokeFrom(mainFrame, GRANT_DROPPED_CHANNEL, [notPicked])) as R;
    const paths = (dropped.value as { paths: string[] }).paths;
    expect(paths[0]).toMatch(/^grant:/);
    expect((await invoke('library.import', { paths })).ok).toBe(true);
    const iframe = (await ipcMain.invokeFrom({ url: APP_URL, parent: mainFrame }, GRANT_DROPPED_CHANNEL, ['/etc/passwd'])) as R;
    expect(iframe.error?.code).toBe('FORBIDDEN');
  });
});

/**
 * The one place in main that touches Electron's raw `ipcMain` (lint enforces this): it plugs the
 * real ipcMain into the Electron-free registerIpc, which unit tests drive with a fake.
 */
import { ipcMain } from 'electron';
import { registerIpc, type IpcMainLike, type RegisterIpcDeps } from './registerIpc';

export function registerElectronIpc(deps: Omit<RegisterIpcDeps, 'ipcMain'>): () => void {
  return registerIpc({ ...deps, ipcMain: ipcMain as unknown as IpcMainLike });
}

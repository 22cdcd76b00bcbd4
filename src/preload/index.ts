/**
 * Preload (sandboxed, bundled to CommonJS): exposes exactly one object, `window.api`, built from
 * the contract. The renderer never sees ipcRenderer or the IPC event object — only Results and
 * event payloads. contextBridge copies the object and proxies its functions (including the
 * unsubscribe function `on` returns), so the frozen api survives the bridge intact.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { ipcChannel, ipcEventChannel } from '../shared/contract';
import { createApiClient } from '../shared/contract/client';
import { createIpcTransport } from './ipcTransport';

const { invoke, subscribe } = createIpcTransport(ipcRenderer, ipcChannel, ipcEventChannel);
contextBridge.exposeInMainWorld('api', createApiClient(invoke, subscribe));

// Dropped files: only the preload can read a dropped File's path; the page gets grants back.
const GRANT_DROPPED_CHANNEL = 'benchmate:grant-dropped'; // = registerIpc's (no main-process import here)
contextBridge.exposeInMainWorld('benchmateFiles', {
  grantDropped: (files: File[]) => ipcRenderer.invoke(GRANT_DROPPED_CHANNEL, files.map((f) => webUtils.getPathForFile(f)).filter(Boolean))
});

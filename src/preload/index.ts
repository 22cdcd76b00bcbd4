/**
 * Preload (sandboxed, bundled to CommonJS): exposes exactly one object, `window.api`, built from
 * the contract. The renderer never sees ipcRenderer or the IPC event object — only Results and
 * event payloads. contextBridge copies the object and proxies its functions (including the
 * unsubscribe function `on` returns), so the frozen api survives the bridge intact.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, ipcEventChannel } from '../shared/contract';
import { createApiClient } from '../shared/contract/client';
import { createIpcTransport } from './ipcTransport';

const { invoke, subscribe } = createIpcTransport(ipcRenderer, ipcChannel, ipcEventChannel);
contextBridge.exposeInMainWorld('api', createApiClient(invoke, subscribe));

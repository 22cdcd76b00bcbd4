/**
 * File in / file out for both hosts behind one function each:
 * - Electron: native dialogs through the contract (`host.pickFiles`, `host.saveFile`).
 * - Web host: <input type=file> + POST /api/upload (token-protected) which stores the bytes
 *   under <userData>/uploads and answers server-side paths; saving is a browser download.
 * Picking gives server-side paths to pass to e.g. `api.library.import({ paths })`.
 */
import type { Api } from '../../../shared/contract';
import type { AppErrorData, Result } from '../../../shared/result';
import { hostKind, webToken } from './api';

export interface PickOptions {
  title?: string;
  /** Extensions without the dot, e.g. ['pdf']. */
  extensions?: string[];
  multiple?: boolean;
}

/** Resolves with the chosen files as paths the core can read ([] when cancelled). */
export async function pickFiles(api: Api, opts: PickOptions = {}): Promise<Result<{ paths: string[] }>> {
  const extensions = opts.extensions ?? ['pdf'];
  if (hostKind() === 'electron') {
    return api.host.pickFiles({
      title: opts.title,
      multiple: opts.multiple ?? true,
      filters: [{ name: extensions.join(', ').toUpperCase(), extensions }]
    });
  }
  const files = await chooseInBrowser(extensions, opts.multiple ?? true);
  return uploadFiles(files);
}

/** Uploads browser File objects to the web host one after another (pickers; the library uses uploadEach). */
export async function uploadFiles(files: File[]): Promise<Result<{ paths: string[] }>> {
  const paths: string[] = [];
  for (const file of files) {
    const r = await uploadFile(file);
    if (!r.ok) return r;
    paths.push(r.value.path);
  }
  return { ok: true, value: { paths } };
}

/**
 * POST /api/upload of one file. The browser streams a File body from disk, and the host streams
 * it to disk (web/uploads.ts): neither side holds the whole file in memory.
 */
export async function uploadFile(file: File): Promise<Result<{ path: string }>> {
  try {
    const res = await fetch('/api/upload', {
      method: 'POST',
      headers: { 'x-benchmate-token': webToken(), 'x-file-name': encodeURIComponent(file.name) },
      body: file
    });
    return (await res.json()) as Result<{ path: string }>;
  } catch (e) {
    return { ok: false, error: { code: 'OFFLINE', message: `Upload of ${file.name} failed: ${String(e)}` } };
  }
}

export type SaveOutcome = { saved: true; where: string } | { saved: false; cancelled: boolean; error?: AppErrorData };

export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

/**
 * Electron: the native save dialog (`host.saveFile`). The web host answers NOT_FOUND for host.*
 * methods, so we fall back to a browser download of a Blob.
 */
export async function saveWithHostOrDownload(api: Api, file: ExportFile): Promise<SaveOutcome> {
  const ext = file.fileName.split('.').pop() ?? '';
  const r = await api.host.saveFile({
    suggestedName: file.fileName,
    base64: file.base64,
    filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : undefined
  });
  if (r.ok) return r.value.path ? { saved: true, where: r.value.path } : { saved: false, cancelled: true };
  if (r.error.code !== 'NOT_FOUND') return { saved: false, cancelled: false, error: r.error };
  return downloadInBrowser(file);
}

export function downloadInBrowser(file: ExportFile): SaveOutcome {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the blob asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { saved: true, where: 'Downloads' };
}

function chooseInBrowser(extensions: string[], multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    let done = false;
    const finish = (files: File[]): void => {
      if (done) return;
      done = true;
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish([...(input.files ?? [])]));
    input.addEventListener('cancel', () => finish([]));
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * File in / file out for both hosts behind one function each:
 * - Electron: native dialogs through the contract (`host.pickFiles`, `host.saveFile`).
 * - Web host: <input type=file> + POST /api/upload (token-protected) which stores the bytes
 *   under <userData>/uploads and answers server-side paths; saving is a browser download.
 * Either way the caller gets server-side paths to pass to e.g. `api.library.import({ paths })`.
 */
import type { Api } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
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

/** Uploads browser File objects to the web host (also used for drag-and-drop). */
export async function uploadFiles(files: File[]): Promise<Result<{ paths: string[] }>> {
  const paths: string[] = [];
  for (const file of files) {
    try {
      const res = await fetch('/api/upload', {
        method: 'POST',
        headers: { 'x-benchmate-token': webToken(), 'x-file-name': encodeURIComponent(file.name) },
        body: file
      });
      const json = (await res.json()) as Result<{ path: string }>;
      if (!json.ok) return json;
      paths.push(json.value.path);
    } catch (e) {
      return { ok: false, error: { code: 'OFFLINE', message: `Upload of ${file.name} failed: ${String(e)}` } };
    }
  }
  return { ok: true, value: { paths } };
}

/** Saves bytes (base64) under a suggested name: a save dialog in Electron, a download on the web. */
export async function saveBytes(
  api: Api,
  suggestedName: string,
  base64: string,
  mime = 'application/octet-stream'
): Promise<Result<{ path: string | null }>> {
  if (hostKind() === 'electron') {
    const ext = suggestedName.includes('.') ? suggestedName.split('.').pop()! : '';
    return api.host.saveFile({ suggestedName, base64, filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : undefined });
  }
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, value: { path: suggestedName } };
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

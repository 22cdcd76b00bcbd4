import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import type { Result } from '../../shared/result';

/**
 * POST /api/upload — the web host's stand-in for a native file picker. The browser cannot hand
 * us a path, so the bytes are streamed into <userData>/uploads/<uuid>/<name> and the answer is
 * that server-side path, which the renderer then passes to the normal contract method
 * (e.g. library.import({ paths })). The caller has already checked the token.
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  uploadsDir: string,
  maxBytesFor: (fileName: string) => number
): Promise<void> {
  const send = (status: number, result: Result<unknown>): void => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(result));
  };
  if (req.method !== 'POST') {
    send(405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Use POST.' } });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://x');
  const rawName = headerValue(req, 'x-file-name') ?? url.searchParams.get('name') ?? '';
  const name = safeFileName(rawName);
  if (!name) {
    send(400, { ok: false, error: { code: 'INVALID_INPUT', message: 'Missing file name (x-file-name header).' } });
    return;
  }
  const maxBytes = maxBytesFor(name);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    send(413, { ok: false, error: { code: 'TOO_LARGE', message: `File is larger than ${maxBytes} bytes.` } });
    return;
  }
  const dir = join(uploadsDir, randomUUID());
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  let bytes = 0;
  const outcome = await new Promise<'ok' | 'too-large' | 'failed'>((resolve) => {
    const out = createWriteStream(path);
    let settled = false;
    const finish = (v: 'ok' | 'too-large' | 'failed'): void => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        req.unpipe(out);
        out.destroy();
        req.resume();
        finish('too-large');
      }
    });
    req.on('aborted', () => finish('failed'));
    req.on('error', () => finish('failed'));
    out.on('error', () => finish('failed'));
    out.on('finish', () => finish('ok'));
    req.pipe(out);
  });
  if (outcome !== 'ok') {
    await rm(dir, { recursive: true, force: true });
    if (outcome === 'too-large') send(413, { ok: false, error: { code: 'TOO_LARGE', message: `File is larger than ${maxBytes} bytes.` } });
    else if (!res.destroyed) send(500, { ok: false, error: { code: 'INTERNAL', message: 'Upload failed.' } });
    return;
  }
  send(200, { ok: true, value: { path, name, bytes } });
}

/** Keeps only a plain file name: no folders, no control characters, bounded length. */
export function safeFileName(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    /* use as-is */
  }
  const base = basename(decoded.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .trim();
  if (!base || base === '.' || base === '..') return '';
  return base.length > 180 ? base.slice(base.length - 180) : base;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

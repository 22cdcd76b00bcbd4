import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat, statfs } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, join } from 'node:path';
import type { Result } from '../../shared/result';

/**
 * What can be uploaded: PDF manuals (library.import), GGUF models (models.import) and knowledge
 * packs (pack.preview / pack.import: tar archives, "ustar" at byte 257 of the first header), each
 * recognised by its name and then by its first bytes, so nothing else is ever stored.
 */
const UPLOAD_KINDS = {
  pdf: { ext: '.pdf', label: 'PDF', matches: (head: Buffer) => head.subarray(0, 1024).includes('%PDF-') },
  gguf: { ext: '.gguf', label: 'GGUF', matches: (head: Buffer) => head.subarray(0, 4).toString('latin1') === 'GGUF' },
  pack: { ext: '.tar', label: 'knowledge pack', matches: (head: Buffer) => head.subarray(257, 262).toString('latin1') === 'ustar' }
} as const;
export type UploadKind = keyof typeof UPLOAD_KINDS;

export function uploadKind(fileName: string): UploadKind | undefined {
  const lower = fileName.toLowerCase();
  return (Object.keys(UPLOAD_KINDS) as UploadKind[]).find((k) => lower.endsWith(UPLOAD_KINDS[k].ext));
}

/** Bytes the header check needs before it can decide (a short file is checked whole). */
const HEAD_BYTES = 1024;
/** Disk space an upload must leave free, so one upload cannot fill the disk the index lives on. */
const KEEP_FREE_BYTES = 512 * 1024 * 1024;

async function freeBytes(dir: string): Promise<number> {
  try {
    const s = await statfs(dirname(dir));
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return Number.POSITIVE_INFINITY; // can't tell: the fixed limits still apply
  }
}

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
    res
      .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' })
      .end(JSON.stringify(result));
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
  const kind = uploadKind(name);
  if (!kind) {
    req.resume();
    send(415, { ok: false, error: { code: 'UNSUPPORTED_FILE', message: 'Only PDF manuals (.pdf), GGUF models (.gguf) and knowledge packs (.tar) can be uploaded.' } });
    return;
  }
  const maxBytes = Math.min(maxBytesFor(name), Math.max(0, (await freeBytes(uploadsDir)) - KEEP_FREE_BYTES));
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
  let head = Buffer.alloc(0);
  const outcome = await new Promise<'ok' | 'too-large' | 'wrong-type' | 'failed'>((resolve) => {
    const out = createWriteStream(path);
    let settled = false;
    const finish = (v: 'ok' | 'too-large' | 'wrong-type' | 'failed'): void => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    const stop = (v: 'too-large' | 'wrong-type'): void => {
      req.unpipe(out);
      out.destroy();
      req.resume();
      finish(v);
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) return stop('too-large');
      if (head.length < HEAD_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        if (head.length >= HEAD_BYTES && !UPLOAD_KINDS[kind].matches(head)) stop('wrong-type');
      }
    });
    req.on('end', () => {
      if (!UPLOAD_KINDS[kind].matches(head)) stop('wrong-type'); // a short file, checked whole
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
    else if (outcome === 'wrong-type')
      send(415, { ok: false, error: { code: 'UNSUPPORTED_FILE', message: `${name} is not a ${UPLOAD_KINDS[kind].label} file (its first bytes do not match).` } });
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

/**
 * Removes uploads once they are no longer needed: an upload is a temporary stand-in for a file
 * picked in the browser, and the import copies it into the library or the models folder. So a
 * PDF's folder goes when its library.import job finishes, a model's when models.import returns,
 * and anything uploaded but never imported goes after `maxAgeMs` (the host also wipes the
 * whole folder at start and close).
 */
export class UploadJanitor {
  /** library.import job id → the upload folder its file lives in. */
  private readonly byJob = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly uploadsDir: string,
    private readonly onError: (e: unknown) => void,
    private readonly maxAgeMs = 6 * 3600_000
  ) {}

  /** The upload folder (<uploads>/<uuid>) holding `path`, when it is one of ours. */
  folderOf(path: unknown): string | undefined {
    if (typeof path !== 'string') return undefined;
    const rel = path.startsWith(this.uploadsDir + '/') || path.startsWith(this.uploadsDir + '\\') ? path.slice(this.uploadsDir.length + 1) : '';
    const first = rel.split(/[\\/]/)[0];
    return first && first !== '..' ? join(this.uploadsDir, first) : undefined;
  }

  /** Called after every contract call the web client made. */
  afterCall(method: string, input: unknown, result: Result<unknown>): void {
    const i = input as { path?: unknown; mode?: unknown } | undefined;
    if (method === 'models.import' && i?.mode !== 'reference') {
      const folder = this.folderOf(i?.path);
      if (folder) this.remove(folder); // copied into the models folder (or refused): not needed
    } else if (method === 'library.import' && result.ok) {
      for (const f of (result.value as { files: Array<{ path: string; jobId: string }> }).files) {
        const folder = this.folderOf(f.path);
        if (folder) this.byJob.set(f.jobId, folder);
      }
    }
  }

  jobFinished(jobId: string): void {
    const folder = this.byJob.get(jobId);
    if (!folder) return;
    this.byJob.delete(jobId);
    this.remove(folder);
  }

  /** Removes folders older than maxAgeMs that no running import still needs. */
  async sweep(now = Date.now()): Promise<void> {
    const inUse = new Set(this.byJob.values());
    for (const name of await readdir(this.uploadsDir).catch(() => [] as string[])) {
      const folder = join(this.uploadsDir, name);
      if (inUse.has(folder)) continue;
      const s = await stat(folder).catch(() => undefined);
      if (s && now - s.mtimeMs > this.maxAgeMs) this.remove(folder);
    }
  }

  start(everyMs = 3600_000): void {
    this.timer = setInterval(() => void this.sweep().catch(this.onError), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private remove(folder: string): void {
    rm(folder, { recursive: true, force: true }).catch(this.onError);
  }
}

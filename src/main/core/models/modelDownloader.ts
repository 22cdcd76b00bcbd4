import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadLlamaModule } from './llamaModule';
import { AppError, isAbortError } from '../platform/errors';

export interface DownloadRequest {
  uri: string;
  dir: string;
  fileName?: string;
  sha256?: string;
  signal: AbortSignal;
  onProgress(p: { downloaded: number; total: number }): void;
  /** Called with the target path before transferring; throw to refuse (e.g. it would overwrite a registered model). */
  checkTarget?(path: string): void;
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Walks an error's cause chain for a network error code. */
function networkCode(e: unknown): string | undefined {
  for (let cur = e, depth = 0; cur && depth < 6; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && OFFLINE_CODES.has(code)) return code;
    const msg = cur instanceof Error ? cur.message : '';
    const m = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT|ECONNRESET)\b/.exec(msg);
    if (m) return m[1];
    if (/fetch failed|network|socket hang up/i.test(msg)) return 'NETWORK';
  }
  return undefined;
}

export function validateModelUri(uri: string): void {
  if (uri.startsWith('hf:')) return;
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new AppError('INVALID_INPUT', `Not a download address: ${uri}. Use an https:// URL or an hf:<user>/<repo>:<quant> URI.`);
  }
  // Plain http only for loopback (tests, a local mirror on the same machine).
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
    throw new AppError('INVALID_INPUT', 'Models can only be downloaded over https.');
  }
}

export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Downloads through node-llama-cpp's downloader (ipull): parallel ranges, split-file support,
 * hf: URI resolution. Cancelling keeps the partial file so the next attempt resumes where it
 * stopped. The sha256 (when given) is checked after the transfer; a mismatch deletes the file.
 */
export async function downloadModelFile(req: DownloadRequest): Promise<string> {
  validateModelUri(req.uri);
  await probeReachable(req.uri, req.signal);
  let downloader;
  try {
    downloader = await (await loadLlamaModule()).createModelDownloader({
      modelUri: req.uri,
      dirPath: req.dir,
      fileName: req.fileName,
      skipExisting: false,
      deleteTempFileOnCancel: false,
      showCliProgress: false,
      parallelDownloads: 1,
      onProgress: (s) => req.onProgress({ downloaded: s.downloadedSize, total: s.totalSize })
    });
  } catch (e) {
    throw mapDownloadError(e, req.uri);
  }
  req.checkTarget?.(downloader.entrypointFilePath);
  const onAbort = (): void => void downloader.cancel({ deleteTempFile: false }).catch(() => {});
  req.signal.addEventListener('abort', onAbort, { once: true });
  let path: string;
  try {
    if (req.signal.aborted) throw new AppError('CANCELLED', 'Download cancelled.');
    path = await downloader.download({ signal: req.signal });
  } catch (e) {
    if (req.signal.aborted) throw new AppError('CANCELLED', 'Download cancelled; starting it again resumes.');
    throw mapDownloadError(e, req.uri);
  } finally {
    req.signal.removeEventListener('abort', onAbort);
  }
  if (req.signal.aborted) throw new AppError('CANCELLED', 'Download cancelled; starting it again resumes.');
  if (req.sha256) {
    const actual = await sha256File(path, req.signal);
    if (actual.toLowerCase() !== req.sha256.toLowerCase()) {
      await rm(path, { force: true });
      throw new AppError('UNSUPPORTED_FILE', 'Checksum mismatch: the downloaded file is not the expected model and was deleted.', { expected: req.sha256, actual });
    }
  }
  return path;
}

/**
 * One quick request before handing over to ipull: its retry loop would otherwise spend minutes
 * on an unreachable host, and a technician offline in a plant should hear "offline" at once.
 */
async function probeReachable(uri: string, signal: AbortSignal): Promise<void> {
  const target = uri.startsWith('hf:') ? `https://huggingface.co/api/models/${uri.slice(3).split(/[:/#]/).slice(0, 2).join('/')}` : uri;
  let res: Response;
  try {
    res = await fetch(target, { method: 'HEAD', signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]), redirect: 'follow' });
  } catch (e) {
    if (signal.aborted) throw new AppError('CANCELLED', 'Download cancelled.');
    throw mapDownloadError(Object.assign(new Error('fetch failed'), { cause: e, code: networkCode(e) ?? 'ETIMEDOUT' }), uri);
  }
  if (res.status === 404) throw new AppError('NOT_FOUND', `No model at ${uri} (HTTP 404).`);
}

function mapDownloadError(e: unknown, uri: string): AppError {
  if (e instanceof AppError) return e;
  if (isAbortError(e)) return new AppError('CANCELLED', 'Download cancelled.');
  const code = networkCode(e);
  const msg = e instanceof Error ? e.message : String(e);
  if (code) {
    return new AppError('OFFLINE', `Cannot reach the model server for ${uri} (${code}). This computer seems to be offline: import a GGUF file from disk instead.`);
  }
  if (/\b404\b|not found/i.test(msg)) return new AppError('NOT_FOUND', `No model at ${uri}: ${msg}`);
  return new AppError('INTERNAL', `Download failed: ${msg}`);
}

/**
 * The archive layout shared by backups and knowledge packs (both plain .tar files a user can
 * open with any tar tool):
 *
 *   <head>.json        first: format, versions, what is inside (read before anything else, so a
 *                      newer archive is refused before a byte is extracted)
 *   …files…            the payload
 *   manifest.json      last: the head again plus every file with size and sha256 (computed while
 *                      streaming, hence at the end)
 *   manifest.sha256    the manifest's own hash: a changed byte anywhere is caught and named
 *
 * Writing goes to `<out>.partial` and is renamed at the very end: a failed, aborted or disk-full
 * run never leaves an archive under the final name.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../platform/errors';
import type { JobContext, JobRunner } from '../platform/jobRunner';
import { hashBody, readAll, readTar, TarWriter, type ArchivedFile } from './tarStream';

export const MANIFEST = 'manifest.json';
export const MANIFEST_SUM = 'manifest.sha256';
const MAX_JSON_BYTES = 256 * 1024 * 1024;

export interface ArchiveHead {
  format: string;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
}

export interface Manifest<H extends ArchiveHead = ArchiveHead> {
  head: H;
  files: ArchivedFile[];
}

/**
 * Creates `out` atomically. `fill` adds the payload through the writer; the head goes first and
 * the manifest last. Returns the manifest and the archive's size.
 */
export async function writeArchive<H extends ArchiveHead>(
  out: string,
  headName: string,
  head: H,
  fill: (w: TarWriter) => Promise<ArchivedFile[]>,
  onBytes?: (n: number) => void,
  /** Where the bytes go before the rename (tests pass a device that is always full). */
  open: (partial: string) => WriteStream = (partial) => createWriteStream(partial, { flags: 'w' })
): Promise<{ manifest: Manifest<H>; bytes: number }> {
  await mkdir(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const stream = open(partial);
  let streamError: Error | undefined;
  stream.on('error', (e) => (streamError ??= e));
  const w = new TarWriter(stream, onBytes);
  try {
    const files = [await w.addBuffer(headName, json(head))];
    files.push(...(await fill(w)));
    const manifest: Manifest<H> = { head, files };
    const body = json(manifest);
    await w.addBuffer(MANIFEST, body);
    await w.addBuffer(MANIFEST_SUM, Buffer.from(`${sha256(body)}  ${MANIFEST}\n`));
    await w.finish();
    if (streamError) throw streamError;
    await rename(partial, out);
    return { manifest, bytes: stream.bytesWritten };
  } catch (e) {
    stream.destroy();
    await rm(partial, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new AppError('TOO_LARGE', `The disk is full: ${out} was not written (no partial file was left).`);
    throw e;
  }
}

export interface VerifyOptions<H extends ArchiveHead> {
  headName: string;
  /** Checks the head before the payload is read (e.g. refuses a newer format); throw to stop. */
  onHead?(head: H): void | Promise<void>;
  /** Where a payload file's bytes should go (undefined: hashed and discarded). */
  sink?(path: string): Promise<Writable | undefined>;
  onBytes?(n: number): void;
}

/**
 * Reads the whole archive, hashing every file, and checks it against the manifest. Throws an
 * INVALID_INPUT AppError naming the first bad file (in archive order); returns the manifest.
 */
export async function verifyArchive<H extends ArchiveHead>(path: string, opts: VerifyOptions<H>): Promise<Manifest<H>> {
  const actual = new Map<string, { size: number; sha256: string }>();
  const order: string[] = [];
  let head: H | undefined;
  let manifestBody: Buffer | undefined;
  let manifestSum = '';
  await readTar(createReadStream(path), async (e) => {
    const name = safeEntryPath(e.path);
    order.push(name);
    if (order.length === 1 && name !== opts.headName) throw new AppError('INVALID_INPUT', `Not a Benchmate archive of this kind: the first entry is ${name}, expected ${opts.headName}.`);
    if (name === opts.headName || name === MANIFEST || name === MANIFEST_SUM) {
      const body = await readSmall(e.body, e.size, name);
      actual.set(name, { size: body.length, sha256: sha256(body) });
      if (name === MANIFEST) manifestBody = body;
      else if (name === MANIFEST_SUM) manifestSum = body.toString('utf8').split(/\s+/)[0] ?? '';
      else {
        head = parseJson<H>(body, name);
        await opts.onHead?.(head);
      }
      return;
    }
    const sink = await opts.sink?.(name);
    const counted = opts.onBytes ? countBytes(e.body, opts.onBytes) : e.body;
    actual.set(name, await hashBody(counted, sink));
  });
  if (!head) throw new AppError('INVALID_INPUT', `The archive is empty or not a Benchmate archive (no ${opts.headName}).`);
  if (!manifestBody || !manifestSum) throw new AppError('INVALID_INPUT', `The archive is truncated: ${manifestBody ? MANIFEST_SUM : MANIFEST} is missing (last complete file: ${order.at(-1) ?? 'none'}).`);
  if (sha256(manifestBody) !== manifestSum) throw new AppError('INVALID_INPUT', `${MANIFEST} was altered (its sha256 does not match ${MANIFEST_SUM}).`);
  const manifest = parseJson<Manifest<H>>(manifestBody, MANIFEST);
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  for (const name of order) {
    if (name === MANIFEST || name === MANIFEST_SUM) continue;
    const want = expected.get(name);
    const got = actual.get(name)!;
    if (!want) throw new AppError('INVALID_INPUT', `${name}: not listed in the manifest (the archive was altered).`);
    if (want.size !== got.size || want.sha256 !== got.sha256) throw new AppError('INVALID_INPUT', `${name}: sha256 mismatch (the file is damaged or was altered).`);
  }
  const missing = manifest.files.find((f) => !actual.has(f.path));
  if (missing) throw new AppError('INVALID_INPUT', `${missing.path}: listed in the manifest but missing from the archive.`);
  return manifest;
}

/** Refuses absolute paths and `..`: an archive may only write below the folder it restores into. */
export function safeEntryPath(p: string): string {
  const norm = posix.normalize(p.replace(/\\/g, '/'));
  if (norm.startsWith('/') || norm === '..' || norm.startsWith('../') || /^[A-Za-z]:/.test(norm)) {
    throw new AppError('INVALID_INPUT', `Unsafe path in the archive: ${p}`);
  }
  return norm;
}

/**
 * A job that reads one archive, with progress in bytes of that file; `work` gets the byte
 * counter to hand to verifyArchive.
 */
export function archiveJob<T>(jobs: JobRunner, kind: string, title: string, path: string, phase: string, work: (onBytes: (n: number) => void, ctx: JobContext) => Promise<T>): { jobId: string; done: Promise<T> } {
  return jobs.start<T>({
    kind,
    title,
    summarize: (r) => r,
    run: async (ctx) => {
      const total = (await stat(path).catch(() => ({ size: 0 }))).size;
      let done = 0;
      ctx.progress({ phase, done: 0, total });
      return work((n) => ctx.progress({ done: (done += n) }), ctx);
    }
  });
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
export const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v, null, 1));

async function readSmall(body: AsyncIterable<Buffer>, size: number, name: string): Promise<Buffer> {
  if (size > MAX_JSON_BYTES) throw new AppError('INVALID_INPUT', `${name} is implausibly large (${size} bytes).`);
  return readAll(body);
}

function parseJson<T>(body: Buffer, name: string): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new AppError('INVALID_INPUT', `${name} is not valid JSON (the archive is damaged or was altered).`);
  }
}

async function* countBytes(body: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const c of body) {
    onBytes(c.length);
    yield c;
  }
}

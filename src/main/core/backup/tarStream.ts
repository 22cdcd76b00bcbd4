/**
 * Streamed tar (POSIX ustar + pax for long names) with a sha256 of every file computed on the
 * way through, so an archive of any size is written and checked in one pass, never held in
 * memory. Headers come from node-tar's Header/Pax; the bodies are written here because node-tar's
 * Pack reads files itself and offers no hook to hash exactly the bytes it stores.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Header, Parser, Pax, type ReadEntry } from 'tar';
import { AppError } from '../platform/errors';

export interface ArchivedFile {
  path: string;
  size: number;
  sha256: string;
}

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK * 2);

export class TarWriter {
  private closed = false;

  constructor(
    private readonly out: Writable,
    /** Called with the number of body bytes just written (for progress). */
    private readonly onBytes: (n: number) => void = () => {}
  ) {}

  /** Streams `src` into the archive as `name`; `size` must be the file's size now. */
  async addFile(name: string, src: string, size: number, signal?: AbortSignal): Promise<ArchivedFile> {
    await this.header(name, size);
    const hash = createHash('sha256');
    let written = 0;
    for await (const chunk of createReadStream(src) as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      // A file that grew since it was listed would corrupt the archive: stop at the listed size.
      const part = written + chunk.length > size ? chunk.subarray(0, size - written) : chunk;
      hash.update(part);
      written += part.length;
      await this.write(part);
      this.onBytes(part.length);
      if (written >= size) break;
    }
    if (written !== size) throw new AppError('INTERNAL', `${name} changed size while being archived (${written} of ${size} bytes).`);
    await this.pad(size);
    return { path: name, size, sha256: hash.digest('hex') };
  }

  async addBuffer(name: string, body: Buffer): Promise<ArchivedFile> {
    await this.header(name, body.length);
    await this.write(body);
    this.onBytes(body.length);
    await this.pad(body.length);
    return { path: name, size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  }

  /** Writes the end-of-archive marker and ends the output stream, resolving once it is flushed. */
  async finish(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.write(ZEROS);
    this.throwIfFailed();
    const done = once(this.out, 'finish');
    this.out.end();
    await done;
  }

  private async header(name: string, size: number): Promise<void> {
    const fields = { path: name, mode: 0o644, uid: 0, gid: 0, size, mtime: new Date(), type: 'File' as const, uname: '', gname: '' };
    const h = new Header(fields);
    const block = Buffer.alloc(BLOCK);
    h.encode(block);
    if (h.needPax) await this.write(new Pax({ ...fields, atime: undefined, ctime: undefined }).encode());
    await this.write(block);
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await this.write(Buffer.alloc(BLOCK - rest));
  }

  private async write(buf: Buffer): Promise<void> {
    this.throwIfFailed();
    if (this.out.write(buf)) return;
    // events.once rejects on an 'error' emitted while it waits (e.g. ENOSPC); an error emitted
    // earlier, between two writes, would never be followed by 'drain', so that is checked first.
    this.throwIfFailed();
    await once(this.out, 'drain');
  }

  private throwIfFailed(): void {
    if (this.out.errored) throw this.out.errored;
    if (this.out.destroyed) throw new AppError('INTERNAL', 'The archive output was closed before the archive was complete.');
  }
}

export interface TarEntry {
  path: string;
  size: number;
  /** The entry's bytes; must be consumed (or resumed) before the next entry is read. */
  body: ReadEntry;
}

/**
 * Reads a tar stream entry by entry. `onEntry` consumes each entry's body, one entry at a time;
 * the parser stalls while a large body is not consumed (backpressure), so bodies go to disk
 * without being held in memory. A damaged header, a truncated body
 * or a missing end marker rejects with a message naming the problem.
 */
export async function readTar(input: Readable, onEntry: (e: TarEntry) => Promise<void>): Promise<void> {
  // Entries are handled one at a time, in archive order (a handler may rely on earlier entries).
  let queue: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  let lastPath = '';
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => (settle = resolve));
  const fail = (e: unknown) => {
    failure ??= e instanceof Error ? e : new Error(String(e));
    input.destroy();
    settle();
  };
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      if (failure || (entry.type !== 'File' && entry.type !== 'OldFile')) {
        entry.resume();
        return;
      }
      queue = queue
        .then(() => {
          if (failure) return void entry.resume();
          lastPath = entry.path;
          return onEntry({ path: entry.path, size: entry.size ?? 0, body: entry });
        })
        .catch(fail);
    }
  });
  parser.on('error', fail);
  parser.on('close', settle);
  input.on('error', fail);
  input.on('data', (chunk: Buffer) => {
    if (!parser.write(chunk)) {
      input.pause();
      parser.once('drain', () => input.resume());
    }
  });
  input.on('end', () => parser.end());
  await finished;
  // After a failure a half-read body may never end: do not wait for it.
  if (!failure) await queue;
  if (failure) {
    if (failure instanceof AppError) throw failure;
    throw new AppError('INVALID_INPUT', `The archive is damaged or truncated${lastPath ? ` after ${lastPath}` : ''}: ${failure.message}`);
  }
}

/** Hashes a stream while passing it on to `sink` (or discarding it); resolves with size + sha256. */
export async function hashBody(body: AsyncIterable<Buffer>, sink?: Writable): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    size += chunk.length;
    if (sink && !sink.write(chunk)) await once(sink, 'drain');
  }
  if (sink) {
    const done = once(sink, 'finish');
    sink.end();
    await done;
  }
  return { size, sha256: hash.digest('hex') };
}

/** The whole body of a small entry (JSON rows, heads) as one buffer. */
export async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts);
}

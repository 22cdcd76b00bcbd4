import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeEntryPath, verifyArchive, writeArchive } from '../../../src/main/core/backup/archive';
import { newerThanKnown } from '../../../src/main/core/backup/versions';

const HEAD = { format: 'test', formatVersion: 1, appVersion: '1.0.0', createdAt: '2026-01-01T00:00:00.000Z' };
const LONG = `data/${'deep/'.repeat(30)}file.bin`; // > 100 chars: needs a pax header

describe('archive (streamed tar with per-file sha256)', () => {
  let dir: string;
  let good: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'benchmate-archive-'));
    const src = join(dir, 'src.bin');
    await writeFile(src, Buffer.alloc(70_000, 7));
    good = join(dir, 'good.tar');
    await writeArchive(good, 'head.json', HEAD, async (w) => [await w.addFile('data/a.bin', src, 70_000), await w.addFile(LONG, src, 70_000), await w.addBuffer('data/b.txt', Buffer.from('hello'))]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('round-trips names (long ones too) and bytes; the manifest lists every file', async () => {
    const seen: Record<string, number> = {};
    const m = await verifyArchive(good, {
      headName: 'head.json',
      sink: async (p) => {
        const out = createWriteStream(join(dir, `x-${Object.keys(seen).length}`));
        seen[p] = 1;
        return out;
      }
    });
    expect(m.head).toEqual(HEAD);
    expect(m.files.map((f) => f.path)).toEqual(['head.json', 'data/a.bin', LONG, 'data/b.txt']);
    expect(Object.keys(seen)).toEqual(['data/a.bin', LONG, 'data/b.txt']);
    expect((await readFile(join(dir, 'x-2'))).toString()).toBe('hello');
  });

  it('names the damaged file, a damaged header, a truncation and an altered manifest', async () => {
    const bytes = await readFile(good);
    const at = (needle: string, extra: number) => bytes.indexOf(Buffer.from(needle)) + extra;
    const variant = async (name: string, f: (b: Buffer) => Buffer) => {
      const p = join(dir, name);
      await writeFile(p, f(Buffer.from(bytes)));
      return p;
    };
    const body = await variant('body.tar', (b) => ((b[at('data/a.bin', 512 + 1000)] ^= 1), b));
    await expect(verifyArchive(body, { headName: 'head.json' })).rejects.toThrow('data/a.bin: sha256 mismatch');
    const header = await variant('header.tar', (b) => ((b[at('data/b.txt', 3)] ^= 1), b));
    await expect(verifyArchive(header, { headName: 'head.json' })).rejects.toThrow(/damaged or truncated after .*checksum/);
    const cut = await variant('cut.tar', (b) => b.subarray(0, 40_000));
    await expect(verifyArchive(cut, { headName: 'head.json' })).rejects.toThrow(/truncated/);
    const manifest = await variant('manifest.tar', (b) => ((b[at('"sha256"', 12)] ^= 1), b));
    await expect(verifyArchive(manifest, { headName: 'head.json' })).rejects.toThrow('manifest.json was altered');
    await expect(verifyArchive(good, { headName: 'other.json' })).rejects.toThrow(/first entry is head\.json/);
  });

  it('a full disk fails with a clear error and leaves nothing under the final name', async () => {
    if (!existsSync('/dev/full')) return console.warn('[skip] no /dev/full on this system');
    const out = join(dir, 'full.tar');
    const src = join(dir, 'src.bin');
    const run = writeArchive(out, 'head.json', HEAD, async (w) => [await w.addFile('data/a.bin', src, 70_000)], undefined, () => createWriteStream('/dev/full'));
    await expect(run).rejects.toThrow(/disk is full/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('a disk that fills up between two writes (the error comes while nothing waits) still fails cleanly', async () => {
    const out = join(dir, 'late-full.tar');
    const src = join(dir, 'src.bin');
    // Accepts the first writes into its buffer, then reports ENOSPC a turn later: the archive writer
    // is not waiting for 'drain' when the error is emitted, and 'drain' never comes after it.
    const lateFull = () =>
      new Writable({
        highWaterMark: 1 << 20,
        write(_chunk, _enc, cb) {
          setImmediate(() => cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })));
        }
      }) as unknown as WriteStream;
    const run = writeArchive(out, 'head.json', HEAD, async (w) => [await w.addFile('data/a.bin', src, 70_000)], undefined, lateFull);
    await expect(run).rejects.toThrow(/disk is full/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  }, 20_000);

  it('refuses paths that would escape the restore folder', () => {
    expect(safeEntryPath('data/index/x.lance')).toBe('data/index/x.lance');
    for (const bad of ['../etc/passwd', '/etc/passwd', 'data/../../x', 'C:/Windows/x']) expect(() => safeEntryPath(bad)).toThrow(/Unsafe path/);
  });

  it('names the newer format or schema, and accepts the current or older ones', () => {
    expect(newerThanKnown('backup', '2.0.0', 2, {})).toMatch(/Benchmate 2\.0\.0 in format 2; this app reads format 1/);
    expect(newerThanKnown('pack', '1.5.0', 1, { sessions: 4 })).toMatch(/sessions schema 4; this app knows sessions schema 1/);
    expect(newerThanKnown('backup', '0.1.0', 1, { index: 1, settings: 1, sessions: 1 })).toBeNull();
    expect(newerThanKnown('backup', '0.0.1', 0, { index: 0 })).toBeNull();
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadModelFile } from '../../../src/main/core/models/modelDownloader';
import type { JobSnapshot } from '../../../src/shared/contract/jobs';
import { tempCore } from '../../helpers/tempCore';
import { ensureFixture, tinyEmbeddingModel } from '../../fixtures/gguf/generators';
import { startLoopbackServer, type LoopbackServer } from './loopbackServer';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('model download from a loopback server (127.0.0.1 only)', () => {
  let srv: LoopbackServer;
  let t: Awaited<ReturnType<typeof tempCore>>;
  const small = readFileSync(tinyEmbeddingModel());
  // ~28 MB: several of ipull's 5 MB ranges, so a transfer can be interrupted part way.
  const big = readFileSync(ensureFixture('chat', { nEmbd: 256, vocabPad: 12000, name: 'download-fixture' }));
  const scratch = mkdtempSync(join(tmpdir(), 'bm-dl-'));

  beforeAll(async () => {
    srv = await startLoopbackServer({ '/models/embed.gguf': small, '/models/big.gguf': big });
    t = await tempCore();
  });
  afterAll(async () => {
    await srv?.close();
    await t?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('downloads as a job with progress events, verifies the checksum and registers the model', async () => {
    const progress: JobSnapshot[] = [];
    const off = t.core.events.on('jobs.progress', (s) => s.kind === 'models.download' && progress.push(s));
    const r = await t.core.api.models.download({ uri: srv.url('/models/embed.gguf'), sha256: sha(small) });
    if (!r.ok) throw new Error(r.error.message);
    const done = await t.core.jobs.wait(r.value.jobId);
    off();
    expect(done.status).toBe('succeeded');
    expect(progress.some((p) => p.phase === 'download' && p.done > 0 && p.total === small.length)).toBe(true);
    const models = t.core.models.list();
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ source: 'downloaded', kind: 'embedding', bytes: small.length });
    expect(sha(readFileSync(models[0].path))).toBe(sha(small));
    expect(done.result).toEqual({ modelId: models[0].id });
  });

  it('never overwrites an installed model file with a new download', async () => {
    const installed = t.core.models.list()[0];
    const before = sha(readFileSync(installed.path));
    const r = await t.core.api.models.download({ uri: srv.url('/models/big.gguf'), fileName: installed.fileName });
    if (!r.ok) throw new Error(r.error.message);
    const done = await t.core.jobs.wait(r.value.jobId);
    expect(done.error?.code).toBe('DUPLICATE');
    expect(sha(readFileSync(installed.path))).toBe(before);
  });

  it('rejects a checksum mismatch and deletes the file', async () => {
    const r = await t.core.api.models.download({ uri: srv.url('/models/embed.gguf'), fileName: 'mismatch.gguf', sha256: 'a'.repeat(64) });
    if (!r.ok) throw new Error(r.error.message);
    const done = await t.core.jobs.wait(r.value.jobId);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('UNSUPPORTED_FILE');
    expect(done.error?.message).toMatch(/checksum/i);
    expect(readdirSync(t.core.config.paths.models).some((f) => f.startsWith('mismatch'))).toBe(false);
  });

  it('resumes an interrupted (cancelled) transfer from the partial file', async () => {
    srv.bytesPerSecond = 8 * 1024 * 1024;
    const ac = new AbortController();
    await expect(
      downloadModelFile({
        uri: srv.url('/models/big.gguf'),
        dir: scratch,
        signal: ac.signal,
        onProgress: (p) => p.downloaded > big.length * 0.5 && ac.abort()
      })
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    const partial = readdirSync(scratch);
    expect(partial.some((f) => f.endsWith('.ipull'))).toBe(true);
    srv.requests.length = 0;
    const seen: number[] = [];
    const path = await downloadModelFile({ uri: srv.url('/models/big.gguf'), dir: scratch, signal: new AbortController().signal, sha256: sha(big), onProgress: (p) => seen.push(p.downloaded) });
    srv.bytesPerSecond = 0;
    // The second attempt starts from what the first one already had, using Range requests.
    expect(seen[0]).toBeGreaterThan(0);
    expect(srv.requests.some((q) => q.range && !q.range.startsWith('bytes=0-'))).toBe(true);
    expect(sha(readFileSync(path))).toBe(sha(big));
  });

  it('reports OFFLINE quickly when the server cannot be reached, INVALID_INPUT for bad schemes', async () => {
    const started = Date.now();
    await expect(downloadModelFile({ uri: 'http://127.0.0.1:9/none.gguf', dir: scratch, signal: new AbortController().signal, onProgress: () => {} })).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(Date.now() - started).toBeLessThan(15_000);
    const r = await t.core.api.models.download({ uri: 'ftp://example.com/x.gguf' });
    expect(r.ok || r.error.code).toBe('INVALID_INPUT');
    const notFound = await t.core.api.models.download({ uri: srv.url('/models/missing.gguf') });
    if (!notFound.ok) throw new Error(notFound.error.message);
    expect((await t.core.jobs.wait(notFound.value.jobId)).error?.code).toBe('NOT_FOUND');
  });
});

import { describe, expect, it } from 'vitest';
import { uploadEach } from '../../../../src/renderer/src/lib/uploadQueue';
import type { Result } from '../../../../src/shared/result';

/** An upload the test finishes by hand: the gate that orders events without any timing. */
function gatedUploads() {
  const pending = new Map<string, (r: Result<{ path: string }>) => void>();
  const started: string[] = [];
  return {
    started,
    inFlight: () => [...pending.keys()],
    upload: (name: string) =>
      new Promise<Result<{ path: string }>>((resolve) => {
        started.push(name);
        pending.set(name, resolve);
      }),
    land(name: string) {
      pending.get(name)!({ ok: true, value: { path: `/uploads/${name}` } });
      pending.delete(name);
    },
    fail(name: string) {
      pending.get(name)!({ ok: false, error: { code: 'TOO_LARGE', message: `${name} is too large` } });
      pending.delete(name);
    }
  };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('uploading a batch of manuals', () => {
  it('runs at most three uploads at once and hands each file on as soon as it has landed', async () => {
    const g = gatedUploads();
    const imported: string[] = [];
    const files = ['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf', 'e.pdf'];
    const batch = uploadEach(files, g.upload, (path) => imported.push(path));
    await settle();
    expect(g.inFlight()).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);

    // b lands first: it is imported while a and c are still uploading, and d starts.
    g.land('b.pdf');
    await settle();
    expect(imported).toEqual(['/uploads/b.pdf']);
    expect(g.inFlight()).toEqual(['a.pdf', 'c.pdf', 'd.pdf']);

    for (const f of ['a.pdf', 'c.pdf', 'd.pdf']) g.land(f);
    await settle();
    expect(g.inFlight()).toEqual(['e.pdf']);
    g.land('e.pdf');
    const r = await batch;
    expect(r.landed).toEqual(['/uploads/b.pdf', '/uploads/a.pdf', '/uploads/c.pdf', '/uploads/d.pdf', '/uploads/e.pdf']);
    expect(imported).toEqual(r.landed);
    expect(r.failed).toEqual([]);
  });

  it('a refused or broken upload is reported and the other files still go through', async () => {
    const g = gatedUploads();
    const imported: string[] = [];
    const batch = uploadEach(['big.pdf', 'ok.pdf'], g.upload, (path) => imported.push(path), 2);
    await settle();
    g.fail('big.pdf');
    g.land('ok.pdf');
    const thrown = await uploadEach(['x.pdf'], () => Promise.reject(new Error('socket hang up')), () => undefined);
    const r = await batch;
    expect(r.failed).toEqual([{ file: 'big.pdf', error: { code: 'TOO_LARGE', message: 'big.pdf is too large' } }]);
    expect(imported).toEqual(['/uploads/ok.pdf']);
    expect(thrown.failed[0].error.code).toBe('OFFLINE');
  });

  it('waits for every hand-on (import call) before it resolves', async () => {
    let release!: () => void;
    const importCall = new Promise<void>((r) => (release = r));
    let resolved = false;
    const batch = uploadEach(['a.pdf'], async (f) => ({ ok: true, value: { path: f } }), () => importCall).then(() => (resolved = true));
    await settle();
    expect(resolved).toBe(false);
    release();
    await batch;
    expect(resolved).toBe(true);
  });
});

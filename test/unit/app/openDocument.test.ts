/** host.openDocument: only the library's stored files reach shell.openPath; elsewhere a clear error. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDocumentHandler } from '../../../src/main/app/openDocument';
import { localAdminCtx } from '../../helpers/callContext';
import { tempCore } from '../../helpers/tempCore';

describe('openDocumentHandler', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-open-doc-'));
    await mkdir(join(dir, 'library'), { recursive: true });
    await writeFile(join(dir, 'library', 'abc.pdf'), '%PDF-1.7');
    await writeFile(join(dir, 'elsewhere.pdf'), '%PDF-1.7');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const handler = (stored: Record<string, string>, answer = '') => {
    const opened: string[] = [];
    const h = openDocumentHandler({
      storedPath: async (id) => stored[id] ?? Promise.reject(Object.assign(new Error('No document'), { code: 'NOT_FOUND' })),
      libraryDir: join(dir, 'library'),
      openPath: async (p) => (opened.push(p), answer)
    })['host.openDocument'];
    return { h, opened };
  };

  it('opens the stored copy of a document', async () => {
    const { h, opened } = handler({ abc: join(dir, 'library', 'abc.pdf') });
    expect(await h({ docId: 'abc' }, localAdminCtx)).toEqual({ opened: true });
    expect(opened).toEqual([join(dir, 'library', 'abc.pdf')]);
  });

  it('refuses a path outside the library folder, a missing file, and reports the system refusing', async () => {
    const outside = handler({ x: join(dir, 'library', '..', 'elsewhere.pdf') });
    await expect(outside.h({ docId: 'x' }, localAdminCtx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(outside.opened).toEqual([]);
    await expect(handler({ y: join(dir, 'library', 'gone.pdf') }).h({ docId: 'y' }, localAdminCtx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: /missing/ });
    await expect(handler({ abc: join(dir, 'library', 'abc.pdf') }, 'No application knows how to open it').h({ docId: 'abc' }, localAdminCtx)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: /could not open the PDF: No application/
    });
  });

  it('hosts without a system viewer (web host, CLI) answer with a clear error', async () => {
    const { core, cleanup } = await tempCore();
    try {
      const r = await core.api.host.openDocument({ docId: 'abc' });
      expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/not available in the browser/) } });
    } finally {
      await cleanup();
    }
  });
});

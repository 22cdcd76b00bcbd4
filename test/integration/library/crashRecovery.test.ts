import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { pathsFor } from '../../../src/main/core/config';
import { LanceStore } from '../../../src/main/core/index/lanceStore';
import { sqlEq } from '../../../src/main/core/index/sql';
import type { DocumentRow } from '../../../src/main/core/index/schema';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { importAndWait } from './helpers';
import { unwrap } from '../../../src/shared/result';

const openCore = (dir: string) => createCore({ paths: pathsFor(dir), host: 'test', version: '0.0.0-test', logLevel: 'error', threads: 2 });

/** Runs importChild.ts under tsx and SIGKILLs it as soon as it reports the parse phase. */
function importAndKill(dir: string, file: string): Promise<'killed' | 'finished'> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, fileURLToPath(new URL('./importChild.ts', import.meta.url)), dir, file], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('PARSING')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? 'killed' : out.includes('DONE') ? 'finished' : 'killed'));
  });
}

describe('crash recovery', () => {
  let dir: string;
  let core: Core | undefined;
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('a process killed mid-import leaves a resumable failed doc, no partial rows, other docs intact', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-crash-'));
    const good = await writePdf(join(dir, 'in'), 'good.pdf', await makeManualPdf(sampleManualSpec()));
    const big = await writePdf(
      join(dir, 'in'),
      'big.pdf',
      await makeManualPdf({ title: 'Big manual', pages: Array.from({ length: 150 }, (_, i) => ({ text: `Section ${i}. ${'Service procedure text. '.repeat(30)}` })) })
    );
    core = await openCore(dir);
    await importAndWait(core, [good]);
    await core.dispose();
    core = undefined;

    expect(await importAndKill(dir, big)).toBe('killed');

    core = await openCore(dir); // recovery runs on start
    const docs = unwrap(await core.api.library.list());
    const bigDoc = docs.find((d) => d.fileName === 'big.pdf')!;
    expect(bigDoc.status).toBe('failed');
    expect(bigDoc.statusDetail).toMatch(/interrupted.*reindex/);
    expect(await core.index.chunks().countRows(sqlEq('docId', bigDoc.id))).toBe(0);
    expect(await core.index.pages().countRows(sqlEq('docId', bigDoc.id))).toBe(0);
    const goodDoc = docs.find((d) => d.fileName === 'good.pdf')!;
    expect(goodDoc.status).toBe('ready');
    expect(await core.index.chunks().countRows(sqlEq('docId', goodDoc.id))).toBeGreaterThan(0);

    // Resumable: reindex from the stored copy completes the import.
    const { jobId } = unwrap(await core.api.library.reindex({ id: bigDoc.id }));
    expect((await core.jobs.wait(jobId)).status).toBe('succeeded');
    expect(unwrap(await core.api.library.get({ id: bigDoc.id }))).toMatchObject({ status: 'ready', pageCount: 150 });
  }, 240_000); // spawns a tsx child that compiles the whole core: slow on a busy 2-core machine

  it('partial rows written during the index phase are removed on the next start', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-crash-'));
    const store = await LanceStore.open(pathsFor(dir).index);
    const doc: DocumentRow = {
      id: 'deadbeefdeadbeef', sha256: 'deadbeef'.repeat(8), title: 'Half written', fileName: 'half.pdf', storedPath: join(dir, 'nope.pdf'),
      bytes: 10, pageCount: 2, machineModels: [], tags: [], language: '', revision: '', notes: '', status: 'importing', statusDetail: '',
      importedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), qualityJson: '', pageLabelsJson: '[]', outlineJson: '[]'
    };
    await store.documents().add([doc] as unknown as Record<string, unknown>[]);
    await store.pages().add([{ id: `${doc.id}:1`, docId: doc.id, page: 1, pageLabel: '1', sectionPath: '', text: 'partial' }]);
    await store.dispose();

    core = await openCore(dir);
    expect(await core.index.pages().countRows(sqlEq('docId', doc.id))).toBe(0);
    expect(unwrap(await core.api.library.get({ id: doc.id }))).toMatchObject({ status: 'failed' });
  });
});

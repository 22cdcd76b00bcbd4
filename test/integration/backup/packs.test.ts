import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/createCore';
import { vectorModelKey } from '../../../src/main/core/index/vectorStore';
import { writeArchive } from '../../../src/main/core/backup/archive';
import { PACK_HEAD } from '../../../src/main/core/backup/versions';
import type { PackImportResult } from '../../../src/shared/contract/backup';
import { unwrap } from '../../../src/shared/result';
import { tempCore } from '../../helpers/tempCore';
import { docsOf, importPdf, importSamples, pumpManualSpec, QUERIES, searchJson } from './helpers';

type Temp = Awaited<ReturnType<typeof tempCore>>;

async function importPack(core: Core, path: string, replace = false): Promise<PackImportResult> {
  const { jobId } = unwrap(await core.api.pack.import({ path, replace }));
  const snap = await core.jobs.wait(jobId);
  if (snap.status !== 'succeeded') throw new Error(`${snap.error?.code}: ${snap.error?.message}`);
  await core.library.optimizeSettled();
  return snap.result as PackImportResult;
}

async function exportPack(core: Core, sel: { machineModels?: string[]; tags?: string[]; docIds?: string[] }, out: string): Promise<string> {
  const { jobId, path } = unwrap(await core.api.pack.export({ ...sel, out }));
  const snap = await core.jobs.wait(jobId);
  if (snap.status !== 'succeeded') throw new Error(`${snap.error?.code}: ${snap.error?.message}`);
  return path;
}

const FAKE_MODEL = { id: 'tiny-embed', fingerprint: 'f00dfeedcafe0000', dimension: 4 };

describe('knowledge packs', () => {
  let a: Temp; // the prepared library
  let b: Temp; // an empty field laptop
  let scratch: string;
  let pack: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([tempCore({ restoreModels: false }), tempCore({ restoreModels: false })]);
    scratch = await mkdtemp(join(tmpdir(), 'benchmate-pack-'));
    await importSamples(a.core, a.dir);
    // Vectors of an embedding model (written directly: the tests have no real model weights).
    const key = vectorModelKey(FAKE_MODEL.id, FAKE_MODEL.fingerprint);
    const table = await a.core.models.vectors.open(key, FAKE_MODEL.id, FAKE_MODEL.fingerprint, FAKE_MODEL.dimension);
    const chunks = await a.core.index.chunks().query().select(['id', 'docId']).toArray();
    await a.core.models.vectors.add(
      table,
      chunks.map((c, i) => ({ chunkId: String(c.id), docId: String(c.docId), vector: [i, 1, 0, 0.5], machineModels: [], tags: [], language: '' }))
    );
    pack = await exportPack(a.core, {}, join(scratch, 'all.tar'));
  });
  afterAll(async () => {
    await Promise.all([a.cleanup(), b.cleanup()]);
    await rm(scratch, { recursive: true, force: true });
  });

  it('export → import on an empty library answers the same searches, with the vectors reused', async () => {
    const preview = await b.core.packs.preview(pack);
    expect(preview.changes.map((c) => c.action)).toEqual(['add', 'add']);
    expect(preview.vectors.reused).toBe(true);
    const r = await importPack(b.core, pack);
    expect(r).toMatchObject({ added: 2, replaced: 0, skipped: 0 });
    expect(await docsOf(b.core, false)).toEqual(await docsOf(a.core, false));
    expect(await searchJson(b.core, QUERIES)).toBe(await searchJson(a.core, QUERIES));
    // The viewer can open the imported PDFs.
    const docId = String((await docsOf(b.core))[0].id);
    expect((await b.core.library.fileBytes(docId)).bytes).toBeGreaterThan(1000);
    const key = vectorModelKey(FAKE_MODEL.id, FAKE_MODEL.fingerprint);
    expect(b.core.models.vectors.getMeta(key)).toMatchObject({ modelId: FAKE_MODEL.id, dimension: 4 });
    const vecA = await a.core.models.vectors.table(key)!.query().select(['chunkId', 'vector']).toArray();
    const tableB = b.core.index.table(`vectors_${key}`)!;
    const vecB = await tableB.query().select(['chunkId', 'vector']).toArray();
    const norm = (rows: typeof vecA) => rows.map((r) => [String(r.chunkId), Array.from(r.vector as Iterable<number>)]).sort();
    expect(norm(vecB)).toEqual(norm(vecA));
  });

  it('a second import of the same pack changes nothing', async () => {
    const version = await b.core.index.documents().version();
    const before = await docsOf(b.core);
    const r = await importPack(b.core, pack);
    expect(r).toMatchObject({ added: 0, replaced: 0, skipped: 2 });
    expect(r.changes.every((c) => c.action === 'skip')).toBe(true);
    expect(await docsOf(b.core)).toEqual(before);
    expect(await b.core.index.documents().version()).toBe(version);
  });

  it('a pack with one newer revision replaces only that document, after confirmation', async () => {
    // The office prepares revision B of the pump manual (same title and machine models).
    const old = (await docsOf(a.core)).find((d) => d.title === 'P10 Pump Manual')!;
    const x200Before = (await docsOf(b.core)).find((d) => d.title !== 'P10 Pump Manual')!;
    await a.core.api.library.delete({ id: String(old.id) });
    const revB = await importPdf(a.core, a.dir, 'p10-revB.pdf', pumpManualSpec('Revision B: new seal kit SK-41'), { machineModels: ['P10'], tags: ['parts'] });
    await a.core.api.library.update({ id: revB.docId!, patch: { revision: 'B' } });
    const update = await exportPack(a.core, { machineModels: ['P10'] }, join(scratch, 'update.tar'));

    const preview = await b.core.packs.preview(update);
    expect(preview.changes).toEqual([expect.objectContaining({ docId: revB.docId, action: 'replace', replacesDocId: old.id, revision: 'B' })]);
    // Without confirmation nothing changes.
    const unconfirmed = await importPack(b.core, update, false);
    expect(unconfirmed).toMatchObject({ added: 0, replaced: 0, skipped: 1 });
    expect((await docsOf(b.core)).map((d) => d.id)).toContain(old.id);

    const r = await importPack(b.core, update, true);
    expect(r).toMatchObject({ added: 0, replaced: 1, skipped: 0 });
    const after = await docsOf(b.core);
    expect(after.map((d) => d.id).sort()).toEqual([String(revB.docId), String(x200Before.id)].sort());
    expect(after.find((d) => d.id === x200Before.id)).toEqual(x200Before); // untouched, same updatedAt
    const hits = (await b.core.search.query({ text: 'seal kit SK-41' })).passages;
    expect(hits[0]?.docId).toBe(revB.docId);
  });

  it('refuses a pack from a newer app with the versions named, and a tampered pack naming the file', async () => {
    const newer = join(scratch, 'newer.tar');
    await writeArchive(newer, PACK_HEAD, { format: 'benchmate-pack', formatVersion: 3, appVersion: '7.1.0', createdAt: new Date().toISOString(), schemas: { index: 1, settings: 1, sessions: 1 }, documents: [], embeddings: [] }, async () => []);
    const r = await b.core.api.pack.preview({ path: newer });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Benchmate 7\.1\.0 in format 3; this app reads format 1/);

    const bytes = await readFile(pack);
    const at = bytes.indexOf(Buffer.from('"searchText"'));
    bytes[at + 20] ^= 0x01;
    const bad = join(scratch, 'bad.tar');
    await writeFile(bad, bytes);
    const t = await b.core.api.pack.preview({ path: bad });
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error.message).toMatch(/^docs\/[0-9a-f]{16}\/chunks\.jsonl: sha256 mismatch/);
  });
});

/**
 * Knowledge packs: selected documents with everything search needs (document row, pages, chunks
 * with their full-text fields, vectors per embedding model) and the PDFs, so ten field laptops
 * get a prepared library without parsing or embedding anything. Import merges: the same file is
 * skipped, a newer revision of a document (same title + machine models) replaces it only when
 * confirmed, vectors are reused when the embedding model matches (else the embeddings side
 * re-embeds the new chunks on its own catch-up).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackDocChange, PackExportResult, PackImportResult, PackPreview, PackSelection } from '../../../shared/contract/backup';
import type { LanceStore } from '../index/lanceStore';
import { TABLES, type ChunkRow, type DocumentRow, type PageRow } from '../index/schema';
import { sqlEq } from '../index/sql';
import { vectorSchema, type VectorStore } from '../index/vectorStore';
import { removeStored } from '../library/files';
import type { LibraryRepo } from '../library/libraryRepo';
import { AppError } from '../platform/errors';
import type { JobContext, JobRunner } from '../platform/jobRunner';
import type { Logger } from '../platform/logger';
import { archiveJob, json, safeEntryPath, verifyArchive, writeArchive } from './archive';
import { jsonl, packPaths, parseJsonl, parsePackPath, sameDocument, type PackDocContent, type PackDocumentRow, type PackEmbedding, type PackHead } from './packFormat';
import { hashBody, readAll, readTar } from './tarStream';
import { FORMAT_VERSION, newerThanKnown, PACK_FORMAT, PACK_HEAD, SCHEMA_VERSIONS } from './versions';

export interface PackDeps {
  store: LanceStore;
  repo: LibraryRepo;
  vectors: VectorStore;
  jobs: JobRunner;
  logger: Logger;
  appVersion: string;
  libraryDir: string;
  exportDir: string;
  /** library.changed for the documents a pack added/replaced ('updated') or removed ('deleted'). */
  changed(reason: 'updated' | 'deleted', docIds: string[]): void;
  /** Folds the new rows into the full-text indexes (library.optimize). */
  optimize(): void;
}

const EXPORTABLE = new Set(['ready', 'needs_ocr']);

export class PackService {
  constructor(private readonly d: PackDeps) {}

  async select(sel: PackSelection): Promise<DocumentRow[]> {
    const has = (list: readonly string[] | undefined, values: readonly string[]) => !list?.length || list.some((x) => values.includes(x));
    return (await this.d.repo.listDocs()).filter(
      (doc) => EXPORTABLE.has(doc.status) && (!sel.docIds?.length || sel.docIds.includes(doc.id)) && has(sel.machineModels, doc.machineModels) && has(sel.tags, doc.tags)
    );
  }

  export(sel: PackSelection & { out?: string }): { jobId: string; path: string; done: Promise<PackExportResult> } {
    const path = sel.out ?? join(this.d.exportDir, `benchmate-pack-${new Date().toISOString().slice(0, 10)}-${Date.now() % 100000}.tar`);
    const { jobId, done } = this.d.jobs.start<PackExportResult>({
      kind: 'pack.export',
      title: 'Export knowledge pack',
      summarize: (r) => r,
      run: (ctx) => this.write(sel, path, ctx)
    });
    return { jobId, path, done };
  }

  /** Verifies the pack and says what importing it would do; changes nothing. */
  async preview(path: string, onBytes?: (n: number) => void): Promise<PackPreview> {
    await stat(path).catch(() => {
      throw new AppError('NOT_FOUND', `No such file: ${path}`);
    });
    const m = await verifyArchive<PackHead>(path, { headName: PACK_HEAD, onHead: checkPackHead, onBytes });
    return this.plan(path, m.head);
  }

  import(path: string, opts: { replace: boolean }): { jobId: string; done: Promise<PackImportResult> } {
    return archiveJob(this.d.jobs, 'pack.import', `Import pack ${path.split(/[\\/]/).pop()}`, path, 'verify', async (onBytes, ctx) => {
      const plan = await this.preview(path, onBytes);
      ctx.progress({ phase: 'import', done: 0, total: plan.changes.length });
      return this.apply(path, plan, opts.replace, ctx);
    });
  }

  private async plan(path: string, head: PackHead): Promise<PackPreview> {
    const local = await this.d.repo.listDocs();
    const changes: PackDocChange[] = head.documents.map((p) => {
      const same = local.find((l) => l.id === p.id);
      const base = { docId: p.id, title: p.title, revision: p.revision, replacesDocId: null, replacesRevision: null };
      if (same && EXPORTABLE.has(same.status)) return { ...base, action: 'skip' as const, reason: 'already in the library (same file)' };
      const older = local.find((l) => l.id !== p.id && sameDocument(l, p));
      if (older) {
        const rev = (r: string) => (r ? `revision ${r}` : 'another revision');
        return { ...base, action: 'replace' as const, replacesDocId: older.id, replacesRevision: older.revision, reason: `${rev(p.revision)} replaces ${rev(older.revision)}` };
      }
      return { ...base, action: 'add' as const, reason: 'new document' };
    });
    return { path, appVersion: head.appVersion, createdAt: head.createdAt, changes, vectors: this.vectorPlan(head.embeddings) };
  }

  /** Pack embeddings this library can take as they are (same model key and dimension, or no table yet). */
  private reusable(embeddings: PackEmbedding[]): PackEmbedding[] {
    const meta = this.d.vectors.allMeta();
    return embeddings.filter((e) => !meta[e.key] || (meta[e.key].dimension === e.dimension && meta[e.key].modelId === e.modelId));
  }

  private vectorPlan(embeddings: PackEmbedding[]): PackPreview['vectors'] {
    if (!embeddings.length) return { reused: false, detail: 'The pack has no vectors; documents are embedded here once an embedding model is loaded.' };
    const ok = this.reusable(embeddings);
    const local = Object.values(this.d.vectors.allMeta()).map((m) => m.modelId);
    const others = local.filter((id) => !ok.some((e) => e.modelId === id));
    if (ok.length && !others.length) return { reused: true, detail: `Vectors of ${ok.map((e) => `${e.modelId} (${e.dimension} dims)`).join(', ')} are reused.` };
    return {
      reused: ok.length > 0,
      detail: `${others.join(', ')} differs from the pack's ${embeddings.map((e) => e.modelId).join(', ')}: the documents are queued for re-embedding.`
    };
  }

  private async write(sel: PackSelection, out: string, ctx: JobContext): Promise<PackExportResult> {
    const docs = await this.select(sel);
    if (!docs.length) throw new AppError('INVALID_INPUT', 'No ready documents match the selection.');
    const tables = await this.vectorTables();
    const head: PackHead = {
      format: PACK_FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: this.d.appVersion,
      createdAt: new Date().toISOString(),
      schemas: { ...SCHEMA_VERSIONS },
      documents: [],
      embeddings: tables.map((t) => t.embedding)
    };
    const rows = new Map<string, { pages: PageRow[]; chunks: ChunkRow[] }>();
    for (const doc of docs) {
      const pages = (await this.d.store.pages().query().where(sqlEq('docId', doc.id)).toArray()).map((r) => plain(r) as unknown as PageRow).sort((a, b) => a.page - b.page);
      const chunks = (await this.d.repo.chunksOf(doc.id)).map((c) => plain(c as unknown as Record<string, unknown>) as unknown as ChunkRow);
      rows.set(doc.id, { pages, chunks });
      head.documents.push({ id: doc.id, sha256: doc.sha256, title: doc.title, revision: doc.revision, machineModels: doc.machineModels, tags: doc.tags, pageCount: doc.pageCount, chunks: chunks.length });
    }
    ctx.progress({ phase: 'write', done: 0, total: docs.length });
    const { bytes } = await writeArchive(out, PACK_HEAD, head, async (w) => {
      const files = [];
      for (const [i, doc] of docs.entries()) {
        const { storedPath: _local, ...row } = doc;
        const r = rows.get(doc.id)!;
        files.push(await w.addBuffer(packPaths.document(doc.id), json(row)));
        files.push(await w.addBuffer(packPaths.pages(doc.id), jsonl(r.pages)));
        files.push(await w.addBuffer(packPaths.chunks(doc.id), jsonl(r.chunks)));
        for (const t of tables) {
          const vecs = await t.table.query().where(sqlEq('docId', doc.id)).select(['chunkId', 'vector']).toArray();
          if (vecs.length) files.push(await w.addBuffer(packPaths.vectors(doc.id, t.embedding.key), jsonl(vecs.map((v) => ({ chunkId: String(v.chunkId), vector: Array.from(v.vector as Iterable<number>) })))));
        }
        const size = (await stat(doc.storedPath).catch(() => {
          throw new AppError('NOT_FOUND', `The stored copy of ${doc.fileName} is missing; reindex or remove it before exporting.`);
        })).size;
        files.push(await w.addFile(packPaths.pdf(doc.id), doc.storedPath, size, ctx.signal));
        ctx.progress({ done: i + 1 });
      }
      return files;
    });
    this.d.logger.info('pack exported', { path: out, documents: docs.length, bytes });
    return { path: out, bytes, documents: docs.length };
  }

  private async vectorTables() {
    const names = new Set(await this.d.store.tableNames());
    const out = [];
    for (const [key, m] of Object.entries(this.d.vectors.allMeta())) {
      if (!names.has(TABLES.vectors(key))) continue;
      const table = await this.d.store.ensureTable(TABLES.vectors(key), vectorSchema(m.dimension, m.modelId));
      out.push({ table, embedding: { key, modelId: m.modelId, fingerprint: m.fingerprint, dimension: m.dimension } });
    }
    return out;
  }

  private async apply(path: string, plan: PackPreview, replace: boolean, ctx: JobContext): Promise<PackImportResult> {
    const byId = new Map(plan.changes.map((c) => [c.docId, c]));
    const wanted = (c: PackDocChange | undefined) => !!c && (c.action === 'add' || (c.action === 'replace' && replace));
    let head: PackHead | undefined;
    const content = new Map<string, PackDocContent>();
    const added: string[] = [];
    const removed: string[] = [];
    await readTar(createReadStream(path), async (e) => {
      // Entries come one at a time in archive order: memory holds one document's rows.
      const name = safeEntryPath(e.path);
      if (name === PACK_HEAD) head = JSON.parse((await readAll(e.body)).toString('utf8')) as PackHead;
      const p = parsePackPath(name);
      const change = p && byId.get(p.docId);
      if (!p || !wanted(change)) return void e.body.resume();
      const c: PackDocContent = content.get(p.docId) ?? { vectors: new Map() };
      content.set(p.docId, c);
      if (p.part === 'pdf') {
        await this.storePdf(e.body, c);
        content.delete(p.docId);
        await this.commit(c, change!, head!, added, removed);
        ctx.progress({ done: added.length });
        return;
      }
      const buf = await readAll(e.body);
      if (p.part === 'document') c.doc = JSON.parse(buf.toString('utf8')) as PackDocumentRow;
      else if (p.part === 'pages') c.pages = parseJsonl<PageRow>(buf);
      else if (p.part === 'chunks') c.chunks = parseJsonl<ChunkRow>(buf);
      else c.vectors.set(p.key!, parseJsonl(buf));
    });
    if (added.length) {
      this.d.changed('updated', added);
      if (removed.length) this.d.changed('deleted', removed);
      this.d.optimize();
    }
    const replaced = plan.changes.filter((c) => c.action === 'replace' && replace).length;
    return { ...plan, added: added.length - replaced, replaced, skipped: plan.changes.length - added.length };
  }

  private async storePdf(body: AsyncIterable<Buffer>, c: PackDocContent): Promise<void> {
    if (!c.doc) throw new AppError('INVALID_INPUT', 'The pack lists a PDF before its document row.');
    const dest = join(this.d.libraryDir, `${c.doc.sha256}.pdf`);
    const tmp = `${dest}.${process.pid}.tmp`;
    const got = await hashBody(body, createWriteStream(tmp));
    if (got.sha256 !== c.doc.sha256) {
      await rm(tmp, { force: true });
      throw new AppError('INVALID_INPUT', `${c.doc.fileName}: the PDF does not match its recorded sha256.`);
    }
    await rename(tmp, dest);
  }

  private async commit(c: PackDocContent, change: PackDocChange, head: PackHead, added: string[], removed: string[]): Promise<void> {
    if (!c.doc || !c.pages || !c.chunks) throw new AppError('INVALID_INPUT', `${change.title}: the pack is missing its rows.`);
    const now = new Date().toISOString();
    const row: DocumentRow = { ...c.doc, storedPath: join(this.d.libraryDir, `${c.doc.sha256}.pdf`), importedAt: now, updatedAt: now };
    await this.d.repo.replaceContent(row, c.pages, c.chunks);
    for (const e of this.reusable(head.embeddings)) {
      const vecs = c.vectors.get(e.key);
      if (!vecs?.length) continue;
      const table = await this.d.store.ensureTable(TABLES.vectors(e.key), vectorSchema(e.dimension, e.modelId));
      await this.d.vectors.deleteWhere(table, sqlEq('docId', row.id));
      await this.d.vectors.add(table, vecs.map((v) => ({ chunkId: v.chunkId, docId: row.id, vector: v.vector, machineModels: row.machineModels, tags: row.tags, language: row.language })));
      if (!this.d.vectors.getMeta(e.key)) {
        // A model this machine has not loaded yet: its table is ready when it is (only missing chunks get embedded).
        await this.d.vectors.setMeta(e.key, { modelId: e.modelId, fingerprint: e.fingerprint, dimension: e.dimension, complete: false, embedded: await table.countRows(), updatedAt: now });
      }
    }
    if (change.replacesDocId) {
      const old = await this.d.repo.getDoc(change.replacesDocId);
      await this.d.repo.deleteContent(change.replacesDocId, true);
      if (old && old.storedPath !== row.storedPath) await removeStored(old.storedPath);
      removed.push(change.replacesDocId);
    }
    added.push(row.id);
    this.d.logger.info('pack document imported', { docId: row.id, title: row.title, action: change.action, replaced: change.replacesDocId });
  }
}

export function checkPackHead(head: PackHead): void {
  if (head.format !== PACK_FORMAT) throw new AppError('INVALID_INPUT', `Not a Benchmate knowledge pack (format "${head.format}").`);
  const newer = newerThanKnown('pack', head.appVersion, head.formatVersion, head.schemas ?? {});
  if (newer) throw new AppError('UNSUPPORTED_FILE', newer);
}

/** Arrow values → JSON-safe plain values (list vectors → arrays, bigint → number, no internal columns). */
function plain(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k.startsWith('_')) continue;
    out[k] = typeof v === 'bigint' ? Number(v) : v !== null && typeof v === 'object' && Symbol.iterator in v && typeof v !== 'string' ? Array.from(v as Iterable<unknown>, String) : v;
  }
  return out;
}

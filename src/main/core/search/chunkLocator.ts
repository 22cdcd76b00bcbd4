import type { Table } from '../index/lanceStore';
import { chunkIdOf, chunkIdParts } from '../index/schema';

/**
 * What ranking needs of a chunk: where it is. Lanes return these (placed by the locator below, or
 * read as columns); the display columns of the few chunks a search shows are read later (ChunkRows).
 */
export interface ChunkRef {
  id: string;
  docId: string;
  page: number;
  /** LanceDB row id in the table version the lane read (see ChunkRows.ensure). */
  rowId?: bigint;
}

/**
 * Where every chunk row of one chunks-table version is: its document, page and ordinal by row
 * address, and its row address by document and ordinal. LanceDB spends most of a search reading
 * columns of scattered rows (the text lane's 11 columns of 60 rows cost about three times the
 * full-text search itself; a chunk lookup by id costs as much as the vector search). With this
 * map the lanes ask the indexes for row addresses only, and the few records a search shows are
 * read once, by row address, at the end (ChunkRows).
 *
 * A row address names a row of an immutable data fragment, and fragment ids are never reused, so
 * an address known here names the same chunk in any later version; rows written since (unknown
 * addresses) are read from the table instead. About 20 bytes per chunk.
 */
export class LocatorSnapshot {
  constructor(
    readonly version: number,
    private readonly docIds: string[],
    private readonly docIndex: ReadonlyMap<string, number>,
    /** Per fragment, by row offset: document index (-1 = no row), page, ordinal. */
    private readonly fragments: ReadonlyMap<number, { doc: Int32Array; page: Int32Array; ordinal: Int32Array }>,
    /** Per document index: row address by ordinal. */
    private readonly byDoc: readonly OrdinalIndex[]
  ) {}

  /** The chunk at a row address, or undefined when it was written after this snapshot. */
  at(rowId: bigint): ChunkRef | undefined {
    const f = this.fragments.get(Number(rowId >> 32n));
    const offset = Number(rowId & 0xffffffffn);
    if (!f || offset >= f.doc.length || f.doc[offset] < 0) return undefined;
    const docId = this.docIds[f.doc[offset]];
    return { id: chunkIdOf(docId, f.page[offset], f.ordinal[offset]), docId, page: f.page[offset], rowId };
  }

  /** The chunk with this id (and its row address), or undefined when this version has none. */
  byId(id: string, docId: string): ChunkRef | undefined {
    const parts = chunkIdParts(id, docId);
    const d = this.docIndex.get(docId);
    if (!parts || d === undefined) return undefined;
    const addr = this.byDoc[d].get(parts.ordinal);
    if (addr === undefined) return undefined;
    const ref = this.at(toRowId(addr));
    return ref?.page === parts.page ? ref : undefined;
  }
}

const FRAGMENT = 2 ** 32;

/**
 * Row addresses by ordinal for one document: an array over the ordinals' range (the library
 * numbers a document's chunks 0..n-1), or a map when the ordinals are sparse.
 */
class OrdinalIndex {
  private readonly base: number;
  private readonly dense: Float64Array | null;
  private readonly sparse: Map<number, number> | null;

  constructor(ordinals: readonly number[], addrs: readonly number[]) {
    let min = Infinity;
    let max = -Infinity;
    for (const o of ordinals) {
      min = Math.min(min, o);
      max = Math.max(max, o);
    }
    this.base = min;
    if (max - min + 1 <= 2 * ordinals.length + 16) {
      this.dense = new Float64Array(max - min + 1).fill(NaN);
      ordinals.forEach((o, i) => (this.dense![o - min] = addrs[i]));
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map(ordinals.map((o, i) => [o, addrs[i]]));
    }
  }

  get(ordinal: number): number | undefined {
    if (this.sparse) return this.sparse.get(ordinal);
    const a = this.dense![ordinal - this.base];
    return a === undefined || Number.isNaN(a) ? undefined : a;
  }
}
const toRowId = (addr: number) => (BigInt(Math.floor(addr / FRAGMENT)) << 32n) | BigInt(addr % FRAGMENT);

/**
 * Builds one snapshot per table version, like CorpusStats. Null when some chunk id does not have
 * the `docId:page:ordinal` form (search then reads rows as before).
 */
export async function buildLocator(table: Table, version: number): Promise<LocatorSnapshot | null> {
  const docIds: string[] = [];
  const docIndex = new Map<string, number>();
  const raw = new Map<number, { offset: number[]; doc: number[]; page: number[]; ordinal: number[] }>();
  const perDoc: Array<{ ordinals: number[]; addrs: number[] }> = [];
  for await (const batch of table.query().select(['id', 'docId', 'page', 'ordinal']).withRowId()) {
    // Whole columns at once: Vector.get per cell costs more than the rest of the loop.
    const [ids, docs, pages, ords, rowIds] = ['id', 'docId', 'page', 'ordinal', '_rowid'].map((c) => batch.getChild(c)?.toArray() as ArrayLike<unknown> | undefined);
    if (!ids || !docs || !pages || !ords || !rowIds) return null;
    for (let i = 0; i < batch.numRows; i++) {
      const docId = String(docs[i]);
      const page = Number(pages[i]);
      const ordinal = Number(ords[i]);
      if (String(ids[i]) !== chunkIdOf(docId, page, ordinal)) return null;
      let d = docIndex.get(docId);
      if (d === undefined) {
        docIndex.set(docId, (d = docIds.length));
        docIds.push(docId);
        perDoc.push({ ordinals: [], addrs: [] });
      }
      const rowId = BigInt(rowIds[i] as bigint | number);
      const frag = Number(rowId >> 32n);
      const offset = Number(rowId & 0xffffffffn);
      let f = raw.get(frag);
      if (!f) raw.set(frag, (f = { offset: [], doc: [], page: [], ordinal: [] }));
      f.offset.push(offset);
      f.doc.push(d);
      f.page.push(page);
      f.ordinal.push(ordinal);
      perDoc[d].ordinals.push(ordinal);
      perDoc[d].addrs.push(frag * FRAGMENT + offset);
    }
  }
  const fragments = new Map<number, { doc: Int32Array; page: Int32Array; ordinal: Int32Array }>();
  for (const [frag, f] of raw) {
    let size = 0;
    for (const o of f.offset) size = Math.max(size, o + 1);
    const out = { doc: new Int32Array(size).fill(-1), page: new Int32Array(size), ordinal: new Int32Array(size) };
    f.offset.forEach((o, i) => {
      out.doc[o] = f.doc[i];
      out.page[o] = f.page[i];
      out.ordinal[o] = f.ordinal[i];
    });
    fragments.set(frag, out);
  }
  const byDoc = perDoc.map((p) => new OrdinalIndex(p.ordinals, p.addrs));
  return new LocatorSnapshot(version, docIds, docIndex, fragments, byDoc);
}

export class ChunkLocator {
  private cached: { version: number; snapshot: LocatorSnapshot | null } | undefined;
  private building: { version: number; done: Promise<LocatorSnapshot | null> } | undefined;

  constructor(private readonly table: () => Table) {}

  /** The snapshot of the table's current version (built on first use after a change), or null. */
  async get(): Promise<LocatorSnapshot | null> {
    const version = await this.table().version();
    if (this.cached?.version === version) return this.cached.snapshot;
    if (this.building?.version !== version) {
      const done = buildLocator(this.table(), version).then((snapshot) => {
        if (!this.cached || this.cached.version < version) this.cached = { version, snapshot };
        return snapshot;
      });
      const entry = { version, done };
      this.building = entry;
      void done.finally(() => {
        if (this.building === entry) this.building = undefined;
      }).catch(() => {});
    }
    return this.building!.done;
  }
}

/**
 * The chunk of each row of a vector table (by the vector row's address), so the vector lane asks
 * the ANN index for row addresses only: reading the chunk id column of its 60 hits cost more than
 * the search. Built per vector-table version and chunk locator; vector rows it does not know are
 * read by address (vectorLane).
 */
export class VectorPlacement {
  constructor(
    readonly key: string,
    /** Per vector-table fragment, by row offset: the chunk's row address (NaN = unknown chunk). */
    private readonly fragments: ReadonlyMap<number, Float64Array>,
    private readonly chunks: LocatorSnapshot
  ) {}

  /** The chunk of a vector row, or undefined when the row or its chunk is unknown here. */
  at(vectorRowId: bigint): ChunkRef | undefined {
    const f = this.fragments.get(Number(vectorRowId >> 32n));
    const addr = f?.[Number(vectorRowId & 0xffffffffn)];
    return addr === undefined || Number.isNaN(addr) ? undefined : this.chunks.at(toRowId(addr));
  }
}

async function buildPlacement(table: Table, key: string, chunks: LocatorSnapshot): Promise<VectorPlacement> {
  const raw = new Map<number, { offset: number[]; addr: number[] }>();
  for await (const batch of table.query().select(['chunkId', 'docId']).withRowId()) {
    const [ids, docs, rowIds] = ['chunkId', 'docId', '_rowid'].map((c) => batch.getChild(c)?.toArray() as ArrayLike<unknown> | undefined);
    if (!ids || !docs || !rowIds) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const rowId = BigInt(rowIds[i] as bigint | number);
      const ref = chunks.byId(String(ids[i]), String(docs[i]));
      const frag = Number(rowId >> 32n);
      let f = raw.get(frag);
      if (!f) raw.set(frag, (f = { offset: [], addr: [] }));
      f.offset.push(Number(rowId & 0xffffffffn));
      f.addr.push(ref?.rowId === undefined ? NaN : Number(ref.rowId >> 32n) * FRAGMENT + Number(ref.rowId & 0xffffffffn));
    }
  }
  const fragments = new Map<number, Float64Array>();
  for (const [frag, f] of raw) {
    let size = 0;
    for (const o of f.offset) size = Math.max(size, o + 1);
    const out = new Float64Array(size).fill(NaN);
    f.offset.forEach((o, i) => (out[o] = f.addr[i]));
    fragments.set(frag, out);
  }
  return new VectorPlacement(key, fragments, chunks);
}

/** One vector placement at a time: the active embedding model's table, rebuilt when it or the chunks change. */
export class VectorPlacements {
  private current: { key: string; done: Promise<VectorPlacement> } | undefined;

  async get(table: Table, chunks: LocatorSnapshot): Promise<VectorPlacement> {
    const key = `${table.name}\u0000${await table.version()}\u0000${chunks.version}`;
    if (this.current?.key !== key) {
      const done = buildPlacement(table, key, chunks);
      this.current = { key, done };
      done.catch(() => {
        if (this.current?.done === done) this.current = undefined;
      });
    }
    return this.current.done;
  }
}

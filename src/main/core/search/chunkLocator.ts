import type { Table } from '../index/lanceStore';
import { chunkIdOf, chunkIdParts } from '../index/schema';
import { PerVersion } from './perVersion';

/** A chunk as search shows it (the chunks table's display columns). */
export interface ChunkRecord {
  id: string;
  docId: string;
  docTitle: string;
  page: number;
  pageEnd: number;
  pageLabel: string;
  sectionPath: string;
  ordinal: number;
  text: string;
  charStart: number;
  charEnd: number;
}

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
 * Where every chunk row of one chunks-table version is, and what it shows besides its text: by
 * row address its document, page, ordinal, section, page label and character range on the page,
 * and by document and ordinal its row address. LanceDB spends most of a search reading columns of
 * scattered rows (the text lane's 11 columns of 60 rows cost about three times the full-text
 * search itself; a chunk lookup by id costs as much as the vector search; the 20 records a search
 * shows or re-scores cost as much again). With this map the lanes ask the indexes for row
 * addresses only, and a chunk's record is its page's text from charStart to charEnd (how the
 * library cuts chunks, library/chunker.ts) plus the fields kept here (ChunkRows).
 *
 * A row address names a row of an immutable data fragment, and fragment ids are never reused, so
 * an address known here names the same chunk in any later version; rows written since (unknown
 * addresses) are read from the table instead. About 36 bytes per chunk (36 MB at a million).
 */
export class LocatorSnapshot {
  constructor(
    readonly version: number,
    private readonly docs: { ids: string[]; index: ReadonlyMap<string, number>; titles: Array<string | null> },
    /** Section paths and page labels, each stored once. */
    private readonly strings: readonly string[],
    private readonly fragments: ReadonlyMap<number, FragmentRows>,
    /** Per document index: row address by ordinal. */
    private readonly byDoc: readonly AddressIndex[]
  ) {}

  /** The chunk at a row address, or undefined when it was written after this snapshot. */
  at(rowId: bigint): ChunkRef | undefined {
    const [f, o] = this.row(rowId);
    if (!f) return undefined;
    const docId = this.docs.ids[f.doc[o]];
    return { id: chunkIdOf(docId, f.page[o], f.ordinal[o]), docId, page: f.page[o], rowId };
  }

  /** The chunk with this id (and its row address), or undefined when this version has none. */
  byId(id: string, docId: string): ChunkRef | undefined {
    const parts = chunkIdParts(id, docId);
    const d = this.docs.index.get(docId);
    if (!parts || d === undefined) return undefined;
    const addr = this.byDoc[d].get(parts.ordinal);
    const ref = addr === undefined ? undefined : this.at(rowIdOf(addr));
    return ref?.page === parts.page ? ref : undefined;
  }

  /** The chunks on a page of `docId`, in reading order (a scan of the document's chunks). */
  chunksOn(docId: string, page: number): ChunkRef[] {
    const d = this.docs.index.get(docId);
    const out: ChunkRef[] = [];
    if (d === undefined) return out;
    for (const addr of this.byDoc[d].values()) {
      const ref = this.at(rowIdOf(addr));
      if (ref?.page === page) out.push(ref);
    }
    return out;
  }

  /**
   * The full record of the chunk at `rowId`, cut from its page's text; undefined when this
   * snapshot cannot tell (unknown row, a document whose chunks disagree on its title, a chunk
   * spanning pages or reaching past the given text).
   */
  record(rowId: bigint, pageText: string): ChunkRecord | undefined {
    const [f, o] = this.row(rowId);
    const title = f ? this.docs.titles[f.doc[o]] : null;
    if (!f || title === null || f.charEnd[o] < 0 || f.charEnd[o] > pageText.length) return undefined;
    const docId = this.docs.ids[f.doc[o]];
    return {
      id: chunkIdOf(docId, f.page[o], f.ordinal[o]),
      docId,
      docTitle: title,
      page: f.page[o],
      pageEnd: f.page[o],
      pageLabel: this.strings[f.label[o]],
      sectionPath: this.strings[f.section[o]],
      ordinal: f.ordinal[o],
      text: pageText.slice(f.charStart[o], f.charEnd[o]),
      charStart: f.charStart[o],
      charEnd: f.charEnd[o]
    };
  }

  private row(rowId: bigint): [FragmentRows, number] | [undefined, 0] {
    const f = this.fragments.get(Number(rowId >> 32n));
    const o = Number(rowId & 0xffffffffn);
    return f && o < f.doc.length && f.doc[o] >= 0 ? [f, o] : [undefined, 0];
  }
}

/** One data fragment's rows by offset; doc -1 = no row there, charEnd -1 = no record from the page text. */
type FragmentRows = Record<(typeof FIELDS)[number], Int32Array>;
const FIELDS = ['doc', 'page', 'ordinal', 'section', 'label', 'charStart', 'charEnd'] as const;

const FRAGMENT = 2 ** 32;
/** A row address as a plain number (exact: fragment ids stay far below 2^21). */
export const addressOf = (rowId: bigint): number => Number(rowId >> 32n) * FRAGMENT + Number(rowId & 0xffffffffn);
export const rowIdOf = (addr: number): bigint => (BigInt(Math.floor(addr / FRAGMENT)) << 32n) | BigInt(addr % FRAGMENT);

/**
 * Row addresses by a small number (a document's chunk ordinals, its page numbers): an array over
 * the numbers' range (the library numbers chunks 0..n-1 and pages 1..n), or a map when sparse.
 */
export class AddressIndex {
  private readonly base: number;
  private readonly dense: Float64Array | null;
  private readonly sparse: Map<number, number> | null;

  constructor(keys: readonly number[], addrs: readonly number[]) {
    let min = Infinity;
    let max = -Infinity;
    for (const o of keys) {
      min = Math.min(min, o);
      max = Math.max(max, o);
    }
    this.base = min;
    if (max - min + 1 <= 2 * keys.length + 16) {
      this.dense = new Float64Array(max - min + 1).fill(NaN);
      keys.forEach((o, i) => (this.dense![o - min] = addrs[i]));
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map(keys.map((o, i) => [o, addrs[i]]));
    }
  }

  /** The addresses, in key order. */
  *values(): Iterable<number> {
    if (this.sparse) {
      for (const k of [...this.sparse.keys()].sort((x, y) => x - y)) yield this.sparse.get(k)!;
    } else for (const a of this.dense!) if (!Number.isNaN(a)) yield a;
  }

  get(key: number): number | undefined {
    if (this.sparse) return this.sparse.get(key);
    const a = this.dense![key - this.base];
    return a === undefined || Number.isNaN(a) ? undefined : a;
  }
}

const COLUMNS = ['id', 'docId', 'docTitle', 'page', 'pageEnd', 'pageLabel', 'sectionPath', 'ordinal', 'charStart', 'charEnd'] as const;

/**
 * Builds one snapshot per table version, like CorpusStats. Null when some chunk id does not have
 * the `docId:page:ordinal` form (search then reads rows as before).
 */
export async function buildLocator(table: Table, version: number): Promise<LocatorSnapshot | null> {
  const docs = { ids: [] as string[], index: new Map<string, number>(), titles: [] as Array<string | null> };
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (s: string) => {
    let k = stringIndex.get(s);
    if (k === undefined) stringIndex.set(s, (k = strings.push(s) - 1));
    return k;
  };
  const raw = new Map<number, { offset: number[] } & Record<(typeof FIELDS)[number], number[]>>();
  const perDoc: Array<{ ordinals: number[]; addrs: number[] }> = [];
  for await (const batch of table.query().select([...COLUMNS]).withRowId()) {
    // Whole columns at once: Vector.get per cell costs more than the rest of the loop.
    const col = (c: string) => batch.getChild(c)?.toArray() as ArrayLike<unknown> | undefined;
    const [ids, docIds, titles, pages, pageEnds, labels, sections, ords, starts, ends, rowIds] = [...COLUMNS, '_rowid'].map(col);
    if (!ids || !docIds || !titles || !pages || !pageEnds || !labels || !sections || !ords || !starts || !ends || !rowIds) return null;
    for (let i = 0; i < batch.numRows; i++) {
      const docId = String(docIds[i]);
      const page = Number(pages[i]);
      const ordinal = Number(ords[i]);
      if (String(ids[i]) !== chunkIdOf(docId, page, ordinal)) return null;
      let d = docs.index.get(docId);
      if (d === undefined) {
        docs.index.set(docId, (d = docs.ids.length));
        docs.ids.push(docId);
        docs.titles.push(String(titles[i] ?? ''));
        perDoc.push({ ordinals: [], addrs: [] });
      } else if (docs.titles[d] !== String(titles[i] ?? '')) docs.titles[d] = null;
      const rowId = BigInt(rowIds[i] as bigint | number);
      const frag = Number(rowId >> 32n);
      let f = raw.get(frag);
      if (!f) raw.set(frag, (f = { offset: [], doc: [], page: [], ordinal: [], section: [], label: [], charStart: [], charEnd: [] }));
      f.offset.push(Number(rowId & 0xffffffffn));
      f.doc.push(d);
      f.page.push(page);
      f.ordinal.push(ordinal);
      f.section.push(intern(String(sections[i] ?? '')));
      f.label.push(intern(String(labels[i] ?? page)));
      f.charStart.push(Number(starts[i] ?? 0));
      // A chunk that runs onto the next page is not a slice of its page's text.
      f.charEnd.push(Number(pageEnds[i] ?? page) === page ? Number(ends[i] ?? 0) : -1);
      perDoc[d].ordinals.push(ordinal);
      perDoc[d].addrs.push(addressOf(rowId));
    }
  }
  const fragments = new Map<number, FragmentRows>();
  for (const [frag, f] of raw) {
    let size = 0;
    for (const o of f.offset) size = Math.max(size, o + 1);
    const out = Object.fromEntries(FIELDS.map((k) => [k, new Int32Array(size)])) as FragmentRows;
    out.doc.fill(-1);
    f.offset.forEach((o, i) => {
      for (const k of FIELDS) out[k][o] = f[k][i];
    });
    fragments.set(frag, out);
  }
  return new LocatorSnapshot(version, docs, strings, fragments, perDoc.map((p) => new AddressIndex(p.ordinals, p.addrs)));
}

/** The chunks table's locator (null when its chunk ids have another form). */
export const chunkLocator = (table: () => Table) => new PerVersion(table, buildLocator);

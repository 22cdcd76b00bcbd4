import type { Table } from '../index/lanceStore';
import { addressOf, rowIdOf, type ChunkRef, type LocatorSnapshot } from './chunkLocator';

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
    return addr === undefined || Number.isNaN(addr) ? undefined : this.chunks.at(rowIdOf(addr));
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
      f.addr.push(ref?.rowId === undefined ? NaN : addressOf(ref.rowId));
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

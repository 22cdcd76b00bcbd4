import type { Table } from '../index/lanceStore';
import { AddressIndex, addressOf, rowIdOf } from './chunkLocator';
import { PerVersion } from './perVersion';

/**
 * The row address of every page row of one pages-table version, by document and page number.
 * Page texts are then read by address (a take of exactly the pages wanted) instead of by a
 * `docId IN (…) AND page IN (…)` query, which reads every listed page of every listed document
 * (about 150 rows for the 10 pages wanted, at a million chunks). 8 bytes per page.
 */
export class PageLocatorSnapshot {
  constructor(
    readonly version: number,
    private readonly byDoc: ReadonlyMap<string, AddressIndex>
  ) {}

  address(docId: string, page: number): bigint | undefined {
    const a = this.byDoc.get(docId)?.get(page);
    return a === undefined ? undefined : rowIdOf(a);
  }
}

export async function buildPageLocator(table: Table, version: number): Promise<PageLocatorSnapshot> {
  const perDoc = new Map<string, { pages: number[]; addrs: number[] }>();
  for await (const batch of table.query().select(['docId', 'page']).withRowId()) {
    const [docs, pages, rowIds] = ['docId', 'page', '_rowid'].map((c) => batch.getChild(c)?.toArray() as ArrayLike<unknown> | undefined);
    if (!docs || !pages || !rowIds) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const docId = String(docs[i]);
      let d = perDoc.get(docId);
      if (!d) perDoc.set(docId, (d = { pages: [], addrs: [] }));
      d.pages.push(Number(pages[i]));
      d.addrs.push(addressOf(BigInt(rowIds[i] as bigint | number)));
    }
  }
  return new PageLocatorSnapshot(version, new Map([...perDoc].map(([docId, d]) => [docId, new AddressIndex(d.pages, d.addrs)])));
}

export const pageLocator = (table: () => Table) => new PerVersion(table, buildPageLocator);

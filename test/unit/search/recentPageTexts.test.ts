import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanceStore, Table } from '../../../src/main/core/index/lanceStore';
import { buildPageLocator } from '../../../src/main/core/search/pageLocator';
import { RecentPageTexts } from '../../../src/main/core/search/recentPageTexts';
import { seedIndex } from './seedIndex';

let store: LanceStore;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await seedIndex([{ id: 'm', pages: [1, 2, 3].map((page) => ({ page, texts: [`Page ${page} of the manual.`] })) }]));
});
afterAll(async () => cleanup?.());

/** The pages table, counting its reads by address. */
function counted(table: Table): { table: Table; reads: () => number } {
  let n = 0;
  const take = table.takeRowIds.bind(table);
  const wrapped = Object.create(table) as Table;
  wrapped.takeRowIds = (ids) => (n++, take(ids));
  return { table: wrapped, reads: () => n };
}

describe('RecentPageTexts', () => {
  it('answers the last search pages from memory under the same snapshot, and reads the rest', async () => {
    const snapshot = await buildPageLocator(store.pages(), await store.pages().version());
    const recent = new RecentPageTexts();
    recent.remember(snapshot, new Map([['m:1', 'Page 1 of the manual.']]));
    const { table, reads } = counted(store.pages());
    expect(await recent.read(table, [{ docId: 'm', page: 1 }], snapshot)).toEqual(new Map([['m:1', 'Page 1 of the manual.']]));
    expect(reads()).toBe(0);
    const both = await recent.read(table, [{ docId: 'm', page: 1 }, { docId: 'm', page: 2 }], snapshot);
    expect(both).toEqual(new Map([['m:1', 'Page 1 of the manual.'], ['m:2', 'Page 2 of the manual.']]));
    expect(reads()).toBe(1);
  });

  it('reads again under another snapshot (another table version), so a changed page is never served stale', async () => {
    const before = await buildPageLocator(store.pages(), await store.pages().version());
    const recent = new RecentPageTexts();
    recent.remember(before, new Map([['m:3', 'an older text of page 3']]));
    const after = await buildPageLocator(store.pages(), await store.pages().version());
    expect((await recent.read(store.pages(), [{ docId: 'm', page: 3 }], after)).get('m:3')).toBe('Page 3 of the manual.');
    expect((await recent.read(store.pages(), [{ docId: 'm', page: 3 }], null)).get('m:3')).toBe('Page 3 of the manual.');
  });
});

import type { Table } from '../index/lanceStore';
import { pageKey } from './fusion';
import { pageTextsOf } from './lanes';
import type { PageLocatorSnapshot } from './pageLocator';

/**
 * The page texts the last search read (its page lane and re-scored pages), for the answer line,
 * which reads the same top pages right after it. Valid only under the same page-table snapshot:
 * a snapshot is one table version (PerVersion), so a changed page is never answered from here.
 */
export class RecentPageTexts {
  private recent: { snapshot: PageLocatorSnapshot; texts: ReadonlyMap<string, string> } | undefined;

  remember(snapshot: PageLocatorSnapshot | null, texts: ReadonlyMap<string, string>): void {
    if (snapshot) this.recent = { snapshot, texts };
  }

  /** Texts of `pages` (`docId:page` → text): remembered ones, the rest in one read. */
  async read(table: Table, pages: ReadonlyArray<{ docId: string; page: number }>, snapshot: PageLocatorSnapshot | null): Promise<Map<string, string>> {
    const known = snapshot && this.recent?.snapshot === snapshot ? this.recent.texts : undefined;
    const out = new Map<string, string>();
    const rest = pages.filter((p) => {
      const text = known?.get(pageKey(p.docId, p.page));
      if (text !== undefined) out.set(pageKey(p.docId, p.page), text);
      return text === undefined;
    });
    if (rest.length) for (const [key, text] of await pageTextsOf(table, rest, snapshot)) out.set(key, text);
    return out;
  }
}

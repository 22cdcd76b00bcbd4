import type { OutlineNodeDto } from '../../../shared/contract/library';
import { AppError, echo } from '../platform/errors';

/** Separator of outline paths, as the library writes section paths ("3 Configuration > 3.2 Radios"). */
const SEPARATOR = '>';

interface Located {
  path: string[];
  page: number;
  /** First page of the next entry at the same or a shallower depth (the section's end), if any. */
  nextPage: number | null;
}

/** Does an outline title answer to a path segment? Exact title, or its leading number ("2.1"). */
function titleMatches(title: string, segment: string): boolean {
  const t = title.trim().toLowerCase();
  const s = segment.trim().toLowerCase();
  if (t === s) return true;
  const num = /^(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(t);
  if (num && num[1] === s.replace(/\.$/, '')) return true;
  return t.startsWith(`${s} `) && /^\d/.test(s);
}

/**
 * The physical page range of an outline section named by its path ("2 > 2.1", or full titles
 * "2 Installation > 2.1 Mounting"): from the entry's page to the page before the next entry at
 * the same or a shallower level starts (the same page when that entry starts on the same page).
 */
export function sectionPages(outline: readonly OutlineNodeDto[], pathText: string, pageCount: number): { from: number; to: number; path: string } {
  const segments = pathText.split(SEPARATOR).map((s) => s.trim()).filter(Boolean);
  if (!segments.length) throw new AppError('INVALID_INPUT', 'An empty section path.');
  const found = locate(outline, segments, [], null);
  if (!found) throw new AppError('NOT_FOUND', `No section "${echo(pathText)}" in the document outline.`);
  const to = found.nextPage === null ? pageCount : Math.max(found.page, found.nextPage - 1);
  return { from: found.page, to: Math.min(to, pageCount), path: found.path.join(' > ') };
}

function locate(nodes: readonly OutlineNodeDto[], segments: string[], trail: string[], after: number | null): Located | undefined {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!titleMatches(n.title, segments[0])) continue;
    // The end of this entry: its next sibling's page, else whatever ends the parent.
    const sibling = nodes.slice(i + 1).find((s) => s.page !== null);
    const nextPage = sibling?.page ?? after;
    if (segments.length === 1) {
      if (n.page === null) continue;
      return { path: [...trail, n.title], page: n.page, nextPage };
    }
    const inner = locate(n.children, segments.slice(1), [...trail, n.title], nextPage);
    if (inner) return inner;
  }
  return undefined;
}

/** Every outline entry with its path, for pickers and tests ("2 Installation > 2.1 Mounting"). */
export function outlinePaths(outline: readonly OutlineNodeDto[], trail: string[] = []): Array<{ path: string; page: number }> {
  return outline.flatMap((n) => {
    const path = [...trail, n.title];
    const self = n.page === null ? [] : [{ path: path.join(' > '), page: n.page }];
    return [...self, ...outlinePaths(n.children, path)];
  });
}

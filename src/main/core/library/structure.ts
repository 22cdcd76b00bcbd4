/**
 * Document structure: page labels and the outline mapped onto pages, so every page and chunk can
 * carry a section path ("3 Configuration > 3.2 Radios") and the printed page label.
 */
import type { OutlineNode } from './pdf/extract';

export const SECTION_SEPARATOR = ' > ';

export function pageLabelsFor(pageCount: number, labels: readonly string[] | null | undefined): string[] {
  return Array.from({ length: pageCount }, (_, i) => {
    const l = labels?.[i];
    return typeof l === 'string' && l.trim() ? l.trim() : String(i + 1);
  });
}

interface Flat {
  title: string;
  page: number;
  depth: number;
}

function flatten(nodes: readonly OutlineNode[], depth = 0, out: Flat[] = []): Flat[] {
  for (const n of nodes) {
    if (n.page !== null && n.title) out.push({ title: n.title, page: n.page, depth });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

export interface PageSections {
  /** Path in effect when the page begins. */
  atStart: string[];
  /** Outline entries that begin on this page, in order, with their full path. */
  starts: Array<{ title: string; path: string[] }>;
}

/** For every physical page (index 0 = page 1): the section path at its start and sections starting on it. */
export function sectionsByPage(outline: readonly OutlineNode[], pageCount: number): PageSections[] {
  // Stable sort by page keeps outline order for entries on the same page.
  const entries = flatten(outline)
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.page - b.page || a.i - b.i);
  const stack: string[] = [];
  const out: PageSections[] = [];
  let k = 0;
  for (let p = 1; p <= pageCount; p++) {
    const atStart = [...stack];
    const starts: PageSections['starts'] = [];
    while (k < entries.length && entries[k].page <= p) {
      const e = entries[k++];
      stack.length = Math.min(stack.length, e.depth);
      while (stack.length < e.depth) stack.push(''); // a child whose parent has no page: keep depth
      stack[e.depth] = e.title;
      if (e.page === p) starts.push({ title: e.title, path: stack.filter(Boolean) });
    }
    out.push({ atStart: atStart.filter(Boolean), starts });
  }
  return out;
}

/** The page's own section path: the first section starting on it, else the one it continues. */
export function pageSectionPath(s: PageSections): string {
  return (s.starts[0]?.path ?? s.atStart).join(SECTION_SEPARATOR);
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Section path for text ending at `charEnd` of the page (callers pass a chunk start + first line): the last section starting on this page
 * whose heading appears in the text before `charEnd`; otherwise the section the page began in.
 */
export function sectionPathAt(s: PageSections, pageText: string, charEnd: number): string {
  if (!s.starts.length) return s.atStart.join(SECTION_SEPARATOR);
  const before = norm(pageText.slice(0, charEnd));
  let path = s.atStart;
  let found = false;
  for (const st of s.starts) {
    const t = norm(st.title);
    if (t && before.includes(t)) {
      path = st.path;
      found = true;
    }
  }
  // Heading text not found (outline titles often differ from printed headings): use the first start.
  if (!found && !s.atStart.length) path = s.starts[0].path;
  return path.join(SECTION_SEPARATOR);
}

/**
 * Citation markers in answers: `[1]`, `[2, 3]`, `[1][2]`. The markdown itself is parsed by
 * react-markdown/remark; this remark plugin only walks the resulting tree and turns markers in
 * plain text nodes into link nodes with a `#cite-N` href, which the renderer draws as chip buttons.
 * Markers inside code, inline code and existing links are left alone, and markers beyond the
 * message's sources (the core drops those, but a half-streamed answer may show one) stay text.
 */

/** Minimal mdast shapes we touch (avoids depending on @types/mdast, a transitive package). */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

export const CITE_PREFIX = '#cite-';
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

export interface TextPart {
  kind: 'text' | 'cite';
  text: string;
  n?: number;
}

/** Splits plain text into text and citation parts. `maxN` = number of sources (1-based markers). */
export function splitCitations(text: string, maxN: number): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    const nums = m[1].split(',').map((s) => Number(s.trim()));
    if (!nums.every((n) => n >= 1 && n <= maxN)) continue;
    const at = m.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    for (const n of nums) parts.push({ kind: 'cite', text: `[${n}]`, n });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Distinct citation numbers used in a text, in first-use order. */
export function citedNumbers(text: string, maxN: number): number[] {
  const seen: number[] = [];
  for (const p of splitCitations(text, maxN)) if (p.kind === 'cite' && p.n && !seen.includes(p.n)) seen.push(p.n);
  return seen;
}

const SKIP = new Set(['code', 'inlineCode', 'link', 'linkReference', 'definition', 'html']);

function transform(node: MdNode, maxN: number): void {
  if (!node.children) return;
  const next: MdNode[] = [];
  for (const child of node.children) {
    if (child.type === 'text' && typeof child.value === 'string') {
      for (const part of splitCitations(child.value, maxN)) {
        next.push(
          part.kind === 'cite'
            ? { type: 'link', url: `${CITE_PREFIX}${part.n}`, children: [{ type: 'text', value: part.text }] }
            : { type: 'text', value: part.text }
        );
      }
      continue;
    }
    if (!SKIP.has(child.type)) transform(child, maxN);
    next.push(child);
  }
  node.children = next;
}

/** remark plugin factory: `remarkPlugins={[remarkGfm, [remarkCitations, { maxN }]]}`. */
export function remarkCitations(options: { maxN: number }) {
  return (tree: unknown): void => transform(tree as MdNode, options.maxN);
}

/** `#cite-3` → 3; anything else → null. */
export function citeNumberFromHref(href: string | undefined): number | null {
  if (!href || !href.startsWith(CITE_PREFIX)) return null;
  const n = Number(href.slice(CITE_PREFIX.length));
  return Number.isInteger(n) && n > 0 ? n : null;
}

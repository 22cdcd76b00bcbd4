/**
 * Maps a stored citation range `[charStart, charEnd)` of a page's extracted text onto the
 * pdf.js text-layer items of that page.
 *
 * The core extracts page text with pdf-parse, which walks the very same pdf.js `getTextContent`
 * items in the same order but inserts separators between them ('\n' between lines, '\t' between
 * cells) and may normalise whitespace. Instead of re-implementing that join (and silently breaking
 * when the library changes it) we ALIGN each item against the page text: items must appear in
 * order, separators and whitespace differences are skipped. Pure function — unit tested without a DOM.
 */

/** One highlighted slice of one text item: `[start, end)` in the item's own string. */
export interface ItemSlice {
  item: number;
  start: number;
  end: number;
}

/** For every item: the page-text index of each of its characters (-1 = unmatched whitespace). */
export type ItemAlignment = Array<Int32Array | null>;

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0';
/** Characters the core drops from item text before joining (NULs); they never match. */
const isDropped = (c: string): boolean => c === '\u0000';

/** How far past the cursor an item may start (separators, dropped empty items, hyphen fixes). */
const NEAR_WINDOW = 48;

/**
 * Tries to match `item` at page position `p`. Whitespace runs on either side are flexible
 * (a run may even vanish), every other character must be identical. Returns the per-char
 * mapping and the page position after the match, or null.
 */
function matchAt(page: string, item: string, p: number): { map: Int32Array; end: number } | null {
  const map = new Int32Array(item.length).fill(-1);
  let i = 0;
  let j = p;
  let matchedAny = false;
  while (i < item.length) {
    const c = item[i];
    if (isSpace(c) || isDropped(c)) {
      i++;
      continue;
    }
    while (j < page.length && isSpace(page[j]) && page[j] !== c) {
      // Only skip page whitespace between matched characters, never before the first one.
      if (!matchedAny) return null;
      j++;
    }
    if (j >= page.length || page[j] !== c) return null;
    map[i] = j;
    matchedAny = true;
    i++;
    j++;
  }
  return matchedAny ? { map, end: j } : null;
}

/** Aligns every text item against the page text, in order. Unmatchable items map to null. */
export function alignItems(pageText: string, items: readonly string[]): ItemAlignment {
  const out: ItemAlignment = [];
  let cursor = 0;
  for (const raw of items) {
    let firstSolid = 0;
    while (firstSolid < raw.length && (isSpace(raw[firstSolid]) || isDropped(raw[firstSolid]))) firstSolid++;
    if (firstSolid >= raw.length) {
      out.push(null);
      continue;
    }
    const first = raw[firstSolid];
    let found: { map: Int32Array; end: number } | null = null;
    // 1) near the cursor: the normal case (separators only).
    for (let p = pageText.indexOf(first, cursor); p >= 0 && p <= cursor + NEAR_WINDOW; p = pageText.indexOf(first, p + 1)) {
      found = matchAt(pageText, raw, p);
      if (found) break;
    }
    // 2) anywhere ahead, but only for items long enough not to match by accident (the core may
    //    have dropped a running header or a page number that pdf.js still reports).
    if (!found && raw.trim().length >= 4) {
      for (let p = pageText.indexOf(first, cursor); p >= 0; p = pageText.indexOf(first, p + 1)) {
        found = matchAt(pageText, raw, p);
        if (found) break;
      }
    }
    if (found) {
      out.push(found.map);
      cursor = found.end;
    } else {
      out.push(null);
    }
  }
  return out;
}

/** The per-item slices covering `[charStart, charEnd)` of the page text. */
export function slicesForRange(alignment: ItemAlignment, charStart: number, charEnd: number): ItemSlice[] {
  const slices: ItemSlice[] = [];
  if (!(charEnd > charStart)) return slices;
  alignment.forEach((map, item) => {
    if (!map) return;
    let lo = -1;
    let hi = -1;
    for (let k = 0; k < map.length; k++) {
      const at = map[k];
      if (at >= charStart && at < charEnd) {
        if (lo < 0) lo = k;
        hi = k;
      }
    }
    if (lo < 0) return;
    // Unmapped whitespace at the item's edges belongs to the highlight when the range extends
    // past them (so "Check the |-6" reads as one continuous mark).
    const startsEarlier = map[lo] > charStart;
    const endsLater = map[hi] + 1 < charEnd;
    if (startsEarlier) while (lo > 0 && map[lo - 1] < 0) lo--;
    if (endsLater) while (hi + 1 < map.length && map[hi + 1] < 0) hi++;
    slices.push({ item, start: lo, end: hi + 1 });
  });
  return slices;
}

/** Convenience: align + slice in one call. */
export function mapHighlight(pageText: string, items: readonly string[], charStart: number, charEnd: number): ItemSlice[] {
  return slicesForRange(alignItems(pageText, items), charStart, charEnd);
}

/** Share of the cited range's non-space characters the slices cover (for a "partial highlight" note). */
export function coverage(pageText: string, alignment: ItemAlignment, charStart: number, charEnd: number): number {
  let want = 0;
  for (let k = charStart; k < charEnd && k < pageText.length; k++) if (!isSpace(pageText[k])) want++;
  if (want === 0) return 1;
  const hit = new Set<number>();
  for (const map of alignment) {
    if (!map) continue;
    for (const at of map) if (at >= charStart && at < charEnd) hit.add(at);
  }
  return hit.size / want;
}

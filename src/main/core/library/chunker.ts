/**
 * Page-aware chunking. Chunks never cross a page (a citation is a page), carry exact offsets into
 * their page's text (text === pageText.slice(charStart, charEnd)), break on paragraph and line
 * boundaries (a table row is one line, so rows stay whole), and skip running headers/footers and
 * near-empty pages so a blank verso with "Chapter 3. Firmware" never becomes a search hit.
 */

export const CHUNK_LIMITS = {
  /** Aim: a few chunks fit a small model's context window with room for the question/answer. */
  target: 900,
  max: 1200,
  /** Table runs may grow to this before we split between rows. */
  tableMax: 1600,
  /** A trailing piece shorter than this joins the previous chunk of the page. */
  minTail: 250,
  /** Pages whose content (boilerplate removed) is shorter than this get no chunks. */
  minPageContent: 80
} as const;

export interface ChunkDraft {
  page: number;
  charStart: number;
  charEnd: number;
  text: string;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    out.push({ start, end: start + part.length, text: part });
    start += part.length + 1;
  }
  return out;
}

/** Digits and case don't matter for a running header ("Chapter 3. …", "Page 12"). */
const boilerKey = (s: string) => s.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');

const EDGE = 3; // lines considered at the top and bottom of each page

/**
 * Running headers/footers: lines near the top or bottom (first/last 3 lines) of ≥30% of pages,
 * plus chapter-level running headers ("Modules and Views" on each page of chapter 4), which repeat
 * on only a few pages and so are accepted only as the very first or last line of ≥3-4 pages —
 * a table header repeated under the running header must stay content.
 */
export function findBoilerplate(pageTexts: readonly string[]): Set<string> {
  const window = new Map<string, number>();
  const outer = new Map<string, number>();
  const bump = (m: Map<string, number>, keys: Iterable<string>) => {
    for (const k of keys) if (k.length >= 1 && k.length <= 120) m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const t of pageTexts) {
    const lines = t.split('\n').filter((l) => l.trim());
    bump(window, new Set([...lines.slice(0, EDGE), ...lines.slice(-EDGE)].map(boilerKey)));
    bump(outer, new Set([lines[0], lines[lines.length - 1]].filter((l): l is string => l !== undefined).map(boilerKey)));
  }
  const global = Math.max(3, Math.ceil(pageTexts.length * 0.3));
  const chapter = Math.max(3, Math.min(4, global));
  return new Set([...[...window].filter(([, n]) => n >= global), ...[...outer].filter(([, n]) => n >= chapter)].map(([k]) => k));
}

/** Looks like a table row: cells separated by wide gaps (textJoin writes two spaces for those). */
export const isTableLine = (line: string) => /\S {2,}\S/.test(line.trim());

/** Content lines of a page: boilerplate at the top/bottom edges removed. */
function contentLines(text: string, boiler: Set<string>): Line[] {
  const lines = splitLines(text);
  let lo = 0;
  let hi = lines.length;
  const isEdgeJunk = (l: Line) => !l.text.trim() || boiler.has(boilerKey(l.text));
  for (let n = 0; lo < hi && n < EDGE + 2 && isEdgeJunk(lines[lo]); n++) lo++;
  for (let n = 0; hi > lo && n < EDGE + 2 && isEdgeJunk(lines[hi - 1]); n++) hi--;
  while (lo < hi && !lines[lo].text.trim()) lo++;
  while (hi > lo && !lines[hi - 1].text.trim()) hi--;
  return lines.slice(lo, hi);
}

/** Splits one over-long line at a sentence end or space before `max`. */
function splitLongLine(l: Line, max: number): Line[] {
  const out: Line[] = [];
  let start = l.start;
  while (l.end - start > max) {
    const slice = l.text.slice(start - l.start, start - l.start + max);
    let cut = Math.max(slice.lastIndexOf('. '), slice.lastIndexOf('; '));
    if (cut < max * 0.5) cut = slice.lastIndexOf(' ');
    if (cut < max * 0.3) cut = max - 1;
    out.push({ start, end: start + cut + 1, text: slice.slice(0, cut + 1) });
    start += cut + 1;
  }
  out.push({ start, end: l.end, text: l.text.slice(start - l.start) });
  return out;
}

export function chunkPage(page: number, text: string, boiler: Set<string>): ChunkDraft[] {
  const lines = contentLines(text, boiler);
  const contentChars = lines.reduce((n, l) => n + l.text.trim().length, 0);
  if (contentChars < CHUNK_LIMITS.minPageContent) return [];

  // Blocks: runs of non-blank lines (paragraphs, list items, table runs).
  const blocks: Line[][] = [];
  let cur: Line[] = [];
  for (const l of lines) {
    if (!l.text.trim()) {
      if (cur.length) blocks.push(cur);
      cur = [];
    } else cur.push(...(l.text.length > CHUNK_LIMITS.max ? splitLongLine(l, CHUNK_LIMITS.max) : [l]));
  }
  if (cur.length) blocks.push(cur);

  const ranges: Array<{ start: number; end: number }> = [];
  let open: { start: number; end: number } | undefined;
  const size = (r: { start: number; end: number }) => r.end - r.start;
  const emit = () => {
    if (open) ranges.push(open);
    open = undefined;
  };
  for (const block of blocks) {
    const blockRange = { start: block[0].start, end: block[block.length - 1].end };
    const table = block.filter((l) => isTableLine(l.text)).length >= Math.max(2, block.length / 2);
    const limit = table ? CHUNK_LIMITS.tableMax : CHUNK_LIMITS.max;
    if (open && size(open) < CHUNK_LIMITS.target && blockRange.end - open.start <= limit) {
      open.end = blockRange.end;
      continue;
    }
    // A crumb (a heading line, a short lead-in) never stands alone: it prefixes what follows.
    const carry = open && size(open) < CHUNK_LIMITS.minTail ? open.start : undefined;
    if (carry === undefined) emit();
    open = undefined;
    if (blockRange.end - (carry ?? blockRange.start) <= limit) {
      open = { start: carry ?? blockRange.start, end: blockRange.end };
      continue;
    }
    // A block bigger than the limit: pack its lines.
    let prefix = carry; // the crumb prefixes the first piece only
    for (const l of block) {
      if (open && l.end - open.start > limit) emit();
      if (!open) {
        open = { start: prefix ?? l.start, end: l.end };
        prefix = undefined;
      } else open.end = l.end;
    }
  }
  emit();

  // Fold a short tail into its predecessor so pages don't end in crumbs.
  if (ranges.length >= 2) {
    const last = ranges[ranges.length - 1];
    const prev = ranges[ranges.length - 2];
    if (size(last) < CHUNK_LIMITS.minTail && last.end - prev.start <= CHUNK_LIMITS.tableMax) {
      prev.end = last.end;
      ranges.pop();
    }
  }
  return ranges
    .filter((r) => text.slice(r.start, r.end).trim().length > 0)
    .map((r) => ({ page, charStart: r.start, charEnd: r.end, text: text.slice(r.start, r.end) }));
}

/**
 * Identifier normalisation shared by indexing (chunks.identText) and querying (the exact lane).
 *
 * Part numbers, fault codes and option names reach us in many spellings: `E-204`, `E_204`,
 * `E 204`, `gdb_get_char`, and — because many PDFs draw underscores as graphics that text
 * extraction drops — `gdb get char`. Both sides are reduced to the same "joined" form
 * (lower-case, separators removed: `e204`, `gdbgetchar`) so a plain full-text match works.
 *
 * Document side: every alphanumeric atom, plus the joins of 2..MAX_PARTS adjacent atoms that are
 * separated only by spaces, `_` or `-` (so `gdb get char` also yields `gdbgetchar`).
 * Query side: only spans that look like identifiers, so natural words don't flood the lane.
 */

const MAX_PARTS = 4;
const ATOM = /[\p{L}\p{N}]+/gu;

/**
 * What may stand between two atoms of one identifier: 1-3 of space, tab, `_`, `-` (no newline:
 * lines rarely wrap inside one). A char loop, not a regex over a slice: this runs for every atom
 * of every chunk at import.
 */
function joinableGap(src: string, from: number, to: number): boolean {
  const n = to - from;
  if (n < 1 || n > 3) return false;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 95 && c !== 45) return false;
  }
  return true;
}

export function normalizeIdentifier(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

interface Atom {
  text: string;
  start: number;
  end: number;
}

/** Atoms of already NFKC-normalised text. */
function atoms(text: string): Atom[] {
  const out: Atom[] = [];
  for (const m of text.matchAll(ATOM)) {
    out.push({ text: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** Space-separated, de-duplicated tokens for the identifier full-text index. */
export function identifierIndexText(text: string): string {
  const src = text.normalize('NFKC');
  const list = atoms(src);
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    seen.add(list[i].text);
    let joined = list[i].text;
    for (let j = i + 1; j < list.length && j - i < MAX_PARTS; j++) {
      if (!joinableGap(src, list[j - 1].end, list[j].start)) break;
      joined += list[j].text;
      seen.add(joined);
    }
  }
  return [...seen].join(' ');
}

/**
 * Identifier-looking spans of a query, in joined form. A span is atoms glued by `_`/`-`/`.`
 * (`gdb_get_char`, `E-204`, `hackrf_open`), a single atom mixing letters and digits (`X200`),
 * an upper-case acronym-like atom of 2+ letters (`MOUSE`), or a short letter prefix followed by
 * a number across a space (`E 204`).
 */
export function identifierQueryTokens(query: string): string[] {
  const q = query.normalize('NFKC');
  const out = new Set<string>();
  for (const m of q.matchAll(/[\p{L}\p{N}]+(?:[_\-.][\p{L}\p{N}]+)+/gu)) {
    if (/[_-]/.test(m[0]) || /\d/.test(m[0])) out.add(normalizeIdentifier(m[0]));
  }
  for (const m of q.matchAll(/\b([A-Za-z]{1,3})[ ](\d{2,})\b/g)) out.add(normalizeIdentifier(m[1] + m[2]));
  for (const m of q.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    const mixed = /\p{L}/u.test(w) && /\p{N}/u.test(w);
    const acronym = w.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(w) && /\p{Lu}/u.test(w);
    const longNumber = /^\p{N}{3,}$/u.test(w);
    if (mixed || acronym || longNumber) out.add(w.toLowerCase());
  }
  return [...out].filter((t) => t.length >= 2);
}

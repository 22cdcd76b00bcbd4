/**
 * Identifiers — part numbers, fault codes, option names — reach us in many spellings: `E-204`,
 * `E_204`, `E 204`, `E204`, `gdb_get_char`, and (because many PDFs draw underscores as graphics
 * that text extraction drops) `gdb get char`.
 *
 * Index side: the identifier full-text index tokenises the chunk text itself (lanceStore.ts:
 * split on anything not a letter or digit, lower-cased, with positions), so `E-204`, `E_204` and
 * `E 204` are all the two tokens `e 204` and `E204` is the one token `e204`. Nothing extra is
 * stored per chunk: an earlier design stored every join of 2–4 adjacent words and that column was
 * 60% of the bytes an import wrote.
 * Query side: each identifier-looking span becomes its joined form (one term, meets `E204`) plus
 * phrases of its parts (meet `E-204` / `E 204` / `gdb get char`) — see identifierPhrases.
 *
 * identifierTokens keeps the joined-forms view for in-memory checks on a few passages (which of
 * the asked-for identifiers does this sentence name?), where it is cheap.
 */

const MAX_PARTS = 4;
const ATOM = /[\p{L}\p{N}]+/gu;

/**
 * What may stand between two atoms of one identifier: 1-3 of space, tab, `_`, `-` (no newline:
 * lines rarely wrap inside one). A char loop, not a regex over a slice.
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

/** Joined identifier forms present in `text`: every atom plus joins of 2..4 adjacent atoms. */
export function identifierTokens(text: string): Set<string> {
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
  return seen;
}

export interface QueryIdentifier {
  /** Joined, lower-case form: `gdbgetchar`, `e204`. */
  token: string;
  /** The atoms as the query separated them: `['gdb','get','char']`; one entry for `X200`. */
  parts: string[];
}

/**
 * Identifier-looking spans of a query. A span is atoms glued by `_`/`-`/`.` (`gdb_get_char`,
 * `E-204`, `hackrf_open`), a single atom mixing letters and digits (`X200`), an upper-case
 * acronym-like atom of 2+ letters (`MOUSE`), or a short letter prefix followed by a number across
 * a space (`E 204`).
 */
export function queryIdentifiers(query: string): QueryIdentifier[] {
  const q = query.normalize('NFKC');
  const out = new Map<string, QueryIdentifier>();
  const add = (parts: string[]) => {
    const lower = parts.map((p) => p.toLowerCase());
    const token = lower.join('');
    if (token.length >= 2 && !out.has(token)) out.set(token, { token, parts: lower });
  };
  for (const m of q.matchAll(/[\p{L}\p{N}]+(?:[_\-.][\p{L}\p{N}]+)+/gu)) {
    if (/[_-]/.test(m[0]) || /\d/.test(m[0])) add(m[0].split(/[_\-.]/));
  }
  for (const m of q.matchAll(/\b([A-Za-z]{1,3})[ ](\d{2,})\b/g)) add([m[1], m[2]]);
  for (const m of q.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    const mixed = /\p{L}/u.test(w) && /\p{N}/u.test(w);
    const acronym = w.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(w) && /\p{Lu}/u.test(w);
    const longNumber = /^\p{N}{3,}$/u.test(w);
    if (mixed || acronym || longNumber) add([w]);
  }
  return [...out.values()];
}

/** Letter/digit runs of an atom: `rtl2832u` → `['rtl','2832','u']`. */
const letterDigitRuns = (atom: string): string[] => atom.match(/\p{N}+|[^\p{N}]+/gu) ?? [atom];

/** More than this many letter/digit boundaries in one atom: only the unsplit and fully split forms. */
const MAX_SPLIT_BOUNDARIES = 3;

/**
 * Multi-word phrases that spell `id` in a document tokenised on non-alphanumerics: the query's
 * own parts (`gdb get char`), and for letter+digit atoms the ways a manual may separate them
 * (`X200` is also written `X-200`, `RTL2832U` also `RTL-2832U`). The joined token itself is
 * searched as a single term by the caller.
 */
export function identifierPhrases(id: QueryIdentifier): string[] {
  const out = new Set<string>();
  if (id.parts.length >= 2) out.add(id.parts.join(' '));
  if (id.parts.length === 1) {
    const runs = letterDigitRuns(id.parts[0]);
    const boundaries = runs.length - 1;
    if (boundaries > 0 && boundaries <= MAX_SPLIT_BOUNDARIES) {
      // Every non-empty subset of boundaries to split at.
      for (let mask = 1; mask < 1 << boundaries; mask++) {
        const words = [runs[0]];
        for (let b = 0; b < boundaries; b++) {
          if (mask & (1 << b)) words.push(runs[b + 1]);
          else words[words.length - 1] += runs[b + 1];
        }
        out.add(words.join(' '));
      }
    } else if (boundaries > 0) {
      out.add(runs.join(' '));
    }
  } else {
    const split = id.parts.flatMap(letterDigitRuns).join(' ');
    out.add(split);
  }
  return [...out];
}

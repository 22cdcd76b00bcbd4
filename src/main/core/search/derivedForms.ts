/**
 * Derivational morphology the light stemmer leaves apart: a question says "green", the manual
 * says "greenish"; "receive" / "receiver", "diagnose" / "diagnostic". Two stems are related when
 * one is the other plus a common English derivational suffix. Used by the page re-scoring: a
 * page's derived form counts as the query's word there. (As weak query expansions from the
 * library's vocabulary, weights 0.1–0.5, the same relation lowered recall@1 or recall@5 on
 * eval-dev — derived forms pull in neighbouring pages — so the lanes do not use it.)
 */
const DERIVATIONAL = /^(?:e?ish|e?ness|e?r|e?or|e?ly|e?al|ally|ive|ic|ical|ity|ment|able|ible|ation|ion|ing|ed|ure|ance|ence|ant|ent|y|e?ist|e?ism|ize|ise)$/;
/** Shorter stems are too ambiguous (“lin” + “er”, “mod” + “al”, “con” + “ic”). */
const MIN_BASE = 4;

export function isDerivedPair(a: string, b: string, maxExtra = 4): boolean {
  if (a === b) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= MIN_BASE && long.startsWith(short) && long.length - short.length <= maxExtra && DERIVATIONAL.test(long.slice(short.length));
}

/** The query stem that `token` is a derived form of (or the base of), if any. */
export function derivedOf(token: string, queryStems: readonly string[], maxExtra = 4): string | undefined {
  for (const q of queryStems) if (isDerivedPair(token, q, maxExtra)) return q;
  return undefined;
}

/**
 * The query's stems prepared for matching page words against them quickly (the page re-scoring
 * reads ~20 whole pages per query): derived forms share their first MIN_BASE letters with the
 * query stem, and a split spelling's first word is a prefix of it, so most words are rejected by
 * one map lookup. Results are cached across the pages of one query.
 */
export class QueryForms {
  private readonly byHead = new Map<string, string[]>();
  private readonly prefixes = new Set<string>();
  private readonly cache = new Map<string, string>();

  constructor(private readonly stems: ReadonlySet<string>) {
    for (const s of stems) {
      if (s.length >= MIN_BASE) {
        const head = s.slice(0, MIN_BASE);
        const list = this.byHead.get(head);
        if (list) list.push(s);
        else this.byHead.set(head, [s]);
      }
      for (let n = 1; n < s.length; n++) this.prefixes.add(s.slice(0, n));
    }
  }

  has(stem: string): boolean {
    return this.stems.has(stem);
  }

  /** The query stem `token` (a light stem) is a derived form of, else `token`. */
  map(token: string): string {
    if (this.stems.has(token) || token.length < MIN_BASE) return token;
    let out = this.cache.get(token);
    if (out === undefined) {
      const candidates = this.byHead.get(token.slice(0, MIN_BASE));
      out = (candidates && derivedOf(token, candidates)) ?? token;
      this.cache.set(token, out);
    }
    return out;
  }

  /** The query stem two adjacent words join into, if any. */
  joined(first: string, second: string, stemOf: (w: string) => string): string | undefined {
    if (!this.prefixes.has(first.toLowerCase())) return undefined;
    const j = stemOf(first + second);
    return this.stems.has(j) ? j : undefined;
  }
}

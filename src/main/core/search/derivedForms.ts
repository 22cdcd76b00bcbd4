/**
 * Derivational morphology the light stemmer leaves apart: a question says "green", the manual
 * says "greenish"; "receive" / "receiver", "diagnose" / "diagnostic". Two stems are related when
 * one is the other plus a common English derivational suffix. Used by the page re-scoring: a
 * page's derived form counts as the query's word there. (As weak query expansions from the
 * library's vocabulary the same relation cost recall@5 on eval-dev — derived forms pull in
 * too many neighbouring pages — so the lanes do not use it.)
 */
const DERIVATIONAL = /^(?:e?ish|e?ness|e?r|e?or|e?ly|e?al|ally|ive|ic|ical|ity|ment|able|ible|ation|ion|ing|ed|ure|ance|ence|ant|ent|y|e?ist|e?ism|ize|ise)$/;
/** Shorter stems are too ambiguous (“test” + “y”, “part” + “y”). */
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

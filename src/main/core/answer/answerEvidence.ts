/**
 * Whether a displayed span contains a question's gold evidence: lower-case alphanumeric tokens,
 * at least 60% of the evidence's distinct tokens present in the span (the definition,
 * tolerant of extraction differences such as ligatures, hyphenation and table spacing).
 */
export const EVIDENCE_SHARE = 0.6;

const tokens = (s: string): Set<string> => new Set(s.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

export function containsEvidence(span: string, evidence: string): boolean {
  const want = tokens(evidence);
  if (want.size === 0) return false;
  const have = tokens(span);
  let hit = 0;
  for (const t of want) if (have.has(t)) hit++;
  return hit / want.size >= EVIDENCE_SHARE;
}

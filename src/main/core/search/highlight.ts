import { identifierTokens } from '../index/identifiers';
import { stem, wordTokens } from './textTerms';

/**
 * The span of a chunk the viewer should highlight: the sentence (or line, for tables and code)
 * with the most query-term weight, widened to the next segment when that one also matches.
 * Returned offsets are relative to the chunk text; callers add the chunk's charStart.
 */
export function bestSpan(
  text: string,
  stems: readonly string[],
  weight: (stem: string) => number = () => 1,
  identifiers: readonly string[] = []
): { start: number; end: number } {
  if (!text) return { start: 0, end: 0 };
  const wanted = new Set(stems);
  const segments: Array<{ start: number; end: number }> = [];
  const re = /[^\n.!?]+(?:[.!?]+(?=\s|$)|\n|$)/g;
  for (const m of text.matchAll(re)) {
    if (m[0].trim()) segments.push({ start: m.index!, end: m.index! + m[0].length });
    if (m[0].length === 0) break;
  }
  if (segments.length === 0) return { start: 0, end: text.length };
  // A segment naming the asked-for identifier (the E-204 row of a fault table) beats one that
  // only shares common words with the question (the table's header row).
  const identBonus = (seg: { start: number; end: number }) => {
    if (identifiers.length === 0) return 0;
    const tokens = identifierTokens(text.slice(seg.start, seg.end));
    return identifiers.filter((t) => tokens.has(t)).length * IDENTIFIER_WEIGHT;
  };
  const scoreOf = (seg: { start: number; end: number }) => {
    const seen = new Set<string>();
    let s = identBonus(seg);
    for (const t of wordTokens(text.slice(seg.start, seg.end))) {
      const st = stem(t.word);
      if (wanted.has(st) && !seen.has(st)) {
        seen.add(st);
        s += weight(st);
      }
    }
    return s;
  };
  const scores = segments.map(scoreOf);
  let best = 0;
  for (let i = 1; i < segments.length; i++) if (scores[i] > scores[best]) best = i;
  if (scores[best] === 0) return trim(text, segments[0]);
  let { start, end } = segments[best];
  if (best + 1 < segments.length && scores[best + 1] > 0 && end - start < 160) end = segments[best + 1].end;
  return trim(text, { start, end });
}

/** Larger than any realistic sum of word IDF weights in one sentence. */
const IDENTIFIER_WEIGHT = 100;

function trim(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

import type { AnswerSpan } from '../../../shared/contract/sessions';
import { identifierTokens } from '../index/identifiers';
import { analyzeQuery } from '../search/queryAnalysis';
import type { RetrievedPassage } from './ports';

/**
 * Passages reordered by their page's answer span (best first; pages without a span keep their
 * retrieval order after them). Each passage carries its span, its highlight becomes exactly the
 * span; the prompt quotes the span before the passage (promptBuilder). A page whose line only
 * repeats the rest of the first line (cut by the page break) is left out.
 */
export function answerFirst(passages: readonly RetrievedPassage[], spans: ReadonlyArray<AnswerSpan & { passageIndex: number }>): RetrievedPassage[] {
  const used = new Set<number>();
  const out: RetrievedPassage[] = [];
  const rest = spans[0]?.continued;
  for (const s of spans) {
    const p = passages[s.passageIndex];
    if (!p || used.has(s.passageIndex)) continue;
    used.add(s.passageIndex);
    // The next page's line that is the answer line's own rest (a sentence the page break cuts) would show the same words twice.
    if (rest && s !== spans[0] && s.docId === spans[0].docId && s.page === rest.page && s.charStart >= rest.charStart && s.charEnd <= rest.charEnd) continue;
    const { passageIndex: _i, ...span } = s;
    void _i;
    out.push({ ...p, span, highlight: { charStart: s.charStart, charEnd: s.charEnd } });
  }
  passages.forEach((p, i) => {
    if (!used.has(i)) out.push(p);
  });
  return out;
}

/** Whether the best span names every strong identifier of the query (E-204, hackrf_info, -B). */
export function hasExactIdentifierMatch(query: string, spans: ReadonlyArray<Pick<AnswerSpan, 'text'>>): boolean {
  const strong = analyzeQuery(query).strongIdentifiers;
  if (!strong.length || !spans.length) return false;
  const have = identifierTokens(spans[0].text);
  return strong.every((id) => have.has(id));
}

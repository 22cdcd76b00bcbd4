import { answerSpan, type ChatSource } from '../../../shared/contract/sessions';
import type { RetrievedPassage } from './ports';

/**
 * Turning the model's citation markers into stored sources.
 *
 * The prompt numbers passages [1]..[N] in retrieval order. The model may cite any subset, in any
 * order, may cite a number that does not exist, or group them ([2, 3], [1-2], [1][3]).
 * Decisions:
 * - markers that cite nothing (number outside 1..N) are removed from the text;
 * - cited passages are renumbered 1..k in order of first citation, and the text is rewritten to
 *   match, so the reader sees [1], [2], … in reading order and `sources[i].n` is what the text says;
 * - passages that were retrieved but never cited are kept as `related` (numbered k+1.. but never
 *   shown as citations): the UI can offer them as "see also", and the service report does not
 *   list them as evidence for the answer.
 */

const MARKER = /\[\s*(\d{1,3}(?:\s*(?:,|;|-|–|and)\s*\d{1,3})*)\s*\]/g;

export interface MappedCitations {
  text: string;
  sources: ChatSource[];
  related: ChatSource[];
}

export function parseMarkerNumbers(inner: string): number[] {
  const out: number[] = [];
  for (const part of inner.split(/\s*(?:,|;|and)\s*/)) {
    const range = part.split(/\s*[-–]\s*/).map((x) => Number.parseInt(x, 10));
    if (range.length === 2 && range[0] <= range[1] && range[1] - range[0] < 20) {
      for (let i = range[0]; i <= range[1]; i++) out.push(i);
    } else for (const n of range) if (Number.isFinite(n)) out.push(n);
  }
  return [...new Set(out)];
}

export function mapCitations(
  raw: string,
  passages: RetrievedPassage[],
  revisionOf: (docId: string) => string = () => ''
): MappedCitations {
  const renumber = new Map<number, number>(); // prompt number -> citation number
  const text = raw
    .replace(MARKER, (_m, inner: string) => {
      const valid = parseMarkerNumbers(inner).filter((n) => n >= 1 && n <= passages.length);
      if (!valid.length) return '\u0000'; // placeholder: removed together with its leading space below
      const mapped = valid.map((n) => {
        if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
        return renumber.get(n)!;
      });
      return `[${mapped.sort((a, b) => a - b).join(', ')}]`;
    })
    .replace(/[ \t]*\u0000/g, '')
    .trim();
  const sources: ChatSource[] = [];
  for (const [promptN, n] of renumber) sources.push(toSource(passages[promptN - 1], n, revisionOf));
  sources.sort((a, b) => a.n - b.n);
  const related: ChatSource[] = [];
  passages.forEach((p, i) => {
    if (!renumber.has(i + 1)) related.push(toSource(p, sources.length + related.length + 1, revisionOf));
  });
  return { text, sources, related };
}

export function toSource(p: RetrievedPassage, n: number, revisionOf: (docId: string) => string): ChatSource {
  return {
    n,
    docId: p.docId,
    docTitle: p.docTitle,
    revision: revisionOf(p.docId),
    page: p.page,
    pageLabel: p.pageLabel || String(p.page),
    sectionPath: p.sectionPath,
    quote: p.text,
    highlight: { charStart: p.highlight.charStart, charEnd: p.highlight.charEnd },
    ...(p.score !== undefined ? { score: p.score } : {}),
    // Only the contract's fields: ranking extras (score, passage index) would not survive the journal.
    ...(p.span ? { span: answerSpan.parse(p.span) } : {})
  };
}

/** Where a source is, the way a technician reads it: "Title (rev. B), p. 4-12 — Section". */
export function describeSource(s: Pick<ChatSource, 'docTitle' | 'revision' | 'pageLabel' | 'page' | 'sectionPath'>): string {
  const rev = s.revision ? ` (rev. ${s.revision})` : '';
  const label = s.pageLabel && s.pageLabel !== String(s.page) ? `p. ${s.pageLabel} (PDF page ${s.page})` : `p. ${s.page}`;
  const section = s.sectionPath ? ` — ${s.sectionPath}` : '';
  return `${s.docTitle}${rev}, ${label}${section}`;
}

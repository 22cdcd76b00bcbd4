import type { AnswerSpan } from '../../../shared/contract/sessions';
import type { RetrievedPassage } from '../chat/ports';
import type { Logger } from '../platform/logger';
import { sectionTitleStems } from '../search/corpusStats';
import { analyzeQuery } from '../search/queryAnalysis';
import { scoreSegment, type ScoredSegment } from './spanScore';
import { segmentPage, type Segment } from './segments';
import { continuationOn, endsMidSentence } from './continuation';
import { identifierTokens } from '../index/identifiers';

/**
 * The answer line: from the top retrieved pages, the one unit (sentence, table row with its
 * header, option line, config/command line with its lead-in, numbered step) that answers the
 * question, with page offsets so the viewer highlights exactly it. One best span per page; pages
 * are ordered by span score times a prior on retrieval rank. The prior is steep: the retriever
 * (lanes, fusion, reranker) judges which page answers better than span scores do, whose scale
 * jumps with an identifier match (a page that merely names the code or tool the user mentioned
 * scores high). A lower page leads only when its span is several times stronger, e.g. when the
 * top page has no unit that says anything about the question.
 */
export interface AnswerPorts {
  /** Full texts of physical pages, keyed by pageKey; a page that is not indexed is left out. */
  pageTexts(pages: ReadonlyArray<{ docId: string; page: number }>): Promise<ReadonlyMap<string, string>>;
  /** Corpus term weights (IDF of light stems); undefined = all words weigh the same. */
  termWeights(): Promise<((stem: string) => number) | undefined>;
  logger?: Logger;
}

export interface PageSpan extends AnswerSpan {
  /** Index of the passage (retrieval order) the span's page came from. */
  passageIndex: number;
  score: number;
}

export const ANSWER_PAGES = 5;
/**
 * How much each step down the retrieval ranking discounts a page's best span: page 2 must be 2.5×
 * as strong as page 1 to lead. On eval-dev, 0.3 let lower pages lead 5 times, never with a span
 * holding the evidence when the top page's did not (3 evidence losses); any value from 1.2 to 5
 * keeps the top page's span in those cases and changes nothing else.
 */
const RANK_DISCOUNT = 1.5;

export class AnswerService {
  constructor(private readonly ports: AnswerPorts) {}

  /** Best span per page of the first `pages` passages, best first. */
  async spans(question: string, passages: readonly RetrievedPassage[], pages = ANSWER_PAGES): Promise<PageSpan[]> {
    const query = analyzeQuery(question);
    const weights = await this.ports.termWeights().catch(() => undefined);
    const idf = weights ?? (() => 1);
    const chosen: Array<{ p: RetrievedPassage; i: number }> = [];
    const seen = new Set<string>();
    for (let i = 0; i < passages.length && seen.size < pages; i++) {
      const key = pageKey(passages[i]);
      if (seen.has(key)) continue;
      seen.add(key);
      chosen.push({ p: passages[i], i });
    }
    // One read for all pages: read one by one they cost more than the scoring (7.5 ms each).
    const texts = await this.pageTexts(chosen.map(({ p }) => p));
    const out: PageSpan[] = [];
    const cut: PageSpan[] = [];
    for (const { p, i } of chosen) {
      const text = texts.get(pageKey(p));
      // Without the page text, the chunk (a verbatim slice of the page) still has page offsets.
      const page = text !== undefined ? { text, offset: 0 } : { text: p.text, offset: p.charStart ?? 0 };
      const sectionStems = new Set(sectionTitleStems(p.sectionPath));
      const segments = segmentPage(page.text);
      const headingCache = new Map<string, Set<string>>();
      const headingStems = (h: string) => headingCache.get(h) ?? headingCache.set(h, new Set(sectionTitleStems(h))).get(h)!;
      const pageIdentCount = identCounts(page.text, segments, query.identifiers);
      let best: ScoredSegment | undefined;
      for (const seg of segments) {
        // The unit's own section (the heading above it on the page) when the page shows one.
        const own = seg.heading ? headingStems(seg.heading) : sectionStems;
        const s = scoreSegment(page.text, seg, { query, idf, sectionStems: own, pageIdentCount });
        // Ties go to the unit nearer the retriever's own highlight.
        if (!best || s.score > best.score || (s.score === best.score && near(s, p) < near(best, p))) best = s;
      }
      if (!best || best.score <= 0) continue;
      const span = toSpan(p, page, best, i, best.score / (1 + RANK_DISCOUNT * i));
      if (page.offset === 0 && endsMidSentence(page.text, best)) cut.push(span);
      out.push(span);
    }
    await this.addContinuations(cut);
    return out.sort((a, b) => b.score - a.score || a.passageIndex - b.passageIndex);
  }

  private async pageTexts(pages: ReadonlyArray<{ docId: string; page: number }>): Promise<ReadonlyMap<string, string>> {
    if (!pages.length) return new Map();
    try {
      return await this.ports.pageTexts(pages);
    } catch (e) {
      this.ports.logger?.warn('page texts unavailable for the answer line', { pages: pages.length, error: e });
      return new Map();
    }
  }

  /** The rest of each sentence cut by the page break, from the top of the next page (see continuation.ts). */
  private async addContinuations(cut: PageSpan[]): Promise<void> {
    if (!cut.length) return;
    const next = await this.pageTexts(cut.map((s) => ({ docId: s.docId, page: s.page + 1 })));
    for (const span of cut) {
      const text = next.get(pageKey({ docId: span.docId, page: span.page + 1 }));
      const at = text === undefined ? undefined : continuationOn(text);
      if (at && text !== undefined) span.continued = { page: span.page + 1, text: text.slice(at.start, at.end), charStart: at.start, charEnd: at.end };
    }
  }

  dispose(): void {}
}

function identCounts(text: string, segments: readonly Segment[], ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (!ids.length) return counts;
  for (const seg of segments) {
    if (seg.kind === 'code' && segments.some((o) => o !== seg && o.start <= seg.start && o.end >= seg.end)) continue;
    const have = identifierTokens(text.slice(seg.start, seg.end));
    for (const id of ids) if (have.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** `docId:page`, the key of AnswerPorts.pageTexts (and of the search's page texts). */
export const pageKey = (p: { docId: string; page: number }): string => `${p.docId}:${p.page}`;

const near = (s: ScoredSegment, p: RetrievedPassage) => Math.abs(s.start - p.highlight.charStart);

function toSpan(p: RetrievedPassage, page: { text: string; offset: number }, s: ScoredSegment, passageIndex: number, score: number): PageSpan {
  return {
    docId: p.docId,
    page: p.page,
    kind: s.kind,
    text: page.text.slice(s.start, s.end),
    header: s.header,
    charStart: page.offset + s.start,
    charEnd: page.offset + s.end,
    marks: s.marks.map(([a, b]) => [a - s.start, b - s.start] as [number, number]),
    passageIndex,
    score
  };
}

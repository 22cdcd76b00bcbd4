import { MAX_SPAN, PAGE_NUMBER, type Segment } from './segments';

/**
 * A sentence cut by a page break. Manuals break pages mid-sentence, and the half on the cited
 * page can stop just before the part that answers ("…to track satellites in the 144-146 MHz" |
 * "range, your LO Down frequency would be 144 – 28 = 116 MHz."). The answer line then shows the
 * rest from the top of the next page. Layout conventions only: the unit is the page's last text
 * and has no sentence end; the next page's text goes on in lower case after at most a running
 * header and a page number.
 */

/** Whether `seg` is a sentence the page break cuts: nothing but page numbers after it, and no sentence end. */
export function endsMidSentence(pageText: string, seg: Pick<Segment, 'kind' | 'start' | 'end'>): boolean {
  if (seg.kind !== 'sentence') return false;
  const unit = pageText.slice(seg.start, seg.end).trimEnd();
  // Running prose stops on a word, a comma or a hyphenated word's first half; a contents line
  // stops on its page number, a command or a link on a quote, slash or bracket.
  if (!/[\p{L},\-–]$/u.test(unit)) return false;
  return pageText
    .slice(seg.end)
    .split('\n')
    .map((l) => l.trim())
    .every((l) => !l || PAGE_NUMBER.test(l));
}

/** Lines at the top of a page that can come before the running text: a page number, a running header. */
const MAX_LEAD_LINES = 2;
const RUNNING_HEADER_MAX = 80;

/**
 * Where the cut sentence goes on in the next page's text: from its first line that starts in lower
 * case to the first sentence end in that paragraph (within MAX_SPAN characters), or undefined when
 * the page does not start that way.
 */
export function continuationOn(nextText: string): { start: number; end: number } | undefined {
  let lead = 0;
  for (const m of nextText.matchAll(/[^\n]*/g)) {
    const line = m[0].trim();
    if (!line) continue;
    if (!PAGE_NUMBER.test(line) && /^\p{Ll}/u.test(line)) {
      const start = m.index! + m[0].indexOf(line[0]);
      // The sentence ends within its paragraph, or this is not its rest (a list, a table).
      const paragraph = nextText.slice(start, start + MAX_SPAN).split(/\n\s*\n/)[0];
      const stop = /[.!?]["')\]]?(?=\s|$)/.exec(paragraph);
      return stop ? { start, end: start + stop.index + stop[0].length } : undefined;
    }
    const headerLike = PAGE_NUMBER.test(line) || (line.length <= RUNNING_HEADER_MAX && !/[.!?:;,]$/.test(line));
    if (!headerLike || ++lead > MAX_LEAD_LINES) return undefined;
  }
  return undefined;
}

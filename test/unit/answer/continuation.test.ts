import { describe, expect, it } from 'vitest';
import { AnswerService } from '../../../src/main/core/answer/answerService';
import { pagesPort } from './pagesPort';
import { answerFirst } from '../../../src/main/core/chat/answerLines';
import { continuationOn, endsMidSentence } from '../../../src/main/core/answer/continuation';
import { segmentPage } from '../../../src/main/core/answer/segments';
import type { RetrievedPassage } from '../../../src/main/core/chat/ports';
import { answerLineText, pagesOfLine } from '../../../src/shared/answerLine';

const CUT =
  'Radio setup\n\nLO Down and Up:\nThese options set the offset of a transverter. For example, if you use a downlink\n' +
  'transverter with a receiver in the 28-30 MHz range to track satellites in the 144-146 MHz\n\n54\n';
const NEXT = 'Controlling Radios and Rotators\n\nrange, your LO Down frequency would be 144 – 28 = 116 MHz. Similarly for LO Up.\n\n7.3.2 Rotator\nThe rotator setup is similar.';

const lastSentence = (text: string) => segmentPage(text).filter((s) => s.kind === 'sentence').at(-1)!;

describe('a sentence cut by the page break', () => {
  it('is the last unit of the page, unpunctuated, with only the page number after it', () => {
    expect(endsMidSentence(CUT, lastSentence(CUT))).toBe(true);
    const finished = CUT.replace('144-146 MHz\n', '144-146 MHz band.\n');
    expect(endsMidSentence(finished, lastSentence(finished))).toBe(false);
    const more = CUT.replace('\n\n54\n', '\n\nA further paragraph follows here.\n');
    const seg = segmentPage(more).find((s) => more.slice(s.start, s.end).includes('144-146'))!;
    expect(endsMidSentence(more, seg)).toBe(false);
    // A contents line ends on its page number, not mid-sentence.
    const toc = 'Contents\n\nInstalling the receiver software ........ 31\n';
    expect(endsMidSentence(toc, lastSentence(toc))).toBe(false);
  });

  it('goes on after the next page running header, up to its first sentence end', () => {
    const at = continuationOn(NEXT)!;
    expect(NEXT.slice(at.start, at.end)).toBe('range, your LO Down frequency would be 144 – 28 = 116 MHz.');
    expect(continuationOn('iv\n\n' + NEXT.split('\n\n')[1])).toBeDefined();
  });

  it('does not go on when the next page starts a new paragraph, a list, or only a roman page number', () => {
    expect(continuationOn('Chapter 8\n\nThe rotator setup is similar to the radio setup.')).toBeUndefined();
    expect(continuationOn('xor2 - Two input XOR gate\nnot - Inverter\n\nThe gates above are built in.')).toBeUndefined();
    expect(continuationOn('ii\n\n6.3.1 Windows\nInstalling on Windows.')).toBeUndefined();
    expect(continuationOn('A long first line of running text that ends with a full stop and is no header.\nrange, too late.')).toBeUndefined();
  });

  it('is shown with its rest from the next page, which keeps its own offsets there', async () => {
    const pages: Record<number, string> = { 54: CUT, 55: NEXT };
    const service = new AnswerService({ pageTexts: pagesPort((_d, p) => pages[p]), termWeights: async () => undefined });
    const passage: RetrievedPassage = { docId: 'g', docTitle: 'Gpredict', page: 54, pageLabel: '54', sectionPath: '', text: CUT, charStart: 0, charEnd: CUT.length, highlight: { charStart: 0, charEnd: 5 } };
    const [span] = await service.spans('satellites 144-146 MHz transverter receiver 28-30 MHz range', [passage]);
    expect(span.text.endsWith('144-146 MHz')).toBe(true);
    expect(span.continued).toEqual({ page: 55, text: 'range, your LO Down frequency would be 144 – 28 = 116 MHz.', charStart: NEXT.indexOf('range'), charEnd: NEXT.indexOf('MHz.') + 4 });
    expect(NEXT.slice(span.continued!.charStart, span.continued!.charEnd)).toBe(span.continued!.text);
    expect(answerLineText(span)).toBe(`${span.text}\n${span.continued!.text}`);
    // Without a next page the line is the cited page's part alone.
    const alone = new AnswerService({ pageTexts: pagesPort((_d, p) => (p === 54 ? CUT : undefined)), termWeights: async () => undefined });
    const [only] = await alone.spans('satellites 144-146 MHz transverter receiver 28-30 MHz range', [passage]);
    expect(only.continued).toBeUndefined();
  });

  it('leaves out the next page when its own line is only that rest, and keeps it when it says more', async () => {
    const pages: Record<number, string> = { 54: CUT, 55: NEXT };
    const service = new AnswerService({ pageTexts: pagesPort((_d, p) => pages[p]), termWeights: async () => undefined });
    const at = (page: number): RetrievedPassage => ({ docId: 'g', docTitle: 'Gpredict', page, pageLabel: String(page), sectionPath: '', text: pages[page], charStart: 0, charEnd: pages[page].length, highlight: { charStart: 0, charEnd: 5 } });
    const question = 'satellites 144-146 MHz transverter receiver 28-30 MHz range LO Down frequency';
    const spans = await service.spans(question, [at(54), at(55)]);
    expect(spans.map((s) => s.page)).toEqual([54, 55]);
    expect(answerFirst([at(54), at(55)], spans).map((p) => p.page)).toEqual([54]);
    // A next-page line outside the rest is another source.
    const other = spans.map((s) => (s.page === 55 ? { ...s, charStart: s.charStart + 200, charEnd: s.charEnd + 200 } : s));
    expect(answerFirst([at(54), at(55)], other).map((p) => p.page)).toEqual([54, 55]);
  });

  it('reads the pages in one call, and the next pages in one more only when a line is cut', async () => {
    const pages: Record<number, string> = { 54: CUT, 55: NEXT, 56: 'Fault E-7 means the rotator is stalled.' };
    const calls: number[][] = [];
    const read = pagesPort((_d, p) => pages[p]);
    const service = new AnswerService({ pageTexts: (ps) => (calls.push(ps.map((p) => p.page)), read(ps)), termWeights: async () => undefined });
    const at = (page: number): RetrievedPassage => ({ docId: 'g', docTitle: 'Gpredict', page, pageLabel: String(page), sectionPath: '', text: pages[page], charStart: 0, charEnd: pages[page].length, highlight: { charStart: 0, charEnd: 5 } });
    await service.spans('satellites 144-146 MHz transverter receiver rotator stalled', [at(54), at(56)]);
    expect(calls).toEqual([[54, 56], [55]]);
    calls.length = 0;
    await service.spans('What does fault E-7 mean?', [at(56)]);
    expect(calls).toEqual([[56]]);
  });

  it('names both pages', () => {
    expect(pagesOfLine('54', true)).toBe('54–55');
    expect(pagesOfLine('54', false)).toBe('54');
    expect(pagesOfLine('iv', true)).toBe('iv and the next page');
  });
});

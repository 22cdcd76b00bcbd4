import { describe, expect, it } from 'vitest';
import { AnswerService } from '../../../src/main/core/answer/answerService';
import { pagesPort } from './pagesPort';
import { containsEvidence } from '../../../src/main/core/answer/answerEvidence';
import { answerFirst, hasExactIdentifierMatch } from '../../../src/main/core/chat/answerLines';
import type { RetrievedPassage } from '../../../src/main/core/chat/ports';

const PAGES: Record<string, string> = {
  'd1:4':
    '2.1 Fault codes\n\nThe display shows a fault code when the controller detects a problem.\n' +
    'Code  Meaning  Remedy\nE-101  Door open  Close the door\nE-204  Heater overtemperature  Check the thermal fuse\nE-305  Motor stalled  Remove the obstruction\n',
  'd1:5': 'Connect a serial terminal at 115200 baud to the service port. The heater log is read with the debug command heater.log.'
};

const passage = (page: number, text = PAGES[`d1:${page}`]): RetrievedPassage => ({
  docId: 'd1',
  docTitle: 'X200',
  page,
  pageLabel: String(page),
  sectionPath: '',
  text,
  charStart: 0,
  charEnd: text.length,
  highlight: { charStart: 0, charEnd: 10 }
});

const service = () =>
  new AnswerService({
    pageTexts: pagesPort((docId, page) => PAGES[`${docId}:${page}`]),
    termWeights: async () => (s) => (s === 'fault' || s === 'code' ? 0.5 : 2)
  });

describe('answer spans', () => {
  it('picks the table row named by the identifier, with its header, at exact page offsets', async () => {
    const spans = await service().spans('What does fault E-204 mean?', [passage(4), passage(5)]);
    expect(spans[0]).toMatchObject({ page: 4, kind: 'row', header: 'Code  Meaning  Remedy', text: 'E-204  Heater overtemperature  Check the thermal fuse' });
    expect(PAGES['d1:4'].slice(spans[0].charStart, spans[0].charEnd)).toBe(spans[0].text);
    expect(spans[0].marks.map(([a, b]) => spans[0].text.slice(a, b))).toContain('204');
    // One span per page.
    expect(new Set(spans.map((s) => s.page)).size).toBe(spans.length);
  });

  it('lets a precise line on a lower-ranked page lead', async () => {
    const spans = await service().spans('Which baud rate does the serial terminal need?', [passage(4), passage(5)]);
    expect(spans[0]).toMatchObject({ page: 5, kind: 'sentence', text: 'Connect a serial terminal at 115200 baud to the service port.' });
  });

  it('keeps the top-ranked page first when a lower page merely names the tool the user mentioned', async () => {
    const pages: Record<number, string> = {
      1: 'To recover a board whose firmware is damaged and that no longer talks to the host, hold the BOOT button while connecting power, then load the image over USB.',
      // The tool's name is an exact identifier of the question: its lines score about twice the top page's.
      2: 'The fw_flash tool writes new firmware to the board.\n\nThe fw_flash tool also reads the firmware back from the board.\n\nTo update the firmware on a working board, run:\n\nfw_flash -w image.bin\n'
    };
    const svc = new AnswerService({ pageTexts: pagesPort((_d, page) => pages[page]), termWeights: async () => undefined });
    const question = 'The firmware of my board is damaged and fw_flash no longer talks to it. How do I recover the board?';
    const spans = await svc.spans(question, [passage(1, pages[1]), passage(2, pages[2])]);
    expect(spans.map((s) => s.page)).toEqual([1, 2]);
    expect(spans[0].text).toMatch(/^To recover a board/);
    // Ranked the other way round, the page naming the tool leads: the order is the retriever's call.
    const swapped = await svc.spans(question, [passage(2, pages[2]), passage(1, pages[1])]);
    expect(swapped[0].page).toBe(2);
  });

  it('falls back to the chunk (offsets still page-relative) when the page text is missing', async () => {
    const svc = new AnswerService({ pageTexts: pagesPort(() => undefined), termWeights: async () => undefined });
    const chunk = { ...passage(5, 'The heater log is read with the debug command heater.log.'), charStart: 62, charEnd: 120 };
    const [s] = await svc.spans('how is the heater log read?', [chunk]);
    expect(s.charStart).toBe(62);
    expect(s.text).toBe('The heater log is read with the debug command heater.log.');
  });
});

describe('section of each unit', () => {
  it('a unit under a heading naming the asked-for thing beats the same words under another heading', async () => {
    const text = '4.1 Cleaning the Filter\n\nTurn the tank knob to position 2.\n\n4.2 Draining the Tank\n\nTurn the tank knob to position 5.';
    const svc = new AnswerService({ pageTexts: pagesPort(() => text), termWeights: async () => undefined });
    const [s] = await svc.spans('Which tank knob position drains the tank?', [passage(7, text)]);
    expect(s.text).toBe('Turn the tank knob to position 5.');
  });
});

describe('answer-first passages and the exact-identifier override', () => {
  it('reorders passages by span, sets the highlight to the span and keeps unspanned passages after', async () => {
    const passages = [passage(4), passage(5)];
    const spans = await service().spans('Which baud rate does the serial terminal need?', passages);
    const ranked = answerFirst(passages, spans);
    expect(ranked.map((p) => p.page)).toEqual([5, 4]);
    expect(ranked[0].highlight).toEqual({ charStart: spans[0].charStart, charEnd: spans[0].charEnd });
    expect(answerFirst(passages, []).map((p) => p.page)).toEqual([4, 5]);
  });

  it('an exact identifier on the best span counts as evidence; plain words do not', async () => {
    const spans = await service().spans('What does fault E-204 mean?', [passage(4)]);
    expect(hasExactIdentifierMatch('What does fault E-204 mean?', spans)).toBe(true);
    expect(hasExactIdentifierMatch('What does fault E-999 mean?', spans)).toBe(false);
    expect(hasExactIdentifierMatch('What does the fault mean?', spans)).toBe(false);
  });
});

describe('evidence match used by the eval', () => {
  it('needs 60% of the evidence tokens in the span', () => {
    expect(containsEvidence('E-204  Heater overtemperature  Check the thermal fuse', 'E-204 Heater overtemperature')).toBe(true);
    expect(containsEvidence('Check the thermal fuse', 'E-204 Heater overtemperature Check')).toBe(false);
    expect(containsEvidence('anything', '')).toBe(false);
  });
});

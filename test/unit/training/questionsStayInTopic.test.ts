import { describe, expect, it } from 'vitest';
import { AttemptRunner } from '../../../src/main/core/training/attemptRunner';
import { nullLogger } from '../../../src/main/core/platform/logger';
import { seededRng } from '../../../src/main/core/platform/seededRng';
import type { PageText } from '../../../src/main/core/training/passages';
import type { StoredAttempt } from '../../../src/main/core/training/trainingStore';
import type { TopicVersion } from '../../../src/shared/contract/training';

/**
 * Property: whatever the manual and the section, every question (its passage, its hidden answer)
 * comes from the topic's own pages — even though distractors are drawn from the pages around it.
 * Manuals are generated from a seed: prose with terms and values, tables, numbered procedures.
 */
const WORDS = 'pump valve sensor board housing filter cable motor relay fuse heater display panel bracket'.split(' ');
const TERMS = ['ControlUnit', 'PSU', 'E-204', 'JP3', 'Modbus', 'Firmware', 'CAN', 'X200', 'Thermostat', 'RS485'];
const UNITS = ['mm', 'V', 'bar', 'rpm', '%', 'Hz'];

function manualPage(rng: () => number, page: number): PageText {
  const w = () => WORDS[Math.floor(rng() * WORDS.length)];
  const t = () => TERMS[Math.floor(rng() * TERMS.length)];
  const v = () => `${Math.floor(rng() * 5000) + 10} ${UNITS[Math.floor(rng() * UNITS.length)]}`;
  const parts: string[] = [`${page} Section heading`];
  parts.push(`The ${w()} of the ${t()} is rated at ${v()} during normal operation on page ${page}. Check the ${w()} and the ${t()} connector before service.`);
  if (rng() < 0.5) parts.push(['Code  Meaning  Limit', `P${page}1  ${w()} fault  ${v()}`, `P${page}2  ${w()} warning  ${v()}`].join('\n'));
  if (rng() < 0.5) parts.push([1, 2, 3, 4].map((k) => `${k}. Remove the ${w()} ${k === 2 ? `from the ${t()}` : 'carefully'} and set it aside${k}.`).join('\n'));
  parts.push(`A ${t()} is the part that holds the ${w()} in place. Tighten it to ${v()}.`);
  return { page, pageLabel: String(page), text: parts.join('\n\n') };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('questions never come from outside the topic pages (property, 60 generated manuals)', () => {
  it('every passage, citation and expected answer lies on a topic page', async () => {
    const runner = new AttemptRunner(nullLogger);
    for (let seed = 1; seed <= 60; seed++) {
      const rng = seededRng(seed * 7919);
      const pageCount = 6 + Math.floor(rng() * 10);
      const manual = Array.from({ length: pageCount }, (_, i) => manualPage(rng, i + 1));
      const from = 1 + Math.floor(rng() * (pageCount - 2));
      const to = Math.min(pageCount, from + Math.floor(rng() * 3));
      const topic = { docId: 'd', docTitle: 'Manual', pageFrom: from, pageTo: to, goal: '', instructions: '' } as TopicVersion;
      const pages = manual.filter((p) => p.page >= from && p.page <= to);
      const a = { id: `a${seed}`, questions: [], keys: [], seed } as unknown as StoredAttempt;
      for (let n = 0; n < 3; n++) expect(await runner.nextQuestion(a, { topic, pages, manualPages: manual }, undefined)).toBe(true);
      expect(a.questions.map((q) => q.level)).toEqual(['definition', 'value', 'procedure']);
      a.questions.forEach((q, i) => {
        const page = manual[q.citation.page - 1];
        expect(q.citation.page, `seed ${seed} q${q.n}`).toBeGreaterThanOrEqual(from);
        expect(q.citation.page, `seed ${seed} q${q.n}`).toBeLessThanOrEqual(to);
        expect(page.text.slice(q.citation.charStart, q.citation.charEnd)).toBe(q.citation.quote);
        expect(norm(q.citation.quote)).toContain(norm(a.keys[i].accepted[0]));
        if (q.cloze && q.kind !== 'order') expect(norm(q.citation.quote)).toContain(norm(q.cloze.replace('____', a.keys[i].accepted[0])));
        if (a.keys[i].choiceIndex !== undefined) expect(q.choices[a.keys[i].choiceIndex!]).toBe(a.keys[i].accepted[0]);
      });
    }
  });

  it('harder over the attempt: a section with steps asks the step order last', async () => {
    const runner = new AttemptRunner(nullLogger);
    const text = 'The PSU is the unit that feeds the Controller board. The main fuse on the board is rated at 250 mA.\n\n1. Switch off the unit.\n2. Remove the cover.\n3. Replace the fuse.\n4. Close the cover.';
    const pages = [{ page: 1, pageLabel: '1', text }];
    const a = { id: 'x', questions: [], keys: [], seed: 3 } as unknown as StoredAttempt;
    const topic = { docId: 'd', docTitle: 'M', pageFrom: 1, pageTo: 1, goal: '', instructions: '' } as TopicVersion;
    for (let n = 0; n < 3; n++) await runner.nextQuestion(a, { topic, pages, manualPages: pages }, undefined);
    expect(a.questions[2].kind).toBe('order');
    expect(a.questions[1].cloze).toContain('____');
    expect(a.keys[1].accepted[0]).toMatch(/250/);
  });
});

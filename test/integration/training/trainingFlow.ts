import { afterAll, beforeAll, expect } from 'vitest';
import { tempCore } from '../../helpers/tempCore';
import { importSampleManual } from '../chat/harness';
import { unwrap } from '../../../src/shared/result';
import type { Attempt } from '../../../src/shared/contract/training';
import type { Core } from '../../../src/main/core/createCore';
import { solveFromText } from './solveFromText';

/** Answers the open question right (from the cited page's text) or wrong. */
export async function answerOpen(core: Core, a: Attempt, right: boolean): Promise<Attempt> {
  const q = a.questions[a.questions.length - 1];
  const page = unwrap(await core.api.library.pageText({ docId: q.citation.docId, page: q.citation.page }));
  const text = right ? solveFromText(q, page.text) : 'zzqx not in this manual';
  return unwrap(await core.api.training.answer({ attemptId: a.id, answer: text }));
}

/** Every answered question cites its passage verbatim from a page of the topic. */
export async function expectCitedInTopic(core: Core, a: Attempt, from: number, to: number): Promise<void> {
  for (const q of a.questions.filter((x) => x.answer)) {
    expect(q.citation.page).toBeGreaterThanOrEqual(from);
    expect(q.citation.page).toBeLessThanOrEqual(to);
    const page = unwrap(await core.api.library.pageText({ docId: q.citation.docId, page: q.citation.page }));
    expect(page.text.slice(q.citation.charStart, q.citation.charEnd)).toBe(q.citation.quote);
    expect(q.citation.quote.length).toBeGreaterThan(0);
  }
}


/**
 * A real core with the generated X200 manual imported once for the file's tests (beforeAll /
 * afterAll registered here); read `.core` and `.docId` inside the tests.
 */
export function sampleManualCore(): { readonly core: Core; readonly docId: string; readonly t: Awaited<ReturnType<typeof tempCore>> } {
  const state = {} as { t: Awaited<ReturnType<typeof tempCore>>; docId: string };
  beforeAll(async () => {
    state.t = await tempCore();
    state.docId = await importSampleManual(state.t.core, state.t.dir);
  }, 120_000);
  afterAll(() => state.t?.cleanup());
  return {
    get core() {
      return state.t.core;
    },
    get docId() {
      return state.docId;
    },
    get t() {
      return state.t;
    }
  };
}

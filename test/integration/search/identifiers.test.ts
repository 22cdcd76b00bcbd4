import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/tempCore';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import type { Core } from '../../../src/main/core/createCore';
import type { ImportOutcome } from '../../../src/shared/contract/library';

/**
 * Identifier queries through the real core: PDFs generated at test time, imported by the library,
 * searched by search.query. The target pages spell identifiers the way broken PDFs do (the
 * underscore drawn as a graphic, so extracted text has a space), while distractor pages repeat
 * the same words separately — only the identifier lane can tell them apart.
 */
const distractor =
  'The debugger (gdb) can get a value from memory. Use get to read a char, a word or a long. ' +
  'Move the mouse to the X axis label, then get the char under the mouse pointer. Each char is one byte. ' +
  'Error codes start with E. There are 204 registers in the map.';

let core: Core;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await tempCore();
  core = t.core;
  cleanup = t.cleanup;
  const simulator = await makeManualPdf({
    title: 'Simulator Reference',
    pages: [
      { text: `Introduction\n\n${distractor}\n\n${distractor}` },
      { text: `Memory access\n\n${distractor}` },
      { text: 'Debug API\n\nThe function gdb get char reads one byte from the target and returns it to the host stub. It blocks until a byte arrives.' },
      { text: 'Input axes\n\nThe MOUSE X register holds the horizontal pointer position in pixels. It is updated on every frame by the input driver.' },
      { text: `Appendix\n\n${distractor}` }
    ]
  });
  const heater = await makeManualPdf({
    title: 'Heater Manual',
    pages: [
      { text: `Overview\n\n${distractor}` },
      { text: 'Fault codes\n\nE 204 heater overtemperature: check the thermal fuse and the heater relay. E 101 door open: close the door firmly.' }
    ]
  });
  const dir = `${t.dir}/pdfs`;
  await writePdf(dir, 'simulator.pdf', simulator);
  await writePdf(dir, 'heater.pdf', heater);
  const started = await core.library.import([dir]);
  for (const f of started.files) {
    const snap = await core.jobs.wait(f.jobId);
    expect(snap.error ?? null).toBeNull();
    expect((snap.result as ImportOutcome).outcome).toBe('imported');
  }
});
afterAll(async () => cleanup?.());

const top = async (text: string) => {
  const r = await core.search.query({ text, limit: 5 });
  return { r, first: r.passages[0] };
};

describe('identifier queries', () => {
  it.each([
    ['gdb_get_char', 'simulator.pdf', 3],
    ['what does gdb_get_char return?', 'simulator.pdf', 3],
    ['MOUSE_X', 'simulator.pdf', 4],
    ['E-204', 'heater.pdf', 2],
    ['what does fault E_204 mean', 'heater.pdf', 2]
  ])('%s finds %s p%i first', async (query, file, page) => {
    const { r, first } = await top(query);
    expect(r.lanes).toContain('ident');
    expect(first.fileName).toBe(file);
    expect(first.page).toBe(page);
    expect(first.lanes.ident?.rank).toBe(1);
  });

  it('the contract method answers the same as the service', async () => {
    const res = await core.api.search.query({ text: 'gdb_get_char' });
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.value.passages[0].page).toBe(3);
    const bad = await core.api.search.query({ text: '' });
    expect(bad.ok).toBe(false);
  });
});

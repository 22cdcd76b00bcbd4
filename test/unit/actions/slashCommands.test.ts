import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlash } from '../../../src/renderer/src/features/actions/slashCommands';
import { createActionsStore } from '../../../src/renderer/src/features/actions/actionsStore';
import { unwrap } from '../../../src/shared/result';
import { tempCore } from '../../helpers/tempCore';

const docs = [
  { id: 'd1', title: 'X200 Service Manual' },
  { id: 'd2', title: 'P40 Pump Guide' }
];

describe('slash commands', () => {
  it('map to the assistant actions; plain text is not a command', () => {
    expect(parseSlash('What does E-204 mean?', docs)).toBeNull();
    expect(parseSlash('/open pump 12', docs)).toEqual({ name: 'open_page', args: { docId: 'd2', page: 12 } });
    expect(parseSlash('/open d1 p. 3', docs)).toEqual({ name: 'open_page', args: { docId: 'd1', page: 3 } });
    expect(parseSlash('/filter X200', docs)).toEqual({ name: 'filter_to_machine', args: { machine: 'X200' } });
    expect(parseSlash('/escalate fuse keeps blowing', docs)).toEqual({ name: 'escalate_to_supervisor', args: { note: 'fuse keeps blowing' } });
    expect(parseSlash('/note replaced F2', docs)).toEqual({ name: 'add_service_note', args: { note: 'replaced F2' } });
    expect(parseSlash('/open nothing 4', docs)).toEqual({ error: 'No manual matches “nothing”.' });
    expect(parseSlash('/open X200', docs)).toMatchObject({ error: expect.stringMatching(/^Usage: \/open/) });
    expect(parseSlash('/delete everything', docs)).toMatchObject({ error: expect.stringMatching(/^Unknown command \/delete/) });
  });
});

describe('actions store over a real core', () => {
  let env: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => (env = await tempCore()));
  afterAll(() => env?.cleanup());

  it('/filter becomes a confirm card; confirming changes the session; /open of a missing page reports why', async () => {
    const notes: Array<[string, string]> = [];
    const opened: unknown[] = [];
    const store = createActionsStore(env.core.api, { notify: (m, k) => void notes.push([k, m]), openPage: (d, p) => void opened.push([d, p]) });
    const s = unwrap(await env.core.api.sessions.create({ title: 'Pump' }));
    expect(await store.getState().runCommand('/filter X200', s.id, docs)).toBe(true);
    expect(store.getState().pending).toMatchObject({ name: 'filter_to_machine', summary: expect.stringContaining('X200') });
    expect(unwrap(await env.core.api.sessions.get({ id: s.id })).machine).toBe('');
    await store.getState().confirm();
    expect(store.getState().pending).toBeNull();
    expect(unwrap(await env.core.api.sessions.get({ id: s.id })).machine).toBe('X200');
    expect(notes).toEqual([['success', 'This session now searches only manuals for X200.']]);
    expect(await store.getState().runCommand('/open X200 2', s.id, docs)).toBe(true);
    expect(notes[1]).toEqual(['error', 'No document d1.']);
    expect(opened).toEqual([]);
    expect(await store.getState().runCommand('just a question', s.id, docs)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_ACTIONS_PER_TURN, turnFunctions, turnParams } from '../../../src/main/core/actions/modelTools';
import type { ActionOutcome } from '../../../src/shared/contract/actions';
import type { MessageAction } from '../../../src/shared/contract/sessions';

type Fn = { description?: string; params?: unknown; handler(p: unknown): Promise<unknown> };

/** The functions one chat turn offers; `propose` records what reaches the ActionService. */
function setup(outcome: (name: string, args: Record<string, unknown>) => ActionOutcome) {
  const proposed: Array<{ name: string; args: Record<string, unknown> }> = [];
  const recorded: MessageAction[] = [];
  const fns = turnFunctions(
    async (name, args) => (proposed.push({ name, args }), outcome(name, args)),
    { sessionId: 'sess-1', messageId: 'answer-1' },
    (a) => recorded.push(a)
  ) as unknown as Record<string, Fn>;
  return { fns, proposed, recorded };
}

describe('assistant actions offered to the chat model in a turn', () => {
  it('shows the model no session or answer ids: the turn fills them in', async () => {
    expect(turnParams('escalate_to_supervisor')).toMatchObject({ type: 'object', properties: { note: { type: 'string' } } });
    expect(Object.keys((turnParams('escalate_to_supervisor') as { properties: object }).properties)).toEqual(['note']);
    expect((turnParams('add_service_note') as { required?: string[] }).required).toEqual(['note']);
    const { fns, proposed } = setup((name) => ({ status: 'confirm', name: name as never, proposalId: 'p1', summary: 'Escalate the last answer.' }));
    await fns.escalate_to_supervisor.handler({ note: 'E-204 again' });
    expect(proposed).toEqual([{ name: 'escalate_to_supervisor', args: { note: 'E-204 again', sessionId: 'sess-1', messageId: 'answer-1' } }]);
  });

  it('refuses arguments outside the shown schema without proposing anything', async () => {
    const { fns, proposed, recorded } = setup(() => ({ status: 'done', name: 'list_documents', summary: '1 manuals.', result: [] }));
    const reply = await fns.filter_to_machine.handler({ machine: 'X200', sessionId: 'someone-elses' });
    expect(reply).toMatch(/^Refused: The arguments do not fit filter_to_machine: unknown “sessionId”/);
    expect(proposed).toEqual([]);
    expect(recorded).toEqual([{ name: 'filter_to_machine', status: 'refused', text: expect.stringContaining('unknown “sessionId”') }]);
  });

  it('records each outcome for the answer and tells the model the result, the wait, or the reason', async () => {
    const { fns, recorded } = setup((name) =>
      name === 'open_page'
        ? { status: 'done', name: 'open_page', summary: 'Opening X200 manual, page 3.', result: { docId: 'd1', page: 3, title: 'X200 manual' } }
        : name === 'add_service_note'
          ? { status: 'refused', name, reason: 'Only an admin can add a note.' }
          : { status: 'confirm', name: name as never, proposalId: 'p9', summary: 'Limit this session to X200.' }
    );
    expect(await fns.open_page.handler({ docId: 'd1', page: 3 })).toEqual({ docId: 'd1', page: 3, title: 'X200 manual' });
    expect(await fns.add_service_note.handler({ note: 'fuse' })).toBe('Refused: Only an admin can add a note.');
    expect(await fns.filter_to_machine.handler({ machine: 'X200' })).toBe('Proposed to the user, waiting for confirmation: Limit this session to X200.');
    expect(recorded).toEqual([
      { name: 'open_page', status: 'done', text: 'Opening X200 manual, page 3.', open: { docId: 'd1', page: 3 } },
      { name: 'add_service_note', status: 'refused', text: 'Only an admin can add a note.' },
      { name: 'filter_to_machine', status: 'confirm', text: 'Limit this session to X200.', proposalId: 'p9' }
    ]);
  });

  it('a repeated identical call gets the first reply (one card), and calls beyond the cap are refused', async () => {
    const { fns, proposed, recorded } = setup((name) => ({ status: 'confirm', name: name as never, proposalId: `p${proposed.length}`, summary: 's' }));
    await fns.filter_to_machine.handler({ machine: 'X200' });
    await fns.filter_to_machine.handler({ machine: 'X200' });
    expect(proposed).toHaveLength(1);
    expect(recorded).toHaveLength(1);
    for (let i = 1; i < MAX_ACTIONS_PER_TURN; i++) await fns.filter_to_machine.handler({ machine: `M${i}` });
    expect(proposed).toHaveLength(MAX_ACTIONS_PER_TURN);
    expect(await fns.filter_to_machine.handler({ machine: 'one more' })).toMatch(/^Refused: At most \d+ actions per answer/);
    expect(proposed).toHaveLength(MAX_ACTIONS_PER_TURN);
  });
});

import { describe, expect, it } from 'vitest';
import { ActionService, type ProposalOrigin } from '../../../src/main/core/actions/actionService';
import type { CallContext, Handlers } from '../../../src/shared/contract';

/** A caller signed in as `id` (technician). */
const as = (id: string): CallContext => ({ profile: { id, name: id, role: 'technician' }, admin: false }) as unknown as CallContext;

function service(now: () => number) {
  const settled: Array<{ origin: ProposalOrigin; proposalId: string; status: string; text: string }> = [];
  const actions = new ActionService({
    // filter_to_machine only reaches the handlers on confirm; these tests never get that far.
    handlers: () => ({}) as Handlers,
    audit: async () => {},
    settled: async (_ctx, origin, proposalId, status, text) => void settled.push({ origin, proposalId, status, text }),
    now
  });
  return { actions, settled };
}

const answer: ProposalOrigin = { sessionId: 'sess-1', messageId: 'answer-1' };

describe('confirm cards on an answer whose proposal is gone', () => {
  it('an expired or unknown proposal marks the named card as no longer valid; declining one marks it declined', async () => {
    let t = 0;
    const { actions, settled } = service(() => t);
    const o = await actions.propose(as('ana'), 'filter_to_machine', { machine: 'X200' }, 'sess-1', answer);
    if (o.status !== 'confirm') throw new Error(`expected a card, got ${o.status}`);
    t += 16 * 60_000; // past the 15-minute validity
    expect(await actions.confirm(as('ana'), o.proposalId, answer)).toMatchObject({ status: 'refused', reason: /no longer valid/ });
    expect(settled).toEqual([{ origin: answer, proposalId: o.proposalId, status: 'refused', text: expect.stringMatching(/no longer valid/) }]);
    // After a restart the id is unknown altogether: declining it still settles the card.
    expect(await actions.cancel(as('ana'), 'gone-after-restart', answer)).toBe(false);
    expect(settled.at(-1)).toEqual({ origin: answer, proposalId: 'gone-after-restart', status: 'declined', text: '' });
  });

  it("another profile's live proposal is neither confirmed, cancelled nor marked on its answer", async () => {
    const { actions, settled } = service(() => 0);
    const o = await actions.propose(as('ana'), 'filter_to_machine', { machine: 'X200' }, 'sess-1', answer);
    if (o.status !== 'confirm') throw new Error(`expected a card, got ${o.status}`);
    expect(await actions.confirm(as('ben'), o.proposalId, answer)).toMatchObject({ status: 'refused' });
    expect(await actions.cancel(as('ben'), o.proposalId, answer)).toBe(false);
    expect(settled).toEqual([]);
    // Ana can still decline her own card; it is settled on the answer it came from.
    expect(await actions.cancel(as('ana'), o.proposalId)).toBe(true);
    expect(settled).toEqual([{ origin: answer, proposalId: o.proposalId, status: 'declined', text: '' }]);
  });
});

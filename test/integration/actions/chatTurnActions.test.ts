import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seat } from '../../../src/main/core/access/accessService';
import type { ActionOutcome } from '../../../src/shared/contract/actions';
import type { TurnStarted } from '../../../src/shared/contract/chat';
import type { ChatMessage } from '../../../src/shared/contract/sessions';
import { unwrap, type Result } from '../../../src/shared/result';
import { ensureFixture } from '../../fixtures/gguf/generators';
import { tempCore, withTechnician } from '../../helpers/tempCore';
import { importSampleManual } from '../chat/harness';

/**
 * Assistant actions called by the chat model inside a chat turn, end to end through the core's
 * dispatcher (`chat.send` as a signed-in technician) with a generated random-weight model. The
 * model is steered by its weights, not mocked: right after a newline it emits "||call:" (the
 * ChatML wrapper's generic call syntax); node-llama-cpp's grammar then keeps the function name and
 * parameters inside the offered schemas, where a favoured first letter decides which action it
 * names (l: list_documents, e: escalate_to_supervisor, a: add_service_note) and a favoured quote
 * keeps strings short. In free text a quote is followed by EOS, so the answer ends soon after.
 * The preferences are several times the weights' noise apart, so the chat's sampling
 * (temperature 0.2) still follows them.
 */
const steered = (letter: string): string =>
  ensureFixture('chat', { favour: [['||call:', 9, '<0x0A>'], ['<|im_end|>', 16, '"'], ['"', 6], ['}', 2.5], [letter, 4]] });

describe('assistant actions the chat model calls during chat.send', () => {
  let env: Awaited<ReturnType<typeof tempCore>>;
  let tech: Seat;
  let loaded = '';

  const as = async <T,>(method: string, input: unknown, seat?: Seat): Promise<T> => unwrap((await env.core.call(method, input, seat)) as Result<T>);

  /** Loads a steered model as the chat model (once per variant). */
  async function useModel(letter: string): Promise<void> {
    const id = `steer-${letter}`;
    if (loaded === id) return;
    const file = join(env.dir, `${id}.gguf`);
    copyFileSync(steered(letter), file);
    const imp = unwrap(await env.core.api.models.import({ path: file, mode: 'reference' }));
    const job = unwrap(await env.core.api.models.load({ id: imp.id, contextSize: 4096 }));
    expect((await env.core.jobs.wait(job.jobId)).status).toBe('succeeded');
    loaded = id;
  }

  /** One question as the technician; resolves with the stored answer once chat.done arrives. */
  async function ask(text: string, sessionId?: string): Promise<ChatMessage> {
    const done = new Map<string, ChatMessage>();
    const failed = new Map<string, string>();
    let check = (): void => {};
    const off = env.core.events.on('chat.done', (e) => (done.set(e.message.id, e.message), check()));
    const offErr = env.core.events.on('chat.error', (e) => (failed.set(e.messageId, e.error.message), check()));
    try {
      const { messageId } = await as<TurnStarted>('chat.send', { text, ...(sessionId ? { sessionId } : {}) }, tech);
      return await new Promise<ChatMessage>((resolve, reject) => {
        check = () => (done.has(messageId) ? resolve(done.get(messageId)!) : failed.has(messageId) ? reject(new Error(failed.get(messageId))) : undefined);
        check();
      });
    } finally {
      off();
      offErr();
    }
  }

  const stored = async (sessionId: string, messageId: string): Promise<ChatMessage> =>
    (await as<{ messages: ChatMessage[] }>('sessions.get', { id: sessionId }, tech)).messages.find((m) => m.id === messageId)!;

  beforeAll(async () => {
    env = await tempCore();
    const api = env.core.api;
    ({ tech } = await withTechnician(env.core));
    await importSampleManual(env.core, env.dir);
    // The fixture's model uses the generic call syntax, so 'auto' would offer it nothing (tested below).
    unwrap(await api.settings.update({ models: { actions: 'always' }, retrieval: { resultsPerAnswer: 1 } }));
  }, 300_000);
  afterAll(async () => {
    await env?.cleanup();
  });

  it('a read-only action runs at once, its result is on the answer, and the answer keeps its passages', async () => {
    await useModel('l');
    const m = await ask('What does fault E-204 mean?');
    expect(m.mode).toBe('answer');
    // The steered model filters by a one-character machine name, so no manual matches; the point is
    // that the action ran at once (a count, no card) — its result is what the model was told.
    expect(m.actions?.[0]).toEqual({ name: 'list_documents', status: 'done', text: '0 manuals.' });
    expect(m.actions?.every((a) => a.status === 'done')).toBe(true);
    // The model keeps calling in the last round, which offers no functions: that raw call syntax is
    // cut from the answer text instead of being shown.
    expect(m.text).not.toContain('||call:');
    expect(unwrap(await env.core.api.audit.list({ action: 'tool:list_documents' })).total).toBe(0);
    // Retrieval and citation mapping ran as for any answer: the passages are kept (cited or not).
    expect(m.sources.length + m.related.length).toBeGreaterThan(0);
    expect((await stored(m.sessionId, m.id)).actions).toEqual(m.actions);
  }, 300_000);

  it('a changing action becomes a stored confirm card; nothing changes until it is confirmed, then it applies once', async () => {
    await useModel('e');
    const m = await ask('What does fault E-204 mean?');
    const card = m.actions?.find((a) => a.name === 'escalate_to_supervisor');
    expect(card).toMatchObject({ status: 'confirm', text: expect.stringMatching(/^Escalate the last answer to a supervisor/), proposalId: expect.any(String) });
    // One card per answer even though the model repeated the call.
    expect(m.actions?.filter((a) => a.status === 'confirm')).toHaveLength(1);
    expect(unwrap(await env.core.api.escalations.list())).toHaveLength(0);
    expect(unwrap(await env.core.api.audit.list({ action: 'tool:escalate_to_supervisor' })).total).toBe(0);

    // Read back from the session (what a reloaded window sees), then confirmed by the technician.
    const again = await stored(m.sessionId, m.id);
    const proposalId = again.actions!.find((a) => a.status === 'confirm')!.proposalId!;
    const done = await as<ActionOutcome>('actions.confirm', { proposalId }, tech);
    expect(done).toMatchObject({ status: 'done', name: 'escalate_to_supervisor' });
    const escalations = unwrap(await env.core.api.escalations.list());
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ sessionId: m.sessionId, messageId: m.id });
    expect(unwrap(await env.core.api.audit.list({ action: 'tool:escalate_to_supervisor' })).total).toBe(1);
    expect((await stored(m.sessionId, m.id)).actions?.find((a) => a.proposalId === proposalId)?.status).toBe('confirmed');
    // The card cannot be used twice.
    expect(await as<ActionOutcome>('actions.confirm', { proposalId }, tech)).toMatchObject({ status: 'refused' });
    expect(unwrap(await env.core.api.escalations.list())).toHaveLength(1);
  }, 300_000);

  it('a declined card is kept as declined and changes nothing', async () => {
    await useModel('e');
    const m = await ask('How do I clear fault E-204?');
    const proposalId = m.actions!.find((a) => a.status === 'confirm')!.proposalId!;
    expect(await as<{ cancelled: boolean }>('actions.cancel', { proposalId }, tech)).toEqual({ cancelled: true });
    expect((await stored(m.sessionId, m.id)).actions?.find((a) => a.proposalId === proposalId)?.status).toBe('declined');
    expect(await as<ActionOutcome>('actions.confirm', { proposalId }, tech)).toMatchObject({ status: 'refused' });
    expect(unwrap(await env.core.api.escalations.list())).toHaveLength(1);
  }, 300_000);

  it('an admin-only action the model calls for a technician is refused, with the reason on the answer', async () => {
    await useModel('a');
    const m = await ask('What does fault E-204 mean?');
    expect(m.actions?.[0]).toMatchObject({ name: 'add_service_note', status: 'refused', text: expect.stringMatching(/^Only an admin can add a note/) });
    expect(m.actions?.some((a) => a.status === 'confirm' || a.status === 'done')).toBe(false);
    expect(unwrap(await env.core.api.audit.list({ action: 'tool:add_service_note' })).total).toBe(0);
  }, 300_000);

  it("with the setting on 'auto', a model without its own call format is offered no actions", async () => {
    await useModel('a');
    unwrap(await env.core.api.settings.update({ models: { actions: 'auto' } }));
    try {
      const m = await ask('What does fault E-204 mean?');
      expect(m.actions).toBeUndefined();
      // The same steered model now writes its call syntax as plain text: nothing was intercepted.
      expect(m.text).toContain('||call:');
    } finally {
      unwrap(await env.core.api.settings.update({ models: { actions: 'always' } }));
    }
  }, 300_000);
});

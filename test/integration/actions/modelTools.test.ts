import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLlama, type Llama, type LlamaContext, type LlamaContextSequence, type LlamaModel } from 'node-llama-cpp';
import type { Seat } from '../../../src/main/core/access/accessService';
import { actionFunctions, actionParams, forcedActionCall, type ProposeAction } from '../../../src/main/core/actions/modelTools';
import type { ActionOutcome } from '../../../src/shared/contract/actions';
import { unwrap, type Result } from '../../../src/shared/result';
import { tinyChatModel } from '../../fixtures/gguf/generators';
import { tempCore, withTechnician } from '../../helpers/tempCore';

/**
 * Tool use end to end with a generated random-weight chat model (real node-llama-cpp): a JSON-schema
 * grammar forces the model's answer into an action call, which then meets the same checks as any
 * other call, as a signed-in technician.
 */
describe('assistant actions called by a chat model (grammar-forced)', () => {
  let llama: Llama;
  let model: LlamaModel;
  let context: LlamaContext;
  let env: Awaited<ReturnType<typeof tempCore>>;
  let tech: Seat;
  let sessionId: string;
  let propose: ProposeAction;
  let sequence: LlamaContextSequence;

  beforeAll(async () => {
    env = await tempCore();
    ({ tech } = await withTechnician(env.core));
    sessionId = (unwrap(await env.core.call('sessions.create', { title: 'Pump' }, tech)) as { id: string }).id;
    propose = async (name, args) => unwrap((await env.core.call('actions.propose', { name, args, sessionId }, tech)) as Result<ActionOutcome>);
    llama = await getLlama({ gpu: false, build: 'never' });
    model = await llama.loadModel({ modelPath: tinyChatModel() });
    context = await model.createContext({ contextSize: 1024, sequences: 1, threads: 2 });
    sequence = context.getSequence();
  }, 120_000);
  afterAll(async () => {
    await context?.dispose();
    await model?.dispose();
    await llama?.dispose();
    await env?.cleanup();
  });

  const call = (name: string, args: Record<string, unknown>) =>
    forcedActionCall(llama, sequence, 'Use a tool.', { type: 'object', properties: { name: { const: name }, args: { type: 'object', properties: args } } } as never, propose);

  it('a read-only action the model calls runs at once', async () => {
    const { raw, outcome } = await call('list_documents', {});
    expect(JSON.parse(raw)).toEqual({ name: 'list_documents', args: {} });
    expect(outcome).toEqual({ status: 'done', name: 'list_documents', summary: '0 manuals.', result: [] });
  });

  it('a changing action the model calls waits for the user; nothing changes until confirmed', async () => {
    const { outcome } = await call('filter_to_machine', { machine: { enum: ['X200'] } });
    expect(outcome).toMatchObject({ status: 'confirm', name: 'filter_to_machine', summary: expect.stringContaining('X200') });
    expect((unwrap(await env.core.call('sessions.get', { id: sessionId }, tech)) as { machine: string }).machine).toBe('');
  });

  it('a refused call reports why: admin-only for a technician, and arguments outside the schema', async () => {
    const admin = await call('add_service_note', { note: { enum: ['Fuse F2 replaced'] } });
    expect(admin.outcome).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^Only an admin can/) });
    const wrong = await call('open_page', { docId: { enum: ['d1'] }, page: { enum: ['three'] } });
    expect(JSON.parse(wrong.raw).args).toEqual({ docId: 'd1', page: 'three' });
    expect(wrong.outcome).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^The arguments do not fit open_page: page/) });
  });

  it('the same actions as chat-session functions: parameters from the checking schema, calls go through propose', async () => {
    expect(actionParams('open_page')).toMatchObject({ type: 'object', properties: { docId: { type: 'string' }, page: { type: 'integer' } } });
    const seen: ActionOutcome[] = [];
    const fns = actionFunctions(propose, (o) => seen.push(o)) as Record<string, { description?: string; handler(p: unknown): Promise<unknown> }>;
    expect(Object.keys(fns)).toEqual(['search_manuals', 'open_page', 'list_documents', 'filter_to_machine', 'escalate_to_supervisor', 'add_service_note']);
    expect(await fns.add_service_note.handler({ note: 'x' })).toMatch(/^Refused: Only an admin/);
    expect(await fns.filter_to_machine.handler({ machine: 'X300' })).toMatch(/^Proposed to the user, waiting for confirmation: Limit this session/);
    expect(seen.map((o) => o.status)).toEqual(['refused', 'confirm']);
  });
});

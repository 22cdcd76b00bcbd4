import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../src/shared/result';
import { SessionStore } from '../../../src/main/core/sessions/sessionStore';
import { nullLogger } from '../../../src/main/core/platform/logger';
import { NOT_FOUND_TEXT } from '../../../src/main/core/chat/answerTemplates';
import type { ChatEnginePort, ChatTurnRequest } from '../../../src/main/core/chat/ports';
import type { ChatMessage } from '../../../src/shared/contract/sessions';
import type { PageTextResult } from '../../../src/shared/contract/library';
import { tempCore } from '../../helpers/tempCore';
import { chatWith, disposeChats, flat, importSampleManual, loadTinyChat } from './harness';
import { join } from 'node:path';

let t: Awaited<ReturnType<typeof tempCore>>;
let tiny: Awaited<ReturnType<typeof loadTinyChat>>;
let docId: string;

beforeAll(async () => {
  t = await tempCore();
  docId = await importSampleManual(t.core, t.dir);
  tiny = await loadTinyChat();
});
afterAll(async () => {
  await disposeChats();
  await tiny?.dispose();
  await t?.cleanup();
});

async function pageText(page: number): Promise<PageTextResult> {
  return unwrap(await t.core.api.library.pageText({ docId, page }));
}

/** Every cited quote must be verbatim text of the cited physical page. */
async function expectQuotesOnPages(m: ChatMessage): Promise<void> {
  for (const s of [...m.sources, ...m.related]) {
    const p = await pageText(s.page);
    expect(flat(p.text)).toContain(flat(s.quote));
    expect(s.pageLabel).toBe(p.pageLabel);
  }
}

describe('chat through the core contract (no model loaded)', () => {
  it('answers in search-only mode with citations whose pages contain the quotes', async () => {
    const deltas: string[] = [];
    const off = t.core.events.on('chat.delta', (e) => deltas.push(e.delta));
    const done = new Promise<ChatMessage>((resolve) => t.core.events.on('chat.done', (e) => resolve(e.message)));
    const r = await t.core.api.chat.send({ text: 'What does fault E-204 mean?' });
    expect(r.ok).toBe(true);
    const started = (r as { value: { sessionId: string; messageId: string } }).value;
    const m = await done;
    off();
    expect(m.id).toBe(started.messageId);
    expect(m.mode).toBe('search_only');
    expect(m.text.startsWith('From ')).toBe(true);
    expect(deltas.join('')).toBe(m.text);
    expect(m.sources.length).toBeGreaterThan(0);
    expect(m.sources.map((s) => s.n)).toEqual(m.sources.map((_, i) => i + 1));
    const top = m.sources[0];
    expect(top).toMatchObject({ docId, page: 4, pageLabel: '2', revision: 'B' });
    expect(top.quote).toContain('E-204');
    await expectQuotesOnPages(m);
    const session = await t.core.api.sessions.get({ id: started.sessionId });
    expect(session).toMatchObject({ ok: true, value: { title: 'What does fault E-204 mean?', messages: [{ role: 'user' }, { role: 'assistant', mode: 'search_only' }] } });
    const stats = await t.core.api.app.stats();
    expect(stats).toMatchObject({ ok: true, value: { chat: { sessions: 1, answers: 1, searchOnlyShare: 1 } } });
  });

  it('says plainly when the manuals do not cover the question, without calling the model', async () => {
    let generateCalls = 0;
    const spy: ChatEnginePort = {
      isLoaded: () => true,
      modelId: () => 'spy',
      contextSize: () => tiny.engine.contextSize(),
      countTokens: (x) => tiny.engine.countTokens(x),
      complete: (p, o) => tiny.engine.complete(p, o),
      generate: (req) => {
        generateCalls++;
        return tiny.engine.generate(req);
      },
      dropSession: (id) => tiny.engine.dropSession(id)
    };
    const h = chatWith(t.core, join(t.dir, 'nf'), () => spy);
    await h.open();
    const s = await h.chat.send({ text: 'How do I replace the espresso grinder burrs on the Z9000 coffee robot?' });
    const m = await h.finished(s.messageId);
    expect(m.mode).toBe('not_found');
    expect(m.text.startsWith(NOT_FOUND_TEXT)).toBe(true);
    expect(m.sources).toEqual([]);
    expect(generateCalls).toBe(0);
    await expectQuotesOnPages(m);
  });
});

describe('chat with the generated chat model', () => {
  it('streams, stores metrics and the model id, and keeps the prompt inside the context', async () => {
    let seen: ChatTurnRequest | undefined;
    const engine: ChatEnginePort = Object.assign(Object.create(tiny.engine), {
      generate: (req: ChatTurnRequest) => {
        seen = req;
        return tiny.engine.generate(req);
      }
    });
    const h = chatWith(t.core, join(t.dir, 'stream'), () => engine);
    await h.open();
    const s = await h.chat.send({ text: 'What does fault E-204 mean?', scope: { machineModels: ['X200'], documentIds: [], tags: [] } });
    const m = await h.finished(s.messageId);
    expect(m.mode).toBe('answer');
    expect(m.modelId).toBe('tiny-chat');
    expect(m.stopReason).toBe('maxTokens'); // the random model practically never emits EOS
    expect(m.metrics!.generatedTokens).toBeGreaterThan(4);
    expect(seen!.maxTokens).toBe(16);
    expect(m.metrics!.tokensPerSecond).toBeGreaterThan(0);
    expect(m.metrics!.ttftMs).toBeGreaterThanOrEqual(0);
    const streamed = h.rec.deltas.get(m.id)!;
    expect(streamed.length).toBeGreaterThan(4);
    // Gibberish has no valid markers; the stored text is the streamed text minus dropped markers.
    expect(m.text.length).toBeLessThanOrEqual(streamed.trim().length);
    expect(seen!.user).toContain('[1] X200 Service Manual (rev. B)');
    expect(seen!.user.endsWith('Question: What does fault E-204 mean?')).toBe(true);
    const promptTokens = engine.countTokens(seen!.systemPrompt) + engine.countTokens(seen!.user);
    expect(promptTokens + (seen!.maxTokens ?? 0)).toBeLessThanOrEqual(engine.contextSize());
    // Persisted: a fresh store over the same folder sees the same message.
    const again = new SessionStore(join(t.dir, 'stream', 'chat-sessions'), nullLogger);
    await again.open();
    const stored = (await again.get(s.sessionId)).messages.find((x) => x.id === m.id)!;
    await again.dispose();
    expect(stored).toEqual(m);
  });

  it('stops mid-stream and stores the partial answer', async () => {
    const h = chatWith(t.core, join(t.dir, 'stop'), () => tiny.engine, 400);
    await h.open();
    let stopped = false;
    h.events.on('chat.delta', (e) => {
      if (!stopped && (h.rec.deltas.get(e.messageId)?.length ?? 0) > 5) {
        stopped = true;
        expect(h.chat.stop(e.sessionId)).toEqual({ stopped: true });
      }
    });
    const s = await h.chat.send({ text: 'How do I clear fault E-204?' });
    const m = await h.finished(s.messageId);
    expect(stopped).toBe(true);
    expect(m.stopReason).toBe('abort');
    expect(m.metrics!.generatedTokens).toBeLessThan(400);
    expect(h.chat.stop(s.sessionId)).toEqual({ stopped: false });
    const stored = await h.store.get(s.sessionId);
    expect(stored.messages.map((x) => x.id)).toEqual([s.userMessage.id, m.id]);
  });

  it('maps injected citation markers to stored sources and drops markers citing nothing', async () => {
    let prompt: ChatTurnRequest | undefined;
    // Reports a larger window so several passages fit the prompt; the real model only gets the
    // prompt's tail (it streams real tokens), and the returned text carries injected markers.
    const injecting: ChatEnginePort = Object.assign(Object.create(tiny.engine), {
      contextSize: () => 4096,
      generate: async (req: ChatTurnRequest) => {
        prompt = req;
        const res = await tiny.engine.generate({ ...req, user: req.user.slice(-200), maxTokens: 4 });
        return { ...res, text: 'Check the thermal fuse [2]. Clear the code with a long press on the reset key [1][9].' };
      }
    });
    const h = chatWith(t.core, join(t.dir, 'cite'), () => injecting);
    await h.open();
    const s = await h.chat.send({ text: 'What does fault E-204 mean and how do I clear it?' });
    const m = await h.finished(s.messageId);
    expect(m.text).toBe('Check the thermal fuse [1]. Clear the code with a long press on the reset key [2].');
    // Prompt passage [2] became citation 1, prompt [1] became citation 2; [9] cited nothing.
    const heads = [...prompt!.user.matchAll(/^\[(\d+)\] .*$/gm)].map((x) => x[0]);
    expect(heads.length).toBeGreaterThanOrEqual(2);
    expect(m.sources).toHaveLength(2);
    expect(heads[1]).toContain(`p. ${m.sources[0].pageLabel}`);
    expect(heads[0]).toContain(`p. ${m.sources[1].pageLabel}`);
    expect(m.sources.every((x) => x.revision === 'B' && x.docId === docId)).toBe(true);
    expect(m.related.length).toBe(heads.length - 2);
    await expectQuotesOnPages(m);
  });

  it('flags a model answer that cites no passage, in the message and in the export', async () => {
    let prompt: ChatTurnRequest | undefined;
    // The generated random-weight model writes tokens but never a [n] marker.
    const recording: ChatEnginePort = Object.assign(Object.create(tiny.engine), {
      generate: async (req: ChatTurnRequest) => {
        prompt = req;
        return tiny.engine.generate(req);
      }
    });
    const h = chatWith(t.core, join(t.dir, 'uncited'), () => recording);
    await h.open();
    const s = await h.chat.send({ text: 'What does fault E-204 mean?' });
    const m = await h.finished(s.messageId);
    expect(m.mode).toBe('answer');
    expect(m.text.trim().length).toBeGreaterThan(0);
    expect(m.sources).toEqual([]);
    expect(m.uncited).toBe(true);
    // The answering line is what the prompt quotes first: the E-204 row of the fault table.
    expect(prompt!.user).toMatch(/^\[1\] [^\n]*\nAnswering line: [^]*?E-204/m);
    const { renderMarkdown } = await import('../../../src/main/core/export/renderText');
    const { buildExportDocument } = await import('../../../src/main/core/export/reportModel');
    const session = await h.store.get(s.sessionId);
    const md = renderMarkdown(buildExportDocument([session], 'test'));
    expect(md).toContain('This answer cites no passage');
  });

  it('regenerates the last answer and edits-and-resends the last question', async () => {
    const h = chatWith(t.core, join(t.dir, 'regen'), () => tiny.engine);
    await h.open();
    const s = await h.chat.send({ text: 'What does fault E-305 mean?' });
    const first = await h.finished(s.messageId);
    await expect(h.chat.regenerate('no-such-session')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await h.chat.regenerate(s.sessionId);
    expect(r.messageId).not.toBe(first.id);
    expect(r.userMessage.id).toBe(s.userMessage.id);
    await expect(h.chat.send({ sessionId: s.sessionId, text: 'busy?' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const second = await h.finished(r.messageId);
    let msgs = (await h.store.get(s.sessionId)).messages;
    expect(msgs.map((x) => x.id)).toEqual([s.userMessage.id, second.id]);
    expect(second.replyTo).toBe(s.userMessage.id);

    const e = await h.chat.editLast(s.sessionId, 'What does fault E-410 mean?');
    const third = await h.finished(e.messageId);
    msgs = (await h.store.get(s.sessionId)).messages;
    expect(msgs.map((x) => x.text.slice(0, 27))).toEqual(['What does fault E-410 mean?', third.text.slice(0, 27)]);
    expect(third.query).toBe('What does fault E-410 mean?');
  });

  it('rewrites a follow-up so it carries the previous question entities', async () => {
    const h = chatWith(t.core, join(t.dir, 'follow'), () => tiny.engine);
    await h.open();
    const s = await h.chat.send({ text: 'What does fault E-204 mean?' });
    await h.finished(s.messageId);
    const f = await h.chat.send({ sessionId: s.sessionId, text: 'and how do I clear it?' });
    const m = await h.finished(f.messageId);
    // The random model's rewrite drifts, so the heuristic carries "E-204" over.
    expect(m.query).toContain('E-204');
    expect(m.query).toContain('clear it');
    expect(m.mode).toBe('answer');
    expect([...m.sources, ...m.related].some((x) => x.page === 4)).toBe(true);
  });

  it('records feedback and surfaces it in the gap report', async () => {
    const h = chatWith(t.core, join(t.dir, 'fb'), () => undefined);
    await h.open();
    const s = await h.chat.send({ text: 'Where is jumper JP3?' });
    const m = await h.finished(s.messageId);
    const fb = await h.chat.feedback({ sessionId: s.sessionId, messageId: m.id, rating: 'not_helpful', comment: 'needs a photo' });
    expect(fb.feedback).toMatchObject({ rating: 'not_helpful', comment: 'needs a photo' });
    await expect(h.chat.feedback({ sessionId: s.sessionId, messageId: s.userMessage.id, rating: 'helpful', comment: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

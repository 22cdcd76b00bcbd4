import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatService } from '../../../src/main/core/chat/chatService';
import { NOT_FOUND_TEXT } from '../../../src/main/core/chat/answerTemplates';
import type { ChatEnginePort, ChatTurnRequest, RetrievedPassage, SearchPort } from '../../../src/main/core/chat/ports';
import { TypedEmitter } from '../../../src/main/core/platform/emitter';
import { AppError } from '../../../src/main/core/platform/errors';
import { nullLogger } from '../../../src/main/core/platform/logger';
import { SessionStore } from '../../../src/main/core/sessions/sessionStore';
import type { EventMap } from '../../../src/shared/contract';
import type { ChatMessage } from '../../../src/shared/contract/sessions';

/**
 * ChatService with scripted neighbours (search results, a token-scripted engine) so the turn
 * logic is checked deterministically; the real search + model run in test/integration/chat.
 */
const passages: RetrievedPassage[] = [1, 2, 3, 4].map((i) => ({
  docId: 'doc',
  docTitle: 'X200 Manual',
  page: i,
  pageLabel: `p${i}`,
  sectionPath: '',
  text: `passage ${i}`,
  highlight: { charStart: 0, charEnd: 7 }
}));

function scriptedEngine(tokens: string[], opts: { throwOnAbort?: boolean } = {}) {
  const calls: ChatTurnRequest[] = [];
  const engine: ChatEnginePort = {
    isLoaded: () => true,
    modelId: () => 'scripted',
    contextSize: () => 4096,
    countTokens: (t) => Math.ceil(t.length / 4),
    complete: async () => '',
    dropSession: () => {},
    async generate(req) {
      calls.push(req);
      let text = '';
      for (const t of tokens) {
        await new Promise((r) => setTimeout(r, 2));
        if (req.signal?.aborted) {
          if (opts.throwOnAbort) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
          return { text, stopReason: 'abort', metrics: { promptTokens: 1, evaluatedPromptTokens: 1, generatedTokens: text.length, ttftMs: 1, tokensPerSecond: 1, totalMs: 1 } };
        }
        text += t;
        req.onToken?.(t);
      }
      return { text, stopReason: 'eos', metrics: { promptTokens: 1, evaluatedPromptTokens: 1, generatedTokens: tokens.length, ttftMs: 1, tokensPerSecond: 50, totalMs: 9 } };
    }
  };
  return { engine, calls };
}

let dir: string;
let store: SessionStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'benchmate-chatsvc-'));
  store = new SessionStore(dir, nullLogger);
  await store.open();
});
let services: ChatService[] = [];
afterEach(async () => {
  await Promise.all(services.map((c) => c.dispose()));
  services = [];
  await store.dispose();
  await rm(dir, { recursive: true, force: true });
});

function service(search: SearchPort | undefined, engine: ChatEnginePort | undefined) {
  const events = new TypedEmitter<EventMap>();
  const log: Array<[string, unknown]> = [];
  events.onAny((e, p) => log.push([e, p]));
  const chat = new ChatService({ store, search: () => search, engine: () => engine, retrieval: () => ({ resultsPerAnswer: 4 }), events, logger: nullLogger });
  services.push(chat);
  const outcome = (id: string) =>
    new Promise<ChatMessage>((resolve, reject) => {
      const check = () => {
        const done = log.find(([e, p]) => e === 'chat.done' && (p as EventMap['chat.done']).message.id === id);
        const err = log.find(([e, p]) => e === 'chat.error' && (p as EventMap['chat.error']).messageId === id);
        if (done) resolve((done[1] as EventMap['chat.done']).message);
        else if (err) reject(new AppError((err[1] as EventMap['chat.error']).error.code, 'turn failed'));
        else setTimeout(check, 2);
      };
      check();
    });
  return { chat, log, outcome };
}

const search = (belowThreshold: boolean, list = passages): SearchPort => ({
  query: async () => ({ passages: list, evidence: { strength: belowThreshold ? 0.1 : 0.9, belowThreshold } })
});

describe('ChatService turns', () => {
  it('below the evidence threshold: refuses with the closest sections and never calls the model', async () => {
    const { engine, calls } = scriptedEngine(['x']);
    const { chat, outcome } = service(search(true), engine);
    const s = await chat.send({ text: 'flux capacitor?' });
    const m = await outcome(s.messageId);
    expect(m.mode).toBe('not_found');
    expect(m.text.startsWith(NOT_FOUND_TEXT)).toBe(true);
    expect(m.related.map((r) => r.page)).toEqual([1, 2, 3]);
    expect(m.sources).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('a not-found answer tells which asked-for terms the manuals never mention', async () => {
    const { engine } = scriptedEngine(['x']);
    const missing: SearchPort = {
      query: async () => ({ passages, evidence: { strength: 0.05, belowThreshold: true }, missing: { neverMentioned: ['ESP32'], notOnPages: ['firmware'] } })
    };
    const { chat, outcome } = service(missing, engine);
    const m = await outcome((await chat.send({ text: 'How do I flash an ESP32?' })).messageId);
    expect(m.mode).toBe('not_found');
    expect(m.text.startsWith(NOT_FOUND_TEXT)).toBe(true);
    expect(m.text).toContain('The manuals never mention ESP32.');
    expect(m.text).toContain('Missing on these pages: firmware.');
  });

  it('streams deltas in order before chat.done, then stores mapped citations', async () => {
    const { engine } = scriptedEngine(['Check ', 'the fuse ', '[3]', '. Done', ' [7].']);
    const { chat, log, outcome } = service(search(false), engine);
    const s = await chat.send({ text: 'E-204?' });
    const m = await outcome(s.messageId);
    const names = log.map(([e]) => e);
    expect(names.indexOf('chat.done')).toBeGreaterThan(names.lastIndexOf('chat.delta'));
    const deltas = log.filter(([e]) => e === 'chat.delta').map(([, p]) => (p as EventMap['chat.delta']).delta);
    expect(deltas).toEqual(['Check ', 'the fuse ', '[3]', '. Done', ' [7].']);
    expect(m.text).toBe('Check the fuse [1]. Done.');
    expect(m.sources.map((x) => [x.n, x.page])).toEqual([[1, 3]]);
    expect((await store.get(s.sessionId)).messages.at(-1)).toEqual(m);
  });

  it('keeps the streamed part when the engine throws on abort', async () => {
    const { engine } = scriptedEngine(Array.from({ length: 200 }, (_, i) => `t${i} `), { throwOnAbort: true });
    const { chat, log, outcome } = service(search(false), engine);
    const s = await chat.send({ text: 'long answer please' });
    while (!log.some(([e]) => e === 'chat.delta')) await new Promise((r) => setTimeout(r, 2));
    const [live] = chat.active();
    expect(live).toMatchObject({ sessionId: s.sessionId, messageId: s.messageId, userMessageId: s.userMessage.id });
    expect(live.text.startsWith('t0')).toBe(true);
    expect(chat.stop(s.sessionId)).toEqual({ stopped: true });
    const m = await outcome(s.messageId);
    expect(m.stopReason).toBe('abort');
    expect(m.text.startsWith('t0')).toBe(true);
    expect(m.text.length).toBeLessThan(200 * 4);
    expect(chat.active()).toEqual([]);
  });

  it('reports a missing search service as chat.error and leaves the session usable', async () => {
    const { chat, outcome } = service(undefined, undefined);
    const s = await chat.send({ text: 'anything' });
    await expect(outcome(s.messageId)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(chat.isBusy(s.sessionId)).toBe(false);
    await expect(chat.regenerate(s.sessionId)).resolves.toMatchObject({ userMessage: { id: s.userMessage.id } });
  });
});

/** A search port that holds every query at a gate: the test decides when retrieval finishes. */
function gatedSearch() {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const reached = new Promise<void>((r) => (entered = r));
  const port: SearchPort = {
    async query() {
      entered();
      await gate;
      return { passages, evidence: { strength: 0.9, belowThreshold: false } };
    }
  };
  return { port, reached, release };
}

describe('ChatService turn serialisation and stop', () => {
  it('two sends fired at once on one session: one runs, the other gets CONFLICT, and the running one can be stopped', async () => {
    const gated = gatedSearch();
    const { engine, calls } = scriptedEngine(['never']);
    const { chat, log, outcome } = service(gated.port, engine);
    const sessionId = (await store.create({})).header.id;
    const [a, b] = await Promise.allSettled([chat.send({ sessionId, text: 'first' }), chat.send({ sessionId, text: 'second' })]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT' } });
    const started = (a as PromiseFulfilledResult<Awaited<ReturnType<ChatService['send']>>>).value;
    await gated.reached;
    expect(chat.stop(sessionId)).toEqual({ stopped: true });
    gated.release();
    const m = await outcome(started.messageId);
    expect(m.stopReason).toBe('abort');
    expect(calls).toHaveLength(0);
    const stored = (await store.get(sessionId)).messages;
    expect(stored.filter((x) => x.role === 'user').map((x) => x.text)).toEqual(['first']);
    expect(log.some(([e]) => e === 'chat.error')).toBe(false);
  });

  it('a stop before the first token ends as a stored, stopped answer — chat.done, never chat.error', async () => {
    const gated = gatedSearch();
    const { engine, calls } = scriptedEngine(['too late']);
    const { chat, log, outcome } = service(gated.port, engine);
    const s = await chat.send({ text: 'E-204?' });
    await gated.reached;
    expect(chat.stop(s.sessionId)).toEqual({ stopped: true });
    gated.release();
    const m = await outcome(s.messageId);
    expect(m).toMatchObject({ role: 'assistant', text: '', stopReason: 'abort', replyTo: s.userMessage.id, sources: [] });
    expect(calls).toHaveLength(0);
    expect(log.filter(([e]) => e === 'chat.error')).toEqual([]);
    expect(log.filter(([e]) => e === 'chat.delta')).toEqual([]);
    expect((await store.get(s.sessionId)).messages.at(-1)).toEqual(m);
    expect(chat.isBusy(s.sessionId)).toBe(false);
  });

  it('a stop while the turn is only reserved (question not yet stored) still stops it', async () => {
    const { engine, calls } = scriptedEngine(['never']);
    const { chat, outcome } = service(search(false), engine);
    const sessionId = (await store.create({})).header.id;
    const sending = chat.send({ sessionId, text: 'stop me at once' });
    expect(chat.isBusy(sessionId)).toBe(true);
    expect(chat.active()).toEqual([]);
    expect(chat.stop(sessionId)).toEqual({ stopped: true });
    const m = await outcome((await sending).messageId);
    expect(m.stopReason).toBe('abort');
    expect(calls).toHaveLength(0);
  });

  it('a failed setup frees the reservation (unknown session: NOT_FOUND, then nothing is busy)', async () => {
    const { chat } = service(search(false), undefined);
    await expect(chat.send({ sessionId: 'nope', text: 'hello' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(chat.isBusy('nope')).toBe(false);
  });
});

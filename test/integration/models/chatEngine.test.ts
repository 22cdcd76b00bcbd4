import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLlama, type Llama, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import { LlamaChatEngine } from '../../../src/main/core/models/chatEngine';
import { tinyChatModel } from '../../fixtures/gguf/generators';
import { sharedPath } from '../../helpers/sharedDir';

const SYSTEM = 'You answer questions about equipment manuals. Cite pages. '.repeat(3);

describe('LlamaChatEngine on a generated llama model (real node-llama-cpp, 2 threads)', () => {
  let llama: Llama;
  let model: LlamaModel;
  let context: LlamaContext;
  const engine = new LlamaChatEngine();

  beforeAll(async () => {
    llama = await getLlama({ gpu: false, build: 'never' });
    model = await llama.loadModel({ modelPath: tinyChatModel() });
    context = await model.createContext({ contextSize: 1024, sequences: 3, threads: 2 });
    await engine.attach('tiny-chat', model, context);
  });
  afterAll(async () => {
    await engine.detach();
    await context?.dispose();
    await model?.dispose();
    await llama?.dispose();
  });

  it('reports the loaded model and counts tokens with its tokenizer', () => {
    expect(engine.isLoaded()).toBe(true);
    expect(engine.modelId()).toBe('tiny-chat');
    expect(engine.contextSize()).toBe(1024);
    const short = engine.countTokens('E-204');
    expect(short).toBeGreaterThan(0);
    expect(engine.countTokens('E-204 pump pressure fault on the X200')).toBeGreaterThan(short);
  });

  it('streams tokens and stops at maxTokens with metrics', async () => {
    const chunks: string[] = [];
    const r = await engine.generate({ sessionId: 'stream', systemPrompt: SYSTEM, history: [], user: 'What does E-204 mean?', maxTokens: 24, onToken: (t) => chunks.push(t) });
    expect(r.stopReason).toBe('maxTokens');
    expect(r.metrics.generatedTokens).toBe(24);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(r.text);
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.metrics.promptTokens).toBeGreaterThan(engine.countTokens(SYSTEM));
    // Fresh sequence: essentially the whole prompt is evaluated.
    expect(r.metrics.evaluatedPromptTokens).toBeGreaterThanOrEqual(r.metrics.promptTokens - 2);
    expect(r.metrics.ttftMs).toBeGreaterThan(0);
    expect(r.metrics.totalMs).toBeGreaterThanOrEqual(r.metrics.ttftMs);
    expect(r.metrics.tokensPerSecond).toBeGreaterThan(0);
  });

  it('aborts promptly when the signal fires', async () => {
    const ac = new AbortController();
    let seen = 0;
    const r = await engine.generate({
      sessionId: 'abort',
      systemPrompt: SYSTEM,
      history: [],
      user: 'Explain everything.',
      maxTokens: 400,
      signal: ac.signal,
      onToken: () => {
        if (++seen === 5) ac.abort();
      }
    });
    expect(r.stopReason).toBe('abort');
    expect(r.metrics.generatedTokens).toBeLessThanOrEqual(8);
  });

  it('a follow-up turn evaluates only the new tail, not the history (KV cache reuse)', async () => {
    const first = await engine.generate({ sessionId: 'reuse', systemPrompt: SYSTEM, history: [], user: 'What does E-204 mean on the X200?', maxTokens: 16 });
    const history = [
      { role: 'user' as const, text: 'What does E-204 mean on the X200?' },
      { role: 'assistant' as const, text: first.text }
    ];
    const second = await engine.generate({ sessionId: 'reuse', systemPrompt: SYSTEM, history, user: 'And E-205?', maxTokens: 16 });
    expect(second.metrics.promptTokens).toBeGreaterThan(first.metrics.promptTokens);
    expect(second.metrics.evaluatedPromptTokens).toBeLessThan(second.metrics.promptTokens / 4);
    expect(second.metrics.evaluatedPromptTokens).toBeGreaterThan(0);

    // Another session gets another sequence: at most a shared system-prompt prefix is reused
    // there, so it must evaluate the history this session had cached.
    const other = await engine.generate({ sessionId: 'reuse-other', systemPrompt: SYSTEM, history, user: 'And E-205?', maxTokens: 4 });
    const historyTokens = history.reduce((n, h) => n + engine.countTokens(h.text), 0);
    expect(other.metrics.evaluatedPromptTokens).toBeGreaterThanOrEqual(historyTokens);
  });

  it('keeps a bounded LRU of sessions; an evicted or dropped session re-evaluates once', async () => {
    const user = (sessionId: string) => `${sessionId}: is the pump fault E-204 cleared after a reset?`;
    const turn = (sessionId: string) => engine.generate({ sessionId, systemPrompt: SYSTEM, history: [], user: user(sessionId), maxTokens: 2 });
    await turn('lru-a');
    await turn('lru-b');
    expect(engine.warmSessions()).toEqual(['lru-a', 'lru-b']);
    const again = await turn('lru-b');
    expect(again.metrics.evaluatedPromptTokens).toBeLessThan(again.metrics.promptTokens / 4);
    await turn('lru-c'); // evicts lru-a (least recently used)
    expect(engine.warmSessions()).toEqual(['lru-b', 'lru-c']);
    const back = await turn('lru-a');
    expect(again.metrics.evaluatedPromptTokens).toBeLessThanOrEqual(2);
    expect(back.metrics.evaluatedPromptTokens).toBeGreaterThanOrEqual(engine.countTokens(user('lru-a')) - 2);
    engine.dropSession('lru-a');
    expect(engine.warmSessions()).not.toContain('lru-a');
  });

  it('drops the oldest history turns when the window is too small', async () => {
    const long = 'The hydraulic pump pressure must be checked before restart. '.repeat(3);
    const history = Array.from({ length: 8 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', text: long }));
    // A large answer budget leaves little room for history; stop after the first token (speed).
    const ac = new AbortController();
    const r = await engine.generate({ sessionId: 'budget', systemPrompt: SYSTEM, history, user: 'Summarise.', maxTokens: 400, signal: ac.signal, onToken: () => ac.abort() });
    expect(r.droppedHistoryTurns).toBeGreaterThan(0);
    expect(r.droppedHistoryTurns).toBeLessThan(history.length);
    expect(r.metrics.promptTokens + 400).toBeLessThanOrEqual(engine.contextSize());
  });

  it('complete() runs short utility generations without touching chat sessions', async () => {
    const before = engine.warmSessions();
    const out = await engine.complete('Rewrite as a search query: pump fault', { maxTokens: 8 });
    expect(typeof out).toBe('string');
    expect(out.length).toBeGreaterThan(0);
    expect(engine.warmSessions()).toEqual(before);
  });
});

describe('LlamaChatEngine without a model', () => {
  it('throws MODEL_NOT_LOADED', async () => {
    const engine = new LlamaChatEngine();
    expect(engine.isLoaded()).toBe(false);
    await expect(async () => engine.generate({ sessionId: 's', systemPrompt: '', history: [], user: 'x' })).rejects.toMatchObject({ code: 'MODEL_NOT_LOADED' });
    await expect(async () => engine.complete('x')).rejects.toMatchObject({ code: 'MODEL_NOT_LOADED' });
  });
});

const STORIES = sharedPath('models', 'stories260K.gguf');
if (!existsSync(STORIES)) console.warn(`skipping real-model chat test: ${STORIES} not present`);
describe.skipIf(!existsSync(STORIES))('real model: stories260K', () => {
  it('generates text through the engine', async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    const model = await llama.loadModel({ modelPath: STORIES });
    const context = await model.createContext({ contextSize: 256, sequences: 2, threads: 2 });
    const engine = new LlamaChatEngine();
    await engine.attach('stories260K', model, context);
    try {
      let streamed = '';
      const r = await engine.generate({ sessionId: 'story', systemPrompt: '', history: [], user: 'Once upon a time', maxTokens: 24, onToken: (t) => (streamed += t) });
      expect(r.metrics.generatedTokens).toBeGreaterThan(0);
      expect(streamed).toBe(r.text);
      expect(r.text).toMatch(/[a-z]/i);
    } finally {
      await engine.detach();
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    }
  });
});

describe('LlamaChatEngine detach', () => {
  it('aborts a running generation promptly when the model is unloaded', async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    const model = await llama.loadModel({ modelPath: tinyChatModel() });
    const context = await model.createContext({ contextSize: 512, sequences: 2, threads: 2 });
    const engine = new LlamaChatEngine();
    await engine.attach('tiny', model, context);
    let tokens = 0;
    let detached: Promise<void> | undefined;
    const turn = engine.generate({ sessionId: 'long', systemPrompt: '', history: [], user: 'Tell a long story', maxTokens: 400, onToken: () => {
      if (++tokens === 3) detached = engine.detach();
    } });
    const r = await turn;
    await detached;
    expect(r.stopReason).toBe('abort');
    expect(r.metrics.generatedTokens).toBeLessThan(10);
    expect(engine.isLoaded()).toBe(false);
    await context.dispose();
    await model.dispose();
    await llama.dispose();
  });
});

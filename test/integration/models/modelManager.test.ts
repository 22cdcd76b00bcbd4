import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelsState } from '../../../src/shared/contract/models';
import { tempCore } from '../../helpers/tempCore';
import { tinyChatModel, tinyEmbeddingModel, tinyRerankerModel } from '../../fixtures/gguf/generators';

type TC = Awaited<ReturnType<typeof tempCore>>;

describe('models.* through a real core', () => {
  let t: TC;
  const states: ModelsState[] = [];
  const lists: number[] = [];
  beforeAll(async () => {
    t = await tempCore();
    t.core.events.on('models.state', (s) => states.push(s));
    t.core.events.on('models.changed', (l) => lists.push(l.length));
  });
  afterAll(async () => t?.cleanup());

  it('rejects a non-GGUF, a truncated GGUF and a missing file with clear errors', async () => {
    const notGguf = join(t.dir, 'manual.gguf');
    writeFileSync(notGguf, '%PDF-1.7 this is not a model');
    const r1 = await t.core.api.models.import({ path: notGguf });
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.error.code).toBe('UNSUPPORTED_FILE');
      expect(r1.error.message).toMatch(/not a GGUF/i);
    }
    const full = readFileSync(tinyChatModel());
    const truncated = join(t.dir, 'truncated.gguf');
    writeFileSync(truncated, full.subarray(0, Math.floor(full.length * 0.6)));
    const r2 = await t.core.api.models.import({ path: truncated });
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.error.code).toBe('UNSUPPORTED_FILE');
      expect(r2.error.message).toMatch(/truncated/i);
    }
    const headerOnly = join(t.dir, 'header-only.gguf');
    writeFileSync(headerOnly, full.subarray(0, 200));
    const r3 = await t.core.api.models.import({ path: headerOnly });
    expect(r3.ok || r3.error.code).toBe('UNSUPPORTED_FILE');
    const r4 = await t.core.api.models.import({ path: join(t.dir, 'nope.gguf') });
    expect(r4.ok || r4.error.code).toBe('NOT_FOUND');
    expect((await t.core.api.models.list()).ok && (await t.core.api.models.list())).toMatchObject({ value: [] });
  });

  it('imports chat (copy) and embedding (reference) models and classifies them', async () => {
    const src = join(t.dir, 'My Tiny Chat.gguf');
    copyFileSync(tinyChatModel(), src);
    const chat = await t.core.api.models.import({ path: src, mode: 'copy' });
    expect(chat.ok).toBe(true);
    if (!chat.ok) return;
    expect(chat.value).toMatchObject({ id: 'my-tiny-chat', kind: 'chat', architecture: 'llama', source: 'copied', hasChatTemplate: true, contextLength: 4096 });
    expect(chat.value.path.startsWith(t.core.config.paths.models)).toBe(true);
    expect(existsSync(chat.value.path)).toBe(true);

    const emb = await t.core.api.models.import({ path: tinyEmbeddingModel(), mode: 'reference' });
    expect(emb.ok && emb.value).toMatchObject({ kind: 'embedding', architecture: 'bert', source: 'referenced', embeddingLength: 64 });
    const dup = await t.core.api.models.import({ path: src });
    expect(dup.ok || dup.error.code).toBe('DUPLICATE');
    const list = await t.core.api.models.list();
    expect(list.ok && list.value.map((m) => m.kind).sort()).toEqual(['chat', 'embedding']);
    expect(lists).toEqual([1, 2]); // one models.changed per successful import, none for failures
  });

  it('estimates memory, then loads the chat model as a job and reports it in health', async () => {
    const est = await t.core.api.models.estimate({ id: 'my-tiny-chat', contextSize: 1024 });
    expect(est.ok && est.value.ramBytes).toBeGreaterThan(0);
    expect(est.ok && est.value.fits).toBe(true);

    const before = (await t.core.health()).components.find((c) => c.name === 'chatModel');
    expect(before?.status).toBe('off');
    const started = await t.core.api.models.load({ id: 'my-tiny-chat', contextSize: 1024 });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const done = await t.core.jobs.wait(started.value.jobId);
    expect(done.status).toBe('succeeded');
    expect(states.some((s) => s.slots.find((x) => x.role === 'chat')?.status === 'loading')).toBe(true);
    const st = await t.core.api.models.state();
    expect(st.ok && st.value.slots.find((s) => s.role === 'chat')).toMatchObject({ status: 'loaded', modelId: 'my-tiny-chat', contextSize: 1024 });
    expect(st.ok && st.value.threads).toBe(2);
    const health = (await t.core.health()).components.find((c) => c.name === 'chatModel');
    expect(health?.status).toBe('ok');
    expect(t.core.settings.get().models.chatModelId).toBe('my-tiny-chat');
    expect(t.core.models.chatEngine.isLoaded()).toBe(true);
    const r = await t.core.models.chatEngine.generate({ sessionId: 's', systemPrompt: 'Be brief.', history: [], user: 'E-204?', maxTokens: 4 });
    expect(r.metrics.generatedTokens).toBe(4);
  });

  it('refuses a model in the wrong role with UNSUPPORTED_FILE in the job and error state', async () => {
    const started = await t.core.api.models.load({ id: 'my-tiny-chat', role: 'embedding' });
    if (!started.ok) throw new Error(started.error.message);
    const done = await t.core.jobs.wait(started.value.jobId);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('UNSUPPORTED_FILE');
    const health = (await t.core.health()).components.find((c) => c.name === 'embeddingModel');
    expect(health?.status).toBe('error');
  });

  it('unloads and removes; a removed copied model file is deleted', async () => {
    const path = t.core.models.registry.get('my-tiny-chat')!.path;
    const u = await t.core.api.models.unload({ role: 'chat' });
    expect(u.ok && u.value.unloaded).toBe(true);
    expect(t.core.models.chatEngine.isLoaded()).toBe(false);
    expect(t.core.settings.get().models.chatModelId).toBe(null);
    const rm = await t.core.api.models.remove({ id: 'my-tiny-chat' });
    expect(rm.ok && rm.value.removed).toBe(true);
    expect(existsSync(path)).toBe(false);
    // the referenced embedding model's file is never deleted
    await t.core.api.models.remove({ id: t.core.models.list()[0].id });
    expect(existsSync(tinyEmbeddingModel())).toBe(true);
  });

  it('loads a ranking model and exposes it as the reranker port', async () => {
    expect(t.core.models.reranker()).toBeNull();
    const imp = await t.core.api.models.import({ path: tinyRerankerModel(), mode: 'reference' });
    if (!imp.ok) throw new Error(imp.error.message);
    expect(imp.value.kind).toBe('ranking');
    const l = await t.core.api.models.load({ id: imp.value.id });
    if (!l.ok) throw new Error(l.error.message);
    expect((await t.core.jobs.wait(l.value.jobId)).status).toBe('succeeded');
    const rr = t.core.models.reranker();
    expect(rr?.modelId).toBe(imp.value.id);
    const scores = await rr!.rank('pump pressure', ['pump pressure fault', 'lunch menu']);
    expect(scores).toHaveLength(2);
    expect(scores.every((x) => Number.isFinite(x))).toBe(true);
    expect(t.core.settings.get().models.rerankerModelId).toBe(imp.value.id);
    await t.core.api.models.remove({ id: imp.value.id });
    expect(t.core.models.reranker()).toBeNull();
  });

  it('lists a catalog with one recommended model per kind for this machine', async () => {
    const c = await t.core.api.models.catalog();
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    for (const kind of ['chat', 'embedding'] as const) expect(c.value.filter((e) => e.kind === kind && e.recommended)).toHaveLength(1);
    expect(c.value.every((e) => e.uri.startsWith('hf:') || e.uri.startsWith('https://'))).toBe(true);
  });

  it('remembers the loaded model and reloads it in the background on the next start', async () => {
    const dir = t.dir;
    const src = join(dir, 'restart-chat.gguf');
    copyFileSync(tinyChatModel(), src);
    const imp = await t.core.api.models.import({ path: src, mode: 'reference' });
    if (!imp.ok) throw new Error(imp.error.message);
    const l = await t.core.api.models.load({ id: imp.value.id, contextSize: 512 });
    if (!l.ok) throw new Error(l.error.message);
    await t.core.jobs.wait(l.value.jobId);
    const { createCore } = await import('../../../src/main/core/createCore');
    const { pathsFor } = await import('../../../src/main/core/config');
    await t.core.dispose();
    const core2 = await createCore({ paths: pathsFor(dir), host: 'test', version: 't', logLevel: 'warn', threads: 2 });
    try {
      const job = core2.jobs.list().find((j) => j.kind === 'models.load');
      expect(job).toBeDefined();
      await core2.jobs.wait(job!.jobId);
      expect(core2.models.chatEngine.modelId()).toBe(imp.value.id);
    } finally {
      await core2.dispose();
    }
  });
});

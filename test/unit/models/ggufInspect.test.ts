import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLlama, type Llama } from 'node-llama-cpp';
import { inspectGguf } from '../../../src/main/core/models/ggufInspect';
import { ensureFixture, llamaSpec, tinyChatModel, tinyEmbeddingModel, tinyRerankerModel } from '../../fixtures/gguf/generators';
import { writeGguf } from '../../fixtures/gguf/ggufWriter';
import { sharedPath } from '../../helpers/sharedDir';

describe('inspectGguf classifies generated models', () => {
  let llama: Llama;
  beforeAll(async () => {
    llama = await getLlama({ gpu: false, build: 'never' });
  });
  afterAll(async () => llama?.dispose());

  it('llama with a chat template -> chat', async () => {
    const r = await inspectGguf(tinyChatModel(), llama);
    expect(r).toMatchObject({ kind: 'chat', architecture: 'llama', hasChatTemplate: true, contextLength: 4096, quantization: 'F32' });
    expect(r.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('llama without a template is still a chat (completion) model, with a warning naming the format used', async () => {
    const r = await inspectGguf(ensureFixture('chat', { chatTemplate: null, name: 'no-template' }), llama);
    expect(r).toMatchObject({ kind: 'chat', hasChatTemplate: false });
    expect(r.warnings[0]).toMatch(/no chat template.*"General" prompt format/);
  });

  it('a model with a template gets no template warning', async () => {
    const r = await inspectGguf(tinyChatModel(), llama);
    expect(r.warnings.some((w) => /chat template/.test(w))).toBe(false);
  });

  it('a vocabulary-only file is refused as such, not as "truncated"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-vocab-'));
    const path = join(dir, 'ggml-vocab-tiny.gguf');
    writeGguf(path, { metadata: llamaSpec().metadata, tensors: [] });
    await expect(inspectGguf(path, llama)).rejects.toThrow(/only a tokenizer vocabulary/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('bert -> embedding, bert with a classifier head -> ranking', async () => {
    expect(await inspectGguf(tinyEmbeddingModel(), llama)).toMatchObject({ kind: 'embedding', architecture: 'bert', embeddingLength: 64 });
    expect(await inspectGguf(tinyRerankerModel(), llama)).toMatchObject({ kind: 'ranking', architecture: 'bert' });
  });
});

const STORIES = sharedPath('models', 'stories260K.gguf');
if (!existsSync(STORIES)) console.warn(`skipping real-file inspection: ${STORIES} not present`);
describe.skipIf(!existsSync(STORIES))('inspectGguf on a real file', () => {
  it('stories260K: a llama chat (completion) model without a template', async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    try {
      expect(await inspectGguf(STORIES, llama)).toMatchObject({ kind: 'chat', architecture: 'llama', hasChatTemplate: false, contextLength: 2048 });
      const vocab = sharedPath('models', 'ggml-vocab-bert-bge.gguf');
      if (existsSync(vocab)) await expect(inspectGguf(vocab, llama)).rejects.toThrow(/only a tokenizer vocabulary/);
    } finally {
      await llama.dispose();
    }
  });
});

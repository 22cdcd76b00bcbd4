import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLlama, type Llama } from 'node-llama-cpp';
import { inspectGguf } from '../../../src/main/core/models/ggufInspect';
import { ensureFixture, tinyChatModel, tinyEmbeddingModel, tinyRerankerModel } from '../../fixtures/gguf/generators';

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

  it('llama without a template is still a chat (completion) model', async () => {
    const r = await inspectGguf(ensureFixture('chat', { chatTemplate: null, name: 'no-template' }), llama);
    expect(r).toMatchObject({ kind: 'chat', hasChatTemplate: false });
  });

  it('bert -> embedding, bert with a classifier head -> ranking', async () => {
    expect(await inspectGguf(tinyEmbeddingModel(), llama)).toMatchObject({ kind: 'embedding', architecture: 'bert', embeddingLength: 64 });
    expect(await inspectGguf(tinyRerankerModel(), llama)).toMatchObject({ kind: 'ranking', architecture: 'bert' });
  });
});

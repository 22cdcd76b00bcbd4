import { describe, expect, it } from 'vitest';
import { createModelsStore, slotOf } from '../../../../src/renderer/src/features/models/modelsStore';
import type { ModelInfo, ModelsState } from '../../../../src/shared/contract/models';
import { createFakeApi } from '../shell/fakeApi';
import { AppError } from '../../../../src/shared/result';

const model = (over: Partial<ModelInfo> = {}): ModelInfo => ({
  id: 'tiny',
  name: 'Tiny Chat',
  kind: 'chat',
  architecture: 'llama',
  fileName: 'tiny.gguf',
  path: '/m/tiny.gguf',
  source: 'copied',
  bytes: 1000,
  fingerprint: 'f',
  contextLength: 2048,
  embeddingLength: null,
  parameters: null,
  quantization: 'Q8_0',
  hasChatTemplate: true,
  addedAt: '2026-01-01T00:00:00.000Z',
  warnings: [],
  ...over
});

const runtime = (over: Partial<ModelsState> = {}): ModelsState => ({
  slots: [
    { role: 'chat', modelId: null, status: 'unloaded' },
    { role: 'embedding', modelId: null, status: 'unloaded' }
  ],
  embeddings: { servingModelId: null, buildingModelId: null, embedded: 0, total: 0, complete: false, jobId: null },
  threads: 2,
  gpu: 'cpu',
  ...over
});

function fakeModelsCore() {
  let models: ModelInfo[] = [];
  let state = runtime();
  const fake = createFakeApi({
    'models.list': () => models,
    'models.state': () => state,
    'models.catalog': () => {
      throw new AppError('INTERNAL', 'catalog unavailable');
    },
    'models.import': ({ path, mode }) => {
      if (!path.endsWith('.gguf')) throw new AppError('UNSUPPORTED_FILE', 'not a GGUF file');
      const m = model({ id: path.split('/').pop()!.replace('.gguf', ''), path, source: mode === 'reference' ? 'referenced' : 'copied' });
      models = [...models, m];
      return m;
    },
    'models.load': ({ id }) => {
      state = runtime({ slots: [{ role: 'chat', modelId: id, status: 'loading', progress: 0.5 }] });
      return { jobId: 'load1' };
    },
    'models.unload': ({ role }) => {
      state = runtime();
      return { unloaded: role === 'chat' };
    },
    'models.remove': ({ id }) => {
      const before = models.length;
      models = models.filter((m) => m.id !== id);
      return { removed: models.length < before };
    },
    'models.estimate': ({ id, contextSize }) => ({ modelId: id, contextSize: contextSize ?? 4096, ramBytes: 5e8, vramBytes: 0, totalRamBytes: 24e9, fits: true })
  });
  return { fake, state: () => state };
}

describe('models store', () => {
  it('refresh shows installed models even when the catalog fails', async () => {
    const { fake } = fakeModelsCore();
    const store = createModelsStore(fake.api);
    await store.getState().importModel('/x/tiny.gguf');
    await store.getState().refresh();
    expect(store.getState().models.map((m) => m.id)).toEqual(['tiny']);
    expect(store.getState().catalog).toEqual([]);
    expect(store.getState().error).toBeNull();
    expect(store.getState().loaded).toBe(true);
  });

  it('import passes the mode and reports a rejected file', async () => {
    const { fake } = fakeModelsCore();
    const store = createModelsStore(fake.api);
    expect((await store.getState().importModel('/x/a.gguf', 'reference'))?.source).toBe('referenced');
    expect(await store.getState().importModel('/x/readme.txt')).toBeNull();
    expect(store.getState().error?.code).toBe('UNSUPPORTED_FILE');
    expect(store.getState().busy.import).toBeUndefined();
  });

  it('load returns the job; the models.state event drives the slot; unload refreshes state', async () => {
    const { fake, state } = fakeModelsCore();
    const store = createModelsStore(fake.api);
    await store.getState().importModel('/x/tiny.gguf');
    expect(await store.getState().loadModel('tiny')).toBe('load1');
    expect(fake.callsTo('models.load')).toEqual([{ id: 'tiny' }]);
    store.getState().setRuntime(state());
    expect(slotOf(store.getState().runtime, 'tiny')?.progress).toBe(0.5);
    expect(await store.getState().unload('chat')).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(slotOf(store.getState().runtime, 'tiny')).toBeUndefined();
  });

  it('estimate is cached per model; remove drops the row', async () => {
    const { fake } = fakeModelsCore();
    const store = createModelsStore(fake.api);
    await store.getState().importModel('/x/tiny.gguf');
    await store.getState().estimate('tiny', 8192);
    expect(store.getState().estimates.tiny.contextSize).toBe(8192);
    expect(await store.getState().remove('tiny')).toBe(true);
    expect(store.getState().models).toEqual([]);
  });
});

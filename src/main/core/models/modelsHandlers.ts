import type { Handlers } from '../../../shared/contract';
import type { ModelManager } from './modelManager';

export function modelsHandlers(m: ModelManager): Pick<Handlers,
  'models.list' | 'models.import' | 'models.remove' | 'models.download' | 'models.catalog' | 'models.estimate' | 'models.load' | 'models.unload' | 'models.state' | 'models.reembed'> {
  return {
    'models.list': async () => m.list(),
    'models.import': async ({ path, mode }) => m.import(path, mode),
    'models.remove': async ({ id }) => ({ removed: await m.remove(id) }),
    'models.download': async (input) => ({ jobId: m.download(input).jobId }),
    'models.catalog': async () => m.catalog(),
    'models.estimate': async ({ id, contextSize }) => m.estimate(id, contextSize),
    'models.load': async (input) => ({ jobId: m.load(input).jobId }),
    'models.unload': async ({ role }) => ({ unloaded: await m.unload(role) }),
    'models.state': async () => m.state(),
    'models.reembed': async () => m.embeddings.reembed()
  };
}

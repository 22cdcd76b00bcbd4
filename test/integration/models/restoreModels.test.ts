import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core/createCore';
import { tinyChatModel } from '../../fixtures/gguf/generators';
import { tempCore } from '../../helpers/tempCore';
import { unwrap } from '../../../src/shared/result';

describe('remembered models at start-up', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('reloads the remembered chat model unless the host opts out (one-shot CLI commands)', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const model = unwrap(await t.core.api.models.import({ path: tinyChatModel(), mode: 'reference' }));
    await t.core.api.settings.update({ models: { chatModelId: model.id } });
    const loadJobs = (c: { jobs: { list(): Array<{ kind: string }> } }) => c.jobs.list().filter((j) => j.kind === 'models.load').length;

    const quiet = await createCore({ ...t.core.config, restoreModels: false });
    expect(loadJobs(quiet)).toBe(0);
    await quiet.dispose();

    const restoring = await createCore({ ...t.core.config });
    try {
      expect(loadJobs(restoring)).toBe(1);
    } finally {
      await restoring.dispose();
    }
  });
});

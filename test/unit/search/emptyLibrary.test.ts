import { describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/tempCore';

describe('search on an empty library', () => {
  it('answers with no passages, zero evidence, and creates its indexes', async () => {
    const t = await tempCore();
    try {
      const r = await t.core.search.query({ text: 'how do I reset fault E-204?' });
      expect(r.passages).toEqual([]);
      expect(r.evidence).toMatchObject({ strength: 0, belowThreshold: true });
      const indexes = (await t.core.index.chunks().listIndices()).map((i) => i.columns[0]);
      expect(indexes).toEqual(expect.arrayContaining(['id', 'docId', 'searchText', 'text']));
      const pageIndexes = (await t.core.index.pages().listIndices()).map((i) => i.columns[0]);
      expect(pageIndexes).toEqual(expect.arrayContaining(['text', 'docId']));
      expect((await t.core.health()).components.find((c) => c.name === 'search')?.status).toBe('ok');
    } finally {
      await t.cleanup();
    }
  });
});

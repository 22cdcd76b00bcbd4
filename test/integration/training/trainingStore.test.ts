import { describe, expect, it } from 'vitest';
import { createTrainingStore } from '../../../src/renderer/src/features/training/trainingStore';
import { unwrap } from '../../../src/shared/result';
import { solveFromText } from './solveFromText';
import { sampleManualCore } from './trainingFlow';

/** The Training page's store over a real core (the renderer's api is the same typed client). */
describe('training store (renderer) over a real core', () => {
  const fx = sampleManualCore();

  it('remembers the technician, builds a course from the outline, runs an attempt, refreshes progress', async () => {
    const names = new Map<string, string>();
    const storage = { getItem: (k: string) => names.get(k) ?? null, setItem: (k: string, v: string) => void names.set(k, v) };
    const saved: string[] = [];
    const save = async (f: { fileName: string; base64: string }) => (saved.push(Buffer.from(f.base64, 'base64').toString('utf8')), { saved: true as const, where: `/x/${f.fileName}` });
    const store = createTrainingStore(fx.core.api, storage, save);
    expect(store.getState().technician).toBe('');
    store.getState().setTechnician('  Ana Silva ');
    expect(createTrainingStore(fx.core.api, storage, save).getState().technician).toBe('Ana Silva');

    await store.getState().load();
    expect(store.getState().documents.map((d) => d.id)).toEqual([fx.docId]);
    const course = await store.getState().createCourse('X200 basics');
    expect(await store.getState().addTopic(course!.id, fx.docId, '2 Troubleshooting > 2.2 Debug interface')).toBe(true);
    expect(await store.getState().addTopic(course!.id, fx.docId, '9 > 9.9')).toBe(false);
    expect(store.getState().error?.code).toBe('NOT_FOUND');
    const topic = store.getState().courses[0].topics[0];

    await store.getState().start(topic.id);
    for (let i = 0; i < 2; i++) {
      const q = store.getState().attempt!.questions.at(-1)!;
      const page = unwrap(await fx.core.api.library.pageText({ docId: fx.docId, page: q.citation.page }));
      await store.getState().answer(solveFromText(q, page.text));
    }
    expect(store.getState().attempt?.status).toBe('passed');
    expect(store.getState().progress.map((r) => [r.technician.name, r.topicTitle, r.status])).toEqual([['Ana Silva', '2.2 Debug interface', 'passed']]);
    await store.getState().exportRecord('Ana Silva', 'csv');
    expect(saved[0]).toContain('Ana Silva,X200 basics,2.2 Debug interface,passed,1,');
    expect(store.getState().lastExport).toBe('training-record-Ana-Silva.csv → /x/training-record-Ana-Silva.csv');
  }, 60_000);
});

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../src/shared/result';
import { answerOpen, expectCitedInTopic, sampleManualCore } from './trainingFlow';

describe('training over the generated X200 manual (no model)', () => {
  const fx = sampleManualCore();

  it('2 correct → passed, 2 wrong → failed, citations, progress and the CSV record show both', async () => {
    const api = fx.core.api;
    const course = unwrap(await api.training.createCourse({ title: 'X200 basics' }));
    const safety = unwrap(await api.training.addTopic({ courseId: course.id, docId: fx.docId, section: '1 > 1.1', goal: 'Work safely' }));
    const debug = unwrap(await api.training.addTopic({ courseId: course.id, docId: fx.docId, section: '2 > 2.2' }));
    expect(safety).toMatchObject({ title: '1.1 Electrical hazards', pageFrom: 3, pageTo: 3, version: 1 });
    expect(debug).toMatchObject({ section: '2 Troubleshooting > 2.2 Debug interface', pageFrom: 5, pageTo: 5 });

    let pass = unwrap(await api.training.start({ topicId: safety.id, technician: 'Ana Silva' }));
    expect(pass.questions).toHaveLength(1);
    expect(pass.questions[0].citation.quote).toBe(''); // the passage holds the answer: withheld until answered
    pass = await answerOpen(fx.core, pass, true);
    pass = await answerOpen(fx.core, pass, true);
    expect(pass).toMatchObject({ status: 'passed', correct: 2, wrong: 0 });
    await expectCitedInTopic(fx.core, pass, 3, 3);
    expect(pass.questions.map((q) => q.answer?.verdict)).toEqual(['correct', 'correct']);

    let fail = unwrap(await api.training.start({ topicId: debug.id, technician: 'ana  silva' }));
    fail = await answerOpen(fx.core, fail, false);
    fail = await answerOpen(fx.core, fail, false);
    expect(fail).toMatchObject({ status: 'failed', correct: 0, wrong: 2, reread: [5] });
    await expectCitedInTopic(fx.core, fail, 5, 5);
    expect(fail.questions[0].answer?.explanation).toMatch(/^Page 3 says: /);
    expect((await api.training.answer({ attemptId: fail.id, answer: 'x' })).ok).toBe(false);

    const progress = unwrap(await api.training.progress({ technician: 'Ana Silva' })).items;
    expect(progress.map((r) => [r.topicTitle, r.status, r.attempts])).toEqual([
      ['1.1 Electrical hazards', 'passed', 1],
      ['2.2 Debug interface', 'failed', 1]
    ]);
    const csv = Buffer.from(unwrap(await api.training.exportProgress({ technician: 'Ana Silva', format: 'csv' })).base64, 'base64').toString('utf8');
    expect(csv.split('\n').slice(0, 3)).toEqual([
      'technician,course,topic,status,attempts,last_activity',
      `Ana Silva,X200 basics,1.1 Electrical hazards,passed,1,${pass.updatedAt}`,
      `Ana Silva,X200 basics,2.2 Debug interface,failed,1,${fail.updatedAt}`
    ]);
    const pdf = Buffer.from(unwrap(await api.training.exportProgress({ technician: 'Ana Silva', format: 'pdf' })).base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('editing a topic writes a new version; past attempts keep theirs', async () => {
    const api = fx.core.api;
    const course = unwrap(await api.training.createCourse({ title: 'Versions' }));
    const topic = unwrap(await api.training.addTopic({ courseId: course.id, docId: fx.docId, pageFrom: 4, pageTo: 4, title: 'Fault table' }));
    const a = unwrap(await api.training.start({ topicId: topic.id, technician: 'Bo' }));
    const v2 = unwrap(await api.training.updateTopic({ topicId: topic.id, title: 'Fault codes', section: '2 > 2.2' }));
    expect(v2).toMatchObject({ version: 2, title: 'Fault codes', pageFrom: 5 });
    const again = await answerOpen(fx.core, a, true);
    expect(again).toMatchObject({ topicVersion: 1, topicTitle: 'Fault table' });
    expect(again.questions.every((q) => q.citation.page === 4)).toBe(true);
    const courses = unwrap(await api.training.courses()).items;
    expect(courses.find((c) => c.id === course.id)?.topics[0]).toMatchObject({ version: 2, title: 'Fault codes' });
  }, 60_000);

  it('catalog and attempts survive a restart (files on disk)', async () => {
    const before = unwrap(await fx.core.api.training.attempts({ technician: 'Ana Silva' })).items;
    const { createCore } = await import('../../../src/main/core/createCore');
    const { pathsFor } = await import('../../../src/main/core/config');
    await fx.core.dispose();
    fx.t.core = await createCore({ paths: pathsFor(fx.t.dir), host: 'test', version: '0.0.0-test', logLevel: 'warn', threads: 2, restoreModels: false });
    const after = unwrap(await fx.core.api.training.attempts({ technician: 'Ana Silva' })).items;
    expect(after).toEqual(before);
    expect(existsSync(`${fx.t.dir}/training/catalog.json`)).toBe(true);
  }, 60_000);
});

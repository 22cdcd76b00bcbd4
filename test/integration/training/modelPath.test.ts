import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nullLogger } from '../../../src/main/core/platform/logger';
import { AttemptRunner } from '../../../src/main/core/training/attemptRunner';
import type { ModelLimits } from '../../../src/main/core/training/modelQuestions';
import { TrainingService } from '../../../src/main/core/training/trainingService';
import { TrainingStore, type StoredAttempt } from '../../../src/main/core/training/trainingStore';
import type { LlamaChatEngine } from '../../../src/main/core/models/chatEngine';
import { tempCore } from '../../helpers/tempCore';
import { importSampleManual, loadTinyChat } from '../chat/harness';

/**
 * Grammar-constrained sampling costs ~1 token per character with this byte-level vocabulary (and
 * is slow on a shared CPU), so the schema's string bounds are small here; the app uses larger ones.
 */
const LIMITS: ModelLimits = { questionChars: 12, pointChars: 6, points: 1, explanationChars: 8 };
const ENOUGH = 120;
let lastModelAttempt: { dir: string; id: string } | undefined;

/**
 * The model path with a generated random-weight chat model (real node-llama-cpp, JSON schema
 * grammar). The content is gibberish; what is checked is the structure the grammar guarantees,
 * what is stored, and that output which does not parse falls back to the deterministic path.
 */
describe('training with a chat model (tiny random-weight GGUF, grammar-constrained JSON)', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let docId: string;
  let chat: { engine: LlamaChatEngine; dispose(): Promise<void> };
  const services: TrainingService[] = [];

  beforeAll(async () => {
    t = await tempCore({ restoreModels: false });
    docId = await importSampleManual(t.core, t.dir);
    chat = await loadTinyChat(4096);
  }, 180_000);
  afterAll(async () => {
    for (const s of services) await s.dispose();
    await chat?.dispose();
    await t?.cleanup();
  });

  /** A training service over the core's library and its own store, with the given token budget. */
  async function serviceWith(folder: string, maxTokens: number): Promise<{ svc: TrainingService; dir: string }> {
    const dir = join(t.dir, folder);
    const store = new TrainingStore(dir, nullLogger);
    await store.open();
    const svc = new TrainingService({ store, documents: t.core.library, engine: () => chat.engine, changed: () => {}, logger: nullLogger, runner: new AttemptRunner(nullLogger, maxTokens, LIMITS) });
    services.push(svc);
    return { svc, dir };
  }

  it('the model writes the question about a cited passage and grades it; both are stored', async () => {
    const { svc, dir } = await serviceWith('training-model', ENOUGH);
    const course = await svc.createCourse('Model course');
    const topic = await svc.addTopic({ courseId: course.id, docId, section: '2 > 2.2' });
    const a = await svc.start(topic.id, 'Mo');
    expect(a.mode).toBe('model');
    const q = a.questions[0];
    expect(q.kind).toBe('model');
    expect(q.prompt.length).toBeGreaterThanOrEqual(8);
    expect(q.prompt.length).toBeLessThanOrEqual(LIMITS.questionChars);
    expect(q.expectedPoints.length).toBeGreaterThanOrEqual(1);
    expect(q.expectedPoints.length).toBeLessThanOrEqual(LIMITS.points);
    expect(q.citation.page).toBe(5);

    const graded = await svc.answer(a.id, 'Check jumper JP3.');
    const ans = graded.questions[0].answer!;
    expect(ans.grader).toBe('model');
    expect(['correct', 'wrong']).toContain(ans.verdict);
    expect(ans.explanation.length).toBeGreaterThan(0);
    expect(graded.questions[0].citation.quote.length).toBeGreaterThan(0); // cited in full once answered
    expect(graded.correct + graded.wrong).toBe(1);

    const onDisk = JSON.parse(await readFile(join(dir, 'attempts', `${a.id}.json`), 'utf8')) as StoredAttempt;
    expect(onDisk.questions[0]).toMatchObject({ kind: 'model', prompt: q.prompt, expectedPoints: q.expectedPoints, answer: { grader: 'model', verdict: ans.verdict } });
    expect(onDisk.keys[0].accepted.length).toBeGreaterThan(0); // the deterministic key kept for the fallback grader
    lastModelAttempt = { dir, id: a.id };
  }, 300_000);

  it('output cut before the JSON closes: deterministic question, then deterministic grading', async () => {
    const { svc } = await serviceWith('training-cut', 6);
    const course = await svc.createCourse('Cut');
    const topic = await svc.addTopic({ courseId: course.id, docId, section: '2 > 2.2' });
    const a = await svc.start(topic.id, 'Mo');
    expect(a.mode).toBe('model');
    expect(a.questions[0].kind).not.toBe('model');
    expect(a.questions[0].cloze).toContain('____');
  }, 120_000);

  it('a model question whose verdict does not parse is graded by the key term (grader "fallback")', async () => {
    // The first test's attempt, as stored, with its (model-written) first question re-opened.
    expect(lastModelAttempt).toBeDefined();
    const stored = JSON.parse(await readFile(join(lastModelAttempt!.dir, 'attempts', `${lastModelAttempt!.id}.json`), 'utf8')) as StoredAttempt;
    stored.questions = stored.questions.slice(0, 1);
    stored.keys = stored.keys.slice(0, 1);
    stored.questions[0].answer = undefined;
    Object.assign(stored, { correct: 0, wrong: 0, status: 'in_progress' });
    expect(stored.questions[0].kind).toBe('model');
    // Grading with a 6-token budget cannot finish the verdict object.
    await new AttemptRunner(nullLogger, 6).grade(stored, stored.keys[0].accepted[0], chat.engine, new Date().toISOString());
    expect(stored.questions[0].answer).toMatchObject({ grader: 'fallback', verdict: 'correct' });
    const wrong = structuredClone(stored);
    wrong.questions[0].answer = undefined;
    Object.assign(wrong, { correct: 0, wrong: 0, status: 'in_progress' });
    await new AttemptRunner(nullLogger, 6).grade(wrong, 'zzqx', chat.engine, new Date().toISOString());
    expect(wrong.questions[0].answer).toMatchObject({ grader: 'fallback', verdict: 'wrong' });
  }, 300_000);
});

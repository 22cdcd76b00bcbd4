import { randomUUID } from 'node:crypto';
import type { OutlineNodeDto } from '../../../shared/contract/library';
import type { Attempt, Course, TechnicianRef, TopicProgress, TopicVersion } from '../../../shared/contract/training';
import { AppError, echo } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { AttemptRunner, type TopicMaterial } from './attemptRunner';
import type { StructuredEnginePort } from './modelQuestions';
import type { PageText } from './passages';
import { progressCsv, progressRows } from './progress';
import { hashSeed } from './questionBuilder';
import { sectionPages } from './sectionPages';
import { matchesTechnician, resolveTechnician } from './technician';
import type { Catalog, StoredAttempt, TrainingStore } from './trainingStore';
import { renderTrainingPdf } from './trainingPdf';

/** What training needs from the library (LibraryService satisfies it). */
export interface TrainingDocumentsPort {
  get(docId: string): Promise<{ id: string; title: string; pageCount: number; outline: OutlineNodeDto[] }>;
  pageText(docId: string, page: number): Promise<{ text: string; pageLabel: string }>;
}

export interface TrainingDeps {
  store: TrainingStore;
  documents: TrainingDocumentsPort;
  /** The loaded chat model, if any (questions are model-written only when there is one). */
  engine(): StructuredEnginePort | undefined;
  changed(reason: 'course' | 'topic' | 'attempt', id: string): void;
  logger: Logger;
  runner?: AttemptRunner;
}

/** Pages around a topic read for multiple-choice distractors (the same manual, bounded work). */
const DISTRACTOR_WINDOW = 20;

export interface TopicInput {
  courseId: string;
  docId: string;
  section?: string;
  pageFrom?: number;
  pageTo?: number;
  title?: string;
  goal?: string;
  instructions?: string;
}

/** Courses, topics (versioned) and attempts; see contract/training.ts. */
export class TrainingService {
  private readonly runner: AttemptRunner;

  constructor(private readonly deps: TrainingDeps) {
    this.runner = deps.runner ?? new AttemptRunner(deps.logger);
  }

  courses(): Course[] {
    const c = this.deps.store.readCatalog();
    return c.courses.map((co) => ({
      id: co.id,
      title: co.title,
      description: co.description,
      createdAt: co.createdAt,
      updatedAt: co.updatedAt,
      topics: co.topicIds.map((id) => latest(c, id))
    }));
  }

  async createCourse(title: string, description = ''): Promise<Course> {
    const c = this.deps.store.readCatalog();
    const at = new Date().toISOString();
    const id = randomUUID();
    c.courses.push({ id, title, description, createdAt: at, updatedAt: at, topicIds: [] });
    await this.deps.store.saveCatalog(c);
    this.deps.changed('course', id);
    return this.course(id);
  }

  async deleteCourse(id: string): Promise<boolean> {
    const c = this.deps.store.readCatalog();
    const before = c.courses.length;
    c.courses = c.courses.filter((x) => x.id !== id);
    if (c.courses.length === before) return false;
    await this.deps.store.saveCatalog(c);
    this.deps.changed('course', id);
    return true;
  }

  private course(id: string): Course {
    const found = this.courses().find((c) => c.id === id);
    if (!found) throw new AppError('NOT_FOUND', `No course ${echo(id)}.`);
    return found;
  }

  /** Resolves the section (or page range) against the document to a concrete page range. */
  private async source(docId: string, section: string | undefined, pageFrom?: number, pageTo?: number) {
    const doc = await this.deps.documents.get(docId);
    if (section) {
      const r = sectionPages(doc.outline, section, doc.pageCount);
      return { doc, section: r.path, pageFrom: r.from, pageTo: r.to };
    }
    if (!pageFrom) throw new AppError('INVALID_INPUT', 'A topic needs a section (outline path) or a page range.');
    const to = pageTo ?? pageFrom;
    if (to < pageFrom || to > doc.pageCount) throw new AppError('INVALID_INPUT', `Pages ${pageFrom}–${to} are not within 1–${doc.pageCount}.`);
    return { doc, section: '', pageFrom, pageTo: to };
  }

  async addTopic(input: TopicInput): Promise<TopicVersion> {
    const src = await this.source(input.docId, input.section, input.pageFrom, input.pageTo);
    const c = this.deps.store.readCatalog();
    const co = c.courses.find((x) => x.id === input.courseId);
    if (!co) throw new AppError('NOT_FOUND', `No course ${echo(input.courseId)}.`);
    const id = randomUUID();
    const leaf = src.section.split(' > ').pop() ?? '';
    const topic: TopicVersion = {
      id,
      courseId: co.id,
      version: 1,
      title: input.title || leaf || `${src.doc.title}, pages ${src.pageFrom}–${src.pageTo}`,
      docId: src.doc.id,
      docTitle: src.doc.title,
      section: src.section,
      pageFrom: src.pageFrom,
      pageTo: src.pageTo,
      goal: input.goal ?? '',
      instructions: input.instructions ?? '',
      createdAt: new Date().toISOString()
    };
    c.topics[id] = [topic];
    co.topicIds.push(id);
    co.updatedAt = topic.createdAt;
    await this.deps.store.saveCatalog(c);
    this.deps.changed('topic', id);
    return topic;
  }

  /** A new version; earlier attempts keep pointing at the version they ran on. */
  async updateTopic(topicId: string, patch: Omit<Partial<TopicInput>, 'courseId' | 'docId'>): Promise<TopicVersion> {
    const c = this.deps.store.readCatalog();
    const cur = latest(c, topicId);
    const moved = patch.section !== undefined || patch.pageFrom !== undefined;
    const src = moved ? await this.source(cur.docId, patch.section, patch.pageFrom, patch.pageTo) : undefined;
    const next: TopicVersion = {
      ...cur,
      version: cur.version + 1,
      title: patch.title ?? cur.title,
      goal: patch.goal ?? cur.goal,
      instructions: patch.instructions ?? cur.instructions,
      ...(src ? { section: src.section, pageFrom: src.pageFrom, pageTo: src.pageTo } : {}),
      createdAt: new Date().toISOString()
    };
    c.topics[topicId].push(next);
    await this.deps.store.saveCatalog(c);
    this.deps.changed('topic', topicId);
    return next;
  }

  async removeTopic(topicId: string): Promise<boolean> {
    const c = this.deps.store.readCatalog();
    const co = c.courses.find((x) => x.topicIds.includes(topicId));
    if (!co) return false;
    co.topicIds = co.topicIds.filter((t) => t !== topicId);
    await this.deps.store.saveCatalog(c);
    this.deps.changed('topic', topicId);
    return true;
  }

  private async material(topic: TopicVersion): Promise<TopicMaterial> {
    const read = async (from: number, to: number): Promise<PageText[]> => {
      const out: PageText[] = [];
      for (let p = Math.max(1, from); p <= to; p++) {
        const r = await this.deps.documents.pageText(topic.docId, p).catch(() => undefined);
        if (r) out.push({ page: p, pageLabel: r.pageLabel, text: r.text });
      }
      return out;
    };
    const pages = await read(topic.pageFrom, topic.pageTo);
    const doc = await this.deps.documents.get(topic.docId);
    const around = [...(await read(topic.pageFrom - DISTRACTOR_WINDOW, topic.pageFrom - 1)), ...(await read(topic.pageTo + 1, Math.min(doc.pageCount, topic.pageTo + DISTRACTOR_WINDOW)))];
    return { topic, pages, manualPages: [...pages, ...around] };
  }

  async start(topicId: string, technicianName: string): Promise<Attempt> {
    const technician = resolveTechnician(technicianName);
    const topic = latest(this.deps.store.readCatalog(), topicId);
    const engine = this.deps.engine();
    const at = new Date().toISOString();
    const id = randomUUID();
    const a: StoredAttempt = {
      id,
      courseId: topic.courseId,
      topicId,
      topicVersion: topic.version,
      topicTitle: topic.title,
      technician,
      mode: engine ? 'model' : 'deterministic',
      status: 'in_progress',
      correct: 0,
      wrong: 0,
      startedAt: at,
      updatedAt: at,
      questions: [],
      reread: [],
      keys: [],
      seed: hashSeed(id)
    };
    if (!(await this.runner.nextQuestion(a, await this.material(topic), engine))) {
      throw new AppError('INVALID_INPUT', `Pages ${topic.pageFrom}–${topic.pageTo} of ${topic.docTitle} have no text to ask about.`);
    }
    await this.deps.store.saveAttempt(a);
    this.deps.changed('attempt', id);
    return publicAttempt(a);
  }

  async answer(attemptId: string, text: string): Promise<Attempt> {
    const a = this.deps.store.attempt(attemptId);
    if (a.status !== 'in_progress') throw new AppError('CONFLICT', `Attempt ${echo(attemptId)} is already ${a.status}.`);
    if (!text.trim()) throw new AppError('INVALID_INPUT', 'An empty answer.');
    const engine = a.mode === 'model' ? this.deps.engine() : undefined;
    await this.runner.grade(a, text, engine, new Date().toISOString());
    if (a.status === 'in_progress') {
      const topic = versionOf(this.deps.store.readCatalog(), a.topicId, a.topicVersion);
      await this.runner.nextQuestion(a, await this.material(topic), engine);
    }
    await this.deps.store.saveAttempt(a);
    this.deps.changed('attempt', a.id);
    return publicAttempt(a);
  }

  attempt(id: string): Attempt {
    return publicAttempt(this.deps.store.attempt(id));
  }

  attempts(filter: { technician?: string; topicId?: string } = {}): Attempt[] {
    return this.deps.store
      .allAttempts()
      .filter((a) => matchesTechnician(a.technician, filter.technician) && (!filter.topicId || a.topicId === filter.topicId))
      .sort((x, y) => y.startedAt.localeCompare(x.startedAt))
      .map(publicAttempt);
  }

  progress(filter: { technician?: string; courseId?: string } = {}): TopicProgress[] {
    const attempts = this.deps.store.allAttempts();
    const techs = new Map<string, TechnicianRef>();
    // A technician shows under the name given on their first start (later spellings fold into it).
    for (const a of [...attempts].sort((x, y) => x.startedAt.localeCompare(y.startedAt))) {
      if (matchesTechnician(a.technician, filter.technician) && !techs.has(a.technician.id)) techs.set(a.technician.id, a.technician);
    }
    if (filter.technician && !techs.size) techs.set(resolveTechnician(filter.technician).id, resolveTechnician(filter.technician));
    const courses = this.courses().filter((c) => !filter.courseId || c.id === filter.courseId);
    return progressRows(courses, attempts, [...techs.values()].sort((x, y) => x.name.localeCompare(y.name)));
  }

  async exportProgress(technician: string | undefined, format: 'csv' | 'pdf'): Promise<{ fileName: string; mimeType: string; base64: string }> {
    const rows = this.progress({ technician });
    const who = technician ? resolveTechnician(technician).name.replace(/[^\w-]+/g, '-') : 'all';
    if (format === 'csv') return { fileName: `training-record-${who}.csv`, mimeType: 'text/csv', base64: Buffer.from(progressCsv(rows), 'utf8').toString('base64') };
    const attempts = this.attempts({ technician });
    const bytes = await renderTrainingPdf(rows, attempts, technician ? resolveTechnician(technician).name : 'All technicians');
    return { fileName: `training-record-${who}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64') };
  }

  async dispose(): Promise<void> {
    await this.deps.store.dispose();
  }
}

function latest(c: Catalog, topicId: string): TopicVersion {
  const versions = c.topics[topicId];
  if (!versions?.length) throw new AppError('NOT_FOUND', `No topic ${echo(topicId)}.`);
  return versions[versions.length - 1];
}

function versionOf(c: Catalog, topicId: string, version: number): TopicVersion {
  return c.topics[topicId]?.find((v) => v.version === version) ?? latest(c, topicId);
}

/**
 * What a client may see: no answer keys, and the open question's passage is withheld (its page
 * is shown) because the passage contains the answer; it is cited in full with the verdict.
 */
export function publicAttempt(a: StoredAttempt): Attempt {
  const { keys: _keys, seed: _seed, ...rest } = a;
  void _keys;
  void _seed;
  return {
    ...rest,
    questions: rest.questions.map((q) => (q.answer ? q : { ...q, citation: { ...q.citation, quote: '', charStart: 0, charEnd: 0 } }))
  };
}

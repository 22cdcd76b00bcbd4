import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Attempt, TopicVersion } from '../../../shared/contract/training';
import { AppError, echo } from '../platform/errors';
import { fsyncDir, readJsonIfExists, writeJsonAtomic } from '../platform/atomicFile';
import type { Logger } from '../platform/logger';

export interface StoredCourse {
  id: string;
  title: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Topic ids in course order. */
  topicIds: string[];
}

export interface Catalog {
  version: 1;
  courses: StoredCourse[];
  /** Every version of every topic (oldest first): attempts refer to `id` + `version`. */
  topics: Record<string, TopicVersion[]>;
}

/** What the grader needs and the technician must not see before answering. */
export interface QuestionKey {
  /** Accepted answers (normalised match), the first is shown as "expected". */
  accepted: string[];
  /** Multiple choice: index of the right choice. */
  choiceIndex?: number;
}

/** An attempt as stored: the contract's attempt plus each question's answer key. */
export interface StoredAttempt extends Attempt {
  keys: QuestionKey[];
  /** Seed of the deterministic question choice (so a retried generation asks the same). */
  seed: number;
}

const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Training persistence: `catalog.json` (courses + all topic versions) and one JSON file per
 * attempt under `attempts/`. Every write is atomic (temp file, fsync, rename) and writes are
 * serialised per file, so a crash leaves the previous or the new content, never a torn file.
 */
export class TrainingStore {
  private catalog: Catalog = { version: 1, courses: [], topics: {} };
  private readonly attempts = new Map<string, StoredAttempt>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly logger: Logger
  ) {}

  private get catalogPath(): string {
    return join(this.dir, 'catalog.json');
  }
  private attemptPath(id: string): string {
    if (!ID_RE.test(id)) throw new AppError('INVALID_INPUT', `Bad attempt id "${echo(id)}".`);
    return join(this.dir, 'attempts', `${id}.json`);
  }

  async open(): Promise<void> {
    await fs.mkdir(join(this.dir, 'attempts'), { recursive: true });
    const c = (await readJsonIfExists(this.catalogPath)) as Catalog | undefined;
    if (c?.version === 1) this.catalog = { version: 1, courses: c.courses ?? [], topics: c.topics ?? {} };
    for (const f of await fs.readdir(join(this.dir, 'attempts'))) {
      if (!f.endsWith('.json') || f.startsWith('.')) continue;
      try {
        const a = (await readJsonIfExists(join(this.dir, 'attempts', f))) as StoredAttempt | undefined;
        if (a?.id) this.attempts.set(a.id, a);
      } catch (e) {
        // One unreadable attempt must not hide the others; it stays on disk for inspection.
        this.logger.error('training attempt unreadable; skipped', { file: f, error: e });
      }
    }
  }

  /** A copy: callers change it and hand it back through `saveCatalog`. */
  readCatalog(): Catalog {
    return structuredClone(this.catalog);
  }

  saveCatalog(next: Catalog): Promise<void> {
    return this.serial(async () => {
      await writeJsonAtomic(this.catalogPath, next);
      this.catalog = structuredClone(next);
    });
  }

  attempt(id: string): StoredAttempt {
    const a = this.attempts.get(id);
    if (!a) throw new AppError('NOT_FOUND', `No training attempt ${echo(id)}.`);
    return structuredClone(a);
  }

  allAttempts(): StoredAttempt[] {
    return [...this.attempts.values()].map((a) => structuredClone(a));
  }

  saveAttempt(a: StoredAttempt): Promise<void> {
    return this.serial(async () => {
      const isNew = !this.attempts.has(a.id);
      await writeJsonAtomic(this.attemptPath(a.id), a);
      if (isNew) await fsyncDir(join(this.dir, 'attempts'));
      this.attempts.set(a.id, structuredClone(a));
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.catch(() => {}).then(fn);
    this.chain = next;
    return next;
  }

  async dispose(): Promise<void> {
    await this.chain.catch(() => {});
  }
}

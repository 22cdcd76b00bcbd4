import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoDate } from '../../../shared/contract/common';
import { profileRole, technicianSignIn } from '../../../shared/contract/access';
import { readJsonIfExists, writeJsonAtomic } from '../platform/atomicFile';
import type { Logger } from '../platform/logger';

/**
 * `<userData>/access.json`: profiles (with scrypt hashes, never the PINs), failed-attempt counters
 * and the sign-in settings. Small and rarely written, so every change rewrites the whole file
 * atomically (writeJsonAtomic: old file or new one after a crash, never half); writes are queued
 * so two changes cannot interleave. Failed attempts are stored too: restarting the app must not
 * reset a lock-out.
 */
const storedProfile = z.object({
  id: z.string(),
  name: z.string(),
  role: profileRole,
  pinHash: z.string().optional(),
  codeHash: z.string().optional(),
  createdAt: isoDate
});
export type StoredProfile = z.infer<typeof storedProfile>;

const attempts = z.object({ failures: z.number().int().min(0), blockedUntil: z.number() });
export type Attempts = z.infer<typeof attempts>;

const accessFile = z.object({
  v: z.literal(1),
  profiles: z.array(storedProfile),
  attempts: z.record(z.string(), attempts).default({}),
  technicianSignIn: technicianSignIn.default('name'),
  unlockMinutes: z.number().int().min(1).default(15)
});
export type AccessData = z.infer<typeof accessFile>;

export class AccessStore {
  private data: AccessData | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly logger: Logger
  ) {}

  /** Loads the file; the first run creates the first admin ("Admin", no PIN yet: open mode). */
  async open(): Promise<void> {
    const raw = await readJsonIfExists(this.path);
    const parsed = raw === undefined ? undefined : accessFile.safeParse(raw);
    if (parsed?.success) {
      this.data = parsed.data;
      return;
    }
    if (parsed) {
      // A damaged file must not silently reopen the install to everyone: keep it and refuse to start.
      throw new Error(`access.json is damaged (${parsed.error.issues[0]?.message ?? 'invalid'}); restore it from a backup or remove it to start over.`);
    }
    this.data = {
      v: 1,
      profiles: [{ id: randomUUID(), name: 'Admin', role: 'admin', createdAt: new Date().toISOString() }],
      attempts: {},
      technicianSignIn: 'name',
      unlockMinutes: 15
    };
    await writeJsonAtomic(this.path, this.data);
    this.logger.info('first run: created the admin profile (no PIN yet)');
  }

  get(): Readonly<AccessData> {
    if (!this.data) throw new Error('access store not open');
    return this.data;
  }

  /** Applies `change` to a copy, writes it, and only then makes it current. */
  update(change: (d: AccessData) => void): Promise<void> {
    const run = this.writes.then(async () => {
      const next = structuredClone(this.get());
      change(next);
      accessFile.parse(next);
      await writeJsonAtomic(this.path, next);
      this.data = next;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    await this.writes;
  }
}

/**
 * The round trips on the real eval-dev manuals (skipped, with the reason printed, when
 * the shared folder is absent): back up → wipe → restore gives the same documents, byte-equal
 * search results and the same sessions; a pack of the library imported into an empty folder
 * answers every dev question with the same pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { pathsFor } from '../../../src/main/core/config';
import { restoreBackup } from '../../../src/main/core/backup/restore';
import { sharedPath } from '../../helpers/sharedDir';
import { docsOf, searchJson } from './helpers';

const EVAL_DIR = process.env.BENCHMATE_EVAL_DEV ?? sharedPath('eval-dev');
const present = existsSync(join(EVAL_DIR, 'corpus')) && existsSync(join(EVAL_DIR, 'questions.jsonl'));
if (!present) console.warn(`[skip] backup/pack dev-corpus round trip: ${EVAL_DIR}/corpus or questions.jsonl not found`);

/** Every session with all its messages, in id order (the store lists them in load order). */
const sessionsById = async (c: Core) => (await c.sessions.allStates()).sort((a, b) => a.header.id.localeCompare(b.header.id));

const open = (dir: string) => createCore({ paths: pathsFor(dir), host: 'test', version: '0.0.0-test', logLevel: 'warn', threads: 2, restoreModels: false });

describe.skipIf(!present)('dev corpus: backup round trip and pack', () => {
  let scratch: string;
  let dataDir: string;
  let core: Core;
  let questions: string[];

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'benchmate-devrt-'));
    dataDir = join(scratch, 'data');
    core = await open(dataDir);
    questions = readFileSync(join(EVAL_DIR, 'questions.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { question: string }).question);
    const r = await core.library.import([join(EVAL_DIR, 'corpus')]);
    for (const id of r.jobIds) await core.jobs.wait(id);
    await core.library.optimizeSettled();
  }, 600_000);
  afterAll(async () => {
    await core?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it('back up, wipe, restore → same documents, byte-equal search results, same sessions', async () => {
    // Two sessions with real turns (search-only answers: the tests have no chat model).
    for (const q of questions.slice(0, 2)) {
      const done = new Promise<void>((resolve) => {
        const off = core.events.on('chat.done', () => {
          off();
          resolve();
        });
      });
      await core.chat.send({ text: q });
      await done;
    }
    const queries = questions.slice(0, 12);
    const before = { docs: await docsOf(core), search: await searchJson(core, queries), sessions: await sessionsById(core) };
    expect(before.sessions).toHaveLength(2);
    const archive = join(scratch, 'backup.tar');
    await core.backup.create({ out: archive }).done;
    await core.dispose();
    await rm(dataDir, { recursive: true, force: true }); // the disk failed

    await restoreBackup(archive, dataDir);
    core = await open(dataDir);
    expect(await docsOf(core)).toEqual(before.docs);
    expect(await searchJson(core, queries)).toBe(before.search);
    expect(await sessionsById(core)).toEqual(before.sessions);
  }, 300_000);

  it('a pack of the library answers every dev question with the same pages on an empty machine', async () => {
    const pack = join(scratch, 'library.tar');
    await core.packs.export({ out: pack }).done;
    const other = await open(join(scratch, 'laptop'));
    try {
      const r = await other.packs.import(pack, { replace: false }).done;
      await other.library.optimizeSettled();
      expect(r.added).toBeGreaterThan(0);
      const top = async (c: Core) => {
        const out = [];
        for (const q of questions) out.push((await c.search.query({ text: q, limit: 5 })).passages.map((p) => [p.docId, p.page]));
        return out;
      };
      expect(await top(other)).toEqual(await top(core));
    } finally {
      await other.dispose();
    }
  }, 300_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionStore } from '../../../src/main/core/sessions/sessionStore';
import { SessionService } from '../../../src/main/core/sessions/sessionService';
import { nullLogger } from '../../../src/main/core/platform/logger';
import type { ChatMessage } from '../../../src/shared/contract/sessions';

let dir: string;
/** Every store a test opens is disposed (pending index writes flushed) before its folder goes. */
let opened: SessionStore[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'benchmate-sessions-'));
});
afterEach(async () => {
  await Promise.all(opened.map((s) => s.dispose()));
  opened = [];
  await rm(dir, { recursive: true, force: true });
});

const events = { emitted: [] as unknown[], emit(e: string, p: unknown) { this.emitted.push([e, p]); } };
const msg = (sessionId: string, role: 'user' | 'assistant', text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `${role}-${Math.random().toString(36).slice(2)}`,
  sessionId,
  role,
  text,
  createdAt: new Date().toISOString(),
  sources: [],
  related: [],
  ...extra
});

async function open(retentionDays: number | null = null) {
  const store = new SessionStore(dir, nullLogger);
  await store.open();
  opened.push(store);
  const svc = new SessionService(store, { retentionDays: () => retentionDays, events, logger: nullLogger });
  return { store, svc };
}

describe('SessionStore', () => {
  it('persists sessions and messages across a reopen; title comes from the first question', async () => {
    const { store } = await open();
    const s = await store.create({ machine: 'X200', serialNumber: 'SN-1', technician: 'Ana' });
    const id = s.header.id;
    await store.putMessage(id, msg(id, 'user', 'What does fault E-204 mean on the X200 pump?'));
    await store.putMessage(id, msg(id, 'assistant', 'A clogged filter [1].', { mode: 'answer' }));
    await store.dispose();

    const { svc } = await open();
    const d = await svc.get(id);
    expect(d.title).toBe('What does fault E-204 mean on the X200 pump?');
    expect(d.machine).toBe('X200');
    expect(d.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('renaming or pinning a session does not change its last activity, a new message does', async () => {
    const { store, svc } = await open();
    const s = await store.create({});
    const id = s.header.id;
    await store.putMessage(id, msg(id, 'user', 'Where is the drain valve?'));
    const before = (await svc.get(id)).updatedAt;
    await new Promise((r) => setTimeout(r, 5)); // a later clock reading than the message's
    await store.patch(id, { title: 'Drain valve', pinned: true });
    const renamed = await svc.get(id);
    expect(renamed.title).toBe('Drain valve');
    expect(renamed.updatedAt).toBe(before);
    await store.dispose();
    expect((await (await open()).svc.get(id)).updatedAt).toBe(before); // same after replaying the journal
  });

  it('tolerates a torn last line and keeps appending cleanly after it', async () => {
    const { store } = await open();
    const id = (await store.create()).header.id;
    await store.putMessage(id, msg(id, 'user', 'first question'));
    await store.dispose();
    const path = join(dir, `${id}.jsonl`);
    await appendFile(path, '{"t":"message","at":"2026-01-01T00:00:00Z","message":{"id":"x","ro'); // kill -9 mid-write

    const reopened = await open();
    let d = await reopened.svc.get(id);
    expect(d.messages.map((m) => m.text)).toEqual(['first question']);
    await reopened.store.putMessage(id, msg(id, 'user', 'second question'));
    await reopened.store.dispose();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(() => lines.forEach((l) => JSON.parse(l))).not.toThrow();
    d = await (await open()).svc.get(id);
    expect(d.messages.map((m) => m.text)).toEqual(['first question', 'second question']);
  });

  it('rebuilds a stale index entry from the journal (crash between append and index write)', async () => {
    const { store } = await open();
    const id = (await store.create()).header.id;
    await store.putMessage(id, msg(id, 'user', 'q1'));
    await store.dispose();
    const indexBefore = await readFile(join(dir, 'index.json'), 'utf8');
    const s2 = await open();
    await s2.store.putMessage(id, msg(id, 'user', 'q2'));
    await s2.store.dispose();
    await writeFile(join(dir, 'index.json'), indexBefore); // index lost the last write
    const { svc } = await open();
    expect(svc.list().items[0].messageCount).toBe(2);
  });

  it('drops an index entry whose journal is gone, and delete does not resurrect', async () => {
    const { store, svc } = await open();
    const a = (await store.create({ title: 'A' })).header.id;
    const b = (await store.create({ title: 'B' })).header.id;
    expect(await svc.delete(a)).toBe(true);
    expect(await svc.delete(a)).toBe(false);
    await store.dispose();
    await rm(join(dir, `${b}.jsonl`));
    const again = await open();
    expect(again.svc.list().total).toBe(0);
  });

  it('lists pinned first, then newest first, paginated', async () => {
    const { store, svc } = await open();
    const ids: string[] = [];
    for (const t of ['one', 'two', 'three', 'four']) {
      ids.push((await store.create({ title: t })).header.id);
      await new Promise((r) => setTimeout(r, 5));
    }
    await svc.update(ids[0], { pinned: true });
    const page1 = svc.list(0, 2);
    expect(page1.total).toBe(4);
    expect(page1.items.map((s) => s.title)).toEqual(['one', 'four']);
    expect(svc.list(2, 2).items.map((s) => s.title)).toEqual(['three', 'two']);
    const renamed = await svc.update(ids[1], { title: 'renamed' });
    expect(renamed.title).toBe('renamed');
  });

  it('searches all messages (every word must match)', async () => {
    const { store, svc } = await open();
    const a = (await store.create()).header.id;
    const b = (await store.create()).header.id;
    await store.putMessage(a, msg(a, 'user', 'How do I reset the hydraulic pump?'));
    await store.putMessage(b, msg(b, 'assistant', 'Replace the pump filter cartridge.'));
    const hits = await svc.search('PUMP filter');
    expect(hits.map((h) => h.sessionId)).toEqual([b]);
    expect(hits[0].snippet).toContain('filter');
    expect((await svc.search('pump')).length).toBe(2);
    expect(await svc.search('nothing-like-this')).toEqual([]);
  });

  it('retention deletes old unpinned sessions only when enabled', async () => {
    const { store, svc } = await open(30);
    const old = (await store.create({ title: 'old' })).header.id;
    const pinned = (await store.create({ title: 'pinned old', pinned: true })).header.id;
    const fresh = (await store.create({ title: 'fresh' })).header.id;
    const future = Date.now() + 40 * 86_400_000;
    await store.putMessage(fresh, msg(fresh, 'user', 'x')); // touched "now"
    // A dry run lists what would go and deletes nothing.
    const preview = await svc.applyRetention(future, { dryRun: true });
    expect(preview.sessions.map((s) => s.title).sort()).toEqual(['fresh', 'old']);
    expect(store.has(old)).toBe(true);
    const done = await svc.applyRetention(future);
    expect(done.sessions.map((s) => s.id).sort()).toEqual([old, fresh].sort()); // old + fresh are both >30 days old at `future`; pinned is kept
    expect(store.has(pinned)).toBe(true);
    expect(store.has(old)).toBe(false);
    expect((await svc.applyRetention(Date.now(), { dryRun: true })).sessions).toEqual([]);
    const off = await open(null);
    expect((await off.svc.applyRetention(future)).sessions).toEqual([]);
  });

  it('computes stats from per-session counters', async () => {
    const { store, svc } = await open();
    const id = (await store.create()).header.id;
    const metrics = { promptTokens: 100, evaluatedPromptTokens: 100, generatedTokens: 20, ttftMs: 200, tokensPerSecond: 10, totalMs: 2200 };
    await store.putMessage(id, msg(id, 'user', 'q1'));
    const a1 = msg(id, 'assistant', 'a1', { mode: 'answer', metrics });
    await store.putMessage(id, a1);
    await store.putMessage(id, msg(id, 'user', 'q2'));
    await store.putMessage(id, msg(id, 'assistant', 'I could not find this', { mode: 'not_found' }));
    await store.putMessage(id, msg(id, 'user', 'q3'));
    await store.putMessage(id, msg(id, 'assistant', 'a3', { mode: 'answer', metrics: { ...metrics, ttftMs: 400, tokensPerSecond: 20 } }));
    await store.setFeedback(id, a1.id, { rating: 'not_helpful', comment: 'wrong page', at: new Date().toISOString() });
    const st = svc.stats();
    expect(st).toMatchObject({ sessions: 1, messages: 6, questions: 3, answers: 3, avgTtftMs: 300, avgTokensPerSecond: 15 });
    expect(st.refusedShare).toBeCloseTo(1 / 3);
    expect(st.feedback.notHelpful).toBe(1);
    expect((await stat(join(dir, `${id}.jsonl`))).size).toBeGreaterThan(0);
  });

  it('rejects ids that could escape the sessions folder', async () => {
    const { svc } = await open();
    await expect(svc.get('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('refusals', () => {
  it('counts not_found answers and model answers that say the manuals do not cover it', async () => {
    const { isRefusal } = await import('../../../src/main/core/sessions/sessionSummary');
    const base = { role: 'assistant' as const };
    expect(isRefusal({ ...base, mode: 'not_found', text: 'I could not find this in the manuals.' })).toBe(true);
    expect(isRefusal({ ...base, mode: 'answer', text: 'The manuals do not cover this.' })).toBe(true);
    expect(isRefusal({ ...base, mode: 'answer', text: 'Check the fuse [1].' })).toBe(false);
    expect(isRefusal({ ...base, mode: 'search_only', text: 'Search-only mode' })).toBe(false);
    expect(isRefusal({ role: 'user', mode: undefined, text: 'The manuals do not cover this.' })).toBe(false);
  });
});

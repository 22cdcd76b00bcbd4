/**
 * Damaged session journals (issue 21): a wrong-shaped or garbled record is set aside and counted,
 * never a reason to drop later messages or to fail start-up; the original bytes are kept aside.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionStore } from '../../../src/main/core/sessions/sessionStore';
import { SessionService } from '../../../src/main/core/sessions/sessionService';
import { nullLogger, type Logger } from '../../../src/main/core/platform/logger';
import type { ChatMessage } from '../../../src/shared/contract/sessions';

let dir: string;
let opened: SessionStore[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'benchmate-journal-'));
});
afterEach(async () => {
  await Promise.all(opened.map((s) => s.dispose()));
  opened = [];
  await rm(dir, { recursive: true, force: true });
});

const events = { emit() {} };
let n = 0;
const msg = (sessionId: string, text: string): ChatMessage => ({
  id: `m-${++n}`,
  sessionId,
  role: 'user',
  text,
  createdAt: new Date().toISOString(),
  sources: [],
  related: []
});

async function open(logger: Logger = nullLogger) {
  const store = new SessionStore(dir, logger);
  await store.open();
  opened.push(store);
  return { store, svc: new SessionService(store, { retentionDays: () => null, events, logger: nullLogger }) };
}

/** A session with `count` questions, written by one store that is then closed. */
async function seeded(count: number): Promise<{ id: string; path: string }> {
  const { store } = await open();
  const id = (await store.create({ title: 'Pump' })).header.id;
  for (let i = 1; i <= count; i++) await store.putMessage(id, msg(id, `question ${i} ${'x'.repeat(600)}`));
  await store.dispose();
  opened = opened.filter((s) => s !== store);
  return { id, path: join(dir, `${id}.jsonl`) };
}

const copiesAside = async () => (await readdir(dir)).filter((f) => f.includes('.corrupt-'));
const texts = (d: { messages: ChatMessage[] }) => d.messages.map((m) => m.text.split(' ').slice(0, 2).join(' '));

describe('damaged session journals', () => {
  it('a well-formed but wrong-shaped line (null) does not stop start-up; the session opens with a notice', async () => {
    const good = await seeded(1);
    const bad = await seeded(2);
    await appendFile(bad.path, 'null\n');
    const { svc } = await open(); // threw "Cannot read properties of null" before
    expect(svc.list().total).toBe(2);
    const d = await svc.get(bad.id);
    expect(texts(d)).toEqual(['question 1', 'question 2']);
    expect(d.damagedEntries).toBe(1);
    expect((await svc.get(good.id)).damagedEntries ?? 0).toBe(0);
    expect(await copiesAside()).toHaveLength(1);
  });

  it('a garbled middle line loses only itself: every later message survives, the original is copied aside', async () => {
    const { id, path } = await seeded(11);
    const original = await readFile(path, 'utf8');
    const lines = original.split('\n');
    lines[3] = lines[3].slice(0, 40) + '\u0000garbage'; // damage message 3 of 11
    await writeFile(path, lines.join('\n'));
    const damagedSize = (await stat(path)).size;

    const { svc, store } = await open();
    const d = await svc.get(id);
    expect(d.messages).toHaveLength(10);
    expect(texts(d)).toContain('question 11');
    expect(texts(d)).not.toContain('question 3');
    expect(d.damagedEntries).toBe(1);
    const [copy] = await copiesAside();
    expect((await stat(join(dir, copy))).size).toBe(damagedSize); // byte-for-byte original kept
    // Appending after the repair works and survives a reopen.
    await store.putMessage(id, msg(id, 'question 12'));
    await store.dispose();
    const again = await (await open()).svc.get(id);
    expect(again.messages).toHaveLength(11);
    expect(again.damagedEntries).toBe(1); // the notice persists
    expect(await copiesAside()).toHaveLength(1); // no second copy for an already repaired journal
  });

  it('a torn tail is still dropped (after a copy aside) and appends continue on a clean line', async () => {
    const { id, path } = await seeded(2);
    await appendFile(path, '{"t":"message","at":"2026-01-01T00:00:00Z","message":{"id":"x","ro');
    const { svc, store } = await open();
    expect(texts(await svc.get(id))).toEqual(['question 1', 'question 2']);
    await store.putMessage(id, msg(id, 'question 3'));
    await store.dispose();
    const text = await readFile(path, 'utf8');
    expect(() => text.trim().split('\n').forEach((l) => JSON.parse(l))).not.toThrow();
    expect(await copiesAside()).toHaveLength(1);
    expect(texts(await (await open()).svc.get(id))).toEqual(['question 1', 'question 2', 'question 3']);
  });

  it('a garbage file is set aside and start-up lists the other sessions', async () => {
    const good = await seeded(1);
    const junk = join(dir, 'aaaaaaaa-0000-0000-0000-000000000000.jsonl');
    await writeFile(junk, Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x0a, 0x5b, 0x31, 0x2c, 0x0a, 0x34, 0x32, 0x0a]));
    const { svc } = await open();
    expect(svc.list().items.map((s) => s.id)).toEqual([good.id]);
    expect(await copiesAside()).toHaveLength(1);
    await expect(stat(junk)).rejects.toThrow(); // moved aside, not re-read at every start
  });

  it('records of the wrong shape inside valid JSON (bad role, message before the header) are counted', async () => {
    const { id, path } = await seeded(1);
    await appendFile(
      path,
      JSON.stringify({ t: 'message', at: 'x', message: { id: 'q', role: 'admin', text: 1 } }) + '\n' + JSON.stringify({ t: 'nope' }) + '\n'
    );
    const { svc } = await open();
    const d = await svc.get(id);
    expect(d.messages).toHaveLength(1);
    expect(d.damagedEntries).toBe(2);
  });

  it('a truncated session index: every session listed with every message, the bad index moved aside and logged', async () => {
    const a = await seeded(3);
    const b = await seeded(2);
    const indexPath = join(dir, 'index.json');
    const index = await readFile(indexPath, 'utf8');
    await writeFile(indexPath, index.slice(0, Math.floor(index.length / 2)));
    const warnings: string[] = [];
    const { svc } = await open({ ...nullLogger, warn: (m: string) => void warnings.push(m), child: () => nullLogger });
    expect(svc.list().items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(texts(await svc.get(a.id))).toEqual(['question 1', 'question 2', 'question 3']);
    expect(texts(await svc.get(b.id))).toEqual(['question 1', 'question 2']);
    expect(warnings.some((w) => /index unreadable; moved aside/.test(w))).toBe(true);
    const aside = (await readdir(dir)).filter((f) => f.startsWith('index.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]), 'utf8')).toBe(index.slice(0, Math.floor(index.length / 2)));
    await expect(readFile(indexPath, 'utf8').then((t) => JSON.parse(t) as { sessions: object })).resolves.toHaveProperty(`sessions.${a.id}`);
  });

  it('an index entry of the wrong shape (size still matching) is not trusted: the journal is re-read', async () => {
    const { id } = await seeded(2);
    const indexPath = join(dir, 'index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as { sessions: Record<string, { summary: unknown; journalBytes: number }> };
    index.sessions[id].summary = null; // what made listing throw before
    index.sessions['__proto__'] = { summary: 1, journalBytes: 0 } as never;
    await writeFile(indexPath, JSON.stringify(index));
    const { svc } = await open();
    expect(svc.list().items.map((x) => x.id)).toEqual([id]);
    expect(texts(await svc.get(id))).toEqual(['question 1', 'question 2']);
  });

  it('every kind of damage is logged with the copy it left aside', async () => {
    const { path } = await seeded(3);
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[2] = '{"t":"message", garbled';
    await writeFile(path, lines.join('\n') + '{"t":"mess');
    const logged: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
    await open({ ...nullLogger, warn: (msg: string, fields?: Record<string, unknown>) => void logged.push({ msg, fields }), child: () => nullLogger });
    const entry = logged.find((l) => /journal damaged/.test(l.msg));
    expect(entry?.fields).toMatchObject({ badRecords: 1 });
    expect(Number(entry?.fields?.tornBytes)).toBeGreaterThan(0);
    expect(await copiesAside()).toContain(String(entry?.fields?.copy));
  });
});

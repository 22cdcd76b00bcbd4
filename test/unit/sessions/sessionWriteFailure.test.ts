import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionStore } from '../../../src/main/core/sessions/sessionStore';
import { appendRecords } from '../../../src/main/core/sessions/journal';
import { nullLogger } from '../../../src/main/core/platform/logger';
import type { ChatMessage } from '../../../src/shared/contract/sessions';

/**
 * SessionStore keeps memory and disk in step: a change becomes the stored state only after its
 * journal append succeeded, and what get() hands out is a copy. The journal append is the one
 * neighbour swapped here: it writes part of a line, then fails like a full disk.
 */
let dir: string;
let stores: SessionStore[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'benchmate-session-write-'));
});
afterEach(async () => {
  await Promise.all(stores.map((s) => s.dispose()));
  stores = [];
  await rm(dir, { recursive: true, force: true });
});

const msg = (sessionId: string, id: string, text: string): ChatMessage => ({
  id,
  sessionId,
  role: 'user',
  text,
  createdAt: '2026-01-01T00:00:00.000Z',
  sources: [],
  related: []
});

async function openStore(io?: ConstructorParameters<typeof SessionStore>[2]): Promise<SessionStore> {
  const store = new SessionStore(dir, nullLogger, io);
  await store.open();
  stores.push(store);
  return store;
}

describe('SessionStore write failures and copies', () => {
  it('a failed journal write leaves memory unchanged, and disk (reopened) agrees with memory', async () => {
    let failNext = false;
    const store = await openStore({
      append: async (path, records) => {
        if (!failNext) return appendRecords(path, records);
        failNext = false;
        await appendFile(path, JSON.stringify(records[0]).slice(0, 25)); // a torn, partial line
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
    });
    const id = (await store.create({ title: 'Pump' })).header.id;
    await store.putMessage(id, msg(id, 'm1', 'first question'));
    const before = await store.get(id);

    failNext = true;
    await expect(store.putMessage(id, msg(id, 'm2', 'lost question'))).rejects.toThrow(/ENOSPC/);
    failNext = true;
    await expect(store.patch(id, { title: 'Renamed' })).rejects.toThrow(/ENOSPC/);

    expect(await store.get(id)).toEqual(before);
    expect(store.summaries()[0]).toMatchObject({ title: 'Pump', messageCount: 1 });

    // The next write works and lands on a clean line.
    await store.putMessage(id, msg(id, 'm3', 'second question'));
    const memory = await store.get(id);
    expect(memory.messages.map((m) => m.id)).toEqual(['m1', 'm3']);

    await store.dispose();
    const reopened = await openStore();
    expect(await reopened.get(id)).toEqual(memory);
  });

  it('hands out copies: changing what get() or a mutation returned does not change the store', async () => {
    const store = await openStore();
    const created = await store.create({ title: 'Valve' });
    const id = created.header.id;
    created.header.title = 'changed by a caller';
    const afterPut = await store.putMessage(id, msg(id, 'm1', 'question'));
    afterPut.messages.length = 0;
    const got = await store.get(id);
    got.messages.push(msg(id, 'x', 'injected'));
    got.header.title = 'also changed';

    const fresh = await store.get(id);
    expect(fresh.header.title).toBe('Valve');
    expect(fresh.messages.map((m) => m.id)).toEqual(['m1']);
    expect(store.summaries()[0]).toMatchObject({ title: 'Valve', messageCount: 1 });
  });
});

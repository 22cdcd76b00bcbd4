import { beforeEach, describe, expect, it } from 'vitest';
import { createChatStore, type ChatStore } from '../../../../src/renderer/src/features/chat/chatStore';
import { connectChatEvents } from '../../../../src/renderer/src/features/chat/connectChatEvents';
import { createSessionsStore } from '../../../../src/renderer/src/features/sessions/sessionsStore';
import { createViewerStore } from '../../../../src/renderer/src/features/viewer/viewerStore';
import { createFakeCore, flush, source, type FakeCore } from './fakeCore';
import { AppError } from '../../../../src/shared/result';

let core: FakeCore;
let chat: ChatStore;

beforeEach(async () => {
  core = createFakeCore();
  chat = createChatStore(core.api);
  const sessions = createSessionsStore(core.api, async () => ({ saved: false, cancelled: true }));
  // Every token straight to the store here; batching has its own tests below.
  connectChatEvents(core.api, { chat, sessions, viewer: createViewerStore(core.api) }, { deltaIntervalMs: 0 });
  await flush();
});

const texts = () => chat.getState().transcript.order.map((id) => chat.getState().transcript.byId[id].text);

describe('chat store: streaming', () => {
  it('creates a session on first send and shows question + streaming answer', async () => {
    expect(await chat.getState().send('What does E-204 mean?')).toBe(true);
    const s = chat.getState();
    expect(s.activeId).toBe([...core.sessions.keys()][0]);
    expect(s.transcript.order).toHaveLength(2);
    const [u, a] = s.transcript.order.map((id) => s.transcript.byId[id]);
    expect(u.role).toBe('user');
    expect(u.id).toBe(core.sessions.get(s.activeId!)!.messages[0].id); // real id adopted
    expect(a.id).toBe(core.turn!.messageId);
    expect(a.streaming).toBe(true);
    expect(s.streaming).toEqual({ sessionId: s.activeId, messageId: core.turn!.messageId });
  });

  it('appends deltas to the last message only; earlier messages and the id list keep their identity', async () => {
    await chat.getState().send('first');
    core.delta('One');
    core.done({ sources: [source(1)] });
    await flush();
    await chat.getState().send('second');
    const before = chat.getState().transcript;
    const earlier = before.order.slice(0, -1).map((id) => before.byId[id]);

    core.delta('The fault ');
    core.delta('is a belt [1].');
    const after = chat.getState().transcript;
    expect(after.order).toBe(before.order); // list did not change → the list component does not re-render
    after.order.slice(0, -1).forEach((id, i) => expect(after.byId[id]).toBe(earlier[i]));
    expect(after.byId[after.order.at(-1)!].text).toBe('The fault is a belt [1].');
    expect(texts()).toEqual(['first', 'One', 'second', 'The fault is a belt [1].']);
  });

  it('replaces the streamed text with the stored message on chat.done', async () => {
    await chat.getState().send('q');
    core.delta('raw [3]');
    core.done({ text: 'final [1]', sources: [source(1)] });
    const s = chat.getState();
    const a = s.transcript.byId[s.transcript.order.at(-1)!];
    expect(a.text).toBe('final [1]');
    expect(a.sources.map((x) => x.n)).toEqual([1]);
    expect(a.streaming).toBe(false);
    expect(s.streaming).toBeNull();
  });

  it('adopts the placeholder when a delta arrives before the send reply', async () => {
    const sid = (await core.api.sessions.create({})) as { ok: true; value: { id: string } };
    await chat.getState().open(sid.value.id);
    // The core starts streaming before its reply to chat.send reaches the store.
    core.handlers['chat.send'] = (i: never) => {
      const r = core.builtin('chat.send')(i);
      core.delta('early');
      return r;
    };
    await chat.getState().send('race');
    core.delta(' late');
    const s = chat.getState();
    expect(s.transcript.order).toHaveLength(2);
    expect(s.transcript.byId[core.turn!.messageId].text).toBe('early late');
  });
});

describe('chat store: stop / regenerate / edit', () => {
  it('stop keeps the partial answer, marked as stopped', async () => {
    await chat.getState().send('q');
    core.delta('partial');
    await chat.getState().stop();
    await flush();
    const s = chat.getState();
    const a = s.transcript.byId[s.transcript.order.at(-1)!];
    expect(core.calls.some((c) => c.method === 'chat.stop')).toBe(true);
    expect(a.text).toBe('partial');
    expect(a.stopReason).toBe('abort');
    expect(s.streaming).toBeNull();
  });

  it('regenerate replaces the last answer and streams a new one', async () => {
    await chat.getState().send('q');
    core.delta('old');
    core.done();
    await chat.getState().regenerate();
    expect(texts()).toEqual(['q', '']);
    core.delta('new');
    core.done();
    expect(texts()).toEqual(['q', 'new']);
    expect(core.calls.filter((c) => c.method === 'chat.regenerate')).toHaveLength(1);
  });

  it('editLast replaces the last question and its answer', async () => {
    await chat.getState().send('wrong question');
    core.delta('a1');
    core.done();
    expect(await chat.getState().editLast('right question')).toBe(true);
    core.delta('a2');
    core.done();
    expect(texts()).toEqual(['right question', 'a2']);
  });

  it('a failed send removes the optimistic rows and shows the error', async () => {
    core.handlers['chat.send'] = () => {
      throw new AppError('INVALID_INPUT', 'question too long');
    };
    expect(await chat.getState().send('q')).toBe(false);
    const s = chat.getState();
    expect(s.transcript.order).toEqual([]);
    expect(s.streaming).toBeNull();
    expect(s.error).toEqual({ code: 'INVALID_INPUT', message: 'question too long' });
  });

  it('chat.error ends the turn with a visible failure', async () => {
    await chat.getState().send('q');
    core.fail('model crashed');
    const s = chat.getState();
    expect(s.streaming).toBeNull();
    expect(s.transcript.byId[s.transcript.order.at(-1)!].failure).toBe('model crashed');
    expect(s.error?.message).toBe('model crashed');
  });

  it('chat.error keeps the core\'s error code (no rewrite to INTERNAL)', async () => {
    await chat.getState().send('q');
    core.fail('disk is full', 'OUT_OF_MEMORY');
    expect(chat.getState().error).toEqual({ code: 'OUT_OF_MEMORY', message: 'disk is full' });
  });

  it('a turn that ends CANCELLED reads as stopped: no failure, no error banner', async () => {
    await chat.getState().send('q');
    core.fail('Cancelled.', 'CANCELLED');
    const s = chat.getState();
    const a = s.transcript.byId[s.transcript.order.at(-1)!];
    expect(s.streaming).toBeNull();
    expect(a.failure).toBeUndefined();
    expect(a.stopReason).toBe('abort');
    expect(s.error).toBeNull();
  });

  it('stop before the first token: the empty answer ends as stopped, not failed', async () => {
    await chat.getState().send('q');
    await chat.getState().stop();
    await flush();
    const s = chat.getState();
    const a = s.transcript.byId[s.transcript.order.at(-1)!];
    expect(a).toMatchObject({ role: 'assistant', text: '', stopReason: 'abort', streaming: false });
    expect(a.failure).toBeUndefined();
    expect(s.error).toBeNull();
    expect(s.streaming).toBeNull();
  });
});

describe('chat store: sessions, scope, feedback', () => {
  it('filters the sidebar by title and by message text (sessions.search)', async () => {
    await chat.getState().send('belt tension');
    core.delta('Adjust the idler pulley');
    core.done();
    chat.getState().newChat();
    await chat.getState().send('coolant leak');
    core.done();
    await chat.getState().loadSessions();
    await chat.getState().setFilter('idler');
    const ids = chat.getState().hitIds;
    expect(ids).toHaveLength(1);
    expect(core.sessions.get(ids![0])!.title).toBe('belt tension');
  });

  it('remembers the scope per session', async () => {
    const scope = { machineModels: ['X200'], documentIds: [], tags: ['electrical'] };
    await chat.getState().setScope(scope); // no session yet: kept for the next one
    await chat.getState().send('q');
    core.done();
    const sid = chat.getState().activeId!;
    expect(core.sessions.get(sid)!.scope).toEqual(scope);
    chat.getState().newChat();
    expect(chat.getState().scope.machineModels).toEqual([]);
    await chat.getState().open(sid);
    expect(chat.getState().scope).toEqual(scope);
  });

  it('rename, pin and delete go through the contract', async () => {
    await chat.getState().send('q');
    core.done();
    const sid = chat.getState().activeId!;
    await chat.getState().loadSessions();
    await chat.getState().rename(sid, 'Renamed');
    expect(chat.getState().sessions[0].title).toBe('Renamed');
    await chat.getState().togglePin(sid);
    expect(chat.getState().sessions[0].pinned).toBe(true);
    await chat.getState().remove(sid);
    expect(chat.getState().sessions).toHaveLength(0);
    expect(chat.getState().activeId).toBeNull();
  });

  it('a chat whose file had damaged records opens with their count (for the notice); another chat clears it', async () => {
    await chat.getState().send('q');
    core.done();
    const damagedId = chat.getState().activeId!;
    chat.getState().newChat();
    await chat.getState().send('other');
    core.done();
    const intactId = chat.getState().activeId!;
    const get = core.builtin('sessions.get');
    core.handlers['sessions.get'] = async (i) => {
      const detail = (await get(i)) as object;
      return (i as { id: string }).id === damagedId ? { ...detail, damagedEntries: 3 } : detail;
    };
    await chat.getState().open(damagedId);
    expect(chat.getState().damagedEntries).toBe(3);
    expect(texts()).toEqual(['q', core.sessions.get(damagedId)!.messages[1].text]); // the intact messages are all there
    await chat.getState().open(intactId);
    expect(chat.getState().damagedEntries).toBe(0);
    await chat.getState().open(damagedId);
    chat.getState().newChat();
    expect(chat.getState().damagedEntries).toBe(0);
  });

  it('a stale link to a deleted chat falls back to a new chat with a clear message', async () => {
    await chat.getState().open('gone');
    expect(chat.getState().activeId).toBeNull();
    expect(chat.getState().error?.message).toMatch(/no longer exists/);
  });

  it('stores machine / serial / technician for the report', async () => {
    await chat.getState().send('q');
    core.done();
    const sid = chat.getState().activeId!;
    await chat.getState().loadSessions();
    expect(await chat.getState().updateDetails(sid, { machine: 'X200 line 3', serialNumber: 'SN-1', technician: 'Ana' })).toBe(true);
    expect(core.sessions.get(sid)).toMatchObject({ machine: 'X200 line 3', serialNumber: 'SN-1', technician: 'Ana' });
    expect(chat.getState().sessions.find((s) => s.id === sid)?.serialNumber).toBe('SN-1');
  });

  it('stores feedback on the answer', async () => {
    await chat.getState().send('q');
    const m = core.done();
    expect(await chat.getState().feedback(m.id, 'escalate', 'wrong torque')).toBe(true);
    expect(chat.getState().transcript.byId[m.id].feedback?.rating).toBe('escalate');
    expect(core.sessions.get(m.sessionId)!.messages.at(-1)!.feedback?.comment).toBe('wrong torque');
  });
});

describe('chat events: token batching', () => {
  it('coalesces a burst of tokens into one store update and flushes before the turn ends', async () => {
    const c = createFakeCore();
    const store = createChatStore(c.api);
    const stores = { chat: store, sessions: createSessionsStore(c.api, async () => ({ saved: false, cancelled: true })), viewer: createViewerStore(c.api) };
    const off = connectChatEvents(c.api, stores, { deltaIntervalMs: 30 });
    await store.getState().send('q');
    let updates = 0;
    const unsub = store.subscribe((s, prev) => s.transcript !== prev.transcript && updates++);
    for (const t of ['a', 'b', 'c', 'd', 'e']) c.delta(t);
    expect(updates).toBe(0); // nothing rendered per token
    await new Promise((r) => setTimeout(r, 60));
    expect(updates).toBe(1);
    const last = () => store.getState().transcript.byId[store.getState().transcript.order.at(-1)!];
    expect(last().text).toBe('abcde');
    c.delta('f');
    c.fail('engine crashed'); // pending 'f' is applied before the turn is closed
    expect(last().text).toBe('abcdef');
    expect(last().failure).toBe('engine crashed');
    expect(store.getState().streaming).toBeNull();
    unsub();
    off();
  });
});

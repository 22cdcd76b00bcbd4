import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionsStore, visibleSessions, type SessionsStore } from '../../../../src/renderer/src/features/sessions/sessionsStore';
import type { ExportFile } from '../../../../src/renderer/src/lib/hostFiles';
import { createChatStore, type ChatStore } from '../../../../src/renderer/src/features/chat/chatStore';
import { connectChatEvents } from '../../../../src/renderer/src/features/chat/connectChatEvents';
import { createViewerStore } from '../../../../src/renderer/src/features/viewer/viewerStore';
import { createFakeCore, flush, type FakeCore } from '../chat/fakeCore';
import { AppError } from '../../../../src/shared/result';

let core: FakeCore;
let chat: ChatStore;
let sessions: SessionsStore;
let saved: ExportFile[];

async function ask(q: string, a: string) {
  chat.getState().newChat();
  await chat.getState().send(q);
  core.delta(a);
  core.done();
  await flush();
}

beforeEach(async () => {
  core = createFakeCore();
  saved = [];
  chat = createChatStore(core.api);
  sessions = createSessionsStore(core.api, async (f) => {
    saved.push(f);
    return { saved: true, where: `/exports/${f.fileName}` };
  });
  connectChatEvents(core.api, { chat, sessions, viewer: createViewerStore(core.api) }, { deltaIntervalMs: 0 });
  await ask('E-204 on the X200', 'Drive belt slipping [1]');
  await ask('coolant pump noise', 'Check the impeller');
  await sessions.getState().load();
});

describe('sessions store', () => {
  it('lists every session', () => {
    expect(sessions.getState().items.map((s) => s.title).sort()).toEqual(['E-204 on the X200', 'coolant pump noise']);
    expect(sessions.getState().total).toBe(2);
  });

  it('searches across message text, not just titles', async () => {
    await sessions.getState().search('impeller');
    const shown = visibleSessions(sessions.getState());
    expect(shown.map((s) => s.title)).toEqual(['coolant pump noise']);
    expect(sessions.getState().hits?.[0].role).toBe('assistant');
    await sessions.getState().search('');
    expect(visibleSessions(sessions.getState())).toHaveLength(2);
  });

  it('exports through export.render and hands the bytes to the save port', async () => {
    const id = sessions.getState().items[0].id;
    const r = await sessions.getState().exportSessions([id], 'pdf');
    expect(r).toEqual({ saved: true, where: '/exports/benchmate-report.pdf' });
    expect(core.calls.find((c) => c.method === 'export.render')?.input).toEqual({ sessionIds: [id], format: 'pdf' });
    expect(atob(saved[0].base64)).toBe(`report:${id}`);
    expect(sessions.getState().exporting).toBeNull();
    expect(sessions.getState().lastExport?.fileName).toBe('benchmate-report.pdf');
  });

  it('surfaces an export failure', async () => {
    core.handlers['export.render'] = () => {
      throw new AppError('NOT_FOUND', 'session gone');
    };
    const r = await sessions.getState().exportSessions(['nope'], 'md');
    expect(r.saved).toBe(false);
    expect(sessions.getState().error?.message).toBe('session gone');
    expect(saved).toHaveLength(0);
  });

  it('deletes a session and refreshes when the chat side changes', async () => {
    const id = sessions.getState().items[0].id;
    expect(await sessions.getState().remove(id)).toBe(true);
    expect(sessions.getState().items.map((s) => s.id)).not.toContain(id);
    await ask('third question', 'answer');
    await flush();
    expect(sessions.getState().items).toHaveLength(2); // reloaded after chat.done
  });

  it('falls back to a browser download when the host has no save dialog (web host)', async () => {
    const { saveWithHostOrDownload } = await import('../../../../src/renderer/src/lib/hostFiles');
    core.handlers['host.saveFile'] = () => ({ path: '/home/tech/report.pdf' });
    expect(await saveWithHostOrDownload(core.api, { fileName: 'r.pdf', mimeType: 'application/pdf', base64: 'AA==' })).toEqual({
      saved: true,
      where: '/home/tech/report.pdf'
    });
    core.handlers['host.saveFile'] = () => ({ path: null });
    expect(await saveWithHostOrDownload(core.api, { fileName: 'r.pdf', mimeType: 'application/pdf', base64: 'AA==' })).toEqual({
      saved: false,
      cancelled: true
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ChatMessage } from '../../../src/shared/contract/sessions';
import { tempCore } from '../../helpers/tempCore';
import { chatWith, disposeChats, importSampleManual } from './harness';

/** Follow-ups stay on topic: only a question that depends on the conversation is rewritten. */
let t: Awaited<ReturnType<typeof tempCore>>;

beforeAll(async () => {
  t = await tempCore();
  await importSampleManual(t.core, t.dir);
});
afterAll(async () => {
  await disposeChats();
  await t?.cleanup();
});

const pagesOf = (m: ChatMessage) => [...m.sources, ...m.related].map((s) => `${s.page}:${s.highlight.charStart}-${s.highlight.charEnd}`);

async function ask(h: ReturnType<typeof chatWith>, text: string, sessionId?: string) {
  const s = await h.chat.send({ text, ...(sessionId ? { sessionId } : {}) });
  return { sessionId: s.sessionId, message: await h.finished(s.messageId) };
}

describe('follow-up decision in a session (search-only)', () => {
  it('an unrelated question after another gets exactly the fresh-chat results', async () => {
    const h = chatWith(t.core, join(t.dir, 'unrelated'), () => undefined);
    await h.open();
    const first = await ask(h, 'What does fault E-204 mean?');
    const question = 'Which baud rate does the serial terminal on the service port need?';
    const inSession = await ask(h, question, first.sessionId);
    const fresh = await ask(h, question);
    expect(inSession.message.query).toBe(question);
    expect(inSession.message.mode).toBe(fresh.message.mode);
    expect(pagesOf(inSession.message)).toEqual(pagesOf(fresh.message));
    expect(inSession.message.sources[0]?.page).toBe(5);
    expect(inSession.message.sources[0]?.span?.text).toContain('115200 baud');
  });

  it('a real follow-up is searched with the earlier subject', async () => {
    const h = chatWith(t.core, join(t.dir, 'follow'), () => undefined);
    await h.open();
    const first = await ask(h, 'What does fault E-204 mean?');
    const follow = await ask(h, 'How do I clear it?', first.sessionId);
    expect(follow.message.query).toContain('E-204');
    const alone = await ask(h, 'How do I clear it?');
    expect(alone.message.query).toBe('How do I clear it?');
    // About the fault table page, unlike the same words asked alone.
    expect(follow.message.sources[0]?.page).toBe(4);
    expect(pagesOf(follow.message)).not.toEqual(pagesOf(alone.message));
  });
});

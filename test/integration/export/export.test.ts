import { shownText } from '../../../src/main/core/export/answerLayout';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../src/shared/result';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { tempCore } from '../../helpers/tempCore';
import { importSampleManual, flat } from '../chat/harness';
import type { ChatMessage } from '../../../src/shared/contract/sessions';

let t: Awaited<ReturnType<typeof tempCore>>;
const sessionIds: string[] = [];
const answers: ChatMessage[] = [];

async function ask(text: string, sessionId?: string): Promise<string> {
  const done = new Promise<ChatMessage>((resolve) => {
    const off = t.core.events.on('chat.done', (e) => {
      off();
      resolve(e.message);
    });
  });
  const started = unwrap(await t.core.api.chat.send({ text, ...(sessionId ? { sessionId } : {}) }));
  answers.push(await done);
  return started.sessionId;
}

beforeAll(async () => {
  t = await tempCore();
  await importSampleManual(t.core, t.dir);
  const a = await ask('What does fault E-204 mean?');
  await ask('and how do I clear it?', a);
  await t.core.api.sessions.update({ id: a, patch: { machine: 'X200 heater', serialNumber: 'SN-0042', technician: 'Ana Ruiz' } });
  const b = await ask('Which baud rate does the service port use?');
  sessionIds.push(a, b);
});
afterAll(async () => {
  await t?.cleanup();
});

const cited = () => answers.flatMap((m) => m.sources);

describe('export through the contract', () => {
  it('writes every format with page labels and quotes', async () => {
    const out = join(t.dir, 'reports');
    await mkdir(out);
    expect(cited().length).toBeGreaterThan(2);
    for (const format of ['md', 'html', 'json'] as const) {
      const r = await t.core.api.export.run({ sessionIds, format, outPath: `report.${format}`, baseDir: out });
      expect(r.ok).toBe(true);
      // Markdown quotes every line of a passage with "> "; remove that to compare the text.
      const raw = await readFile(join(out, `report.${format}`), 'utf8');
      const text = format === 'md' ? raw.replace(/^> ?/gm, '') : raw;
      expect(text).toContain((r as { value: { contentSha256: string } }).value.contentSha256);
      for (const s of cited()) {
        expect(text).toContain(`p. ${s.pageLabel}`);
        // Each format has its own escaping; compare on a word-level prefix of the quote.
        // A search-only answer prints each source's answer span (its quote stays in the JSON).
        const words = flat(format === 'json' ? s.quote : shownText(s)).split(' ').slice(0, 4).join(' ');
        expect(format === 'json' ? flat(JSON.parse(text).sessions.flatMap((x: { messages: ChatMessage[] }) => x.messages.flatMap((m) => m.sources.map((q) => q.quote))).join(' ')) : flat(text)).toContain(words);
      }
    }
  });

  it('renders a PDF service report that pdf-parse reads back with every citation', async () => {
    const r = await t.core.api.export.render({ sessionIds, format: 'pdf' });
    expect(r.ok).toBe(true);
    const v = (r as { value: { base64: string; fileName: string; mimeType: string; contentSha256: string } }).value;
    expect(v.mimeType).toBe('application/pdf');
    expect(v.fileName).toMatch(/\.pdf$/);
    const parser = new PDFParse({ data: new Uint8Array(Buffer.from(v.base64, 'base64')) });
    const text = flat((await parser.getText()).text);
    await parser.destroy();
    for (const needle of ['X200 heater', 'SN-0042', 'Ana Ruiz', v.contentSha256]) expect(text).toContain(needle);
    for (const s of cited()) {
      expect(text).toContain(`${s.docTitle} (rev. ${s.revision}), p. ${s.pageLabel}`);
      expect(text).toContain(flat(shownText(s)).slice(0, 120));
    }
  });

  it('refuses traversal and unknown sessions, and reports gaps as CSV', async () => {
    const bad = await t.core.api.export.run({ sessionIds, format: 'md', outPath: '../../escape.md', baseDir: join(t.dir, 'reports') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const missing = await t.core.api.export.render({ sessionIds: ['nope'], format: 'md' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rel = await t.core.api.export.run({ sessionIds, format: 'md', outPath: 'plain.md' });
    expect(rel).toMatchObject({ ok: true, value: { path: join(t.dir, 'exports', 'plain.md') } });
    const fb = await t.core.api.chat.feedback({ sessionId: sessionIds[1], messageId: answers[2].id, rating: 'escalate', comment: 'ask vendor' });
    expect(fb.ok).toBe(true);
    const gaps = await t.core.api.export.gaps();
    expect(gaps).toMatchObject({ ok: true, value: { groups: [{ reason: 'escalate', comments: ['ask vendor'] }] } });
    expect((gaps as { value: { csv: string } }).value.csv).toContain('escalate,1,Which baud rate does the service port use?');
  });
});

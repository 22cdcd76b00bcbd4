import { localTime } from '../../../src/main/core/export/answerLayout';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { ExportService } from '../../../src/main/core/export/exportService';
import { exportDocumentSchema } from '../../../src/main/core/export/reportModel';
import { gapCsv, gapGroups } from '../../../src/main/core/export/gapReport';
import type { SessionState } from '../../../src/main/core/sessions/journal';
import type { ChatMessage, ChatSource } from '../../../src/shared/contract/sessions';
import { AppError } from '../../../src/main/core/platform/errors';

const source = (n: number, over: Partial<ChatSource> = {}): ChatSource => ({
  n,
  docId: `doc${n}`,
  docTitle: `X200 Service Manual ${n}`,
  revision: `R${n}`,
  page: 40 + n,
  pageLabel: `4-${n}`,
  sectionPath: 'Troubleshooting > Faults',
  quote: `Fault E-20${n}: the inlet filter is clogged. Replace cartridge FC-${n}00 and restart.`,
  highlight: { charStart: 0, charEnd: 10 },
  ...over
});

function session(id: string, title: string, messages: Array<Partial<ChatMessage> & Pick<ChatMessage, 'role' | 'text'>>): SessionState {
  const at = '2026-11-20T09:00:00.000Z';
  return {
    header: { id, title, scope: { machineModels: ['X200'], documentIds: [], tags: [] }, machine: 'X200 pump', serialNumber: 'SN-4711', technician: 'Ana <Tech> & Co', pinned: false, createdAt: at, ownerId: '' },
    updatedAt: '2026-11-20T10:00:00.000Z',
    messages: messages.map((m, i) => ({ id: `${id}-m${i}`, sessionId: id, createdAt: at, sources: [], related: [], ...m }))
  };
}

const s1 = session('s1', 'Fault E-201 on X200', [
  { role: 'user', text: 'What does E-201 mean? <script>alert(1)</script>' },
  { role: 'assistant', text: 'The inlet filter is clogged [1]. Replace the cartridge [2].', mode: 'answer', sources: [source(1), source(2, { quote: 'Quote with <b>tags</b> & "quotes" — and ünïcode Ω' })], replyTo: 's1-m0', modelId: 'tiny' },
  { role: 'user', text: 'How to calibrate the flux capacitor?' },
  { role: 'assistant', text: 'I could not find this in the manuals.', mode: 'not_found', related: [source(3)], replyTo: 's1-m2' }
]);
const s2 = session('s2', 'Second session', [
  { role: 'user', text: 'Where is valve V-12?' },
  {
    role: 'assistant', text: 'Behind the panel [1].', mode: 'search_only', sources: [source(4)], replyTo: 's2-m0',
    actions: [
      { name: 'list_documents', status: 'done', text: '3 manuals.' },
      { name: 'escalate_to_supervisor', status: 'confirmed', text: 'Escalated to a supervisor.' },
      { name: 'add_service_note', status: 'refused', text: 'Only an admin can add a note.' }
    ],
    feedback: { rating: 'not_helpful', comment: 'wrong valve', at: '2026-11-20T11:00:00.000Z' } }
]);

const cutSpan = { docId: 'doc5', page: 45, kind: 'sentence' as const, text: 'For the 144 MHz band on a 28 MHz receiver, the', header: '', charStart: 10, charEnd: 57, marks: [], continued: { page: 46, text: 'offset to enter is 116 MHz.', charStart: 0, charEnd: 27 } };
const s3 = session('s3', 'Cut sentence', [
  { role: 'user', text: 'Which converter offset?' },
  { role: 'assistant', text: 'From the manual.', mode: 'search_only', sources: [source(5, { span: cutSpan, highlight: { charStart: 10, charEnd: 57 } })], replyTo: 's3-m0' }
]);

let base: string;
let svc: ExportService;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'benchmate-export-'));
  const states: Record<string, SessionState> = { s1, s2, s3 };
  svc = new ExportService({
    getSession: async (id) => {
      if (!states[id]) throw new AppError('NOT_FOUND', id);
      return structuredClone(states[id]);
    },
    allSessions: async () => [structuredClone(s1), structuredClone(s2)],
    defaultDir: join(base, 'exports'),
    allowCustomBaseDir: true,
    appVersion: '9.9.9'
  });
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const flat = (t: string) => t.replace(/\s+/g, ' ');

describe('export formats', () => {
  it('JSON follows the versioned schema and its hash verifies', async () => {
    const r = await svc.run({ sessionIds: ['s1', 's2'], format: 'json', outPath: 'out.json', baseDir: base });
    const raw = JSON.parse(await readFile(r.path, 'utf8'));
    const doc = exportDocumentSchema.parse(raw);
    expect(doc.version).toBe(1);
    expect(doc.sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    // The documented audit recipe: hash the file's `sessions` exactly as parsed.
    expect(createHash('sha256').update(JSON.stringify(raw.sessions)).digest('hex')).toBe(doc.contentSha256);
    expect(r.contentSha256).toBe(doc.contentSha256);
    expect(doc.sessions[0].messages[1].sources[0].pageLabel).toBe('4-1');
  });

  it('Markdown has page labels, revisions and quotes', async () => {
    const r = await svc.render(['s1'], 'md');
    const md = r.bytes.toString('utf8');
    expect(md).toContain('[1] X200 Service Manual 1 (rev. R1), p. 4-1 (PDF page 41) — Troubleshooting > Faults');
    expect(md).toContain('> Fault E-201: the inlet filter is clogged.');
    expect(md).toContain('The inlet filter is clogged [1].');
    expect(md).toContain('Not found in the manuals');
    expect(md).toContain(r.doc.contentSha256);
    expect(md).not.toMatch(/(^|[^\\])<script>/m); // '\<' is a literal '<' in CommonMark
    expect(md).toContain('\\<script>');
  });

  it('prints a sentence the page break cuts whole, and says it continues on the next page', async () => {
    const md = (await svc.render(['s3'], 'md')).bytes.toString('utf8');
    expect(md).toContain('From X200 Service Manual 5 (rev. R5), p. 4-5 (PDF page 45) — Troubleshooting > Faults (continues on the next page):');
    expect(flat(md)).toContain('For the 144 MHz band on a 28 MHz receiver, the');
    expect(flat(md)).toContain('offset to enter is 116 MHz.');
  });

  it('HTML escapes everything user- or manual-provided', async () => {
    const html = (await svc.render(['s1'], 'html')).bytes.toString('utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Quote with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('Ana &lt;Tech&gt; &amp; Co');
    expect(html).toContain('p. 4-2 (PDF page 42)');
    expect(html).not.toMatch(/<script/i);
  });

  it('every format lists the assistant actions taken on an answer, with their outcome', async () => {
    const lines = ['Ran: list documents — 3 manuals.', 'Confirmed: escalate to supervisor — Escalated to a supervisor.', 'Refused: add service note — Only an admin can add a note.'];
    const md = (await svc.render(['s2'], 'md')).bytes.toString('utf8');
    const html = (await svc.render(['s2'], 'html')).bytes.toString('utf8');
    const r = await svc.run({ sessionIds: ['s2'], format: 'pdf', outPath: 'actions.pdf', baseDir: base });
    const parser = new PDFParse({ data: new Uint8Array(await readFile(r.path)) });
    const pdf = flat((await parser.getText()).text);
    await parser.destroy();
    for (const line of lines) {
      expect(md).toContain(`_${line}_`);
      expect(html).toContain(`<p class="note">${line}</p>`);
      expect(pdf).toContain(line);
    }
    // An answer without actions prints none.
    expect((await svc.render(['s1'], 'md')).bytes.toString('utf8')).not.toMatch(/^_(Ran|Confirmed|Refused):/m);
  });

  it('PDF service report reads back with header, every citation and the hash', async () => {
    const r = await svc.run({ sessionIds: ['s1', 's2'], format: 'pdf', outPath: 'report.pdf', baseDir: base });
    const parser = new PDFParse({ data: new Uint8Array(await readFile(r.path)) });
    const text = flat((await parser.getText()).text);
    await parser.destroy();
    for (const needle of ['Service report', 'X200 pump', 'SN-4711', 'Ana <Tech> & Co', localTime('2026-11-20T09:00:00.000Z'), r.contentSha256]) {
      expect(text).toContain(needle);
    }
    for (const s of [source(1), source(2, { quote: 'Quote with <b>tags</b> & "quotes" — and ünïcode Ω' }), source(4)]) {
      expect(text).toContain(`${s.docTitle} (rev. ${s.revision}), p. ${s.pageLabel}`);
      expect(text).toContain(flat(s.quote));
    }
  });
});

describe('export paths', () => {
  it('refuses traversal, absolute paths elsewhere and symlinks out of the base', async () => {
    const target = join(base, 'target');
    await mkdir(target, { recursive: true });
    for (const outPath of ['../escape.md', '../../etc/passwd', '/tmp/elsewhere.md', 'sub/../../x.md']) {
      await expect(svc.run({ sessionIds: ['s1'], format: 'md', outPath, baseDir: target })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await symlink(tmpdir(), join(target, 'link'));
    await expect(svc.run({ sessionIds: ['s1'], format: 'md', outPath: 'link/x.md', baseDir: target })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await writeFile(join(base, 'victim.txt'), 'keep');
    await symlink(join(base, 'victim.txt'), join(target, 'file-link.md'));
    await expect(svc.run({ sessionIds: ['s1'], format: 'md', outPath: 'file-link.md', baseDir: target })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await readFile(join(base, 'victim.txt'), 'utf8')).toBe('keep');
    const ok = await svc.run({ sessionIds: ['s1'], format: 'md', outPath: 'nested/dir/ok.md', baseDir: target });
    expect(ok.path).toBe(join(target, 'nested', 'dir', 'ok.md'));
  });

  it('defaults to the exports folder and forbids custom folders when the host says so', async () => {
    const r = await svc.run({ sessionIds: ['s2'], format: 'html', outPath: 'a.html' });
    expect(r.path).toBe(join(base, 'exports', 'a.html'));
    const web = new ExportService({ getSession: async () => structuredClone(s2), allSessions: async () => [], defaultDir: join(base, 'exports'), allowCustomBaseDir: false, appVersion: '1' });
    await expect(web.run({ sessionIds: ['s2'], format: 'md', outPath: 'x.md', baseDir: tmpdir() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(web.run({ sessionIds: ['s2'], format: 'md', outPath: '../x.md' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reports an unknown session as NOT_FOUND', async () => {
    await expect(svc.render(['nope'], 'md')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  /** A folder nobody may write into: chmod for a normal user, the immutable flag for root. */
  function makeReadOnly(dir: string): (() => void) | null {
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o555);
      return () => chmodSync(dir, 0o755);
    }
    const r = spawnSync('chattr', ['+i', dir]);
    return r.status === 0 ? () => void spawnSync('chattr', ['-i', dir]) : null;
  }

  it("names the folder and the reason when it can't be written (not a temp file, not INTERNAL)", async (ctx) => {
    const locked = join(base, 'locked');
    await mkdir(locked, { recursive: true });
    const unlock = makeReadOnly(locked);
    if (!unlock) {
      console.warn('[skip] unwritable export folder: running as root without chattr, so no folder can be made read-only here');
      return ctx.skip();
    }
    try {
      const e = await svc.run({ sessionIds: ['s1'], format: 'md', outPath: 'report.md', baseDir: locked }).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'FORBIDDEN' });
      expect((e as Error).message).toBe(`Can't write to ${locked}: read-only, or you have no permission to write there.`);
    } finally {
      unlock();
    }
  });

  it('names the folder when part of the path is a file', async () => {
    await writeFile(join(base, 'plain-file'), 'x');
    const e = await svc.run({ sessionIds: ['s1'], format: 'md', outPath: 'plain-file/r.md', baseDir: base }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INVALID_INPUT' });
    expect((e as Error).message).toMatch(/^Can't write to .*plain-file: part of the path is a file/);
  });
});

describe('gap report', () => {
  it('groups not-found and not-helpful questions and renders safe CSV', async () => {
    const extra = session('s3', 'again', [
      { role: 'user', text: 'how to calibrate flux capacitor' },
      { role: 'assistant', text: 'I could not find this in the manuals.', mode: 'not_found', replyTo: 's3-m0', createdAt: '2026-11-21T09:00:00.000Z' },
      { role: 'user', text: '=HYPERLINK("http://evil")' },
      { role: 'assistant', text: 'I could not find this in the manuals.', mode: 'not_found', replyTo: 's3-m2' }
    ]);
    const groups = gapGroups([s1, s2, extra]);
    const flux = groups.find((g) => g.key === 'calibrate capacitor flux');
    expect(flux).toMatchObject({ reason: 'not_found', count: 2, sessionIds: ['s1', 's3'] });
    expect(groups.find((g) => g.reason === 'not_helpful')).toMatchObject({ question: 'Where is valve V-12?', comments: ['wrong valve'] });
    expect(groups.some((g) => g.question.startsWith('What does E-201'))).toBe(false);
    const csv = gapCsv(groups);
    expect(csv.split('\r\n')[0]).toBe('reason,count,question,last_asked_at,machine_models,session_ids,comments');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect((await svc.gaps()).groups.length).toBeGreaterThan(0);
  });
});

describe('JSON Schema of the export format', () => {
  it('describes the versioned document', async () => {
    const { exportJsonSchema } = await import('../../../src/main/core/export/reportModel');
    const schema = exportJsonSchema() as { properties: Record<string, { const?: unknown }>; required: string[] };
    expect(schema.properties.version.const).toBe(1);
    expect(schema.properties.format.const).toBe('benchmate.sessions');
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'sessions', 'contentSha256']));
  });
});

/**
 * Session store + export costs at a realistic history size: `npm run bench:sessions [-- N]`.
 * Each number is printed with a ratio against a baseline measured in the same run:
 * - open with a valid index  vs  open rebuilding every journal (the crash-recovery path);
 * - one durable message append (fsync)  vs  rewriting the whole session file atomically
 *   (the design the journal replaces);
 * - PDF export of 20 sessions  vs  Markdown export of the same sessions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SessionStore } from '../src/main/core/sessions/sessionStore';
import { SessionService } from '../src/main/core/sessions/sessionService';
import { ExportService } from '../src/main/core/export/exportService';
import { writeJsonAtomic } from '../src/main/core/platform/atomicFile';
import { nullLogger } from '../src/main/core/platform/logger';
import type { ChatMessage } from '../src/shared/contract/sessions';

const N = Number(process.argv[2] ?? 300);
const TURNS = 5;
const quote = 'Fault E-204: heater overtemperature. Check the thermal fuse and reseat connector J7 before restarting. '.repeat(4);
const events = { emit() {} };

function messages(sessionId: string, turn: number): ChatMessage[] {
  const q: ChatMessage = { id: randomUUID(), sessionId, role: 'user', text: `Question ${turn} about fault E-${200 + turn}?`, createdAt: new Date().toISOString(), sources: [], related: [] };
  const sources = [1, 2, 3].map((n) => ({ n, docId: 'doc', docTitle: 'X200 Service Manual', revision: 'B', page: 10 + n, pageLabel: String(n), sectionPath: 'Troubleshooting', quote, highlight: { charStart: 0, charEnd: 20 } }));
  const a: ChatMessage = { id: randomUUID(), sessionId, role: 'assistant', text: 'Check the thermal fuse [1] and connector J7 [2][3].', createdAt: new Date().toISOString(), replyTo: q.id, mode: 'answer', sources, related: [], modelId: 'bench', metrics: { promptTokens: 900, evaluatedPromptTokens: 100, generatedTokens: 60, ttftMs: 300, tokensPerSecond: 12, totalMs: 5300 } };
  return [q, a];
}

const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const dir = await mkdtemp(join(tmpdir(), 'benchmate-bench-sessions-'));
try {
  const store = new SessionStore(dir, nullLogger);
  await store.open();
  const ids: string[] = [];
  const appendTimes: number[] = [];
  for (let i = 0; i < N; i++) {
    const id = (await store.create({ title: `Session ${i}` })).header.id;
    ids.push(id);
    for (let t = 0; t < TURNS; t++) {
      for (const m of messages(id, t)) {
        const [ms] = await time(() => store.putMessage(id, m));
        appendTimes.push(ms);
      }
    }
  }
  await store.dispose();
  const append = appendTimes.reduce((a, b) => a + b, 0) / appendTimes.length;
  // Baseline: rewrite the whole (10-message) session atomically per message.
  const full = await store.get(ids[0]);
  const rewrites: number[] = [];
  for (let i = 0; i < 20; i++) rewrites.push((await time(() => writeJsonAtomic(join(dir, 'rewrite-baseline.json'), full)))[0]);
  const rewrite = rewrites.reduce((a, b) => a + b, 0) / rewrites.length;

  const [openIndexed] = await time(async () => new SessionStore(dir, nullLogger).open());
  await rm(join(dir, 'index.json'));
  const [openRebuild] = await time(async () => {
    const s = new SessionStore(dir, nullLogger);
    await s.open();
    await s.dispose();
  });
  const s2 = new SessionStore(dir, nullLogger);
  await s2.open();
  const svc = new SessionService(s2, { retentionDays: () => null, events, logger: nullLogger });
  const [listMs] = await time(async () => svc.list(0, 50));
  const [searchMs, hits] = await time(() => svc.search('fault E-203'));
  const exporter = new ExportService({ getSession: (id) => s2.get(id), allSessions: () => svc.allStates(), defaultDir: join(dir, 'exports'), allowCustomBaseDir: true, appVersion: 'bench' });
  const some = ids.slice(0, 20);
  const [mdMs] = await time(() => exporter.render(some, 'md'));
  const [pdfMs, pdf] = await time(() => exporter.render(some, 'pdf'));

  console.log(`sessions=${N} messages=${N * TURNS * 2}`);
  console.log(`append (fsync) per message   ${fmt(append)}   baseline full-file atomic rewrite ${fmt(rewrite)}   ratio ${(append / rewrite).toFixed(2)}x`);
  console.log(`open with index               ${fmt(openIndexed)}   baseline rebuild from journals ${fmt(openRebuild)}   ratio ${(openIndexed / openRebuild).toFixed(2)}x`);
  console.log(`list first page ${fmt(listMs)}; full-text search (${hits.length} hits) ${fmt(searchMs)}`);
  console.log(`export 20 sessions: pdf ${fmt(pdfMs)} (${pdf.bytes.length} bytes)   baseline md ${fmt(mdMs)}   ratio ${(pdfMs / mdMs).toFixed(1)}x`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

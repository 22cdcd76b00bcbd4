import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../src/shared/result';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tempCore } from '../../helpers/tempCore';
import { createCore } from '../../../src/main/core/createCore';
import { importSampleManual } from '../chat/harness';
import type { SessionDetail } from '../../../src/shared/contract/sessions';

let t: Awaited<ReturnType<typeof tempCore>>;
beforeAll(async () => {
  t = await tempCore();
  await importSampleManual(t.core, t.dir);
});
afterAll(async () => {
  await t?.cleanup();
});

/** Runs killChild.ts under tsx and SIGKILLs it as soon as it reports chat.done. */
function runAndKill(dataDir: string, question: string): Promise<{ sessionId: string; messageId: string; signal: string | null }> {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, join(__dirname, 'killChild.ts'), dataDir, question], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let ids: { sessionId: string; messageId: string } | undefined;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /DONE (\S+) (\S+)/.exec(out);
      if (m && !ids) {
        ids = { sessionId: m[1], messageId: m[2] };
        child.kill('SIGKILL'); // right after chat.done: no dispose, no flush
      }
      if (/ERROR/.test(out)) reject(new Error(out));
    });
    child.on('exit', (_code, signal) => (ids ? resolve({ ...ids, signal }) : reject(new Error(`child exited early: ${out} ${err.slice(-2000)}`))));
  });
}

describe('sessions survive a crash', () => {
  it('keeps a completed message after kill -9 right after chat.done', async () => {
    const r = await runAndKill(t.dir, 'What does fault E-204 mean?');
    expect(r.signal).toBe('SIGKILL');
    // A fresh core over the same folder (the running test core never saw this session).
    const again = await createCore({ ...t.core.config });
    try {
      const got = await again.api.sessions.get({ id: r.sessionId });
      expect(got.ok).toBe(true);
      const s = (got as { value: SessionDetail }).value;
      const answer = s.messages.find((m) => m.id === r.messageId)!;
      expect(answer).toBeDefined();
      expect(answer.role).toBe('assistant');
      expect(answer.sources.length).toBeGreaterThan(0);
      expect(s.messages[0]).toMatchObject({ role: 'user', text: 'What does fault E-204 mean?' });
      const list = await again.api.sessions.list();
      expect(list).toMatchObject({ ok: true, value: { total: 1 } });
    } finally {
      await again.dispose();
    }
  });

  it('restores sessions, search and stats after a normal restart', async () => {
    const a = await t.core.api.chat.send({ text: 'Which baud rate does the service port use?' });
    expect(a.ok).toBe(true);
    const { sessionId } = (a as { value: { sessionId: string } }).value;
    await t.core.chat.waitIdle(sessionId);
    await t.core.api.sessions.update({ id: sessionId, patch: { title: 'Debug port', pinned: true, technician: 'Ana' } });
    const again = await createCore({ ...t.core.config });
    try {
      const list = unwrap(await again.api.sessions.list());
      expect(list.items[0]).toMatchObject({ id: sessionId, title: 'Debug port', pinned: true });
      const hits = unwrap(await again.api.sessions.search({ text: 'baud rate' }));
      expect(hits.map((h) => h.sessionId)).toContain(sessionId);
      const stats = unwrap(await again.api.app.stats());
      expect(stats.chat.sessions).toBeGreaterThanOrEqual(2);
      const health = await again.health();
      expect(health.components.find((c) => c.name === 'sessions')?.detail).toMatch(/sessions/);
      const del = await again.api.sessions.delete({ id: sessionId });
      expect(del).toMatchObject({ ok: true, value: { deleted: true } });
    } finally {
      await again.dispose();
    }
  });
});

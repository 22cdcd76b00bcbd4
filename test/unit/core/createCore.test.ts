import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createCore } from '../../../src/main/core/createCore';
import { tempCore } from '../../helpers/tempCore';

describe('createCore + dispatch', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('answers app.info with the configured paths', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const r = await t.core.api.app.info();
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.paths.userData).toBe(t.dir);
  });

  it('returns INVALID_INPUT for a bad input instead of throwing', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const r = await t.core.call('jobs.cancel', { jobId: 42 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('returns NOT_FOUND for an unknown method and for a prototype key', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    expect(await t.core.call('app.nope')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.core.call('app.constructor')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('persists settings atomically and reloads them in a new core', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const r = await t.core.call('settings.update', { retrieval: { resultsPerAnswer: 7 } });
    expect(r).toMatchObject({ ok: true, value: { retrieval: { resultsPerAnswer: 7, rrfK: 60 } } });
    const onDisk = JSON.parse(await readFile(t.core.config.paths.settings, 'utf8'));
    expect(onDisk.version).toBe(1);
    expect(onDisk.retrieval.resultsPerAnswer).toBe(7);
    const again = await createCore({ ...t.core.config });
    expect(again.settings.get().retrieval.resultsPerAnswer).toBe(7);
    await again.dispose();
  });

  it('reports health for every registered component', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const h = await t.core.health();
    expect(h.components.map((c) => c.name)).toContain('jobs');
  });

  it('says component details in plain words, with the numbers kept', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const h = await t.core.health();
    const detail = (name: string) => h.components.find((c) => c.name === name)?.detail ?? '';
    expect(detail('sessions')).toBe('0 sessions, 0 messages');
    expect(detail('search')).toMatch(/^0 passages searchable; finds by words, .*section titles, part and error codes/);
    expect(detail('jobs')).toBe('Nothing running');
    const all = h.components.map((c) => c.detail).join(' | ');
    for (const jargon of [/TTFT/, /\bn\/a\b/, /lanes:/, /\bident\b/, /\bchunks?\b/, /refused/]) expect(all).not.toMatch(jargon);
  });
});

/** The busy flag behind every spinning button (the "stuck Import button" of issue 20). */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { busyAction } from '../../../../src/renderer/src/lib/busyAction';
import type { AppErrorData, Result } from '../../../../src/shared/result';

const store = () => createStore<{ busy: Record<string, boolean>; error: AppErrorData | null }>(() => ({ busy: {}, error: null }));

function gate<T>() {
  let open!: (v: T) => void;
  let fail!: (e: unknown) => void;
  const p = new Promise<T>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { p, open, fail };
}

describe('busyAction', () => {
  it('a call that throws instead of answering clears its flag and reports the error', async () => {
    const s = store();
    const run = busyAction(s.setState);
    const g = gate<Result<string>>();
    const pending = run('import', () => g.p);
    expect(s.getState().busy.import).toBe(true);
    g.fail(new Error('An object could not be cloned.'));
    expect(await pending).toBeNull();
    expect(s.getState().busy.import).toBeUndefined();
    expect(s.getState().error).toEqual({ code: 'INTERNAL', message: 'An object could not be cloned.' });
  });

  it('two overlapping calls under one key: busy until the last one ends', async () => {
    const s = store();
    const run = busyAction(s.setState);
    const a = gate<Result<string>>();
    const b = gate<Result<string>>();
    const first = run('import', () => a.p);
    const second = run('import', () => b.p);
    a.open({ ok: true, value: 'a' });
    expect(await first).toBe('a');
    expect(s.getState().busy.import).toBe(true);
    b.open({ ok: false, error: { code: 'DUPLICATE', message: 'already installed' } });
    expect(await second).toBeNull();
    expect(s.getState().busy.import).toBeUndefined();
    expect(s.getState().error?.code).toBe('DUPLICATE');
  });
});

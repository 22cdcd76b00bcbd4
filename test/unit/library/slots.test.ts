import { describe, expect, it } from 'vitest';
import { Slots } from '../../../src/main/core/library/slots';

const settled = async <T>(p: Promise<T>): Promise<'pending' | T> => Promise.race([p, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);

describe('import slots', () => {
  it('hands out free slots first in, first out', async () => {
    const s = new Slots(1);
    expect(await s.acquire()).toBe(0);
    const next = s.acquire();
    expect(await settled(next)).toBe('pending');
    s.release(0);
    expect(await next).toBe(0);
  });

  it('paused, nothing starts even with a free slot; resuming hands it out', async () => {
    const s = new Slots(2);
    s.setPaused(true);
    const w = s.acquire();
    expect(await settled(w)).toBe('pending');
    s.setPaused(false);
    expect(await w).toBe(0);
  });

  it('a cancelled waiter leaves the line at once and the slot goes to the next one', async () => {
    const s = new Slots(1);
    const held = await s.acquire();
    const ac = new AbortController();
    const first = s.acquire(ac.signal);
    const second = s.acquire();
    ac.abort();
    await expect(first).rejects.toThrow('Cancelled.');
    s.release(held);
    expect(await second).toBe(0);
    await expect(s.acquire(ac.signal)).rejects.toThrow('Cancelled.');
  });
});

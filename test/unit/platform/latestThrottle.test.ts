import { afterEach, describe, expect, it, vi } from 'vitest';
import { LatestThrottle } from '../../../src/main/core/platform/latestThrottle';

describe('LatestThrottle', () => {
  afterEach(() => vi.useRealTimers());

  it('fires a burst of soon() once at once and once at the end of the window', () => {
    vi.useFakeTimers();
    let fired = 0;
    const t = new LatestThrottle(() => fired++, 100);
    for (let i = 0; i < 50; i++) t.soon();
    expect(fired).toBe(1);
    vi.advanceTimersByTime(100);
    expect(fired).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(2);
  });

  it('now() fires immediately and drops the pending trailing call; dispose() drops it too', () => {
    vi.useFakeTimers();
    let fired = 0;
    const t = new LatestThrottle(() => fired++, 100);
    t.soon();
    t.soon();
    t.now();
    expect(fired).toBe(2);
    vi.advanceTimersByTime(500);
    expect(fired).toBe(2);
    t.soon();
    t.soon();
    t.dispose();
    vi.advanceTimersByTime(500);
    expect(fired).toBe(3);
  });
});

/** The remembered window size/position (windowState.ts): placement on today's displays, crash-safe file. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keepWindowState, placeWindow, readWindowState, writeWindowState, type Rect } from '../../../src/main/app/windowState';

const laptop: Rect = { x: 0, y: 0, width: 1366, height: 728 };
const rightMonitor: Rect = { x: 1366, y: 0, width: 2560, height: 1400 };
const size = { width: 1280, height: 840 };
const min = { width: 800, height: 560 };

describe('placeWindow', () => {
  it('keeps saved bounds that are on a display', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1600, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [laptop, rightMonitor], laptop, size, min)).toEqual(saved);
  });

  it('centres on the primary display when the saved spot is gone (monitor unplugged), keeping the size where it fits', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop], laptop, size, min)).toEqual({ bounds: { x: 183, y: 14, width: 1000, height: 700 }, maximized: false });
  });

  it('shrinks to the work area and pulls a half-off-screen window fully inside', () => {
    const saved = { bounds: { x: 900, y: 500, width: 1600, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [laptop], laptop, size, min)).toEqual({ bounds: { x: 0, y: 0, width: 1366, height: 728 }, maximized: false });
    const edge = { bounds: { x: 1000, y: 300, width: 900, height: 600 }, maximized: false };
    expect(placeWindow(edge, [laptop], laptop, size, min).bounds).toEqual({ x: 466, y: 128, width: 900, height: 600 });
  });

  it('a window showing only a sliver of itself counts as lost', () => {
    const sliver = { bounds: { x: 1300, y: 100, width: 900, height: 600 }, maximized: false }; // 66 px on the laptop
    expect(placeWindow(sliver, [laptop], laptop, size, min).bounds).toEqual({ x: 233, y: 64, width: 900, height: 600 });
  });

  it('nothing saved: the default size, centred', () => {
    expect(placeWindow(null, [rightMonitor, laptop], laptop, size, min)).toEqual({ bounds: { x: 43, y: 0, width: 1280, height: 728 }, maximized: false });
  });
});

describe('window-state.json', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-winstate-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('round-trips, leaves no temp file, and ignores a damaged or foreign file', async () => {
    const file = join(dir, 'a', 'window-state.json');
    writeWindowState(file, { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    expect(readWindowState(file)).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true });
    expect(await readdir(join(dir, 'a'))).toEqual(['window-state.json']);
    for (const text of ['{"bounds":{"x":1', '{"bounds":{"x":"a","y":0,"width":9,"height":9}}', '{"bounds":{"x":0,"y":0,"width":0,"height":9}}', 'null']) {
      await writeFile(file, text);
      expect(readWindowState(file)).toBeNull();
    }
    expect(readWindowState(join(dir, 'missing.json'))).toBeNull();
  });

  it('saves after moving/resizing settles, and at once on maximize and close', async () => {
    vi.useFakeTimers();
    try {
      const file = join(dir, 'kept.json');
      const listeners = new Map<string, Array<() => void>>();
      const state = { bounds: { x: 5, y: 5, width: 1000, height: 700 }, maximized: false };
      const win = {
        getNormalBounds: () => ({ ...state.bounds }),
        isMaximized: () => state.maximized,
        isDestroyed: () => false,
        on: (e: string, l: () => void) => listeners.set(e, [...(listeners.get(e) ?? []), l])
      };
      const fire = (e: string) => listeners.get(e)?.forEach((l) => l());
      keepWindowState(win, file, (e) => {
        throw e;
      });
      state.bounds.x = 50;
      fire('move');
      fire('resize');
      expect(readWindowState(file)).toBeNull(); // not on every pixel
      vi.advanceTimersByTime(500);
      expect(readWindowState(file)?.bounds.x).toBe(50);
      state.maximized = true;
      fire('maximize');
      expect(readWindowState(file)?.maximized).toBe(true);
      state.bounds.width = 1111;
      fire('close');
      expect(readWindowState(file)?.bounds.width).toBe(1111);
    } finally {
      vi.useRealTimers();
    }
  });
});

/**
 * The main window's size and position, remembered across starts in `<userData>/window-state.json`.
 * Electron-free (small interfaces over BrowserWindow and the display list) so it is unit-tested.
 * Written crash-safe (temp file, fsync, rename): a crash mid-write leaves the old state, and a
 * damaged or foreign file is ignored rather than trusted.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The normal (not maximized) bounds, so un-maximizing after a restart goes back to them. */
  bounds: Rect;
  maximized: boolean;
}

/** How much of the window must lie on a display for the saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 };

const isRect = (r: unknown): r is Rect =>
  !!r && typeof r === 'object' && ['x', 'y', 'width', 'height'].every((k) => Number.isFinite((r as Record<string, unknown>)[k]));

export function readWindowState(file: string): WindowState | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    if (!isRect(v.bounds) || v.bounds.width <= 0 || v.bounds.height <= 0) return null;
    return { bounds: v.bounds, maximized: v.maximized === true };
  } catch {
    return null;
  }
}

/** Synchronous on purpose: it also runs from a window's 'close', right before the app may exit. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(state) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

const overlap = (a: Rect, b: Rect) => ({
  width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
  height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
});

/**
 * Where to open the window: the saved bounds on the display they mostly lie on, shrunk to fit its
 * work area and moved fully inside it; centred on the primary display when the saved spot is no
 * longer visible (a monitor was unplugged, the resolution dropped) or nothing was saved.
 */
export function placeWindow(saved: WindowState | null, workAreas: Rect[], primary: Rect, size: { width: number; height: number }, min: { width: number; height: number }): WindowState {
  let area = primary;
  let want: Rect | null = null;
  if (saved) {
    let best = 0;
    for (const wa of workAreas) {
      const o = overlap(saved.bounds, wa);
      if (o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && o.width * o.height > best) {
        best = o.width * o.height;
        area = wa;
        want = saved.bounds;
      }
    }
  }
  const base = want ?? (saved ? { ...saved.bounds } : { x: 0, y: 0, ...size });
  const width = Math.max(Math.min(base.width, area.width), Math.min(min.width, area.width));
  const height = Math.max(Math.min(base.height, area.height), Math.min(min.height, area.height));
  const centred = { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2) };
  const pos = want ? { x: want.x, y: want.y } : centred;
  const x = Math.min(Math.max(pos.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(pos.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved?.maximized === true };
}

/** The slice of BrowserWindow the keeper uses. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's state a moment after it stops moving or resizing (not on every pixel), and
 * at once when it closes. Returns a flush for tests and shutdown.
 */
export function keepWindowState(win: TrackedWindow, file: string, onError: (e: unknown) => void, debounceMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    try {
      writeWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      onError(e);
    }
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
    timer.unref?.();
  };
  win.on('resize', soon);
  win.on('move', soon);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
  return save;
}

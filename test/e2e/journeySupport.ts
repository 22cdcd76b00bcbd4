/**
 * Helpers for the journey specs. prepareChatModel loads a generated chat model into the web host's
 * core through the models contract: a random-weight llama whose EOS is practically unreachable, so
 * an answer streams until its token budget — long enough to press Stop mid-answer. Dimensions are
 * chosen so a full answer takes seconds on two CPU cores, not milliseconds.
 */
import { expect, type Page } from '@playwright/test';
import { tinyChatModel } from '../fixtures/gguf/generators';
import type { WebHostHandle } from './fixtures/webHost';
import type { AppPage } from './pages/AppPage';

export const JOURNEY_MODEL = { name: 'benchmate-journey-chat', nEmbd: 256, nLayer: 4, nHead: 4, nHeadKv: 4, nFf: 768, contextLength: 2048 };

export async function prepareChatModel(host: WebHostHandle): Promise<string> {
  const path = tinyChatModel(JOURNEY_MODEL);
  const imported = await host.api.models.import({ path, mode: 'reference' });
  if (!imported.ok) throw new Error(`models.import failed: ${imported.error.message}`);
  const load = await host.api.models.load({ id: imported.value.id, role: 'chat', contextSize: 2048 });
  if (!load.ok) throw new Error(`models.load failed: ${load.error.message}`);
  await expect
    .poll(
      async () => {
        const s = await host.api.models.state();
        const slot = s.ok ? s.value.slots.find((x) => x.role === 'chat') : undefined;
        if (slot?.status === 'error') throw new Error(`model load failed: ${slot.error?.message}`);
        return slot?.status;
      },
      { timeout: 120_000, intervals: [250, 500, 1000] }
    )
    .toBe('loaded');
  return imported.value.id;
}

/**
 * Specs share one web host per worker: give a spec a first-run state whatever ran before it
 * (no documents, no sessions, no chat model loaded, system theme).
 */
export async function resetHost(host: WebHostHandle): Promise<void> {
  const docs = await host.api.library.list();
  if (docs.ok) for (const d of docs.value) await host.api.library.delete({ id: d.id });
  const sessions = await host.api.sessions.list({ limit: 500 });
  if (sessions.ok) for (const s of sessions.value.items) await host.api.sessions.delete({ id: s.id });
  await host.api.models.unload({ role: 'chat' });
  // 'system' (the default), not 'light': later specs screenshot both schemes via emulateMedia.
  await host.api.settings.update({ ui: { theme: 'system' } });
}

async function setTheme(host: WebHostHandle, page: Page, theme: 'light' | 'dark'): Promise<void> {
  const r = await host.api.settings.update({ ui: { theme } });
  expect(r.ok).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Screenshot in both themes (the app follows settings.changed live); nothing may overflow 1024 px. */
export async function shootBoth(app: AppPage, host: WebHostHandle, name: string): Promise<void> {
  // The shell scrolls inside its panes; the document itself must never scroll at 1024×700.
  const overflow = await app.page.evaluate(() => {
    type El = { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
    const d = (globalThis as unknown as { document: { documentElement: El } }).document.documentElement;
    return { x: d.scrollWidth - d.clientWidth, y: d.scrollHeight - d.clientHeight };
  });
  expect(overflow, `${name}: page overflow`).toEqual({ x: 0, y: 0 });
  await setTheme(host, app.page, 'light');
  await app.screenshot(`journey-${name}-light`);
  await setTheme(host, app.page, 'dark');
  await app.screenshot(`journey-${name}-dark`);
  await setTheme(host, app.page, 'light');
}

/**
 * `<prefix>-<name>-<w>x<h>-<theme>` at 900×700 and 1920×1080, light and dark (theme set through
 * settings, which the app follows live); the viewport goes back to `restore` afterwards.
 */
export async function shootSizesAndThemes(
  app: AppPage,
  host: WebHostHandle,
  prefix: string,
  name: string,
  restore = { width: 900, height: 700 }
): Promise<void> {
  for (const [w, h] of [
    [900, 700],
    [1920, 1080]
  ] as const) {
    await app.page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(host, app.page, theme);
      await app.screenshot(`${prefix}-${name}-${w}x${h}-${theme}`);
    }
  }
  await app.page.setViewportSize(restore);
}

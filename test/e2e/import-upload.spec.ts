/**
 * Import speed in the browser UI (issue 20, item 3): several manuals uploaded at once each show
 * their page count ("Waiting · 0 of 14 pages") while they wait for a parse worker — read from the
 * file's skeleton the moment it lands, not after parsing. No timing: the import queue is held
 * (Pause imports, a gate in the core), so no file can have been parsed when the counts are
 * checked; then it is released and every file imports. Screenshots at 900×700 and 1920×1080,
 * light and dark, in test-results/screenshots.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type WebHostHandle } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';

const PAGE_COUNTS = [3, 6, 9, 14];

async function emptyLibrary(webHost: WebHostHandle) {
  const list = await webHost.api.library.list();
  if (!list.ok) throw new Error(list.error.message);
  for (const d of list.value) await webHost.api.library.delete({ id: d.id });
}

async function shots(page: Page, app: AppPage) {
  for (const [w, h] of [[900, 700], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByRole('heading', { name: 'Import queue' }).scrollIntoViewIfNeeded();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`import-upload-counts-${w}x${h}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('uploaded manuals show their page counts while they wait for the parser', async ({ page, webHost }) => {
  const dir = await mkdtemp(join(tmpdir(), 'benchmate-e2e-upload-'));
  try {
    await emptyLibrary(webHost);
    // Unique names and text: the shared host's job list may hold rows from earlier specs.
    const tag = Date.now().toString(36);
    const files = [];
    for (const n of PAGE_COUNTS) {
      const pages = Array.from({ length: n }, (_, i) => ({ text: `Chapter ${i + 1}\n\nConveyor C${n} (${tag}): check roller R${i + 1} and belt tension.` }));
      files.push(await writePdf(dir, `e2e-upload-${n}p-${tag}.pdf`, await makeManualPdf({ title: `Conveyor C${n} manual`, pages })));
    }
    // The gate: with the queue held, nothing is read or parsed until it is released. (An empty
    // queue has no Pause button, so the admin's pause goes through the contract here.)
    const held = await webHost.api.library.pauseImports({ paused: true });
    expect(held.ok).toBe(true);
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await app.open(webHost.url);
    await app.goTo('Library');
    await expect(page.getByRole('button', { name: 'Resume imports' })).toBeVisible();
    await page.getByTestId('file-input').setInputFiles(files);

    const rows = PAGE_COUNTS.map((n) => page.getByTestId('queue-item').filter({ hasText: `e2e-upload-${n}p-${tag}.pdf` }));
    // The later files too: each count appears as soon as that file has landed.
    for (const [i, n] of PAGE_COUNTS.entries()) {
      await expect(rows[i]).toContainText(`Waiting · 0 of ${n} pages`, { timeout: 30_000 });
      await expect(rows[i].getByRole('progressbar')).toBeVisible();
    }
    // The core agrees that none of them has started: the counts did not come from a parse.
    const jobs = await webHost.api.jobs.list();
    const ours = jobs.ok ? jobs.value.filter((j) => j.title.includes(tag)) : [];
    expect(ours.map((j) => [j.phase, j.done]).sort()).toEqual(PAGE_COUNTS.map(() => ['queued', 0]));
    await shots(page, app);

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Resume imports' }).click();
    for (const [i, n] of PAGE_COUNTS.entries()) {
      await expect(rows[i]).toHaveAttribute('data-kind', 'imported', { timeout: 120_000 });
      await expect(rows[i]).toContainText(`${n} pages`);
    }
  } finally {
    const paused = await webHost.api.library.importsPaused();
    if (paused.ok && paused.value.paused) await webHost.api.library.pauseImports({ paused: false });
    await rm(dir, { recursive: true, force: true });
  }
});

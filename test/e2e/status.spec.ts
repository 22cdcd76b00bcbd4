/**
 * Status page against the real web host: every health component the core reports is shown with
 * its status, app info paths (incl. the logs folder) match, library statistics follow an import
 * after Refresh. Screenshots in light and dark at 1024×700.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import { settingsSchema} from '../../src/shared/contract/settings';
import type { Page } from '@playwright/test';
import { tinyChatModel } from '../fixtures/gguf/generators';
import { overallWords, statusWord } from '../../src/renderer/src/features/status/healthWords';

test('status shows real health, paths and library stats; Refresh picks up changes', async ({ page, webHost }) => {
  test.setTimeout(90_000);
  const dir = await mkdtemp(join(tmpdir(), 'benchmate-e2e-status-'));
  try {
    await page.setViewportSize({ width: 1024, height: 700 });
    const app = new AppPage(page);
    await app.open(webHost.url);
    await app.goTo('Status');

    const info = await webHost.api.app.info();
    const health = await webHost.api.app.health();
    if (!info.ok || !health.ok) throw new Error('core did not answer app.info / app.health');
    await expect(page.getByTestId('overall-status')).toHaveText(overallWords(health.value));
    for (const c of health.value.components) await expect(page.getByTestId(`health-${c.name}`)).toContainText(statusWord(c.status));
    await expect(page.getByTestId('path-logs')).toHaveText(info.value.paths.logs);
    await expect(page.getByText('Logs folder')).toBeVisible();

    const before = await webHost.api.library.stats();
    if (!before.ok) throw new Error(before.error.message);
    await expect(page.getByTestId('stat-documents')).toHaveText(String(before.value.documents));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`status-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Import one more manual through the contract, then Refresh: the page follows the core.
    const path = await writePdf(dir, `status-${Date.now()}.pdf`, await makeManualPdf({ title: `Status probe ${Date.now()}`, pages: [{ text: 'Probe page about the Q7 pump.' }] }));
    const started = await webHost.api.library.import({ paths: [path] });
    if (!started.ok) throw new Error(started.error.message);
    await expect
      .poll(async () => {
        const jobs = await webHost.api.jobs.list();
        return jobs.ok ? jobs.value.find((j) => j.jobId === started.value.jobIds[0])?.status : undefined;
      }, { timeout: 60_000 })
      .toBe('succeeded');
    const after = await webHost.api.library.stats();
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.documents).toBe(before.value.documents + 1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('stat-documents')).toHaveText(String(after.value.documents));
    await expect(page.getByTestId('stat-pages')).toHaveText(after.value.pages.toLocaleString('en-US'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.describe('models & settings page', () => {
  test('first-run empty state, import a GGUF by path, load/unload, estimate, theme and retrieval settings', async ({ page, webHost }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1024, height: 700 });
    const app = new AppPage(page);
    await app.open(webHost.url);
    await app.goTo('Models');
    await expect(page.getByRole('heading', { name: 'Models & settings' })).toBeVisible();

    const listed = await webHost.api.models.list();
    if (!listed.ok) throw new Error(listed.error.message);
    if (listed.value.length === 0) {
      await expect(page.getByRole('heading', { name: 'No model installed yet' })).toBeVisible();
      await shotBoth(page, app, 'models-1-empty');
    }

    // Import the generated tiny llama GGUF in place (no copy), then load it into the chat slot.
    const path = tinyChatModel();
    await page.getByLabel('Path to the .gguf file on the Benchmate server').fill(path);
    await page.getByLabel('Keep the file').selectOption('reference');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(async () => {
        const r = await webHost.api.models.list();
        return r.ok ? r.value.some((x) => x.path === path) : false;
      }, { timeout: 30_000 })
      .toBe(true);
    const models = await webHost.api.models.list();
    const m = models.ok ? models.value.find((x) => x.path === path)! : null;
    if (!m) throw new Error('imported model missing');
    const row = page.getByTestId(`model-${m.id}`);
    await expect(row).toContainText(m.name);
    await row.getByRole('button', { name: 'Estimate' }).click();
    await expect(row).toContainText(/RAM at [\d,]+ tokens/);

    await row.getByRole('button', { name: `Load ${m.name}` }).click();
    await expect(page.getByTestId('slot-chat')).toContainText('loaded', { timeout: 60_000 });
    await expect(page.getByTestId('slot-chat')).toContainText(m.name);
    await shotBoth(page, app, 'models-2-loaded');
    await row.getByRole('button', { name: `Unload ${m.name}` }).click();
    await expect(page.getByTestId('slot-chat')).toContainText('unloaded', { timeout: 30_000 });

    // Settings: the theme applies at once and is saved in the core; a number saves on blur.
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const threshold = page.getByLabel('Evidence threshold');
    await threshold.fill('0.5');
    await threshold.blur();
    await expect
      .poll(async () => {
        const s = await webHost.api.settings.get();
        return s.ok ? [s.value.ui.theme, s.value.retrieval.evidenceThreshold] : null;
      })
      .toEqual(['dark', 0.5]);
    await threshold.fill('7');
    await threshold.blur();
    await expect(page.getByText('Use 0–1.')).toBeVisible();
    await page.getByRole('heading', { name: 'Appearance' }).scrollIntoViewIfNeeded();
    await app.screenshot('models-3-settings-dark');
    await page.getByRole('radio', { name: 'System' }).check();
    await expect.poll(async () => {
      const s = await webHost.api.settings.get();
      return s.ok ? s.value.ui.theme : null;
    }).toBe('system');
    // Leave the shared host as we found it for specs that run later in this worker.
    await webHost.api.settings.update({ retrieval: { evidenceThreshold: settingsSchema.parse({}).retrieval.evidenceThreshold } });
    await webHost.api.models.remove({ id: m.id });
  });
});

async function shotBoth(page: Page, app: AppPage, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await app.screenshot(`${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

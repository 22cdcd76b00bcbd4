/**
 * Words and controls a new user met on the web host: the import queue (one page, no pause when
 * all is done), the Status page in plain words, the Models page's server path. Screenshots at
 * 900×700 and 1920×1080, light and dark.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import { expect, test } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { resetHost, shootSizesAndThemes } from './journeySupport';

test.describe('new-user polish', () => {
  test.describe.configure({ timeout: 180_000 });
  test.afterEach(async ({ webHost }) => resetHost(webHost));

  test('queue, status and models say things plainly', async ({ page, webHost }) => {
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-polish-'));
    try {
      await resetHost(webHost);
      const file = await writePdf(dir, 'one-page.pdf', await makeManualPdf({ title: 'One Page Card', pages: [{ text: 'Quick card\n\nPress the green START key to begin.' }] }));
      const app = new AppPage(page);
      await page.setViewportSize({ width: 900, height: 700 });
      await app.open(webHost.url);
      await app.goTo('Library');
      await page.getByTestId('file-input').setInputFiles([file]);
      const row = page.getByTestId('queue-item').filter({ hasText: 'one-page.pdf' });
      await expect(row).toHaveAttribute('data-kind', 'imported', { timeout: 120_000 });
      await expect(row.getByTestId('queue-message')).toHaveText('Imported · 1 page');
      await expect(page.getByText('All done')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Pause imports' })).toHaveCount(0);
      await shootSizesAndThemes(app, webHost, 'polish', 'library');

      await app.goTo('Status');
      await expect(page.getByTestId('overall-status')).toHaveText('Everything is working');
      await expect(page.getByTestId('health-search')).toContainText('Search');
      await expect(page.getByTestId('health-search')).toContainText('finds by words');
      await expect(page.getByTestId('health-sessions')).toContainText('0 sessions, 0 messages');
      await expect(page.getByText(/TTFT|lanes:/)).toHaveCount(0);
      await shootSizesAndThemes(app, webHost, 'polish', 'status');

      await app.goTo('Models');
      await expect(page.getByLabel('Path to the .gguf file on the Benchmate server')).toBeVisible();
      await expect(page.getByText('on this computer', { exact: false })).toHaveCount(0);
      await expect(page.locator('#model-path-hint')).toContainText('Browse…');
      await shootSizesAndThemes(app, webHost, 'polish', 'models');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

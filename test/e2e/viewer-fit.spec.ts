/**
 * The viewer on small and wide screens (issue 20): fit width fills the body (a 2560 px screen gets
 * a wide page, not a 640 px strip), fit page shows the whole page, W/F switch them from the
 * keyboard, and the page is never cut at the right. Screenshots at 900×700, 1366×768 and
 * 2560×1440, light and dark; plus the Library table with a damaged file's reason in plain words.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { makeManualPdf, unrecoverablePdf, writePdf } from '../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../fixtures/pdf/sampleManual';

test.describe('viewer fit width / fit page', () => {
  test.describe.configure({ timeout: 180_000 });

  test('fit modes at three window sizes, light and dark', async ({ page, webHost }) => {
    const dir = await mkdtemp(join(tmpdir(), 'bm-e2e-fit-'));
    const sample = await makeManualPdf({ ...sampleManualSpec(), title: 'Fit Test Manual' });
    const files = [await writePdf(dir, 'e2e-fit-manual.pdf', sample), await writePdf(dir, 'e2e-fit-damaged.pdf', unrecoverablePdf(sample))];
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await app.open(webHost.url);
    await app.goTo('Library');
    await page.getByTestId('file-input').setInputFiles(files);
    const row = page.getByTestId('doc-row').filter({ hasText: 'e2e-fit-manual.pdf' });
    await expect(row).toContainText(/ready/i, { timeout: 120_000 });
    const damaged = page.getByTestId('doc-row').filter({ hasText: 'e2e-fit-damaged.pdf' });
    if (await damaged.count()) await expect(damaged).toContainText('damaged or incomplete — ask for a new copy');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`library-statuses-1366-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    const list = await webHost.api.library.list();
    const doc = list.ok ? list.value.find((d) => d.fileName === 'e2e-fit-manual.pdf')! : undefined;
    expect(doc).toBeDefined();

    for (const [w, h] of [[900, 700], [1366, 768], [2560, 1440]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${webHost.url}#/viewer?doc=${doc!.id}&page=2`);
      const viewer = page.getByRole('region', { name: 'Citation viewer' });
      const canvas = viewer.locator('.pdf-page[data-rendered="true"] canvas');
      await expect(canvas).toBeVisible({ timeout: 30_000 });
      const body = (await viewer.locator('.viewer-body').boundingBox())!;

      await viewer.getByRole('button', { name: 'Fit width' }).click();
      await expect(viewer.getByRole('button', { name: 'Fit width' })).toHaveAttribute('aria-pressed', 'true');
      await expect.poll(async () => (await canvas.boundingBox())!.width).toBeGreaterThan(body.width - 60);
      const wide = (await canvas.boundingBox())!;
      // Not cut at the right: the whole page width is inside the body.
      expect(wide.x + wide.width).toBeLessThanOrEqual(body.x + body.width + 1);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await app.screenshot(`viewer-fit-width-${w}-${scheme}`);
      }

      await viewer.focus();
      await page.keyboard.press('f');
      await expect(viewer.getByRole('button', { name: 'Fit page' })).toHaveAttribute('aria-pressed', 'true');
      await expect.poll(async () => (await canvas.boundingBox())!.height).toBeLessThanOrEqual(body.height);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await app.screenshot(`viewer-fit-page-${w}-${scheme}`);
      }
      await page.keyboard.press('w');
      await expect(viewer.getByRole('button', { name: 'Fit width' })).toHaveAttribute('aria-pressed', 'true');
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await webHost.api.library.delete({ id: doc!.id });
    const rest = await webHost.api.library.list();
    for (const d of rest.ok ? rest.value.filter((x) => x.fileName === 'e2e-fit-damaged.pdf') : []) await webHost.api.library.delete({ id: d.id });
  });
});

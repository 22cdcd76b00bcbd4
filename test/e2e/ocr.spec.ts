/**
 * A scanned manual end to end (issue 16): with automatic OCR off, import a scan we make here (a
 * generated text page rendered at 300 dpi into an image-only PDF), see "Needs OCR", press Run OCR,
 * watch the per-page progress in the import queue, ask, and open the citation: the scanned page
 * with the passage's word boxes highlighted. Screenshots in both themes at 900×700 and 1920×1080.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeManualPdf } from '../fixtures/pdf/makePdf';
import { scanPdf } from '../fixtures/pdf/scanPdf';
import { SCAN_TEXT, SCAN_TITLE } from '../fixtures/pdf/scanText';
import { expect, test } from './fixtures/webHost';
import { resetHost } from './journeySupport';
import { AppPage } from './pages/AppPage';
import { ChatScreen } from './pages/ChatScreen';

test.describe('scanned manual: OCR, ask, highlighted image', () => {
  test.describe.configure({ timeout: 300_000 });
  test.afterEach(async ({ webHost }) => {
    await resetHost(webHost);
    await webHost.api.settings.update({ library: { ocrAuto: true } });
  });

  test('Run OCR shows page progress, then the cited passage is boxed on the scan', async ({ page, webHost }) => {
    const dir = await mkdtemp(join(tmpdir(), 'e2e-scan-'));
    const file = join(dir, 'hp40-scanned.pdf');
    await writeFile(file, await scanPdf(await makeManualPdf({ title: SCAN_TITLE, pages: [{ text: SCAN_TEXT }, { text: SCAN_TEXT.split('\n\n').slice(0, 2).join('\n\n') }] }), { dpi: 300 }));
    await page.setViewportSize({ width: 1920, height: 1080 });
    const app = new AppPage(page);
    const chat = new ChatScreen(page);
    await resetHost(webHost);
    expect((await webHost.api.settings.update({ library: { ocrAuto: false } })).ok).toBe(true);
    await app.open(webHost.url);
    await app.goTo('Library');
    await page.getByTestId('file-input').setInputFiles([file]);
    const row = page.getByTestId('doc-row').filter({ hasText: 'hp40-scanned' });
    await expect(row).toContainText('Needs OCR', { timeout: 60_000 });

    await row.getByRole('button', { name: /Run OCR on/ }).click();
    const progress = page.getByTestId('queue-item').filter({ hasText: /OCR: \d of 2 pages/ });
    await expect(progress).toBeVisible({ timeout: 60_000 });
    await app.screenshot('ocr-progress-1920-light');
    await expect(row).toContainText('Ready', { timeout: 240_000 });
    await expect(row).toContainText(/OCR \d+%/);
    await app.screenshot('ocr-library-1920-light');

    await app.goTo('Chat');
    await chat.ask('What does fault E-417 mean?');
    const answer = await chat.waitForAnswer();
    await answer.locator('button.cite-chip[data-cite="1"]').first().click();
    await chat.viewer.waitRendered(1);
    const boxes = chat.viewer.root.locator('[data-testid="ocr-highlight"] .ocr-hl');
    await expect(boxes.first()).toBeVisible();
    // One band per highlighted line, each inside the page and not collapsed.
    const pageBox = (await chat.viewer.page.boundingBox())!;
    const hl = (await boxes.first().boundingBox())!;
    expect(hl.width).toBeGreaterThan(20);
    expect(hl.x).toBeGreaterThanOrEqual(pageBox.x);
    expect(hl.y + hl.height).toBeLessThanOrEqual(pageBox.y + pageBox.height);

    for (const [w, h] of [
      [1920, 1080],
      [900, 700]
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark'] as const) {
        await webHost.api.settings.update({ ui: { theme } });
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(boxes.first()).toBeVisible();
        await app.screenshot(`ocr-viewer-${w}-${theme}`);
      }
    }
    await rm(dir, { recursive: true, force: true });
  });
});

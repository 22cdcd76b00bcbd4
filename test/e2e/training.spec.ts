/**
 * Guided training in the browser: an admin creates a course with two topics from a manual's
 * outline, a technician passes one topic and fails the other, and the progress table and the
 * exported CSV record show it. Screenshots at 900×700 and 1920×1080, light and dark.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../fixtures/pdf/sampleManual';
import { solveFromText } from '../integration/training/solveFromText';
import { expect, test, type WebHostHandle } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { resetHost, shootSizesAndThemes } from './journeySupport';

/** Answers the open question from the cited page's text (right) or with nonsense (wrong), by keyboard. */
async function answerOpen(page: Page, host: WebHostHandle, right: boolean): Promise<void> {
  const box = page.getByLabel(/^Your answer/);
  await expect(box).toBeFocused();
  const list = await host.api.training.attempts({ technician: 'Ana Silva' });
  const a = list.ok ? list.value.items[0] : undefined;
  const q = a!.questions[a!.questions.length - 1];
  const text = await host.api.library.pageText({ docId: q.citation.docId, page: q.citation.page });
  await box.fill(right && text.ok ? solveFromText(q, text.value.text) : 'zzqx not in this manual');
  await box.press('Enter');
  await expect(page.getByTestId('verdict')).toHaveCount(a!.questions.length);
}

test.describe('training', () => {
  test.describe.configure({ timeout: 240_000 });
  test.afterEach(async ({ webHost }) => resetHost(webHost));

  test('admin builds a course from the outline; a technician passes one topic and fails the other', async ({ page, webHost }) => {
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-training-'));
    try {
      await resetHost(webHost);
      const courses = await webHost.api.training.courses();
      if (courses.ok) for (const c of courses.value.items) await webHost.api.training.deleteCourse({ id: c.id });
      const file = await writePdf(dir, 'x200.pdf', await makeManualPdf(sampleManualSpec()));
      const app = new AppPage(page);
      await page.setViewportSize({ width: 1024, height: 700 });
      await app.open(webHost.url);
      await app.goTo('Library');
      await page.getByTestId('file-input').setInputFiles([file]);
      await expect(page.getByTestId('doc-row').filter({ hasText: /X200/ })).toContainText(/ready/i, { timeout: 120_000 });

      await app.goTo('Training');
      await page.getByLabel('Your name').fill('Ana Silva');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByTestId('technician-name')).toHaveText('Ana Silva');

      // Admin: course + two topics picked from the manual's outline.
      await page.getByLabel('New course').fill('X200 basics');
      await page.getByLabel('New course').press('Enter');
      await expect(page.getByRole('heading', { name: 'X200 basics' })).toBeVisible();
      for (const section of ['1 Safety > 1.1 Electrical hazards', '2 Troubleshooting > 2.2 Debug interface']) {
        await page.getByLabel('Manual').selectOption({ label: 'X200 Service Manual' });
        await page.getByLabel('Section').selectOption(section);
        await page.getByRole('button', { name: 'Add topic' }).click();
        await expect(page.getByTestId('topic-row').filter({ hasText: section.split(' > ')[1] })).toBeVisible();
      }
      await expect(page.getByTestId('topic-row')).toHaveCount(2);

      // Technician: pass the first topic…
      await page.getByRole('button', { name: 'Start 1.1 Electrical hazards' }).click();
      await answerOpen(page, webHost, true);
      await answerOpen(page, webHost, true);
      await expect(page.getByTestId('attempt-result')).toHaveText('Topic passed.');
      await expect(page.locator('.cited-passage').first()).toContainText('X200 Service Manual, p. 1');
      await expect(page.locator('.cited-passage a').first()).toHaveAttribute('href', /#\/viewer\?doc=.*page=3/);
      await shootSizesAndThemes(app, webHost, 'training', 'passed', { width: 1024, height: 700 });

      // …and fail the second.
      await page.getByRole('button', { name: 'Start 2.2 Debug interface' }).click();
      await answerOpen(page, webHost, false);
      await answerOpen(page, webHost, false);
      await expect(page.getByTestId('attempt-result')).toHaveText('Topic failed. Re-read page 3 and try again.');
      await expect(page.getByTestId('topic-row').filter({ hasText: '1.1 Electrical hazards' })).toContainText('Passed');
      await expect(page.getByTestId('topic-row').filter({ hasText: '2.2 Debug interface' })).toContainText('Failed');

      const table = page.locator('.progress-table tbody tr');
      await expect(table).toHaveCount(2);
      await expect(table.nth(0)).toContainText(/Ana Silva.*X200 basics.*1\.1 Electrical hazards.*passed.*1/);
      await expect(table.nth(1)).toContainText(/Ana Silva.*X200 basics.*2\.2 Debug interface.*failed.*1/);
      await shootSizesAndThemes(app, webHost, 'training', 'failed-progress', { width: 1024, height: 700 });

      // The exported training record (CSV download in the browser).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\n').slice(0, 3).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
        'technician,course,topic,status,attempts',
        'Ana Silva,X200 basics,1.1 Electrical hazards,passed,1',
        'Ana Silva,X200 basics,2.2 Debug interface,failed,1'
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

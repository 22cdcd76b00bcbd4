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
import type { AppHealth, AppInfo } from '../../src/shared/contract/app';
import type { JobSnapshot } from '../../src/shared/contract/jobs';
import type { LibraryStats } from '../../src/shared/contract/library';

test('status shows real health, paths and library stats; Refresh picks up changes', async ({ page, webHost }) => {
  test.setTimeout(90_000);
  const dir = await mkdtemp(join(tmpdir(), 'benchmate-e2e-status-'));
  try {
    await page.setViewportSize({ width: 1024, height: 700 });
    const app = new AppPage(page);
    await app.open(webHost.url);
    await app.goTo('Status');

    const info = await webHost.call<AppInfo>('app.info');
    const health = await webHost.call<AppHealth>('app.health');
    if (!info.ok || !health.ok) throw new Error('core did not answer app.info / app.health');
    await expect(page.getByTestId('overall-status')).toContainText(health.value.status);
    for (const c of health.value.components) await expect(page.getByTestId(`health-${c.name}`)).toContainText(c.status);
    await expect(page.getByTestId('path-logs')).toHaveText(info.value.paths.logs);
    await expect(page.getByText('Logs folder')).toBeVisible();

    const before = await webHost.call<LibraryStats>('library.stats');
    if (!before.ok) throw new Error(before.error.message);
    await expect(page.getByTestId('stat-documents')).toHaveText(String(before.value.documents));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`status-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Import one more manual through the contract, then Refresh: the page follows the core.
    const path = await writePdf(dir, `status-${Date.now()}.pdf`, await makeManualPdf({ title: `Status probe ${Date.now()}`, pages: [{ text: 'Probe page about the Q7 pump.' }] }));
    const started = await webHost.call<{ jobIds: string[] }>('library.import', { paths: [path] });
    if (!started.ok) throw new Error(started.error.message);
    await expect
      .poll(async () => {
        const jobs = await webHost.call<JobSnapshot[]>('jobs.list');
        return jobs.ok ? jobs.value.find((j) => j.jobId === started.value.jobIds[0])?.status : undefined;
      }, { timeout: 60_000 })
      .toBe('succeeded');
    const after = await webHost.call<LibraryStats>('library.stats');
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.documents).toBe(before.value.documents + 1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('stat-documents')).toHaveText(String(after.value.documents));
    await expect(page.getByTestId('stat-pages')).toHaveText(after.value.pages.toLocaleString('en-US'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

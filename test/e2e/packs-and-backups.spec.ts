/**
 * Backups and knowledge packs in Chromium against the real web host:
 * Library → export a selection as a pack → remove one manual → import the pack (the summary says
 * 1 new, 1 unchanged) → Settings → back up now (progress, listed) → daily schedule saved →
 * verify → restore with confirmation (staged for the next start).
 * Screenshots at 900×700 and 1920×1080, light and dark, in test-results/screenshots.
 * (Named to run after library.spec: that spec counts import-queue rows on the shared host, and
 * this one leaves finished import jobs behind; it does delete its manuals at the end.)
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type WebHostHandle } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import { sampleManualSpec, SAMPLE_TITLE } from '../fixtures/pdf/sampleManual';
import type { DocumentSummary } from '../../src/shared/contract/library';
import type { Settings } from '../../src/shared/contract/settings';

const PUMP_TITLE = 'P10 Pump Manual';

async function libraryOf(webHost: WebHostHandle): Promise<DocumentSummary[]> {
  const r = await webHost.api.library.list();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function prepareLibrary(webHost: WebHostHandle, dir: string): Promise<void> {
  for (const d of await libraryOf(webHost)) await webHost.api.library.delete({ id: d.id });
  const sample = await writePdf(dir, 'e2e-x200.pdf', await makeManualPdf(sampleManualSpec()));
  const pump = await writePdf(
    dir,
    'e2e-p10.pdf',
    await makeManualPdf({
      title: PUMP_TITLE,
      pages: [{ text: `${PUMP_TITLE}\n\nHydraulic pump.` }, { text: 'Priming\n\nOpen the bleed screw. Fault P-17 means low inlet pressure.' }]
    })
  );
  const r = await webHost.api.library.import({ paths: [sample, pump], metadata: { machineModels: ['X200'] } });
  if (!r.ok) throw new Error(r.error.message);
  await expect.poll(async () => (await libraryOf(webHost)).filter((d) => d.status === 'ready').length, { timeout: 90_000 }).toBe(2);
}

async function shots(page: Page, app: AppPage, name: string) {
  for (const [w, h] of [
    [900, 700],
    [1920, 1080]
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`backup-${name}-${w}x${h}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 900, height: 700 });
}

test.describe('backups and knowledge packs', () => {
  let dir = '';
  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'benchmate-e2e-backup-'));
  });
  test.afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('export a pack, import it with a summary, back up, schedule, verify, restore', async ({ page, webHost }) => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await prepareLibrary(webHost, dir);
    const app = new AppPage(page);
    await page.setViewportSize({ width: 900, height: 700 });
    await app.open(webHost.url);
    await app.goTo('Library');

    // Export: the dialog starts with every manual the table shows, and writes the pack.
    const packs = page.getByRole('region', { name: 'Knowledge packs' });
    await packs.scrollIntoViewIfNeeded();
    await packs.getByRole('button', { name: 'Export pack…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export knowledge pack' });
    await expect(exportDialog.getByRole('checkbox')).toHaveCount(2);
    await shots(page, app, '1-export-dialog');
    await exportDialog.getByRole('button', { name: 'Export 2 manuals' }).click();
    const status = packs.getByRole('status');
    await expect(status).toContainText('Pack written', { timeout: 30_000 });
    const packPath = /Pack written: (.+\.tar) \(/.exec((await status.textContent()) ?? '')?.[1];
    expect(packPath && existsSync(packPath)).toBe(true);

    // A laptop that lacks one of the manuals: the summary says what will change before anything does.
    const pump = (await libraryOf(webHost)).find((d) => d.title === PUMP_TITLE)!;
    await webHost.api.library.delete({ id: pump.id });
    await page.reload();
    await expect(page.getByTestId('doc-row')).toHaveCount(1);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import pack…' }).click();
    await (await chooser).setFiles(packPath!);
    const importDialog = page.getByRole('dialog', { name: 'Import knowledge pack' });
    await expect(importDialog.getByTestId('pack-change')).toHaveCount(2);
    await expect(importDialog.locator('[data-action="add"]')).toContainText(PUMP_TITLE);
    await expect(importDialog.locator('[data-action="skip"]')).toContainText(SAMPLE_TITLE);
    await shots(page, app, '2-import-summary');
    await importDialog.getByRole('button', { name: 'Import 1 manual' }).click();
    await expect(page.getByRole('region', { name: 'Knowledge packs' }).getByRole('status')).toContainText('1 added, 0 replaced, 1 unchanged', { timeout: 30_000 });
    await expect(page.getByTestId('doc-row')).toHaveCount(2);
    expect((await libraryOf(webHost)).map((d) => d.title).sort()).toEqual([PUMP_TITLE, SAMPLE_TITLE].sort());

    // Settings (on the Models page): back up now, with the result listed.
    await app.goTo('Models');
    const section = page.getByRole('region', { name: 'Backups' });
    await section.scrollIntoViewIfNeeded();
    await section.getByRole('button', { name: 'Back up now' }).click();
    await expect(section.getByRole('status')).toContainText('Backup written', { timeout: 60_000 });
    await expect(section.getByTestId('backup-row')).toHaveCount(1);

    // The schedule is a saved setting.
    await section.getByLabel('Scheduled backup').selectOption('1');
    await expect.poll(async () => ((await webHost.api.settings.get()) as { ok: true; value: Settings }).value.backup.everyDays).toBe(1);
    await shots(page, app, '3-settings-backups');

    await section.getByRole('button', { name: /^Verify / }).click();
    await expect(section.getByRole('status')).toContainText('every file', { timeout: 30_000 });

    // Restore asks first, then stages the verified backup for the next start.
    await section.getByRole('button', { name: /^Restore \d/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(confirm).toContainText('replaced');
    await shots(page, app, '4-restore-confirm');
    await confirm.getByRole('button', { name: 'Verify and restore' }).click();
    await expect(section.getByText('Restore ready.')).toBeVisible({ timeout: 60_000 });
    await section.getByText('Restore ready.').scrollIntoViewIfNeeded();
    await shots(page, app, '5-restore-staged');
    expect(existsSync(`${webHost.dataDir}.restore-pending`)).toBe(true);
    await webHost.api.settings.update({ backup: { everyDays: 0 } });
    await rm(`${webHost.dataDir}.restore-pending`, { recursive: true, force: true });
    for (const d of await libraryOf(webHost)) await webHost.api.library.delete({ id: d.id });
    expect(problems).toEqual([]);
  });
});

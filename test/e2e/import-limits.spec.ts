/**
 * Settings › Import limits (issue 14): the limits an over-limit import names ("— change it in
 * Settings › Import limits") are editable, in whole MB, and saved in the core on blur.
 * Screenshots at 900×700 and 1920×1080, light and dark, in test-results/screenshots.
 */
import type { Page } from '@playwright/test';
import { settingsSchema } from '../../src/shared/contract/settings';
import { test, expect } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';

const MB = 1024 * 1024;

test('import limits are editable in Settings and saved in the core', async ({ page, webHost }) => {
  const app = new AppPage(page);
  await page.setViewportSize({ width: 900, height: 700 });
  await app.open(webHost.url);
  await app.goTo('Models');
  const section = page.getByRole('region', { name: 'Import limits' });
  await section.scrollIntoViewIfNeeded();
  const largest = section.getByLabel('Largest file (MB)');
  await expect(largest).toHaveValue(String(settingsSchema.parse({}).library.maxFileBytes / MB));
  await largest.fill('150');
  await largest.blur();
  await expect
    .poll(async () => {
      const s = await webHost.api.settings.get();
      return s.ok ? s.value.library.maxFileBytes : null;
    })
    .toBe(150 * MB);
  const memory = section.getByLabel('Reader memory (MB)');
  await memory.fill('10');
  await memory.blur();
  await expect(section.getByText('Use 64–16384.')).toBeVisible();
  await shots(page, app);
  await webHost.api.settings.update({ library: { maxFileBytes: settingsSchema.parse({}).library.maxFileBytes } });
});

async function shots(page: Page, app: AppPage) {
  for (const [w, h] of [[900, 700], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByRole('heading', { name: 'Import limits' }).scrollIntoViewIfNeeded();
      await app.screenshot(`import-limits-${w}x${h}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

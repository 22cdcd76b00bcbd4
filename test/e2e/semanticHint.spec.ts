/**
 * Semantic search onboarding: with no embedding model loaded (the web host starts without one),
 * the Models page says what search by meaning adds and offers an embedding model. Screenshots at
 * 900×700 and 1920×1080, light and dark.
 */
import { test, expect } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';

test('Models page explains search by meaning while no embedding model is loaded', async ({ page, webHost }) => {
  const state = await webHost.api.models.state();
  if (!state.ok) throw new Error(state.error.message);
  const embedding = state.value.slots.find((s) => s.role === 'embedding');
  test.skip(embedding?.status === 'loaded', 'an embedding model is loaded in this host: the hint is rightly hidden');
  const app = new AppPage(page);
  for (const [width, height] of [
    [900, 700],
    [1920, 1080]
  ] as const) {
    await page.setViewportSize({ width, height });
    await app.open(webHost.url);
    await app.goTo('Models');
    const hint = page.getByText('Search by meaning is off.');
    await expect(hint).toBeVisible();
    await expect(page.getByText(/questions worded differently/)).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`semantic-hint-${width}-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
});

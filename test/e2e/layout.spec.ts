import { test, expect } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';

/**
 * Window sizes a technician really uses: a small laptop window keeps the page wide (navigation as
 * an icon rail, the chat list over the transcript on demand); a large screen shows everything.
 */
test.describe('responsive layout', () => {
  test('900x700: icon rail and a chat list that opens over the chat', async ({ page, webHost }) => {
    await page.setViewportSize({ width: 900, height: 700 });
    const app = new AppPage(page);
    await app.open(webHost.url);
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Labels are visually hidden, not gone: the links keep their names (and a tooltip).
    await expect(nav.getByRole('link', { name: 'Library' })).toHaveAttribute('title', 'Library');
    const rail = await page.locator('.sidebar').boundingBox();
    expect(rail!.width).toBeLessThanOrEqual(64);
    await app.goTo('Chat');
    const chats = page.getByRole('complementary', { name: 'Chats' });
    await expect(chats).toBeHidden();
    const header = await page.locator('.chat-header').boundingBox();
    expect(header!.width).toBeGreaterThan(800);
    await page.getByRole('button', { name: 'Chats', exact: true }).click();
    await expect(chats).toBeVisible();
    await expect(chats.getByRole('button', { name: /New chat/ })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`layout-900-chats-open-${scheme}`);
    }
    await page.keyboard.press('Escape');
    await expect(chats).toBeHidden();
    await page.emulateMedia({ colorScheme: 'light' });
  });

  for (const [w, h] of [[1366, 768], [2560, 1440]] as const) {
    test(`${w}x${h}: navigation labels and the chat list beside the transcript`, async ({ page, webHost }) => {
      await page.setViewportSize({ width: w, height: h });
      const app = new AppPage(page);
      await app.open(webHost.url);
      await app.goTo('Chat');
      await expect(page.getByRole('complementary', { name: 'Chats' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Chats', exact: true })).toBeHidden();
      await expect(page.locator('.nav-label', { hasText: 'Library' })).toBeVisible();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await app.screenshot(`layout-${w}-chat-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    });
  }
});

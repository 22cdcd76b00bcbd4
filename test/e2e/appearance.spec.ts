/**
 * Appearance for every role: a technician signed in on a tablet switches the theme from the
 * sidebar with the keyboard. Over the WebSocket, a technician may change the `ui` settings
 * section and nothing else. Runs its own host (it sets an admin PIN, which puts the app behind
 * the sign-in page for every later spec on a shared host).
 */
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { createApiClient } from '../../src/shared/contract/client';
import { createWsTransport, type WsLike } from '../../src/renderer/src/lib/wsTransport';
import { expect, startHost, test } from './fixtures/webHost';
import { collectPageProblems } from './fixtures/pageProblems';
import { AppPage } from './pages/AppPage';

const PIN = '4711';

function socketApi(url: string) {
  const transport = createWsTransport({ url: url.replace(/^http/, 'ws').replace(/\/\?token=/, '/ws?token='), createSocket: (u) => new WebSocket(u) as unknown as WsLike });
  return createApiClient(transport.invoke, transport.subscribe);
}

/** Opens the Appearance panel from the keyboard and picks `label` with the arrow keys. */
async function pickTheme(page: Page, label: 'Light' | 'Dark' | 'System'): Promise<void> {
  const button = page.getByRole('button', { name: 'Appearance' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') {
    await button.focus();
    await page.keyboard.press('Enter');
  }
  const group = page.getByRole('group', { name: 'Appearance' });
  await expect(group).toBeVisible();
  // The checked option has focus; ArrowRight moves to (and selects) the next one, wrapping around.
  const order = ['System', 'Light', 'Dark'] as const;
  let at = 0;
  while (at < order.length - 1 && !(await group.getByRole('radio', { name: order[at] }).isChecked())) at++;
  while (order[at] !== label) {
    await page.keyboard.press('ArrowRight');
    at = (at + 1) % order.length;
    await expect(group.getByRole('radio', { name: order[at] })).toBeChecked();
  }
}

test.describe('appearance: a technician switches the theme', () => {
  test.describe.configure({ timeout: 180_000 });

  test('from the sidebar, by keyboard; light and dark at 900×700 and 1920×1080', async ({ browser }) => {
    const host = await startHost();
    try {
      const admin = socketApi(host.handle.url);
      const profiles = await admin.access.profiles();
      const adminId = profiles.ok ? profiles.value.find((p) => p.role === 'admin')!.id : '';
      const created = await admin.access.createProfile({ name: 'Ana', role: 'technician' });
      expect(created.ok).toBe(true);
      expect((await admin.access.updateProfile({ id: adminId, pin: PIN })).ok).toBe(true);

      // Over the WebSocket as the technician: the ui section is allowed, other sections are not.
      const techSocket = socketApi(host.handle.url);
      expect((await techSocket.access.signIn({ profileId: created.ok ? created.value.id : '' })).ok).toBe(true);
      const viaSocket = await techSocket.settings.update({ ui: { theme: 'dark' } });
      expect(viaSocket.ok && viaSocket.value.ui.theme).toBe('dark');
      const refused = await techSocket.settings.update({ retrieval: { resultsPerAnswer: 3 } });
      expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
      const after = await techSocket.settings.get();
      expect(after.ok && after.value.retrieval.resultsPerAnswer).toBe(5);
      expect((await techSocket.settings.update({ ui: { theme: 'system' } })).ok).toBe(true);

      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
      const page = await ctx.newPage();
      const problems = collectPageProblems(page, 'tech');
      const app = new AppPage(page);
      await page.goto(host.handle.url);
      await page.getByRole('button', { name: /Ana/ }).click();
      await expect(app.nav).toBeVisible();
      await expect(app.nav.getByRole('link', { name: 'Models' })).toHaveCount(0);
      const html = page.locator('html');
      await expect(html).toHaveAttribute('data-theme', 'light');

      for (const [w, h] of [
        [900, 700],
        [1920, 1080]
      ]) {
        await page.setViewportSize({ width: w, height: h });
        for (const theme of ['Dark', 'Light'] as const) {
          await pickTheme(page, theme);
          await expect(html).toHaveAttribute('data-theme', theme.toLowerCase());
          await app.screenshot(`appearance-tech-${w}x${h}-${theme.toLowerCase()}`);
        }
        // Escape closes the panel and gives focus back to its button.
        await page.keyboard.press('Escape');
        await expect(page.getByRole('group', { name: 'Appearance' })).toHaveCount(0);
        await expect(page.getByRole('button', { name: 'Appearance' })).toBeFocused();
      }

      // The choice is saved in the core (and survives a reload).
      await pickTheme(page, 'Dark');
      await expect.poll(async () => {
        const s = await techSocket.settings.get();
        return s.ok ? s.value.ui.theme : null;
      }).toBe('dark');
      await page.reload();
      await expect(app.nav).toBeVisible();
      await expect(html).toHaveAttribute('data-theme', 'dark');
      await page.setViewportSize({ width: 1920, height: 1080 });
      await app.goTo('Chat');
      await app.screenshot('appearance-tech-chat-1920x1080-dark');
      expect(problems).toEqual([]);
      await ctx.close();
    } finally {
      await host.stop();
    }
  });
});

import { test, expect, appVersion } from './fixtures/webHost';
import { collectPageProblems } from './fixtures/pageProblems';
import { AppPage, PAGES } from './pages/AppPage';
import { statusWord } from '../../src/renderer/src/features/status/healthWords';

test.describe('web host smoke', () => {
  test('opens the app, navigates every page, Status reflects the real core', async ({ page, webHost }) => {
    const problems = collectPageProblems(page);

    const app = new AppPage(page);
    await app.open(webHost.url);
    await expect(page).toHaveTitle('Benchmate');
    await expect(page.getByRole('status').getByText('Connected')).toBeVisible();

    for (const name of PAGES) {
      await app.goTo(name);
      await app.screenshot(`web-${name.toLowerCase()}`);
    }

    // Status: compare with what the core itself reports over the contract.
    await app.goTo('Status');
    const info = await webHost.api.app.info();
    const health = await webHost.api.app.health();
    expect(info.ok && health.ok).toBe(true);
    if (!info.ok || !health.ok) return;
    expect(info.value.version).toBe(appVersion);
    await expect(page.getByTestId('app-version')).toHaveText(appVersion);
    await expect(page.getByTestId('path-userData')).toHaveText(webHost.dataDir);
    expect(health.value.components.length).toBeGreaterThan(0);
    for (const c of health.value.components) {
      const row = page.getByTestId(`health-${c.name}`);
      await expect(row).toBeVisible();
      await expect(row).toContainText(statusWord(c.status));
    }
    await app.screenshot('web-status-checked');
    expect(problems).toEqual([]);
  });

  test('the browser cannot open the WebSocket without the token', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    const outcome = await page.evaluate(async (origin) => {
      const attempt = (url: string) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => {
            ws.close();
            resolve('open');
          };
          ws.onerror = () => resolve('refused');
        });
      const host = new URL(origin).host;
      return {
        without: await attempt(`ws://${host}/ws`),
        wrong: await attempt(`ws://${host}/ws?token=wrong`),
        right: await attempt(`ws://${host}/ws?token=${new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get('token')}`)
      };
    }, webHost.origin);
    expect(outcome).toEqual({ without: 'refused', wrong: 'refused', right: 'open' });
  });
});

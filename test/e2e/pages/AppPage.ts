/**
 * Page object base for the Benchmate shell. Feature page objects extend it (or take it) and add
 * their own locators; specs talk to page objects, not to raw selectors.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const PAGES = ['Chat', 'Library', 'Sessions', 'Training', 'Models', 'Status'] as const;
export type PageName = (typeof PAGES)[number];

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export class AppPage {
  readonly nav: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.main = page.locator('main#main');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.nav).toBeVisible();
  }

  navLink(name: PageName): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** Clicks a nav entry and waits until the app reports it as the current page. */
  async goTo(name: PageName): Promise<void> {
    await this.navLink(name).click();
    await expect(this.navLink(name)).toHaveAttribute('aria-current', 'page');
    await expect(this.main).toHaveAttribute('aria-label', name);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  /**
   * `<name>-<w>x<h>-<scheme>` at 900×700 and 1920×1080 in the light and dark system colour scheme
   * (the app's 'system' theme follows it); `prepare` runs before each shot (e.g. scroll something
   * into view). Ends at 1280×800, light.
   */
  async screenshotSizesAndSchemes(name: string, prepare?: () => Promise<void>): Promise<void> {
    for (const [w, h] of [
      [900, 700],
      [1920, 1080]
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await this.page.setViewportSize({ width: w, height: h });
        await this.page.emulateMedia({ colorScheme });
        await prepare?.();
        await this.screenshot(`${name}-${w}x${h}-${colorScheme}`);
      }
    }
    await this.page.setViewportSize({ width: 1280, height: 800 });
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}

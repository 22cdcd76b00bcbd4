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
}

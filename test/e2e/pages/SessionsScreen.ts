/** Page object for the Sessions history screen (renderer part B). */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type ExportFormatLabel = 'PDF service report' | 'Markdown' | 'HTML' | 'JSON';

export class SessionsScreen {
  readonly search: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search all messages' });
    this.rows = page.locator('tr[data-session-id]');
  }

  row(title: string | RegExp): Locator {
    return this.rows.filter({ hasText: title });
  }

  /** Exports one session in the web host: returns the browser download. */
  async exportSession(title: string | RegExp, format: ExportFormatLabel): Promise<Download> {
    await this.row(title).getByRole('button', { name: 'Export…' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('radio', { name: new RegExp(format) }).check();
    const [download] = await Promise.all([this.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    await expect(dialog).toBeHidden();
    return download;
  }

  async deleteSession(title: string | RegExp): Promise<void> {
    await this.row(title).getByRole('button', { name: /^Delete / }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(this.row(title)).toHaveCount(0);
  }
}

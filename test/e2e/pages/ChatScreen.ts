/** Page object for the Chat screen and its citation viewer panel (renderer part B). */
import { expect, type Locator, type Page } from '@playwright/test';

export class ChatScreen {
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly transcript: Locator;
  readonly answers: Locator;
  readonly sidebar: Locator;
  readonly viewer: ViewerPanel;

  constructor(readonly page: Page) {
    this.composer = page.getByRole('textbox', { name: 'Ask the manuals' });
    this.sendButton = page.getByRole('button', { name: /^(Send|Resend)$/ });
    this.stopButton = page.getByRole('button', { name: /Stop/ });
    this.transcript = page.getByRole('log', { name: 'Conversation' });
    this.answers = page.locator('li.msg-assistant');
    this.sidebar = page.getByRole('complementary', { name: 'Chats' });
    this.viewer = new ViewerPanel(page);
  }

  emptyState(title: string | RegExp): Locator {
    return this.page.getByRole('heading', { name: title });
  }

  lastAnswer(): Locator {
    return this.answers.last();
  }

  async ask(question: string): Promise<void> {
    await this.composer.fill(question);
    await this.composer.press('Enter');
    await expect(this.page.locator('li.msg-user').last()).toContainText(question);
  }

  /** Waits until the last answer stopped streaming. */
  async waitForAnswer(timeout = 60_000): Promise<Locator> {
    const a = this.lastAnswer();
    await expect(a).toBeVisible({ timeout });
    await expect(a).not.toHaveClass(/msg-streaming/, { timeout });
    return a;
  }

  citeChips(answer: Locator): Locator {
    return answer.locator('button.cite-chip');
  }

  sessionItem(title: string | RegExp): Locator {
    return this.sidebar.locator('li.chat-session').filter({ hasText: title });
  }
}

export class ViewerPanel {
  readonly root: Locator;
  readonly page: Locator;
  readonly highlight: Locator;

  constructor(readonly p: Page) {
    this.root = p.getByRole('region', { name: 'Citation viewer' });
    this.page = this.root.locator('.pdf-page');
    this.highlight = this.root.locator('.textLayer .cite-hl');
  }

  async waitRendered(pageNumber: number): Promise<void> {
    await expect(this.page).toHaveAttribute('data-page', String(pageNumber), { timeout: 30_000 });
    await expect(this.page).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  }

  /** The highlighted text, whitespace-normalised. */
  async highlightedText(): Promise<string> {
    const parts = await this.highlight.allTextContents();
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close viewer' }).click();
    await expect(this.root).toBeHidden();
  }
}

import { type Browser, expect, type Locator, type Page } from '@playwright/test';

declare global {
  interface Window {
    e2eMarked?: boolean;
  }
}

export interface OpenOptions {
  /** The list to show (`?list=`; default shared). */
  list?: string;
  /** Runs on the blank page before the app loads (e.g. to route its WebSocket). */
  beforeLoad?: (page: Page) => Promise<void>;
}

/** The example app in its own browser context (its own client, as a second user or tab would be). */
export class TodoPage {
  private constructor(readonly page: Page) {}

  /** Opens the app against the emulator at `emulator` (`host:port`), in a new browser context. */
  static async open(browser: Browser, emulator: string, options: OpenOptions = {}): Promise<TodoPage> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await options.beforeLoad?.(page);
    const app = new TodoPage(page);
    await app.goto(emulator, options.list);
    return app;
  }

  private async goto(emulator: string, list = 'shared'): Promise<void> {
    const app = process.env.E2E_APP_URL;
    if (!app) throw new Error('E2E_APP_URL is unset: run the specs through e2e/playwright.config.ts');
    const url = new URL(app);
    url.searchParams.set('emulator', emulator);
    url.searchParams.set('list', list);
    await this.page.goto(url.href);
  }

  /** The connection indicator; its `data-state` is online, connecting, reconnecting or offline. */
  get connection(): Locator {
    return this.page.getByLabel('connection');
  }

  /** Every row of the list. */
  get rows(): Locator {
    return this.page.getByRole('listitem');
  }

  /** The row whose todo text is exactly `text`. */
  row(text: string): Locator {
    return this.rows.filter({
      has: this.page.locator('.text', { hasText: new RegExp(`^${literal(text)}$`) }),
    });
  }

  /** The texts of the rows, top to bottom. */
  texts(): Promise<string[]> {
    return this.page.locator('.todo .text').allTextContents();
  }

  get addButton(): Locator {
    return this.page.getByRole('button', { name: 'Add', exact: true });
  }

  async add(text: string): Promise<void> {
    await this.page.getByLabel('New todo').fill(text);
    await this.addButton.click();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${from}` }).click();
    await this.page.getByLabel('Edit todo').fill(to);
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  async toggle(text: string): Promise<void> {
    await this.page.getByLabel(`Done: ${text}`).click();
  }

  async remove(text: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${text}` }).click();
  }

  async expectTexts(texts: string[]): Promise<void> {
    await expect(this.page.locator('.todo .text')).toHaveText(texts);
  }

  /** Marks the loaded document so `reloaded()` can tell later whether the page was loaded again since. */
  async markDocument(): Promise<void> {
    await this.page.evaluate(() => {
      window.e2eMarked = true;
    });
  }

  async reloaded(): Promise<boolean> {
    return this.page.evaluate(() => window.e2eMarked !== true);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

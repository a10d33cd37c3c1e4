import { writeFile } from 'node:fs/promises';
import { test as base } from '@playwright/test';
import { EmulatorProcess } from './emulator.js';
import { type OpenOptions, TodoPage } from './todo-page.js';

interface Options {
  /** Security rules the emulator starts with (`--rules`); set with `test.use({ rules })`. None: all allowed. */
  rules: string | undefined;
}

interface Fixtures {
  /** A fresh emulator (CLI on a free port) for this test, stopped after it. */
  emulator: EmulatorProcess;
  /**
   * Opens the app in a new browser context, closed after the test: on this test's emulator, or at `emulator`
   * (`host:port`, e.g. a proxy in front of it).
   */
  openApp: (options?: OpenOptions & { emulator?: string }) => Promise<TodoPage>;
}

export const test = base.extend<Fixtures & Options>({
  rules: [undefined, { option: true }],
  emulator: async ({ rules }, use, testInfo) => {
    let file: string | undefined;
    if (rules !== undefined) {
      file = testInfo.outputPath('firestore.rules');
      await writeFile(file, rules);
    }
    const emulator = await EmulatorProcess.start({ rules: file });
    await use(emulator);
    await emulator.stop();
  },
  openApp: async ({ browser, emulator }, use) => {
    const pages: TodoPage[] = [];
    await use(async (options) => {
      const page = await TodoPage.open(browser, options?.emulator ?? emulator.hostPort, options);
      pages.push(page);
      return page;
    });
    await Promise.all(pages.map((page) => page.close()));
  },
});

export { expect } from '@playwright/test';

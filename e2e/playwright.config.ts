import { defineConfig } from '@playwright/test';

/**
 * Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it): Playwright never downloads a browser
 * here. Each spec starts its own emulator (CLI, free port); the global setup builds and serves the example app.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    // Kept under e2e/test-results (gitignored) for failed tests only.
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});

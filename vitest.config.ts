import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`./packages/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their sources, so tests never need a build first.
    alias: [
      { find: /^@kindling\/emulator\/engine$/, replacement: src('emulator/src/engine/index.ts') },
      { find: /^@kindling\/emulator\/rest$/, replacement: src('emulator/src/rest/index.ts') },
      { find: /^@kindling\/testing\/node-websocket$/, replacement: src('testing/src/node-websocket.ts') },
      { find: /^@kindling\/(core|emulator|client|react|testing)$/, replacement: src('$1/src/index.ts') },
    ],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.{ts,tsx}'],
        },
      },
      {
        // The client's integration suite again, over @kindling/testing's msw transport (issue 6). Left out: the
        // files that start emulators on ports themselves to stop, restart or proxy them.
        extends: true,
        test: {
          name: 'client-msw',
          include: ['packages/client/test/**/*.test.{ts,tsx}'],
          exclude: [
            'packages/client/test/connection.test.ts',
            'packages/client/test/remote-*.test.ts',
            'packages/client/test/sync-restart.test.ts',
          ],
          env: { KINDLING_TRANSPORT: 'msw' },
        },
      },
    ],
  },
});

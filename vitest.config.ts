import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (file: string) => fileURLToPath(new URL(`./packages/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their sources, so tests never need a build first.
    alias: [
      { find: /^@kindling\/emulator\/engine$/, replacement: src('emulator/src/engine/index.ts') },
      { find: /^@kindling\/emulator\/rest$/, replacement: src('emulator/src/rest/index.ts') },
      { find: /^@kindling\/(core|emulator|client|react|testing)$/, replacement: src('$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

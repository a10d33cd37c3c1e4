/**
 * Builds the msw browser proof page (app/) with the workspace packages' TypeScript sources, and emits msw's
 * service worker script at the site root, where setupWorker looks for it. No imports from vite: this config is
 * loaded by the example app's vite binary (the only vite in the workspace).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const workspace = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const testingModules = workspace('packages/testing/node_modules/');

export default {
  root: fileURLToPath(new URL('./app/', import.meta.url)),
  logLevel: 'error',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  resolve: {
    alias: [
      {
        find: /^@kindling\/emulator\/(engine|rest)$/,
        replacement: workspace('packages/emulator/src/$1/index.ts'),
      },
      { find: /^@kindling\/(core|client|testing)$/, replacement: workspace('packages/$1/src/index.ts') },
      // The page's own third-party imports, from @kindling/testing's dependencies.
      { find: /^(msw|firebase)\//, replacement: `${testingModules}$1/` },
    ],
  },
  plugins: [
    {
      name: 'msw-service-worker',
      generateBundle(this: { emitFile(file: object): void }) {
        this.emitFile({
          type: 'asset',
          fileName: 'mockServiceWorker.js',
          source: readFileSync(`${testingModules}msw/lib/mockServiceWorker.js`),
        });
      },
    },
  ],
};

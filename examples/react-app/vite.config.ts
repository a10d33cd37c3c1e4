import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The workspace packages' `development` export points at their TypeScript sources: dev server and build
    // both use the workspace's current code, never a stale `dist`.
    conditions: ['development', ...defaultClientConditions],
  },
});

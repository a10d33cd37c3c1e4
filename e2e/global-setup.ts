import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './support/free-port.js';
import { Child } from './support/processes.js';

const app = fileURLToPath(new URL('../examples/react-app/', import.meta.url));
const vite = `${app}node_modules/.bin/vite`;

/**
 * Builds the example app once and serves the build with `vite preview` for every spec (a production build:
 * no dev-server dependency optimisation reloading pages mid-test). Pages pick their emulator with
 * `?emulator=host:port`, so one build serves emulators started per test. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await promisify(execFile)(vite, ['build', '--logLevel', 'warn'], { cwd: app });

  const port = await freePort();
  const { child } = await Child.start(
    vite,
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    new RegExp(`127\\.0\\.0\\.1:${port}`),
    { cwd: app },
  );
  // Workers inherit the environment the global setup leaves behind.
  process.env.E2E_APP_URL = `http://127.0.0.1:${port}/`;
  return () => child.stop();
}

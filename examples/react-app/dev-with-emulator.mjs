// `pnpm example` (from the repository root): the Kindling emulator and this app's Vite dev server together.
// Options: --emulator-port N (default 8080; 0 picks a free port), --rules FILE (default firestore.rules next to
// this script; edits are picked up live). Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const { values } = parseArgs({
  options: {
    'emulator-port': { type: 'string', default: '8080' },
    rules: { type: 'string', default: fileURLToPath(new URL('firestore.rules', import.meta.url)) },
  },
});
const cli = fileURLToPath(new URL('../../packages/emulator/bin/kindling-emulator.js', import.meta.url));

const emulator = spawn(
  process.execPath,
  [cli, '--host', '127.0.0.1', '--port', values['emulator-port'], '--rules', values.rules],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const emulatorHost = await new Promise((resolve, reject) => {
  let output = '';
  emulator.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    output += chunk;
    const ready = output.match(/ready at http:\/\/([^\s/]+)/);
    if (ready) resolve(ready[1]);
  });
  emulator.once('exit', (code) =>
    reject(new Error(`the emulator exited (${code}); did you run pnpm build?`)),
  );
});

// Vite hands VITE_-prefixed environment variables to the app (see src/database.ts).
process.env.VITE_FIRESTORE_EMULATOR_HOST = emulatorHost;
const vite = await createServer({ root: fileURLToPath(new URL('.', import.meta.url)) });
await vite.listen();
vite.printUrls();
console.log('  Open the URL in two windows and edit the list in one: the other follows live.');

// Vite's own signal handlers may end this process first: the emulator goes whichever way it ends.
process.once('exit', () => emulator.kill('SIGTERM'));
async function stop() {
  emulator.kill('SIGTERM');
  await vite.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

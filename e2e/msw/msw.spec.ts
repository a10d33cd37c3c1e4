/**
 * Issue 6's browser proof: @kindling/testing's mock running in Chromium behind msw's setupWorker, with no
 * emulator anywhere. The page (app/) is built once and served by a static server inside this process.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';

const here = fileURLToPath(new URL('./', import.meta.url));
const dist = join(here, 'dist');
const vite = fileURLToPath(new URL('../../examples/react-app/node_modules/.bin/vite', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

// One build and one server for the file's tests.
test.describe.configure({ mode: 'serial' });

let server: Server;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await promisify(execFile)(vite, ['build', '--config', join(here, 'vite.config.ts')]);
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dist, normalize(path === '/' ? '/index.html' : path));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function open(page: Page) {
  await page.goto(url);
  await expect(page.locator('#worker')).toHaveText('controlling');
  const notes = page.locator('#notes li');
  await expect(notes).toHaveText(['seeded']);
  return notes;
}

test('the Kindling client (WebSocket) and firebase/firestore/lite (REST via the worker) reach the in-page engine', async ({
  page,
}) => {
  const notes = await open(page);
  await page.click('#add-websocket');
  await expect(notes).toHaveText(['seeded', 'over websocket']);
  // A lite write travels page → service worker → page's msw handler → engine, and back to the listener.
  await page.click('#add-rest');
  await expect(notes).toHaveText(['seeded', 'over websocket', 'over rest']);
  await expect(page.locator('#error')).toHaveText('');
});

test('mock.fail() answers the next REST commit through the worker with the Firestore error', async ({
  page,
}) => {
  const notes = await open(page);
  await page.click('#fail-rest');
  await expect(page.locator('#rest-error')).toHaveText('permission-denied');
  await page.click('#add-rest');
  await expect(notes).toHaveText(['seeded', 'over rest']);
});

test('after mock.disconnect() the listener reconnects and sees later writes', async ({ page }) => {
  const notes = await open(page);
  await page.click('#disconnect');
  await page.click('#add-rest');
  await expect(notes).toHaveText(['seeded', 'over rest']);
  await page.click('#add-websocket');
  await expect(notes).toHaveText(['seeded', 'over rest', 'over websocket']);
});

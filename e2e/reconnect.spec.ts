import { startTcpProxy } from '@kindling/emulator';
import { expect, test } from './support/fixtures.js';

test('after the emulator is killed and restarted, the page shows what was written meanwhile: no reload, no duplicates', async ({
  emulator,
  openApp,
}) => {
  await emulator.setDocument('lists/shared/todos/a', { text: 'pack bags', done: false, createdAt: 1 });
  await emulator.setDocument('lists/shared/todos/b', { text: 'book train', done: false, createdAt: 2 });
  // The page reaches the emulator through a proxy the test can close, so "meanwhile" is certain.
  const proxy = await startTcpProxy(emulator.port);
  try {
    const page = await openApp({ emulator: `127.0.0.1:${proxy.port}` });
    await page.expectTexts(['book train', 'pack bags']);
    await expect(page.connection).toHaveAttribute('data-state', 'online');
    await page.markDocument();

    proxy.refuse();
    await emulator.crash();
    await expect(page.connection).toHaveAttribute('data-state', 'offline');
    // A write made offline shows at once, pending, and is queued.
    await page.add('call the plumber');
    await expect(page.row('call the plumber')).toHaveAttribute('data-pending', 'true');

    // The restarted emulator keeps nothing (memory only): the list is written again straight to it, changed.
    await emulator.restart();
    await emulator.setDocument('lists/shared/todos/a', { text: 'pack bags', done: true, createdAt: 1 });
    await emulator.setDocument('lists/shared/todos/b', { text: 'book the train', done: false, createdAt: 2 });
    await emulator.setDocument('lists/shared/todos/c', {
      text: 'cancel the paper',
      done: false,
      createdAt: 3,
    });
    proxy.accept();

    await expect(page.connection).toHaveAttribute('data-state', 'online');
    await page.expectTexts(['call the plumber', 'cancel the paper', 'book the train', 'pack bags']);
    await expect(page.page.getByLabel('Done: pack bags')).toBeChecked();
    await expect(page.row('call the plumber')).toHaveAttribute('data-pending', 'false');
    expect(await page.reloaded()).toBe(false);
  } finally {
    await proxy.close();
  }
});

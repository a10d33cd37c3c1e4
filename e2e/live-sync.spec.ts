import { expect, test } from './support/fixtures.js';
import { clickToOtherPage, summarize } from './support/latency.js';

test('two pages see each other’s adds, edits, completions and deletes live', async ({ openApp }) => {
  const alice = await openApp();
  const bob = await openApp();
  await expect(alice.page.getByText('Nothing to do.')).toBeVisible();
  await expect(bob.page.getByText('Nothing to do.')).toBeVisible();

  await alice.add('buy milk');
  await bob.expectTexts(['buy milk']);
  await bob.add('walk the dog');
  // Newest first.
  await alice.expectTexts(['walk the dog', 'buy milk']);

  await bob.rename('buy milk', 'buy oat milk');
  await alice.expectTexts(['walk the dog', 'buy oat milk']);

  await alice.toggle('walk the dog');
  await expect(bob.page.getByLabel('Done: walk the dog')).toBeChecked();

  await bob.remove('walk the dog');
  await alice.expectTexts(['buy oat milk']);
  await bob.expectTexts(['buy oat milk']);
});

test('the list shows the newest 20 todos: the query’s orderBy and limit', async ({ emulator, openApp }) => {
  for (let i = 1; i <= 22; i++) {
    await emulator.setDocument(`lists/shared/todos/t${i}`, { text: `todo ${i}`, done: false, createdAt: i });
  }
  const page = await openApp();
  const newest = Array.from({ length: 20 }, (_, k) => `todo ${22 - k}`);
  await page.expectTexts(newest);

  await page.remove('todo 22');
  // The 21st newest moves into the window.
  await page.expectTexts([...newest.slice(1), 'todo 2']);
});

test('click-to-other-page latency (measured, printed, not asserted)', async ({ openApp }, testInfo) => {
  const writer = await openApp();
  const reader = await openApp();
  await expect(reader.page.getByText('Nothing to do.')).toBeVisible();
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(await clickToOtherPage(writer, reader, `latency probe ${i}`));
  }
  const summary = `click → other page: ${summarize(samples)}`;
  console.log(summary);
  testInfo.annotations.push({ type: 'latency', description: summary });
  await reader.expectTexts(Array.from({ length: 10 }, (_, k) => `latency probe ${9 - k}`));
});

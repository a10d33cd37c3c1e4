import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.js';

// The rules `pnpm example` loads: every list but "private" is open.
test.use({ rules: readFileSync(new URL('../examples/react-app/firestore.rules', import.meta.url), 'utf8') });

test('a listener denied by security rules shows the error state; an allowed one works', async ({
  openApp,
}) => {
  const denied = await openApp({ list: 'private' });
  const error = denied.page.locator('.list-error');
  await expect(error).toContainText('(permission-denied)');
  await expect(error).toContainText('Missing or insufficient permissions.');
  await expect(denied.rows).toHaveCount(0);

  // The write is refused as well, and says so.
  await denied.add('read the diary');
  await expect(denied.page.locator('.write-error')).toContainText('Missing or insufficient permissions.');

  const allowed = await openApp({ list: 'shared' });
  await allowed.add('plan the party');
  await allowed.expectTexts(['plan the party']);
  await expect(allowed.row('plan the party')).toHaveAttribute('data-pending', 'false');
});

test('closing a list while a page shows it ends its listener with the error state', async ({
  emulator,
  openApp,
}) => {
  const page = await openApp({ list: 'shared' });
  await page.add('plan the party');
  await page.expectTexts(['plan the party']);

  await emulator.setRules(`rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /lists/{list}/todos/{todo} {
      allow read, write: if !(list in ['private', 'shared']);
    }
  }
}`);
  await expect(page.page.locator('.list-error')).toContainText('(permission-denied)');
  await expect(page.rows).toHaveCount(0);
  // Only the listener ended: the connection is still up.
  await expect(page.connection).toHaveAttribute('data-state', 'online');
});

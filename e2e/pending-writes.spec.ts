import { expect, test } from './support/fixtures.js';
import { FrameGate } from './support/frame-gate.js';

test('a local write shows at once with pending styling that clears on acknowledgement', async ({
  openApp,
}) => {
  const gate = new FrameGate();
  const alice = await openApp({ beforeLoad: (page) => gate.install(page) });
  const bob = await openApp();
  await expect(alice.page.getByText('Nothing to do.')).toBeVisible();

  gate.hold();
  await alice.add('water the plants');
  const row = alice.row('water the plants');
  await expect(row).toHaveAttribute('data-pending', 'true');
  await expect(row).toHaveClass(/\bpending\b/);
  await expect(row.getByText('saving…')).toBeVisible();
  // The write reached the server (another page has it, acknowledged); only Alice's acknowledgement is held.
  await expect(bob.row('water the plants')).toHaveAttribute('data-pending', 'false');
  await expect(row).toHaveAttribute('data-pending', 'true');

  gate.release();
  await expect(row).toHaveAttribute('data-pending', 'false');
  await expect(row).not.toHaveClass(/\bpending\b/);
  await expect(row.getByText('saving…')).toHaveCount(0);

  // An edit is pending the same way, showing the new value at once.
  gate.hold();
  await alice.toggle('water the plants');
  await expect(alice.page.getByLabel('Done: water the plants')).toBeChecked();
  await expect(row).toHaveAttribute('data-pending', 'true');
  gate.release();
  await expect(row).toHaveAttribute('data-pending', 'false');
  await expect(bob.page.getByLabel('Done: water the plants')).toBeChecked();
});

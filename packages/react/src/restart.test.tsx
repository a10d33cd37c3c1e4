// @vitest-environment happy-dom
import { collection, doc, type Firestore, orderBy, query, setDoc } from '@kindling/client';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useConnectionState, useQueryData } from './index.js';
import { lineRecorder, startHookTestEmulator } from './test-support.js';

const emulator = startHookTestEmulator();
const states = lineRecorder();

function Board({ db }: { db: Firestore }) {
  const connection = states.record(useConnectionState(db));
  const notes = useQueryData<{ text: string }>(query(collection(db, 'notes'), orderBy('text')), {
    includeMetadataChanges: true,
  });
  const shown =
    notes.status === 'success'
      ? `${notes.data.map((n) => n.text).join(',')}${notes.snapshot.metadata.fromCache ? ' (cached)' : ''}`
      : notes.status;
  return (
    <>
      <output>{connection}</output>
      <p>{shown}</p>
    </>
  );
}

const notes = () => screen.getByRole('paragraph').textContent;
const connection = () => screen.getByRole('status').textContent;

describe('across a server restart', () => {
  it('keeps the last data while offline, then shows what was written meanwhile, once each', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'notes/a'), { text: 'alpha' });
    render(<Board db={db} />);
    await waitFor(() => expect(notes()).toBe('alpha'));
    expect(connection()).toBe('online');
    const database = `projects/${db._databaseId.projectId}/databases/(default)`;
    await emulator.restart(async () => {
      await waitFor(() => expect(notes()).toBe('alpha (cached)'));
      expect(connection()).not.toBe('online');
      // Written straight into the engine while no server listens.
      await emulator.engine.call('commit', {
        database,
        writes: [
          { update: { name: `${database}/documents/notes/b`, fields: { text: { stringValue: 'beta' } } } },
        ],
      });
    });
    await waitFor(() => expect(notes()).toBe('alpha,beta'), { timeout: 10_000 });
    expect(connection()).toBe('online');
    // Online, then offline and connecting (as often as the retries took), then online again.
    expect(states.lines[0]).toBe('online');
    expect(states.lines).toContain('connecting');
    expect(states.lines.filter((state) => state === 'online')).toHaveLength(2);
  });
});

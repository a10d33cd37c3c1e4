// @vitest-environment happy-dom
import { collection, doc, type Firestore, orderBy, query, setDoc } from '@kindling/client';
import { render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { useDocument, useDocumentData, useQueryData } from './index.js';
import { startHookTestEmulator } from './test-support.js';

const emulator = startHookTestEmulator();

function Names({ db, label }: { db: Firestore; label: string }) {
  const result = useQueryData<{ name: string }>(query(collection(db, 'people'), orderBy('name')));
  return (
    <p>{`${label}:${result.status === 'success' ? result.data.map((p) => p.name).join(',') : result.status}`}</p>
  );
}

function Person({ db, id }: { db: Firestore; id: string }) {
  const result = useDocumentData<{ name: string }>(doc(db, 'people', id));
  return <p>{result.data?.name ?? result.status}</p>;
}

function PersonExists({ db, id }: { db: Firestore; id: string }) {
  const result = useDocument(doc(db, 'people', id));
  return <p>{result.status === 'success' ? `${id} exists=${result.data.exists()}` : result.status}</p>;
}

const texts = () => screen.getAllByRole('paragraph').map((p) => p.textContent);

/** A project with one person, and a connection already online (so every target add reaches the server). */
async function seeded(): Promise<Firestore> {
  const db = emulator.db();
  await setDoc(doc(db, 'people/a'), { name: 'Ada' });
  return db;
}

describe('server targets', () => {
  it('StrictMode double mounting adds exactly one server target', async () => {
    const db = await seeded();
    const before = emulator.targets.added;
    render(
      <StrictMode>
        <Names db={db} label="one" />
      </StrictMode>,
    );
    await waitFor(() => expect(texts()).toEqual(['one:Ada']));
    expect(emulator.targets.added).toBe(before + 1);
    expect(emulator.targets.active).toBe(1);
  });

  it('components on equal queries share one target, and the last unmount releases it', async () => {
    const db = await seeded();
    const before = emulator.targets.added;
    const view = render(
      <StrictMode>
        <Names db={db} label="one" />
        <Names db={db} label="two" />
      </StrictMode>,
    );
    await waitFor(() => expect(texts()).toEqual(['one:Ada', 'two:Ada']));
    view.rerender(
      <StrictMode>
        <Names db={db} label="two" />
      </StrictMode>,
    );
    await setDoc(doc(emulator.peer(db), 'people/b'), { name: 'Bob' });
    await waitFor(() => expect(texts()).toEqual(['two:Ada,Bob']));
    expect(emulator.targets.added).toBe(before + 1);
    view.unmount();
    await waitFor(() => expect(emulator.targets.active).toBe(0));
    expect(emulator.targets.added).toBe(before + 1);
  });

  it('a changed reference releases the previous one target', async () => {
    const db = await seeded();
    await setDoc(doc(db, 'people/b'), { name: 'Bob' });
    const before = emulator.targets.added;
    const view = render(
      <StrictMode>
        <Person db={db} id="a" />
      </StrictMode>,
    );
    await waitFor(() => expect(texts()).toEqual(['Ada']));
    view.rerender(
      <StrictMode>
        <Person db={db} id="b" />
      </StrictMode>,
    );
    await waitFor(() => expect(texts()).toEqual(['Bob']));
    await waitFor(() => expect(emulator.targets.active).toBe(1));
    expect(emulator.targets.added).toBe(before + 2);
  });

  it('useDocument and useDocumentData on one document share its target', async () => {
    const db = await seeded();
    const before = emulator.targets.added;
    render(
      <StrictMode>
        <Person db={db} id="a" />
        <PersonExists db={db} id="a" />
      </StrictMode>,
    );
    await waitFor(() => expect(texts()).toEqual(['Ada', 'a exists=true']));
    expect(emulator.targets.added).toBe(before + 1);
  });
});

// @vitest-environment happy-dom
import {
  collection,
  doc,
  type Firestore,
  limitToLast,
  orderBy,
  type Query,
  query,
  setDoc,
} from '@kindling/client';
import { render, screen, waitFor } from '@testing-library/react';
import { Component, type ReactNode, StrictMode, Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDocumentData, useQueryData } from './index.js';
import { startHookTestEmulator } from './test-support.js';

const emulator = startHookTestEmulator();

class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    return error ? <p>{`caught ${(error as { code?: string }).code}`}</p> : this.props.children;
  }
}

function Names({ people }: { people: Query }) {
  const { data } = useQueryData<{ name: string }>(people, { suspense: true });
  return <p>{data.map((p) => p.name).join(',')}</p>;
}

function Nobody() {
  const result = useDocumentData(null, { suspense: true });
  return <p>{result.status}</p>;
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <Boundary>
        <Suspense fallback={<p>waiting</p>}>{children}</Suspense>
      </Boundary>
    </StrictMode>
  );
}

const shown = () => screen.getByRole('paragraph').textContent;
const people = (db: Firestore) => query(collection(db, 'people'), orderBy('name'));

describe('suspense mode', () => {
  // React reports errors caught by a boundary on the console; they are the expected outcome here.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('suspends until the first snapshot, on one server target under StrictMode', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'people/a'), { name: 'Ada' });
    const before = emulator.targets.added;
    render(
      <Shell>
        <Names people={people(db)} />
      </Shell>,
    );
    expect(shown()).toBe('waiting');
    await waitFor(() => expect(shown()).toBe('Ada'));
    await setDoc(doc(emulator.peer(db), 'people/b'), { name: 'Bob' });
    await waitFor(() => expect(shown()).toBe('Ada,Bob'));
    expect(emulator.targets.added).toBe(before + 1);
  });

  it('releases the target of a suspended component once it unmounts', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'people/a'), { name: 'Ada' });
    const view = render(
      <Shell>
        <Names people={people(db)} />
      </Shell>,
    );
    await waitFor(() => expect(shown()).toBe('Ada'));
    expect(emulator.targets.active).toBe(1);
    view.unmount();
    await waitFor(() => expect(emulator.targets.active).toBe(0));
  });

  it('throws an error to the nearest boundary', async () => {
    const db = emulator.db();
    render(
      <Shell>
        <Names people={query(collection(db, 'people'), limitToLast(1))} />
      </Shell>,
    );
    await waitFor(() => expect(shown()).toBe('caught unimplemented'));
  });

  it('does not suspend for a null reference: the result is idle', () => {
    render(
      <Shell>
        <Nobody />
      </Shell>,
    );
    expect(shown()).toBe('idle');
  });
});

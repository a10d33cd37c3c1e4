// @vitest-environment happy-dom
import { type CollectionReference, collection, doc, type Firestore, setDoc } from '@kindling/client';
import type { Ruleset } from '@kindling/emulator';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Component, type ReactNode, Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useQueryData } from './index.js';
import { describeResult, lineRecorder, startHookTestEmulator } from './test-support.js';

const emulator = startHookTestEmulator();
afterEach(() => {
  emulator.engine.setRules(null);
  vi.restoreAllMocks();
});

const DENIED = { allowed: false, message: 'Missing or insufficient permissions.' } as const;

/** Rules that refuse every read of the named collections (and allow everything else). */
function denyReads(...collections: string[]): Ruleset {
  const refused = (path: string) => collections.some((c) => path.includes(`/documents/${c}`));
  return {
    source: `deny reads of ${collections.join(', ')}`,
    readsTime: false,
    authorize: (request) => (request.method === 'get' && refused(request.path) ? DENIED : { allowed: true }),
    authorizeQuery: (request) =>
      refused(`${request.parent}/${request.query.from?.[0]?.collectionId}`) ? DENIED : { allowed: true },
  };
}

const renders = lineRecorder();

function Names({ names }: { names: CollectionReference }) {
  const result = useQueryData<{ name: string }>(names);
  const line = describeResult(result, (list) => list.map((p) => p.name).join(','));
  return <p>{renders.record(`${names.path}: ${line}`)}</p>;
}

/** Names in suspense mode. */
function SuspendedNames({ names }: { names: CollectionReference }) {
  const { data } = useQueryData<{ name: string }>(names, { suspense: true });
  return <p>{data.map((p) => p.name).join(',')}</p>;
}

/** Shows the error it caught and a button that renders the children again. */
class Retry extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <button type="button" onClick={() => this.setState({ error: null })}>
        {`retry after ${(error as { code?: string }).code}`}
      </button>
    );
  }
}

const texts = () => screen.getAllByRole('paragraph').map((p) => p.textContent);

async function seeded(): Promise<Firestore> {
  const db = emulator.db();
  await setDoc(doc(db, 'public/a'), { name: 'Ada' });
  await setDoc(doc(db, 'secret/b'), { name: 'Bob' });
  return db;
}

describe('errors', () => {
  it('returns a listener the rules deny as permission-denied, next to an allowed one that works', async () => {
    const db = await seeded();
    emulator.engine.setRules(denyReads('secret'));
    render(
      <>
        <Names names={collection(db, 'public')} />
        <Names names={collection(db, 'secret')} />
      </>,
    );
    await waitFor(() => expect(texts()).toEqual(['public: Ada', 'secret: error permission-denied']));
    // The denied target is gone on the server; the allowed one is the only one left.
    expect(emulator.targets.active).toBe(1);
  });

  it('turns a live listener into permission-denied when the rules change, and listens again on a new query', async () => {
    renders.reset();
    const db = await seeded();
    const view = render(
      <>
        <Names names={collection(db, 'public')} />
        <Names names={collection(db, 'secret')} />
      </>,
    );
    await waitFor(() => expect(texts()).toEqual(['public: Ada', 'secret: Bob']));
    emulator.engine.setRules(denyReads('secret'));
    await waitFor(() => expect(texts()).toEqual(['public: Ada', 'secret: error permission-denied']));
    await setDoc(doc(emulator.peer(db), 'public/c'), { name: 'Cy' });
    await waitFor(() => expect(texts()).toEqual(['public: Ada,Cy', 'secret: error permission-denied']));
    emulator.engine.setRules(null);
    view.rerender(
      <>
        <Names names={collection(db, 'public')} />
        <Names names={collection(db, 'public')} />
      </>,
    );
    await waitFor(() => expect(texts()).toEqual(['public: Ada,Cy', 'public: Ada,Cy']));
    expect(renders.lines).toEqual([
      'public: loading',
      'secret: loading',
      'public: Ada',
      'secret: Bob',
      'secret: error permission-denied',
      'public: Ada,Cy',
    ]);
  });

  it('throws a live listener the rules end to the boundary in suspense mode; a retry listens afresh', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const db = await seeded();
    render(
      <Retry>
        <Suspense fallback={<p>waiting</p>}>
          <SuspendedNames names={collection(db, 'secret')} />
        </Suspense>
      </Retry>,
    );
    await waitFor(() => expect(screen.getByText('Bob')).toBeTruthy());
    emulator.engine.setRules(denyReads('secret'));
    const retry = await screen.findByRole('button');
    expect(retry.textContent).toBe('retry after permission-denied');
    // The failed target is gone; nothing listens until the retry.
    await waitFor(() => expect(emulator.targets.active).toBe(0));
    emulator.engine.setRules(null);
    fireEvent.click(retry);
    await waitFor(() => expect(screen.getByText('Bob')).toBeTruthy());
    expect(emulator.targets.active).toBe(1);
  });
});

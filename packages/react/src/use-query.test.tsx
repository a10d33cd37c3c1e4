// @vitest-environment happy-dom
import {
  collection,
  deleteDoc,
  doc,
  type Firestore,
  limit,
  limitToLast,
  orderBy,
  type Query,
  query,
  setDoc,
  updateDoc,
  where,
} from '@kindling/client';
import { render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ListenResult, useCollection, useQuery, useQueryData } from './index.js';
import { describeResult, lineRecorder, startHookTestEmulator } from './test-support.js';

const emulator = startHookTestEmulator();
const renders = lineRecorder();
beforeEach(() => renders.reset());

interface Message {
  text: string;
  at: number;
  id?: string;
}

/** The messages as `id:text` in the query's order. */
function Messages({ messages }: { messages: Query | null }) {
  const result = useQueryData<Message>(messages, { idField: 'id' });
  return (
    <p>{renders.record(describeResult(result, (list) => list.map((m) => `${m.id}:${m.text}`).join(' ')))}</p>
  );
}

/** Every result Probe rendered. */
let results: ListenResult<Message[], unknown>[] = [];

/** Messages at or after `min`, in a query built anew on every render. */
function Probe({ db, min }: { db: Firestore; min: number }) {
  const result = useQueryData<Message>(
    query(collection(db, 'messages'), where('at', '>=', min), orderBy('at')),
  );
  results.push(result);
  return <p>{describeResult(result, (list) => list.map((m) => m.text).join(' '))}</p>;
}

/** Each snapshot's size, pending state and changes, metadata-only ones included. */
function Changes({ db }: { db: Firestore }) {
  const result = useQuery(query(collection(db, 'messages'), orderBy('at')), { includeMetadataChanges: true });
  const line = describeResult(
    result,
    (snapshot) =>
      `${snapshot.size} pending=${snapshot.metadata.hasPendingWrites} ` +
      snapshot
        .docChanges({ includeMetadataChanges: true })
        .map((c) => `${c.type} ${c.doc.id}`)
        .join(','),
  );
  return <p>{renders.record(line)}</p>;
}

const shown = () => screen.getByRole('paragraph').textContent;

async function seed(db: Firestore) {
  await setDoc(doc(db, 'messages/a'), { text: 'first', at: 1 });
  await setDoc(doc(db, 'messages/b'), { text: 'second', at: 2 });
  await setDoc(doc(db, 'messages/c'), { text: 'third', at: 3 });
}

describe('useQueryData', () => {
  it('follows an ordered, limited query as documents are added, changed and deleted elsewhere', async () => {
    const db = emulator.db();
    await seed(db);
    const latest = (d: Firestore) => query(collection(d, 'messages'), orderBy('at', 'desc'), limit(2));
    render(<Messages messages={latest(db)} />);
    await waitFor(() => expect(shown()).toBe('c:third b:second'));
    const other = emulator.peer(db);
    await setDoc(doc(other, 'messages/d'), { text: 'fourth', at: 4 });
    await waitFor(() => expect(shown()).toBe('d:fourth c:third'));
    await updateDoc(doc(other, 'messages/c'), { text: 'THIRD' });
    await waitFor(() => expect(shown()).toBe('d:fourth c:THIRD'));
    await deleteDoc(doc(other, 'messages/d'));
    await waitFor(() => expect(shown()).toBe('c:THIRD b:second'));
    expect(renders.lines).toEqual([
      'loading',
      'c:third b:second',
      'd:fourth c:third',
      'd:fourth c:THIRD',
      'c:THIRD b:second',
    ]);
  });

  it('keeps listening (and its data) when re-rendered with an equal query built anew', async () => {
    const db = emulator.db();
    await seed(db);
    results = [];
    const view = render(<Probe db={db} min={2} />);
    await waitFor(() => expect(shown()).toBe('second third'));
    const added = emulator.targets.added;
    const settled = results.at(-1)!;
    view.rerender(<Probe db={db} min={2} />);
    view.rerender(<Probe db={db} min={2} />);
    // Same listener, same result object, same data array: nothing downstream re-runs.
    expect(results.at(-1)).toBe(settled);
    expect(results.at(-1)!.data).toBe(settled.data);
    view.rerender(<Probe db={db} min={3} />);
    expect(shown()).toBe('loading');
    await waitFor(() => expect(shown()).toBe('third'));
    expect(emulator.targets.added).toBe(added + 1);
  });

  it('is idle for a null query', () => {
    render(<Messages messages={null} />);
    expect(shown()).toBe('idle');
  });

  it('returns an invalid query error instead of throwing it', () => {
    const db = emulator.db();
    render(<Messages messages={query(collection(db, 'messages'), limitToLast(1))} />);
    expect(shown()).toBe('error unimplemented');
  });
});

describe('useQuery', () => {
  it('gives the QuerySnapshot with docChanges and pending writes when asked for metadata changes', async () => {
    const db = emulator.db();
    await seed(db);
    render(<Changes db={db} />);
    await waitFor(() => expect(shown()).toBe('3 pending=false added a,added b,added c'));
    await setDoc(doc(db, 'messages/d'), { text: 'fourth', at: 4 });
    await waitFor(() => expect(shown()).toBe('4 pending=false modified d'));
    expect(renders.lines).toEqual([
      'loading',
      '3 pending=false added a,added b,added c',
      '4 pending=true added d',
      '4 pending=false modified d',
    ]);
  });

  it('is what useCollection is', () => {
    expect(useCollection).toBe(useQuery);
  });
});

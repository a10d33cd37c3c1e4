import { describe, expect, it } from 'vitest';
import {
  collection,
  type DocumentSnapshot,
  deleteDoc,
  doc,
  limit,
  limitToLast,
  onSnapshot,
  orderBy,
  type QuerySnapshot,
  query,
  setDoc,
  updateDoc,
  where,
  writeBatch,
} from '../src/index.js';
import { useEmulator } from './setup.js';
import { collect } from './sync-support.js';

const emulator = useEmulator();

const changes = (s: QuerySnapshot) =>
  s.docChanges().map((c) => `${c.type} ${c.doc.id} ${c.oldIndex} ${c.newIndex}`);
const ids = (s: QuerySnapshot) => s.docs.map((d) => d.id);
const meta = (s: QuerySnapshot | DocumentSnapshot) => [s.metadata.hasPendingWrites, s.metadata.fromCache];

describe('onSnapshot against the emulator', () => {
  it("reports a query's changes with Firebase's types and indices", async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    await setDoc(doc(c, 'a'), { n: 1 });
    await setDoc(doc(c, 'b'), { n: 2 });
    const snaps = collect<QuerySnapshot>();
    const stop = onSnapshot(query(c, orderBy('n')), (s) => snaps.push(s));
    const first = await snaps.next(1);
    expect(ids(first)).toEqual(['a', 'b']);
    expect(changes(first)).toEqual(['added a -1 0', 'added b -1 1']);
    expect(meta(first)).toEqual([false, false]);

    const write = setDoc(doc(c, 'z'), { n: 0 });
    const local = await snaps.next(2);
    expect(ids(local)).toEqual(['z', 'a', 'b']);
    expect(changes(local)).toEqual(['added z -1 0']);
    expect(meta(local)).toEqual([true, false]);
    expect(local.docs[0].metadata.hasPendingWrites).toBe(true);
    expect(local.docs[1].metadata.hasPendingWrites).toBe(false);
    await write;

    await updateDoc(doc(c, 'a'), { n: 5 });
    const moved = await snaps.next(3);
    expect(ids(moved)).toEqual(['z', 'b', 'a']);
    expect(changes(moved)).toEqual(['modified a 1 2']);

    await deleteDoc(doc(c, 'z'));
    const removed = await snaps.next(4);
    expect(changes(removed)).toEqual(['removed z 0 -1']);
    stop();
  });

  it('delivers metadata-only snapshots (acknowledgement) only with includeMetadataChanges', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    const withMeta = collect<QuerySnapshot>();
    const without = collect<QuerySnapshot>();
    const stops = [
      onSnapshot(c, { includeMetadataChanges: true }, (s) => withMeta.push(s)),
      onSnapshot(c, { next: (s) => without.push(s) }),
    ];
    await withMeta.next(1);
    await without.next(1);
    await setDoc(doc(c, 'a'), { n: 1 });
    await withMeta.next(3);
    expect(withMeta.seen.map(meta)).toEqual([
      [false, false],
      [true, false],
      [false, false],
    ]);
    expect(withMeta.seen[2].docChanges()).toEqual([]);
    expect(withMeta.seen[2].docChanges({ includeMetadataChanges: true }).map((c) => c.type)).toEqual([
      'modified',
    ]);
    expect(() => without.seen[1].docChanges({ includeMetadataChanges: true })).toThrow(
      /includeMetadataChanges/,
    );
    expect(without.seen.map(meta)).toEqual([
      [false, false],
      [true, false],
    ]);
    for (const stop of stops) stop();
  });

  it('keeps limit and limitToLast windows exact', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    const batch = writeBatch(db);
    for (const [id, n] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ] as const)
      batch.set(doc(c, id), { n });
    await batch.commit();
    const first = collect<QuerySnapshot>();
    const last = collect<QuerySnapshot>();
    const stops = [
      onSnapshot(query(c, orderBy('n'), limit(2)), (s) => first.push(s)),
      onSnapshot(query(c, orderBy('n'), limitToLast(2)), (s) => last.push(s)),
    ];
    expect(ids(await first.next(1))).toEqual(['a', 'b']);
    // The second target may answer after the first: until then Firebase shows its window of the cached a and b.
    expect(ids(await last.until((s) => !s.metadata.fromCache))).toEqual(['c', 'd']);
    await deleteDoc(doc(c, 'a'));
    // As in Firebase, the window refills at once from the cache (c is up to date: the other target holds it),
    // from cache until the server confirms c.
    expect(ids(first.seen[1])).toEqual(['b', 'c']);
    expect(changes(first.seen[1])).toEqual(['removed a 0 -1', 'added c -1 1']);
    expect(first.seen[1].metadata.fromCache).toBe(true);
    await setDoc(doc(c, 'e'), { n: 9 });
    const lastNow = await last.until((s) => ids(s).includes('e'));
    expect(ids(lastNow)).toEqual(['d', 'e']);
    expect(changes(lastNow)).toEqual(['removed c 0 -1', 'added e -1 1']);
    for (const stop of stops) stop();
  });

  it("reports another client's batch in Firebase's order: removals, additions, modifications", async () => {
    const db = emulator.db();
    const other = emulator.peer(db);
    const c = collection(db, 'c');
    const seed = writeBatch(db);
    for (const [id, n] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['e', 5],
    ] as const)
      seed.set(doc(c, id), { n });
    await seed.commit();
    const snaps = collect<QuerySnapshot>();
    const stop = onSnapshot(query(c, orderBy('n')), (s) => snaps.push(s));
    await snaps.next(1);
    const batch = writeBatch(other);
    const theirs = collection(other, 'c');
    batch.delete(doc(theirs, 'b'));
    batch.delete(doc(theirs, 'd'));
    batch.set(doc(theirs, 'x'), { n: 0 });
    batch.set(doc(theirs, 'y'), { n: 4.5 });
    batch.update(doc(theirs, 'a'), { n: 6 });
    batch.update(doc(theirs, 'e'), { n: 5, touched: true });
    await batch.commit();
    const next = await snaps.next(2);
    expect(ids(next)).toEqual(['x', 'c', 'y', 'e', 'a']);
    expect(changes(next)).toEqual([
      'removed b 1 -1',
      'removed d 2 -1',
      'added x -1 0',
      'added y -1 3',
      'modified e 4 4',
      'modified a 1 4',
    ]);
    expect(meta(next)).toEqual([false, false]);
    stop();
  });

  it('listens to a document, missing or not', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    const snaps = collect<DocumentSnapshot>();
    const stop = onSnapshot(ref, (s) => snaps.push(s));
    const missing = await snaps.next(1);
    expect(missing.exists()).toBe(false);
    expect(meta(missing)).toEqual([false, false]);
    await setDoc(ref, { v: 1 });
    expect(snaps.seen[1].data()).toEqual({ v: 1 });
    expect(meta(snaps.seen[1])).toEqual([true, false]);
    await deleteDoc(ref);
    const gone = snaps.seen.at(-1)!;
    expect(gone.exists()).toBe(false);
    stop();
  });

  it('filters by where clauses as the server does', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    const snaps = collect<QuerySnapshot>();
    const stop = onSnapshot(query(c, where('tag', '==', 'x')), (s) => snaps.push(s));
    await snaps.next(1);
    await setDoc(doc(c, 'a'), { tag: 'x' });
    await setDoc(doc(c, 'b'), { tag: 'y' });
    await updateDoc(doc(c, 'a'), { tag: 'y' });
    const last = snaps.seen.at(-1)!;
    expect(ids(last)).toEqual([]);
    expect(snaps.seen.map(ids)).toEqual([[], ['a'], []]);
    stop();
  });
});

describe('onSnapshot overloads and errors', () => {
  it('accepts an observer, options with an observer, and callbacks', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    const seen: string[] = [];
    const stops = [
      onSnapshot(ref, { next: () => seen.push('observer') }),
      onSnapshot(ref, { includeMetadataChanges: true }, { next: () => seen.push('options+observer') }),
      onSnapshot(ref, () => seen.push('callback')),
      onSnapshot(ref, { includeMetadataChanges: false }, () => seen.push('options+callback')),
    ];
    await new Promise<void>((resolve) => {
      const stop = onSnapshot(ref, () => {
        stop();
        resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.sort()).toEqual(['callback', 'observer', 'options+callback', 'options+observer']);
    for (const stop of stops) stop();
  });

  it("delivers the server's refusal of a target to the error callback", async () => {
    const db = emulator.db();
    const stops: Array<() => void> = [];
    const errors = collect<string>();
    // One more target than MAX_SUBSCRIPTIONS_PER_CLIENT (100) allows on a connection.
    for (let i = 0; i <= 100; i++) {
      stops.push(
        onSnapshot(
          doc(db, `c/d${i}`),
          () => {},
          (e) => errors.push(e.code),
        ),
      );
    }
    await errors.next(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors.seen).toEqual(['resource-exhausted']);
    for (const stop of stops) stop();
  });
});

import { describe, expect, it } from 'vitest';
import {
  collection,
  collectionChanges,
  collectionData,
  deleteDoc,
  doc,
  docData,
  docSnapshots,
  orderBy,
  query,
  querySnapshots,
  setDoc,
  sortedChanges,
  updateDoc,
} from '../src/index.js';
import { useEmulator } from './setup.js';
import { collect } from './sync-support.js';

const emulator = useEmulator();

describe('observable API', () => {
  it('docData emits the data with its id, once per change, undefined while missing', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    const values = collect<unknown>();
    const subscription = docData(ref, { idField: 'id' }).subscribe((v) => values.push(v));
    expect(await values.next(1)).toBeUndefined();
    await setDoc(ref, { v: 1 });
    await updateDoc(ref, { v: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(values.seen).toEqual([undefined, { v: 1, id: 'd' }, { v: 2, id: 'd' }]);
    subscription.unsubscribe();
  });

  it('collectionData emits the ordered data with ids, with no second emission on subscribe', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    await setDoc(doc(c, 'a'), { n: 2 });
    await setDoc(doc(c, 'b'), { n: 1 });
    const values = collect<unknown>();
    const subscription = collectionData(query(c, orderBy('n')), { idField: 'key' }).subscribe((v) =>
      values.push(v),
    );
    expect(await values.next(1)).toEqual([
      { n: 1, key: 'b' },
      { n: 2, key: 'a' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(values.seen).toHaveLength(1);
    subscription.unsubscribe();
  });

  it('collectionChanges filters by event type and skips snapshots without such changes', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    await setDoc(doc(c, 'a'), { n: 1 });
    const values = collect<string[]>();
    const subscription = collectionChanges(c, { events: ['added', 'removed'] }).subscribe((changes) =>
      values.push(changes.map((ch) => `${ch.type} ${ch.doc.id}`)),
    );
    expect(await values.next(1)).toEqual(['added a']);
    await updateDoc(doc(c, 'a'), { n: 2 });
    await setDoc(doc(c, 'b'), { n: 3 });
    await deleteDoc(doc(c, 'a'));
    expect(values.seen).toEqual([['added a'], ['added b'], ['removed a']]);
    subscription.unsubscribe();
  });

  it('sortedChanges keeps the result in query order from the change indices', async () => {
    const db = emulator.db();
    const c = collection(db, 'c');
    await setDoc(doc(c, 'a'), { n: 1 });
    await setDoc(doc(c, 'b'), { n: 2 });
    const values = collect<string[]>();
    const subscription = sortedChanges(query(c, orderBy('n'))).subscribe((changes) =>
      values.push(changes.map((ch) => `${ch.doc.id}:${ch.doc.data().n}`)),
    );
    expect(await values.next(1)).toEqual(['a:1', 'b:2']);
    await updateDoc(doc(c, 'a'), { n: 3 });
    await setDoc(doc(c, 'c'), { n: 0 });
    await deleteDoc(doc(c, 'b'));
    expect(values.seen.slice(1)).toEqual([
      ['b:2', 'a:3'],
      ['c:0', 'b:2', 'a:3'],
      ['c:0', 'a:3'],
    ]);
    subscription.unsubscribe();
  });

  it('docSnapshots and querySnapshots are cold: nothing is listened before subscribe', async () => {
    const db = emulator.db();
    const snapshots$ = querySnapshots(collection(db, 'c'));
    const doc$ = docSnapshots(doc(db, 'c/a'));
    await setDoc(doc(db, 'c/a'), { v: 1 });
    const docs = collect<boolean>();
    const sizes = collect<number>();
    const subscriptions = [
      doc$.subscribe((s) => docs.push(s.exists())),
      snapshots$.subscribe((s) => sizes.push(s.size)),
    ];
    expect(await docs.next(1)).toBe(true);
    expect(await sizes.next(1)).toBe(1);
    for (const s of subscriptions) s.unsubscribe();
  });
});

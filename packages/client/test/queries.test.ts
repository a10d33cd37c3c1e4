import { beforeAll, describe, expect, it } from 'vitest';
import {
  and,
  average,
  collection,
  collectionGroup,
  count,
  doc,
  documentId,
  endAt,
  endBefore,
  type Firestore,
  getAggregateFromServer,
  getCountFromServer,
  getDoc,
  getDocs,
  limit,
  limitToLast,
  or,
  orderBy,
  type Query,
  query,
  setDoc,
  startAfter,
  startAt,
  sum,
  where,
  writeBatch,
} from '../src/index.js';
import { useEmulator } from './setup.js';

const emulator = useEmulator();

const people = {
  ann: { city: 'SF', age: 30, tags: ['a', 'b'] },
  bob: { city: 'LA', age: 25, tags: ['b'] },
  cat: { city: 'SF', age: 20, tags: [] },
  dan: { city: 'NY', age: 40 },
  eve: { city: 'LA', age: 35, tags: ['c'] },
};

const ids = async (q: Query) => (await getDocs(q)).docs.map((d) => d.id);

describe('queries against the emulator', () => {
  let db: Firestore;
  let people$: ReturnType<typeof collection>;

  beforeAll(async () => {
    db = emulator.db();
    people$ = collection(db, 'people');
    const batch = writeBatch(db);
    for (const [id, data] of Object.entries(people)) batch.set(doc(people$, id), data);
    await batch.commit();
  });

  it('reads a whole collection in id order', async () => {
    const snap = await getDocs(people$);
    expect(snap.docs.map((d) => d.id)).toEqual(['ann', 'bob', 'cat', 'dan', 'eve']);
    expect(snap.size).toBe(5);
    expect(snap.docs[0].data()).toEqual(people.ann);
  });

  it('filters with each operator', async () => {
    expect(await ids(query(people$, where('city', '==', 'SF')))).toEqual(['ann', 'cat']);
    expect(await ids(query(people$, where('city', '!=', 'SF')))).toEqual(['bob', 'eve', 'dan']);
    expect(await ids(query(people$, where('age', '<', 30)))).toEqual(['cat', 'bob']);
    expect(await ids(query(people$, where('age', '<=', 30)))).toEqual(['cat', 'bob', 'ann']);
    expect(await ids(query(people$, where('age', '>', 30)))).toEqual(['eve', 'dan']);
    expect(await ids(query(people$, where('age', '>=', 35)))).toEqual(['eve', 'dan']);
    expect(await ids(query(people$, where('tags', 'array-contains', 'b')))).toEqual(['ann', 'bob']);
    expect(await ids(query(people$, where('tags', 'array-contains-any', ['a', 'c'])))).toEqual([
      'ann',
      'eve',
    ]);
    expect(await ids(query(people$, where('city', 'in', ['NY', 'LA'])))).toEqual(['bob', 'dan', 'eve']);
    expect(await ids(query(people$, where('city', 'not-in', ['NY', 'LA'])))).toEqual(['ann', 'cat']);
    expect(await ids(query(people$, where(documentId(), '>', 'cat')))).toEqual(['dan', 'eve']);
  });

  it('combines filters with and/or', async () => {
    expect(await ids(query(people$, and(where('city', '==', 'SF'), where('age', '>', 25))))).toEqual(['ann']);
    expect(await ids(query(people$, or(where('city', '==', 'NY'), where('age', '==', 25))))).toEqual([
      'bob',
      'dan',
    ]);
  });

  it('orders, limits and takes the last results', async () => {
    expect(await ids(query(people$, orderBy('age', 'desc'), limit(2)))).toEqual(['dan', 'eve']);
    expect(await ids(query(people$, orderBy('city'), orderBy('age')))).toEqual([
      'bob',
      'eve',
      'dan',
      'cat',
      'ann',
    ]);
    expect(await ids(query(people$, orderBy('age'), limitToLast(2)))).toEqual(['eve', 'dan']);
  });

  it('pages with cursors from values and from snapshots', async () => {
    const byAge = query(people$, orderBy('age'));
    expect(await ids(query(byAge, startAt(25), endAt(35)))).toEqual(['bob', 'ann', 'eve']);
    expect(await ids(query(byAge, startAfter(25), endBefore(35)))).toEqual(['ann']);
    const ann = await getDoc(doc(people$, 'ann'));
    expect(await ids(query(byAge, startAfter(ann)))).toEqual(['eve', 'dan']);
    expect(await ids(query(byAge, endBefore(ann), limitToLast(1)))).toEqual(['bob']);
  });

  it('queries collection groups', async () => {
    const groupDb = emulator.db();
    await setDoc(doc(groupDb, 'a/1/pets/x'), { n: 1 });
    await setDoc(doc(groupDb, 'b/2/pets/y'), { n: 2 });
    await setDoc(doc(groupDb, 'pets/z'), { n: 3 });
    await setDoc(doc(groupDb, 'a/1/other/w'), { n: 4 });
    const snap = await getDocs(query(collectionGroup(groupDb, 'pets'), orderBy('n')));
    expect(snap.docs.map((d) => d.ref.path)).toEqual(['a/1/pets/x', 'b/2/pets/y', 'pets/z']);
  });

  it('aggregates count, sum and average', async () => {
    expect((await getCountFromServer(people$)).data()).toEqual({ count: 5 });
    const snap = await getAggregateFromServer(query(people$, where('city', '==', 'SF')), {
      n: count(),
      total: sum('age'),
      mean: average('age'),
    });
    expect(snap.data()).toEqual({ n: 2, total: 50, mean: 25 });
    // As in Firestore, a field aggregation only sees documents holding the field: nothing here.
    const none = await getAggregateFromServer(people$, { n: count(), mean: average('missing') });
    expect(none.data()).toEqual({ n: 0, mean: null });
  });
});

import { describe, expect, it } from 'vitest';
import {
  addDoc,
  arrayRemove,
  arrayUnion,
  Bytes,
  collection,
  deleteDoc,
  deleteField,
  doc,
  FieldPath,
  type FirestoreDataConverter,
  GeoPoint,
  getDoc,
  increment,
  type QueryDocumentSnapshot,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
} from '../src/index.js';
import { failure, useEmulator } from './setup.js';

const emulator = useEmulator();

describe('documents against the emulator', () => {
  it('writes and reads back every value type', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    await setDoc(ref, {
      int: 42,
      dbl: 1.5,
      big: 2 ** 53,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      s: 'x',
      b: true,
      n: null,
      ts: new Timestamp(1700000000, 123456789),
      date: new Date(1500),
      geo: new GeoPoint(45, -120),
      bytes: Bytes.fromUint8Array(new Uint8Array([0, 255])),
      ref: doc(db, 'a/b'),
      arr: [1, 'two', { three: 3 }],
      map: { nested: { deep: true } },
      empty: {},
    });
    const snap = await getDoc(ref);
    const data = snap.data()!;
    expect(snap.exists()).toBe(true);
    expect(snap.id).toBe('d');
    expect(snap.metadata.hasPendingWrites).toBe(false);
    expect(snap.metadata.fromCache).toBe(false);
    expect(data.int).toBe(42);
    expect(data.dbl).toBe(1.5);
    expect(data.big).toBe(2 ** 53);
    expect(data.nan).toBeNaN();
    expect(data.inf).toBe(Number.POSITIVE_INFINITY);
    expect([data.s, data.b, data.n]).toEqual(['x', true, null]);
    expect(data.ts).toBeInstanceOf(Timestamp);
    expect([data.ts.seconds, data.ts.nanoseconds]).toEqual([1700000000, 123456000]);
    expect(data.date.toMillis()).toBe(1500);
    expect(data.geo.isEqual(new GeoPoint(45, -120))).toBe(true);
    expect([...data.bytes.toUint8Array()]).toEqual([0, 255]);
    expect(data.ref.path).toBe('a/b');
    expect(data.arr).toEqual([1, 'two', { three: 3 }]);
    expect(data.map).toEqual({ nested: { deep: true } });
    expect(data.empty).toEqual({});
    expect(snap.get('map.nested.deep')).toBe(true);
  });

  it('reports a missing document', async () => {
    const snap = await getDoc(doc(emulator.db(), 'c/missing'));
    expect(snap.exists()).toBe(false);
    expect(snap.data()).toBeUndefined();
  });

  it('replaces, merges and merges selected fields', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    await setDoc(ref, { a: 1, b: { x: 1, y: 2 }, c: 3 });
    await setDoc(ref, { b: { x: 10 }, d: 4, c: deleteField() }, { merge: true });
    expect((await getDoc(ref)).data()).toEqual({ a: 1, b: { x: 10, y: 2 }, d: 4 });
    await setDoc(ref, { a: 100, b: { y: 20, z: 30 }, d: 400 }, { mergeFields: ['a', 'b.y'] });
    expect((await getDoc(ref)).data()).toEqual({ a: 100, b: { x: 10, y: 20 }, d: 4 });
    await setDoc(ref, { only: true });
    expect((await getDoc(ref)).data()).toEqual({ only: true });
  });

  it('updates with objects, dotted paths, FieldPath and varargs', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    await setDoc(ref, { a: { b: 1, c: 2 }, 'x.y': 1, gone: true });
    await updateDoc(ref, { 'a.b': 10, gone: deleteField() });
    await updateDoc(ref, new FieldPath('x.y'), 2, 'a.c', 20);
    expect((await getDoc(ref)).data()).toEqual({ a: { b: 10, c: 20 }, 'x.y': 2 });
  });

  it('refuses to update a missing document with not-found', async () => {
    const result = await failure(updateDoc(doc(emulator.db(), 'c/none'), { a: 1 }));
    expect(result.code).toBe('not-found');
  });

  it('applies transforms', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    await setDoc(ref, { n: 1, f: 1, arr: [1, 2], other: ['x'] });
    await updateDoc(ref, {
      n: increment(2),
      f: increment(0.5),
      arr: arrayUnion(2, 3),
      other: arrayRemove('x'),
      at: serverTimestamp(),
    });
    const data = (await getDoc(ref)).data()!;
    expect([data.n, data.f, data.arr, data.other]).toEqual([3, 1.5, [1, 2, 3], []]);
    expect(data.at).toBeInstanceOf(Timestamp);
    expect(Math.abs(data.at.toMillis() - Date.now())).toBeLessThan(60_000);
  });

  it('deletes documents', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    await setDoc(ref, { a: 1 });
    await deleteDoc(ref);
    expect((await getDoc(ref)).exists()).toBe(false);
    await deleteDoc(ref); // deleting a missing document succeeds
  });

  it('adds documents with generated ids', async () => {
    const db = emulator.db();
    const ref = await addDoc(collection(db, 'c'), { a: 1 });
    expect(ref.id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await getDoc(ref)).data()).toEqual({ a: 1 });
  });

  it('uses converters both ways', async () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const converter: FirestoreDataConverter<Point> = {
      toFirestore: (p: any) => ({ xy: [p.x, p.y] }),
      fromFirestore: (snap: QueryDocumentSnapshot) => new Point(snap.data().xy[0], snap.data().xy[1]),
    };
    const ref = doc(emulator.db(), 'points/p').withConverter(converter);
    await setDoc(ref, new Point(1, 2));
    const point = (await getDoc(ref)).data();
    expect(point).toEqual(new Point(1, 2));
    expect((await getDoc(ref.withConverter(null))).data()).toEqual({ xy: [1, 2] });
  });

  it('keeps projects apart', async () => {
    const one = emulator.db();
    const two = emulator.db();
    await setDoc(doc(one, 'c/d'), { who: 'one' });
    expect((await getDoc(doc(two, 'c/d'))).exists()).toBe(false);
  });
});

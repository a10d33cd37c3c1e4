/**
 * Client-side validation errors. Each expected code and message was recorded by running the same call against
 * `firebase/firestore/lite` 12.19.0 (a node script in packages/conformance); the literals below are its output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from '../index.js';

class Foo {
  x = 1;
}

type Case = [
  name: string,
  run: (fs: any, db: fs.Firestore, db2: fs.Firestore, fresh: fs.Firestore) => unknown,
  code: string | null,
  message: string,
  mode: 'sync' | 'async',
];

const cases: Case[] = [
  [
    'set: undefined field',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: undefined }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Unsupported field value: undefined (found in field a in document c/d)',
    'sync',
  ],
  [
    'set: nested undefined',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: { 'b c': undefined } }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Unsupported field value: undefined (found in field a.`b c` in document c/d)',
    'sync',
  ],
  [
    'set: undefined in array',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: [1, undefined] }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Unsupported field value: undefined (found in document c/d)',
    'sync',
  ],
  [
    'set: nested arrays',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: [[1]] }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Nested arrays are not supported (found in document c/d)',
    'sync',
  ],
  [
    'set: custom class field',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: new Foo() }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Unsupported field value: a custom Foo object (found in field a in document c/d)',
    'sync',
  ],
  [
    'set: data is a number',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), 1),
    'invalid-argument',
    'Function setDoc() called with invalid data. Data must be an object, but it was: 1 (found in document c/d)',
    'sync',
  ],
  [
    'set: data is an array',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), [1]),
    'invalid-argument',
    'Function setDoc() called with invalid data. Data must be an object, but it was: an array (found in document c/d)',
    'sync',
  ],
  [
    'set: data is a custom object',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), new Foo()),
    'invalid-argument',
    'Function setDoc() called with invalid data. Data must be an object, but it was: a custom Foo object (found in document c/d)',
    'sync',
  ],
  [
    'set: function value',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { f: () => 1 }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Unsupported field value: a function (found in field f in document c/d)',
    'sync',
  ],
  [
    'set: deleteField without merge',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: fs.deleteField() }),
    'invalid-argument',
    'Function setDoc() called with invalid data. deleteField() cannot be used with set() unless you pass {merge:true} (found in field a in document c/d)',
    'sync',
  ],
  [
    'set: serverTimestamp in array',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: [fs.serverTimestamp()] }),
    'invalid-argument',
    'Function setDoc() called with invalid data. serverTimestamp() is not currently supported inside arrays (found in document c/d)',
    'sync',
  ],
  [
    'set: reserved field name',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: { __x__: 1 } }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Document fields cannot begin and end with "__" (found in field a.__x__ in document c/d)',
    'sync',
  ],
  [
    'set: empty field name',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { '': 1 }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Document fields must not be empty (found in field `` in document c/d)',
    'sync',
  ],
  [
    'set: mergeFields missing from data',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: 1 }, { mergeFields: ['b.c'] }),
    'invalid-argument',
    "Field 'b.c' is specified in your field mask but missing from your input data.",
    'sync',
  ],
  [
    'set: mergeFields bad path',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: 1 }, { mergeFields: ['a..b'] }),
    'invalid-argument',
    "Function setDoc() called with invalid data. Invalid field path (a..b). Paths must not be empty, begin with '.', end with '.', or contain '..'",
    'sync',
  ],
  [
    'set: arrayUnion with undefined',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: fs.arrayUnion(undefined) }),
    'invalid-argument',
    'Function arrayUnion() called with invalid data. Unsupported field value: undefined (found in document c/d)',
    'sync',
  ],
  [
    'set: arrayUnion with nested array',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: fs.arrayUnion([1]) }),
    'invalid-argument',
    'Function arrayUnion() called with invalid data. Nested arrays are not supported (found in document c/d)',
    'sync',
  ],
  [
    'set: converter passes undefined',
    (fs, db) =>
      fs.setDoc(
        fs
          .doc(db, 'c/d')
          .withConverter({ toFirestore: (o: any) => ({ x: o.y }), fromFirestore: (s: any) => s.data() }),
        { z: 1 },
      ),
    'invalid-argument',
    'Function setDoc() called with invalid data (via `toFirestore()`). Unsupported field value: undefined (found in field x in document c/d)',
    'sync',
  ],
  [
    'update: nested deleteField',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), { a: { b: fs.deleteField() } }),
    'invalid-argument',
    'Function updateDoc() called with invalid data. deleteField() can only appear at the top level of your update data (found in field a.b in document c/d)',
    'sync',
  ],
  [
    'update: empty segment',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), 'a..b', 1),
    'invalid-argument',
    "Function updateDoc() called with invalid data. Invalid field path (a..b). Paths must not be empty, begin with '.', end with '.', or contain '..'",
    'sync',
  ],
  [
    'update: reserved character',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), { 'a~b': 1 }),
    'invalid-argument',
    "Function updateDoc() called with invalid data. Invalid field path (a~b). Paths must not contain '~', '*', '/', '[', or ']' (found in document c/d)",
    'sync',
  ],
  [
    'update: odd varargs',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), 'a', 1, 'b'),
    'invalid-argument',
    'Function updateDoc() needs to be called with an even number of arguments that alternate between field names and values.',
    'sync',
  ],
  [
    'update: field path of wrong type',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), 'a', 1, 2, 3),
    'invalid-argument',
    'Function updateDoc() called with invalid data. Field path arguments must be of type string or ',
    'sync',
  ],
  [
    'update: data is a number',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), 5),
    'invalid-argument',
    'Function updateDoc() called with invalid data. Data must be an object, but it was: 5 (found in document c/d)',
    'sync',
  ],
  [
    'update: reserved name via dotted path',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), { 'a.__b__': 1 }),
    'invalid-argument',
    'Function updateDoc() called with invalid data. Document fields cannot begin and end with "__" (found in field a.__b__ in document c/d)',
    'sync',
  ],
  [
    'update: undefined value',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), { 'a.b': undefined }),
    'invalid-argument',
    'Function updateDoc() called with invalid data. Unsupported field value: undefined (found in field a.b in document c/d)',
    'sync',
  ],
  [
    'batch: set undefined',
    (fs, db) => fs.writeBatch(db).set(fs.doc(db, 'c/d'), { a: undefined }),
    'invalid-argument',
    'Function WriteBatch.set() called with invalid data. Unsupported field value: undefined (found in field a in document c/d)',
    'sync',
  ],
  [
    'batch: update nested array',
    (fs, db) => fs.writeBatch(db).update(fs.doc(db, 'c/d'), { a: [[1]] }),
    'invalid-argument',
    'Function WriteBatch.update() called with invalid data. Nested arrays are not supported (found in document c/d)',
    'sync',
  ],
  [
    'set: reference to another database',
    (fs, db, db2) => fs.setDoc(fs.doc(db, 'c/d'), { r: fs.doc(db2, 'x/y') }),
    'invalid-argument',
    'Function setDoc() called with invalid data. Document reference is for database other/(default) but should be for database p/(default) (found in field r in document c/d)',
    'sync',
  ],
  [
    'where: serverTimestamp value',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', '==', fs.serverTimestamp())),
    'invalid-argument',
    'Function where() called with invalid data. serverTimestamp() can only be used with update() and set()',
    'sync',
  ],
  [
    'where: undefined value',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', '==', undefined)),
    'invalid-argument',
    'Function where() called with invalid data. Unsupported field value: undefined',
    'sync',
  ],
  [
    'where: nested array in array-contains-any',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', 'array-contains-any', [[1]])),
    'invalid-argument',
    'Function where() called with invalid data. Nested arrays are not supported',
    'sync',
  ],
  [
    'where: empty field path',
    (fs, _db) => fs.where('', '==', 1),
    'invalid-argument',
    "Function where() called with invalid data. Invalid field path (). Paths must not be empty, begin with '.', end with '.', or contain '..'",
    'sync',
  ],
  [
    'where: bad field path',
    (fs, _db) => fs.where('a.', '==', 1),
    'invalid-argument',
    "Function where() called with invalid data. Invalid field path (a.). Paths must not be empty, begin with '.', end with '.', or contain '..'",
    'sync',
  ],
  [
    'query: two != filters',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', '!=', 1), fs.where('b', '!=', 2)),
    'invalid-argument',
    "Invalid query. You cannot use more than one '!=' filter.",
    'sync',
  ],
  [
    'query: not-in with !=',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', '!=', 1), fs.where('b', 'not-in', [2])),
    'invalid-argument',
    "Invalid query. You cannot use 'not-in' filters with '!=' filters.",
    'sync',
  ],
  [
    'query: in after not-in',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', 'not-in', [1]), fs.where('b', 'in', [2])),
    'invalid-argument',
    "Invalid query. You cannot use 'in' filters with 'not-in' filters.",
    'sync',
  ],
  [
    'query: two not-in in an or',
    (fs, db) =>
      fs.query(fs.collection(db, 'c'), fs.or(fs.where('a', 'not-in', [1]), fs.where('b', 'not-in', [2]))),
    'invalid-argument',
    "Invalid query. You cannot use more than one 'not-in' filter.",
    'sync',
  ],
  [
    'query: in with empty array',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', 'in', [])),
    'invalid-argument',
    "Invalid Query. A non-empty array is required for 'in' filters.",
    'sync',
  ],
  [
    'query: not-in with a non-array',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', 'not-in', 1)),
    'invalid-argument',
    "Invalid Query. A non-empty array is required for 'not-in' filters.",
    'sync',
  ],
  [
    'query: documentId array-contains',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where(fs.documentId(), 'array-contains', 'x')),
    'invalid-argument',
    "Invalid Query. You can't perform 'array-contains' queries on documentId().",
    'sync',
  ],
  [
    'query: documentId with slash',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where(fs.documentId(), '==', 'a/b')),
    'invalid-argument',
    "Invalid query. When querying a collection by documentId(), you must provide a plain document ID, but 'a/b' contains a '/' character.",
    'sync',
  ],
  [
    'query: documentId empty string',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where(fs.documentId(), '==', '')),
    'invalid-argument',
    'Invalid query. When querying with documentId(), you must provide a valid document ID, but it was an empty string.',
    'sync',
  ],
  [
    'query: documentId number',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where(fs.documentId(), '==', 1)),
    'invalid-argument',
    'Invalid query. When querying with documentId(), you must provide a valid string or a DocumentReference, but it was: 1.',
    'sync',
  ],
  [
    'query: documentId odd group path',
    (fs, db) => fs.query(fs.collectionGroup(db, 'c'), fs.where(fs.documentId(), '==', 'a')),
    'invalid-argument',
    "Invalid query. When querying a collection group by documentId(), the value provided must result in a valid document path, but 'a' is not because it has an odd number of segments (1).",
    'sync',
  ],
  [
    'query: too many cursor values',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.orderBy('a'), fs.startAt(1, 2)),
    'invalid-argument',
    'Too many arguments provided to startAt(). The number of arguments must be less than or equal to the number of orderBy() clauses',
    'sync',
  ],
  [
    'query: orderBy after startAt',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.orderBy('a'), fs.startAt(1), fs.orderBy('b')),
    'invalid-argument',
    'Invalid query. You must not call startAt() or startAfter() before calling orderBy().',
    'sync',
  ],
  [
    'query: orderBy after endBefore',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.orderBy('a'), fs.endBefore(1), fs.orderBy('b')),
    'invalid-argument',
    'Invalid query. You must not call endAt() or endBefore() before calling orderBy().',
    'sync',
  ],
  [
    'query: documentId cursor not a string',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.orderBy(fs.documentId()), fs.startAt(1)),
    'invalid-argument',
    'Invalid query. Expected a string for document ID in startAt(), but got a number',
    'sync',
  ],
  [
    'query: documentId cursor with slash',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.orderBy(fs.documentId()), fs.endAt('a/b')),
    'invalid-argument',
    "Invalid query. When querying a collection and ordering by documentId(), the value passed to endAt() must be a plain document ID, but 'a/b' contains a slash.",
    'sync',
  ],
  [
    'query: composite and field filter at top level',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', '==', 1), fs.or(fs.where('b', '==', 1))),
    'invalid-argument',
    'InvalidQuery. When using composite filters, you cannot use more than one filter at the top level. Consider nesting the multiple filters within an `and(...)` statement. For example: change `query(query, where(...), or(...))` to `query(query, and(where(...), or(...)))`.',
    'sync',
  ],
  [
    'query: or with a limit inside',
    (fs, _db) => fs.or(fs.limit(1)),
    'invalid-argument',
    "Function or() requires AppliableConstraints created with a call to 'where(...)', 'or(...)', or 'and(...)'.",
    'sync',
  ],
  [
    'query: cursor with serverTimestamp',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.orderBy('a'), fs.startAt(fs.serverTimestamp())),
    'invalid-argument',
    'Function startAt() called with invalid data. serverTimestamp() can only be used with update() and set()',
    'sync',
  ],
  [
    'limit: zero',
    (fs) => fs.limit(0),
    'invalid-argument',
    'Function limit() requires a positive number, but it was: 0.',
    'sync',
  ],
  [
    'limitToLast: negative',
    (fs) => fs.limitToLast(-1),
    'invalid-argument',
    'Function limitToLast() requires a positive number, but it was: -1.',
    'sync',
  ],
  [
    'getDocs: limitToLast without orderBy',
    (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'c'), fs.limitToLast(1))),
    'unimplemented',
    'limitToLast() queries require specifying at least one orderBy() clause',
    'sync',
  ],
  [
    'doc: odd number of segments',
    (fs, db) => fs.doc(db, 'c'),
    'invalid-argument',
    'Invalid document reference. Document references must have an even number of segments, but c has 1.',
    'sync',
  ],
  [
    'doc: double slash',
    (fs, db) => fs.doc(db, 'a//b'),
    'invalid-argument',
    'Invalid segment (a//b). Paths must not contain // in them.',
    'sync',
  ],
  [
    'doc: empty path',
    (fs, db) => fs.doc(fs.collection(db, 'c'), ''),
    'invalid-argument',
    'Function doc() cannot be called with an empty path.',
    'sync',
  ],
  [
    'doc: child of a collection making a collection',
    (fs, db) => fs.doc(fs.collection(db, 'c'), 'd/e'),
    'invalid-argument',
    'Invalid document reference. Document references must have an even number of segments, but c/d/e has 3.',
    'sync',
  ],
  [
    'collection: even number of segments',
    (fs, db) => fs.collection(db, 'c/d'),
    'invalid-argument',
    'Invalid collection reference. Collection references must have an odd number of segments, but c/d has 2.',
    'sync',
  ],
  [
    'collection: bad parent',
    (fs, _db) => fs.collection({}, 'c'),
    'invalid-argument',
    'Expected first argument to collection() to be a CollectionReference, a DocumentReference or FirebaseFirestore',
    'sync',
  ],
  [
    'collectionGroup: slash',
    (fs, db) => fs.collectionGroup(db, 'a/b'),
    'invalid-argument',
    "Invalid collection ID 'a/b' passed to function collectionGroup(). Collection IDs must not contain '/'.",
    'sync',
  ],
  [
    'collectionGroup: empty',
    (fs, db) => fs.collectionGroup(db, ''),
    'invalid-argument',
    'Function collectionGroup() cannot be called with an empty collection id.',
    'sync',
  ],
  [
    'FieldPath: empty segment',
    (fs) => new fs.FieldPath('a', ''),
    'invalid-argument',
    'Invalid field name at argument $(i + 1). Field names must not be empty.',
    'sync',
  ],
  [
    'Timestamp: negative nanos',
    (fs) => new fs.Timestamp(0, -1),
    'invalid-argument',
    'Timestamp nanoseconds out of range: -1',
    'sync',
  ],
  [
    'Timestamp: seconds too large',
    (fs) => new fs.Timestamp(253402300800, 0),
    'invalid-argument',
    'Timestamp seconds out of range: 253402300800',
    'sync',
  ],
  [
    'GeoPoint: latitude',
    (fs) => new fs.GeoPoint(100, 0),
    'invalid-argument',
    'Latitude must be a number between -90 and 90, but was: 100',
    'sync',
  ],
  [
    'GeoPoint: longitude',
    (fs) => new fs.GeoPoint(0, -181),
    'invalid-argument',
    'Longitude must be a number between -180 and 180, but was: -181',
    'sync',
  ],
  [
    'sum: bad path',
    (fs) => fs.sum('a..b'),
    'invalid-argument',
    "Function sum() called with invalid data. Invalid field path (a..b). Paths must not be empty, begin with '.', end with '.', or contain '..'",
    'sync',
  ],
  [
    'average: bad path',
    (fs) => fs.average('*'),
    'invalid-argument',
    "Function average() called with invalid data. Invalid field path (*). Paths must not contain '~', '*', '/', '[', or ']'",
    'sync',
  ],
  [
    'batch: reference from another instance',
    (fs, db, db2) => fs.writeBatch(db).delete(fs.doc(db2, 'c/d')),
    'invalid-argument',
    'Provided document reference is from a different Firestore instance.',
    'sync',
  ],
  [
    'connectFirestoreEmulator: mockUserToken without sub',
    (fs, _db, _db2, fresh) => fs.connectFirestoreEmulator(fresh, 'localhost', 1, { mockUserToken: {} }),
    null,
    "mockUserToken must contain 'sub' or 'user_id' field!",
    'sync',
  ],
  [
    'connectFirestoreEmulator: after start',
    (fs, db) => fs.connectFirestoreEmulator(db, 'localhost', 1),
    'failed-precondition',
    'Firestore has already been started and its settings can no longer be changed. You can only modify settings before calling any other methods on a Firestore object.',
    'sync',
  ],
  [
    'transaction: maxAttempts 0',
    (fs, db) => fs.runTransaction(db, async () => 1, { maxAttempts: 0 }),
    'invalid-argument',
    'Max attempts must be at least 1',
    'sync',
  ],
  [
    'update: delete in a map value',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), 'a', { b: fs.deleteField() }),
    'invalid-argument',
    'Function updateDoc() called with invalid data. deleteField() can only appear at the top level of your update data (found in field a.b in document c/d)',
    'sync',
  ],
  [
    'set merge: increment in array',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { a: [fs.increment(1)] }, { merge: true }),
    'invalid-argument',
    'Function setDoc() called with invalid data. increment() is not currently supported inside arrays (found in document c/d)',
    'sync',
  ],
  [
    'set: long string in description',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), 'abcdefghijklmnopqrstuvwxyz'),
    'invalid-argument',
    'Function setDoc() called with invalid data. Data must be an object, but it was: "abcdefghijklmnopqrst..." (found in document c/d)',
    'sync',
  ],
  [
    'where: custom object',
    (fs, db) => fs.query(fs.collection(db, 'c'), fs.where('a', '==', new Foo())),
    'invalid-argument',
    'Function where() called with invalid data. Unsupported field value: a custom Foo object',
    'sync',
  ],
];

describe('validation errors match firebase/firestore', () => {
  let db: fs.Firestore;
  let db2: fs.Firestore;
  let n = 0;

  beforeAll(() => {
    db = fs.getFirestore(fs.initializeApp({ projectId: 'p' }, 'validation'));
    db2 = fs.getFirestore(fs.initializeApp({ projectId: 'other' }, 'validation-other'));
    // Start db (nothing listens on port 9) so that settings are frozen, as in the recorded run.
    fs.connectFirestoreEmulator(db, '127.0.0.1', 9);
    fs.getDocs(fs.collection(db, 'x')).catch(() => {});
  });

  it.each(cases)('%s', async (_name, run, code, message, mode) => {
    const fresh = fs.getFirestore(fs.initializeApp({ projectId: 'p' }, `validation-fresh-${n++}`));
    let thrown: any;
    let result: unknown;
    try {
      result = run(fs, db, db2, fresh);
    } catch (e) {
      thrown = e;
    }
    if (mode === 'async') {
      expect(thrown).toBeUndefined();
      thrown = await Promise.resolve(result).then(
        () => undefined,
        (e) => e,
      );
    } else if (result instanceof Promise) {
      result.catch(() => {});
    }
    expect(thrown).toBeInstanceOf(Error);
    expect({ code: thrown.code ?? null, message: thrown.message }).toEqual({ code, message });
  });
});

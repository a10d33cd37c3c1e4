/**
 * What the client puts on the wire. Each expected body was recorded from `firebase/firestore/lite` 12.19.0 making
 * the same call (REST, with fetch intercepted, in packages/conformance); our frames must carry the same
 * Firestore v1 messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from '../index.js';
import { type FakeServer, installFakeServer } from '../remote/test-support.js';

type Case = [
  name: string,
  run: (fs: any, db: fs.Firestore, undefDb: fs.Firestore) => Promise<unknown>,
  parent: string,
  restBody: any,
];

const cases: Case[] = [
  [
    'set: negative zero',
    (fs, db) => fs.setDoc(fs.doc(db, 'c/d'), { z: -0 }),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: { z: { doubleValue: '-0' } },
          },
        },
      ],
    },
  ],
  [
    'set: every value type',
    (fs, db) =>
      fs.setDoc(fs.doc(db, 'c/d'), {
        n: 1,
        d: 1.5,
        big: 2 ** 53,
        nan: NaN,
        inf: Infinity,
        ninf: -Infinity,
        s: 'x',
        b: true,
        nul: null,
        ts: new fs.Timestamp(1, 123456789),
        date: new Date(1500),
        old: new fs.Timestamp(-62135596800, 0),
        geo: new fs.GeoPoint(1, 2.5),
        bytes: fs.Bytes.fromUint8Array(new Uint8Array([1, 2, 250])),
        ref: fs.doc(db, 'a/b'),
        arr: [1, 'a', { x: 1 }, null],
        map: { a: { b: 1 } },
        empty: {},
        emptyArr: [],
      }),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: {
              n: { integerValue: '1' },
              d: { doubleValue: 1.5 },
              big: { doubleValue: 9007199254740992 },
              nan: { doubleValue: 'NaN' },
              inf: { doubleValue: 'Infinity' },
              ninf: { doubleValue: '-Infinity' },
              s: { stringValue: 'x' },
              b: { booleanValue: true },
              nul: { nullValue: 'NULL_VALUE' },
              ts: { timestampValue: '1970-01-01T00:00:01.123456000Z' },
              date: { timestampValue: '1970-01-01T00:00:01.500000000Z' },
              old: { timestampValue: '0001-01-01T00:00:00.000000000Z' },
              geo: { geoPointValue: { latitude: 1, longitude: 2.5 } },
              bytes: { bytesValue: 'AQL6' },
              ref: { referenceValue: 'projects/p/databases/(default)/documents/a/b' },
              arr: {
                arrayValue: {
                  values: [
                    { integerValue: '1' },
                    { stringValue: 'a' },
                    { mapValue: { fields: { x: { integerValue: '1' } } } },
                    { nullValue: 'NULL_VALUE' },
                  ],
                },
              },
              map: { mapValue: { fields: { a: { mapValue: { fields: { b: { integerValue: '1' } } } } } } },
              empty: { mapValue: { fields: {} } },
              emptyArr: { arrayValue: { values: [] } },
            },
          },
        },
      ],
    },
  ],
  [
    'set: transforms',
    (fs, db) =>
      fs.setDoc(fs.doc(db, 'c/d'), {
        a: 1,
        t: fs.serverTimestamp(),
        i: fs.increment(1),
        f: fs.increment(1.5),
        u: fs.arrayUnion(1, 'x', { m: 1 }),
        r: fs.arrayRemove('x'),
        nested: { t: fs.serverTimestamp() },
      }),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: { a: { integerValue: '1' }, nested: { mapValue: { fields: {} } } },
          },
          updateTransforms: [
            { fieldPath: 't', setToServerValue: 'REQUEST_TIME' },
            { fieldPath: 'i', increment: { integerValue: '1' } },
            { fieldPath: 'f', increment: { doubleValue: 1.5 } },
            {
              fieldPath: 'u',
              appendMissingElements: {
                values: [
                  { integerValue: '1' },
                  { stringValue: 'x' },
                  { mapValue: { fields: { m: { integerValue: '1' } } } },
                ],
              },
            },
            { fieldPath: 'r', removeAllFromArray: { values: [{ stringValue: 'x' }] } },
            { fieldPath: 'nested.t', setToServerValue: 'REQUEST_TIME' },
          ],
        },
      ],
    },
  ],
  [
    'set merge',
    (fs, db) =>
      fs.setDoc(
        fs.doc(db, 'c/d'),
        { a: 1, b: { c: 2, d: {} }, e: fs.deleteField(), t: fs.serverTimestamp(), 'x y': 1 },
        { merge: true },
      ),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: {
              a: { integerValue: '1' },
              b: { mapValue: { fields: { c: { integerValue: '2' }, d: { mapValue: { fields: {} } } } } },
              'x y': { integerValue: '1' },
            },
          },
          updateMask: { fieldPaths: ['a', 'b.c', 'b.d', 'e', '`x y`'] },
          updateTransforms: [{ fieldPath: 't', setToServerValue: 'REQUEST_TIME' }],
        },
      ],
    },
  ],
  [
    'set mergeFields',
    (fs, db) =>
      fs.setDoc(
        fs.doc(db, 'c/d'),
        { a: 1, b: { c: 2, d: 3 }, t: fs.serverTimestamp(), u: fs.serverTimestamp() },
        { mergeFields: ['a', 'b.c', new fs.FieldPath('t'), 'a'] },
      ),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: {
              a: { integerValue: '1' },
              b: { mapValue: { fields: { c: { integerValue: '2' }, d: { integerValue: '3' } } } },
            },
          },
          updateMask: { fieldPaths: ['a', 'b.c', 't'] },
          updateTransforms: [{ fieldPath: 't', setToServerValue: 'REQUEST_TIME' }],
        },
      ],
    },
  ],
  [
    'update object',
    (fs, db) =>
      fs.updateDoc(fs.doc(db, 'c/d'), {
        'a.b': 1,
        c: fs.deleteField(),
        d: fs.serverTimestamp(),
        'e.f': { g: 1 },
        h: fs.increment(-2),
      }),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: {
              a: { mapValue: { fields: { b: { integerValue: '1' } } } },
              e: { mapValue: { fields: { f: { mapValue: { fields: { g: { integerValue: '1' } } } } } } },
            },
          },
          updateMask: { fieldPaths: ['a.b', 'c', 'e.f'] },
          updateTransforms: [
            { fieldPath: 'd', setToServerValue: 'REQUEST_TIME' },
            { fieldPath: 'h', increment: { integerValue: '-2' } },
          ],
          currentDocument: { exists: true },
        },
      ],
    },
  ],
  [
    'update varargs',
    (fs, db) => fs.updateDoc(fs.doc(db, 'c/d'), 'a', 1, new fs.FieldPath('b.c', 'd'), 2, 'a', 3),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: {
              a: { integerValue: '3' },
              'b.c': { mapValue: { fields: { d: { integerValue: '2' } } } },
            },
          },
          updateMask: { fieldPaths: ['a', '`b.c`.d'] },
          currentDocument: { exists: true },
        },
      ],
    },
  ],
  [
    'delete',
    (fs, db) => fs.deleteDoc(fs.doc(db, 'c/d/e/f')),
    'projects/p/databases/(default)/documents',
    { writes: [{ delete: 'projects/p/databases/(default)/documents/c/d/e/f' }] },
  ],
  [
    'batch',
    (fs, db) =>
      fs
        .writeBatch(db)
        .set(fs.doc(db, 'c/a'), { x: 1 })
        .update(fs.doc(db, 'c/b'), { y: 2 })
        .delete(fs.doc(db, 'c/c'))
        .commit(),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/a',
            fields: { x: { integerValue: '1' } },
          },
        },
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/b',
            fields: { y: { integerValue: '2' } },
          },
          updateMask: { fieldPaths: ['y'] },
          currentDocument: { exists: true },
        },
        { delete: 'projects/p/databases/(default)/documents/c/c' },
      ],
    },
  ],
  [
    'ignoreUndefinedProperties',
    (fs, _db, undefDb) =>
      fs.setDoc(fs.doc(undefDb, 'c/d'), { a: undefined, b: 1, c: [undefined], d: { e: undefined } }),
    'projects/p/databases/(default)/documents',
    {
      writes: [
        {
          update: {
            name: 'projects/p/databases/(default)/documents/c/d',
            fields: {
              b: { integerValue: '1' },
              c: { arrayValue: { values: [{ nullValue: 'NULL_VALUE' }] } },
              d: { mapValue: { fields: {} } },
            },
          },
        },
      ],
    },
  ],
  [
    'query: where, orderBy desc, limit',
    (fs, db) =>
      fs.getDocs(
        fs.query(fs.collection(db, 'c'), fs.where('a', '==', 1), fs.orderBy('b', 'desc'), fs.limit(3)),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: { fieldFilter: { field: { fieldPath: 'a' }, op: 'EQUAL', value: { integerValue: '1' } } },
        orderBy: [
          { field: { fieldPath: 'b' }, direction: 'DESCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'DESCENDING' },
        ],
        limit: 3,
      },
    },
  ],
  [
    'query: null and NaN',
    (fs, db) =>
      fs.getDocs(fs.query(fs.collection(db, 'c'), fs.where('a', '==', null), fs.where('b', '!=', NaN))),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          compositeFilter: {
            op: 'AND',
            filters: [
              { unaryFilter: { field: { fieldPath: 'a' }, op: 'IS_NULL' } },
              { unaryFilter: { field: { fieldPath: 'b' }, op: 'IS_NOT_NAN' } },
            ],
          },
        },
        orderBy: [
          { field: { fieldPath: 'b' }, direction: 'ASCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
        ],
      },
    },
  ],
  [
    'query: implicit orders from inequalities',
    (fs, db) =>
      fs.getDocs(
        fs.query(fs.collection(db, 'c'), fs.where('b', '>', 1), fs.where('a', '<', 5), fs.where('a', '>', 0)),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          compositeFilter: {
            op: 'AND',
            filters: [
              {
                fieldFilter: { field: { fieldPath: 'b' }, op: 'GREATER_THAN', value: { integerValue: '1' } },
              },
              { fieldFilter: { field: { fieldPath: 'a' }, op: 'LESS_THAN', value: { integerValue: '5' } } },
              {
                fieldFilter: { field: { fieldPath: 'a' }, op: 'GREATER_THAN', value: { integerValue: '0' } },
              },
            ],
          },
        },
        orderBy: [
          { field: { fieldPath: 'a' }, direction: 'ASCENDING' },
          { field: { fieldPath: 'b' }, direction: 'ASCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
        ],
      },
    },
  ],
  [
    'query: implicit orders follow last direction',
    (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'c'), fs.orderBy('x', 'desc'), fs.where('y', '!=', 1))),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: { fieldFilter: { field: { fieldPath: 'y' }, op: 'NOT_EQUAL', value: { integerValue: '1' } } },
        orderBy: [
          { field: { fieldPath: 'x' }, direction: 'DESCENDING' },
          { field: { fieldPath: 'y' }, direction: 'DESCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'DESCENDING' },
        ],
      },
    },
  ],
  [
    'query: limitToLast with cursors',
    (fs, db) =>
      fs.getDocs(
        fs.query(fs.collection(db, 'c'), fs.orderBy('a'), fs.startAt(1), fs.endBefore(5), fs.limitToLast(2)),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        orderBy: [
          { field: { fieldPath: 'a' }, direction: 'DESCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'DESCENDING' },
        ],
        limit: 2,
        startAt: { before: false, values: [{ integerValue: '5' }] },
        endAt: { before: false, values: [{ integerValue: '1' }] },
      },
    },
  ],
  [
    'query: cursors',
    (fs, db) =>
      fs.getDocs(
        fs.query(
          fs.collection(db, 'c'),
          fs.orderBy('a'),
          fs.orderBy(fs.documentId()),
          fs.startAfter(1, 'k'),
          fs.endAt(9),
        ),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        orderBy: [
          { field: { fieldPath: 'a' }, direction: 'ASCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
        ],
        startAt: {
          before: false,
          values: [{ integerValue: '1' }, { referenceValue: 'projects/p/databases/(default)/documents/c/k' }],
        },
        endAt: { before: false, values: [{ integerValue: '9' }] },
      },
    },
  ],
  [
    'query: collection group with documentId in',
    (fs, db) =>
      fs.getDocs(
        fs.query(
          fs.collectionGroup(db, 'g'),
          fs.where(fs.documentId(), 'in', ['a/b/g/c', fs.doc(db, 'x/y/g/z')]),
        ),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'g', allDescendants: true }],
        where: {
          fieldFilter: {
            field: { fieldPath: '__name__' },
            op: 'IN',
            value: {
              arrayValue: {
                values: [
                  { referenceValue: 'projects/p/databases/(default)/documents/a/b/g/c' },
                  { referenceValue: 'projects/p/databases/(default)/documents/x/y/g/z' },
                ],
              },
            },
          },
        },
        orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
      },
    },
  ],
  [
    'query: subcollection',
    (fs, db) => fs.getDocs(fs.query(fs.collection(db, 'a/b/c'), fs.where(fs.documentId(), '>=', 'm'))),
    'projects/p/databases/(default)/documents/a/b',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          fieldFilter: {
            field: { fieldPath: '__name__' },
            op: 'GREATER_THAN_OR_EQUAL',
            value: { referenceValue: 'projects/p/databases/(default)/documents/a/b/c/m' },
          },
        },
        orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
      },
    },
  ],
  [
    'query: nested composite filters',
    (fs, db) =>
      fs.getDocs(
        fs.query(
          fs.collection(db, 'c'),
          fs.or(
            fs.and(fs.where('a', '==', 1), fs.where('b', 'array-contains', 2)),
            fs.where('c', 'in', [1, [2]]),
            fs.and(fs.where('d', '>=', 3)),
          ),
        ),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          compositeFilter: {
            op: 'OR',
            filters: [
              {
                compositeFilter: {
                  op: 'AND',
                  filters: [
                    { fieldFilter: { field: { fieldPath: 'a' }, op: 'EQUAL', value: { integerValue: '1' } } },
                    {
                      fieldFilter: {
                        field: { fieldPath: 'b' },
                        op: 'ARRAY_CONTAINS',
                        value: { integerValue: '2' },
                      },
                    },
                  ],
                },
              },
              {
                fieldFilter: {
                  field: { fieldPath: 'c' },
                  op: 'IN',
                  value: {
                    arrayValue: {
                      values: [{ integerValue: '1' }, { arrayValue: { values: [{ integerValue: '2' }] } }],
                    },
                  },
                },
              },
              {
                fieldFilter: {
                  field: { fieldPath: 'd' },
                  op: 'GREATER_THAN_OR_EQUAL',
                  value: { integerValue: '3' },
                },
              },
            ],
          },
        },
        orderBy: [
          { field: { fieldPath: 'd' }, direction: 'ASCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
        ],
      },
    },
  ],
  [
    'query: field paths needing quotes',
    (fs, db) =>
      fs.getDocs(
        fs.query(
          fs.collection(db, 'c'),
          fs.where('a-b.c', '==', 1),
          fs.orderBy(new fs.FieldPath('x.y', '`z\\\\')),
          fs.where('_ok1', 'array-contains-any', [1]),
        ),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          compositeFilter: {
            op: 'AND',
            filters: [
              { fieldFilter: { field: { fieldPath: '`a-b`.c' }, op: 'EQUAL', value: { integerValue: '1' } } },
              {
                fieldFilter: {
                  field: { fieldPath: '_ok1' },
                  op: 'ARRAY_CONTAINS_ANY',
                  value: { arrayValue: { values: [{ integerValue: '1' }] } },
                },
              },
            ],
          },
        },
        orderBy: [
          { field: { fieldPath: '`x.y`.`\\`z\\\\\\\\`' }, direction: 'ASCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
        ],
      },
    },
  ],
  [
    'query: collection itself',
    (fs, db) => fs.getDocs(fs.collection(db, 'c')),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
      },
    },
  ],
  [
    'count',
    (fs, db) =>
      (fs.getCountFromServer ?? fs.getCount)(fs.query(fs.collection(db, 'c'), fs.where('a', '>', 1))),
    'projects/p/databases/(default)/documents',
    {
      structuredAggregationQuery: {
        aggregations: [{ alias: 'aggregate_0', count: {} }],
        structuredQuery: {
          from: [{ collectionId: 'c' }],
          where: {
            fieldFilter: { field: { fieldPath: 'a' }, op: 'GREATER_THAN', value: { integerValue: '1' } },
          },
        },
      },
    },
  ],
  [
    'sum and average',
    (fs, db) =>
      (fs.getAggregateFromServer ?? fs.getAggregate)(fs.collection(db, 'c'), {
        total: fs.sum('a.b'),
        mean: fs.average(new fs.FieldPath('x y')),
        n: fs.count(),
      }),
    'projects/p/databases/(default)/documents',
    {
      structuredAggregationQuery: {
        aggregations: [
          { alias: 'aggregate_0', sum: { field: { fieldPath: 'a.b' } } },
          { alias: 'aggregate_1', avg: { field: { fieldPath: '`x y`' } } },
          { alias: 'aggregate_2', count: {} },
        ],
        structuredQuery: { from: [{ collectionId: 'c' }] },
      },
    },
  ],
  [
    'query: inequalities on null still add orders',
    (fs, db) =>
      fs.getDocs(
        fs.query(fs.collection(db, 'c'), fs.where('a', '>', null), fs.where('b', 'not-in', [null, 1])),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          compositeFilter: {
            op: 'AND',
            filters: [
              {
                fieldFilter: {
                  field: { fieldPath: 'a' },
                  op: 'GREATER_THAN',
                  value: { nullValue: 'NULL_VALUE' },
                },
              },
              {
                fieldFilter: {
                  field: { fieldPath: 'b' },
                  op: 'NOT_IN',
                  value: { arrayValue: { values: [{ nullValue: 'NULL_VALUE' }, { integerValue: '1' }] } },
                },
              },
            ],
          },
        },
        orderBy: [
          { field: { fieldPath: 'a' }, direction: 'ASCENDING' },
          { field: { fieldPath: 'b' }, direction: 'ASCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
        ],
      },
    },
  ],
  [
    'query: == NaN and != null',
    (fs, db) =>
      fs.getDocs(fs.query(fs.collection(db, 'c'), fs.where('a', '==', NaN), fs.where('b', '!=', null))),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          compositeFilter: {
            op: 'AND',
            filters: [
              { unaryFilter: { field: { fieldPath: 'a' }, op: 'IS_NAN' } },
              { unaryFilter: { field: { fieldPath: 'b' }, op: 'IS_NOT_NULL' } },
            ],
          },
        },
        orderBy: [
          { field: { fieldPath: 'b' }, direction: 'ASCENDING' },
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
        ],
      },
    },
  ],
  [
    'query: limitToLast with startAfter and endAt on documentId desc',
    (fs, db) =>
      fs.getDocs(
        fs.query(
          fs.collection(db, 'c'),
          fs.orderBy(fs.documentId(), 'desc'),
          fs.startAfter('m'),
          fs.endAt('b'),
          fs.limitToLast(3),
        ),
      ),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
        limit: 3,
        startAt: {
          before: true,
          values: [{ referenceValue: 'projects/p/databases/(default)/documents/c/b' }],
        },
        endAt: { before: true, values: [{ referenceValue: 'projects/p/databases/(default)/documents/c/m' }] },
      },
    },
  ],
  [
    'query: explicit __name__ order then inequality',
    (fs, db) =>
      fs.getDocs(fs.query(fs.collection(db, 'c'), fs.orderBy(fs.documentId()), fs.where('z', '>=', 1))),
    'projects/p/databases/(default)/documents',
    {
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          fieldFilter: {
            field: { fieldPath: 'z' },
            op: 'GREATER_THAN_OR_EQUAL',
            value: { integerValue: '1' },
          },
        },
        orderBy: [
          { field: { fieldPath: '__name__' }, direction: 'ASCENDING' },
          { field: { fieldPath: 'z' }, direction: 'ASCENDING' },
        ],
      },
    },
  ],
];

/** The REST body's equivalent inside our request frame (REST puts the database or parent in the URL). */
function frameEquivalent(method: string, body: any): { parent: string; rest: unknown } {
  if (method === 'commit') return { parent: `${body.database}/documents`, rest: { writes: body.writes } };
  const { parent, ...rest } = body;
  return { parent, rest };
}

describe('wire format matches firebase/firestore', () => {
  let server: FakeServer;
  let db: fs.Firestore;
  let undefDb: fs.Firestore;

  beforeAll(() => {
    server = installFakeServer();
    db = fs.getFirestore(fs.initializeApp({ projectId: 'p' }, 'wire'));
    undefDb = fs.initializeFirestore(fs.initializeApp({ projectId: 'p' }, 'wire-undefined'), {
      ignoreUndefinedProperties: true,
    });
    fs.connectFirestoreEmulator(db, 'localhost', 1);
    fs.connectFirestoreEmulator(undefDb, 'localhost', 1);
  });

  afterAll(async () => {
    await fs.terminate(db);
    await fs.terminate(undefDb);
    server.uninstall();
  });

  it.each(cases)('%s', async (_name, run, parent, restBody) => {
    server.requests.length = 0;
    await run(fs, db, undefDb);
    expect(server.requests).toHaveLength(1);
    const { method, body } = server.requests[0];
    expect(frameEquivalent(method, body)).toEqual({ parent, rest: restBody });
  });
});

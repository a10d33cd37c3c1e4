import { expect, it } from 'vitest';
import { Engine } from './engine.js';
import { DB, expectStatus, ROOT } from './test-support.js';

it('answers every malformed request with INVALID_ARGUMENT, never another error', async () => {
  const e = new Engine();
  const cases: [string, unknown][] = [
    ['commit', { database: DB, writes: [null] }],
    ['commit', { database: DB, writes: [{ update: null }] }],
    ['commit', { database: DB, writes: [{ update: { name: 5 } }] }],
    ['commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b`, fields: 5 } }] }],
    ['commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b`, fields: { x: 5 } } }] }],
    ['commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b`, fields: { x: { foo: 1 } } } }] }],
    ['commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b` }, updateMask: 5 }] }],
    [
      'commit',
      { database: DB, writes: [{ update: { name: `${ROOT}/a/b` }, updateMask: { fieldPaths: [5] } }] },
    ],
    ['commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b` }, updateTransforms: 5 }] }],
    ['commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b` }, updateTransforms: [null] }] }],
    ['commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b` }, currentDocument: 5 }] }],
    ['commit', { database: DB, writes: [{ delete: 5 }] }],
    ['commit', { database: DB, writes: [{ transform: 5 }] }],
    ['commit', { database: DB, transaction: 5 }],
    ['commit', { database: 5 }],
    ['commit', null],
    ['batchGet', { database: DB, documents: [1] }],
    ['batchGet', { database: DB, documents: 'x' }],
    ['batchGet', { database: DB, documents: [], mask: 'x' }],
    ['batchGet', { database: DB, documents: [], mask: { fieldPaths: 'x' } }],
    ['batchGet', { database: DB, documents: [], newTransaction: 5 }],
    ['batchGet', { database: DB, documents: [], newTransaction: { readOnly: 5 } }],
    ['batchGet', { database: DB, documents: [], readTime: 5 }],
    ['batchGet', { database: DB, documents: [], transaction: 5 }],
    ['runQuery', { parent: ROOT, structuredQuery: { from: 5 } }],
    ['runQuery', { parent: ROOT, structuredQuery: { from: [null] } }],
    ['runQuery', { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], where: 'x' } }],
    [
      'runQuery',
      { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], where: { fieldFilter: null } } },
    ],
    [
      'runQuery',
      {
        parent: ROOT,
        structuredQuery: {
          from: [{ collectionId: 'a' }],
          where: { fieldFilter: { field: 5, op: 'EQUAL', value: 1 } },
        },
      },
    ],
    ['runQuery', { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], orderBy: 'x' } }],
    ['runQuery', { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], orderBy: [null] } }],
    ['runQuery', { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], startAt: 5 } }],
    [
      'runQuery',
      { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], startAt: { values: 5 } } },
    ],
    ['runQuery', { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], select: { fields: 5 } } }],
    ['runQuery', { parent: ROOT, structuredQuery: { from: [{ collectionId: 'a' }], limit: 'x' } }],
    ['runQuery', { parent: 5, structuredQuery: {} }],
    ['runQuery', { parent: ROOT, structuredQuery: 5 }],
    [
      'runAggregationQuery',
      {
        parent: ROOT,
        structuredAggregationQuery: {
          structuredQuery: { from: [{ collectionId: 'a' }] },
          aggregations: [null],
        },
      },
    ],
    [
      'runAggregationQuery',
      {
        parent: ROOT,
        structuredAggregationQuery: {
          structuredQuery: { from: [{ collectionId: 'a' }] },
          aggregations: [{ sum: 5 }],
        },
      },
    ],
    ['runAggregationQuery', { parent: ROOT, structuredAggregationQuery: 5 }],
    ['beginTransaction', { database: DB, options: 5 }],
    ['beginTransaction', { database: DB, options: { readOnly: { readTime: 5 } } }],
    ['beginTransaction', { database: DB, options: { readWrite: { retryTransaction: 5 } } }],
    ['rollback', { database: DB, transaction: 5 }],
    ['rollback', { database: DB }],
    ['listCollectionIds', { parent: ROOT, pageSize: 'x' }],
    ['listCollectionIds', { parent: ROOT, pageToken: 5 }],
    ['listCollectionIds', { parent: ROOT, pageToken: btoa('[1]') }],
    ['listDocuments', { parent: ROOT, collectionId: 5 }],
    ['listDocuments', { parent: ROOT, collectionId: 'a', orderBy: 'x y z' }],
    ['listDocuments', { parent: ROOT, collectionId: 'a', pageToken: btoa('"x"') }],
    ['listDocuments', { parent: ROOT, collectionId: 'a', pageToken: btoa('[5]') }],
    ['listDocuments', { parent: ROOT, collectionId: 'a', mask: { fieldPaths: ['a..b'] } }],
  ];
  await e.call('commit', { database: DB, writes: [{ update: { name: `${ROOT}/a/b`, fields: {} } }] });
  for (const [method, request] of cases) {
    await expectStatus(e.call(method as never, request as never), 'INVALID_ARGUMENT');
  }
  expect((await e.getDocument({ name: `${ROOT}/a/b` })).name).toBe(`${ROOT}/a/b`);
});

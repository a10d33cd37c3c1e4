import type { Scenario } from '../scenario.js';

const DB = 'projects/demo-conformance/databases/(default)';

/**
 * One raw REST request; the result is its HTTP status and Google status, which must match the official's.
 * (Not covered: a commit naming a document of another project, which the official emulator accepts and
 * production refuses.)
 */
function rest(
  name: string,
  request: (col: string) => [method: string, path: string, body?: unknown],
): Scenario {
  return {
    name: `REST: ${name}`,
    run: (_fs, _db, ctx) => ctx.rest(...request(ctx.col('r'))),
  };
}

const update = (col: string, fields: unknown) => ({
  writes: [{ update: { name: `${DB}/documents/${col}/d`, fields } }],
});

export const restScenarios: Scenario[] = [
  rest('commit of an unknown value type', (col) => ['POST', ':commit', update(col, { a: { fooValue: 1 } })]),
  rest('commit of a value with two types', (col) => [
    'POST',
    ':commit',
    update(col, { a: { stringValue: 'x', integerValue: '1' } }),
  ]),
  rest('commit of an integer that is not a number', (col) => [
    'POST',
    ':commit',
    update(col, { a: { integerValue: 'twelve' } }),
  ]),
  rest('commit of an out-of-range timestamp', (col) => [
    'POST',
    ':commit',
    update(col, { a: { timestampValue: '10000-01-01T00:00:00Z' } }),
  ]),
  rest('commit of a reference to another database', (col) => [
    'POST',
    ':commit',
    update(col, { a: { referenceValue: 'projects/other/databases/(default)/documents/c/d' } }),
  ]),
  rest('commit of a write with no operation', () => ['POST', ':commit', { writes: [{}] }]),
  rest('commit whose body is not JSON', () => ['POST', ':commit', '{not json']),
  rest('commit of a document name with an odd path', (col) => [
    'POST',
    ':commit',
    { writes: [{ update: { name: `${DB}/documents/${col}`, fields: {} } }] },
  ]),
  rest('commit with a transaction id that was never issued', (col) => [
    'POST',
    ':commit',
    { ...update(col, {}), transaction: 'bm90LWEtdHJhbnNhY3Rpb24=' },
  ]),
  rest('update mask with an invalid field path', (col) => [
    'PATCH',
    `${col}/d?updateMask.fieldPaths=a..b`,
    { fields: { a: { integerValue: '1' } } },
  ]),
  rest('runQuery from a collection id containing a slash', (col) => [
    'POST',
    ':runQuery',
    { structuredQuery: { from: [{ collectionId: `${col}/x` }] } },
  ]),
  rest('runQuery with a negative limit', (col) => [
    'POST',
    ':runQuery',
    { structuredQuery: { from: [{ collectionId: col }], limit: -1 } },
  ]),
  rest('runQuery with an unknown operator', (col) => [
    'POST',
    ':runQuery',
    {
      structuredQuery: {
        from: [{ collectionId: col }],
        where: { fieldFilter: { field: { fieldPath: 'a' }, op: 'LIKE', value: { integerValue: '1' } } },
      },
    },
  ]),
  rest('runQuery with a cursor longer than its orderBy', (col) => [
    'POST',
    ':runQuery',
    {
      structuredQuery: {
        from: [{ collectionId: col }],
        orderBy: [{ field: { fieldPath: 'a' } }],
        startAt: { values: [{ integerValue: '1' }, { integerValue: '2' }, { integerValue: '3' }] },
      },
    },
  ]),
  rest('rollback of a transaction that was never issued', () => [
    'POST',
    ':rollback',
    { transaction: 'bm90LWEtdHJhbnNhY3Rpb24=' },
  ]),
  rest('GET of a missing document', (col) => ['GET', `${col}/missing`]),
  rest('DELETE of a missing document', (col) => ['DELETE', `${col}/missing`]),
  rest('DELETE with an exists precondition on a missing document', (col) => [
    'DELETE',
    `${col}/missing?currentDocument.exists=true`,
  ]),
  rest('PATCH with exists=false on a missing document creates it', (col) => [
    'PATCH',
    `${col}/new?currentDocument.exists=false`,
    { fields: { a: { integerValue: '1' } } },
  ]),
];

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

/** Seeds `c/a` {n: 1, s: 'x', m: {k: true}}, `c/b` {n: 2.5}, `c/a/sub/x` {}, `c/ghost/sub/y` {} over REST. */
async function seedRest(ctx: Parameters<Scenario['run']>[2], col: string): Promise<void> {
  const name = (path: string) => `${DB}/documents/${col}/${path}`;
  await ctx.rest('POST', ':commit', {
    writes: [
      {
        update: {
          name: name('a'),
          fields: {
            n: { integerValue: '1' },
            s: { stringValue: 'x' },
            m: { mapValue: { fields: { k: { booleanValue: true } } } },
          },
        },
      },
      { update: { name: name('b'), fields: { n: { doubleValue: 2.5 } } } },
      { update: { name: name('a/sub/x'), fields: {} } },
      { update: { name: name('ghost/sub/y'), fields: {} } },
    ],
  });
}

/** A REST request after seeding; the whole answer (status and normalized body) must match the official's. */
function restAnswer(
  name: string,
  request: (col: string) => [method: string, path: string, body?: unknown],
): Scenario {
  return {
    name: `REST answer: ${name}`,
    async run(_fs, _db, ctx) {
      const col = ctx.col('r');
      await seedRest(ctx, col);
      const [method, path, body] = request(col);
      return ctx.rest(method, path, body, true);
    },
  };
}

const parent = `${DB}/documents`;

export const restAnswerScenarios: Scenario[] = [
  restAnswer('GET of a document', (col) => ['GET', `${col}/a`]),
  restAnswer('GET with a field mask', (col) => ['GET', `${col}/a?mask.fieldPaths=m.k&mask.fieldPaths=s`]),
  restAnswer('list documents with pageSize and a mask', (col) => [
    'GET',
    `${col}?pageSize=1&mask.fieldPaths=n`,
  ]),
  restAnswer('list documents with showMissing', (col) => ['GET', `${col}?showMissing=true`]),
  restAnswer('listCollectionIds of a document', (col) => ['POST', `${col}/a:listCollectionIds`, {}]),
  restAnswer('batchGet of found and missing documents', (col) => [
    'POST',
    ':batchGet',
    { documents: [`${parent}/${col}/b`, `${parent}/${col}/missing`, `${parent}/${col}/a`] },
  ]),
  restAnswer('runQuery with a projection and an offset', (col) => [
    'POST',
    ':runQuery',
    {
      structuredQuery: {
        from: [{ collectionId: col }],
        select: { fields: [{ fieldPath: 'n' }] },
        orderBy: [{ field: { fieldPath: 'n' }, direction: 'DESCENDING' }],
        offset: 1,
      },
    },
  ]),
  restAnswer('runQuery matching nothing', (col) => [
    'POST',
    ':runQuery',
    {
      structuredQuery: {
        from: [{ collectionId: col }],
        where: { fieldFilter: { field: { fieldPath: 'n' }, op: 'EQUAL', value: { integerValue: '7' } } },
      },
    },
  ]),
  restAnswer('runQuery with a unary filter and an empty projection', (col) => [
    'POST',
    ':runQuery',
    {
      structuredQuery: {
        from: [{ collectionId: col }],
        select: { fields: [] },
        where: { unaryFilter: { field: { fieldPath: 's' }, op: 'IS_NOT_NULL' } },
      },
    },
  ]),
  restAnswer('runAggregationQuery', (col) => [
    'POST',
    ':runAggregationQuery',
    {
      structuredAggregationQuery: {
        structuredQuery: { from: [{ collectionId: col }] },
        aggregations: [
          { alias: 'total', sum: { field: { fieldPath: 'n' } } },
          { alias: 'n', count: {} },
          { alias: 'mean', avg: { field: { fieldPath: 'n' } } },
          { alias: 'upTo', count: { upTo: '1' } },
        ],
      },
    },
  ]),
  restAnswer('commit answers transform results', (col) => [
    'POST',
    ':commit',
    {
      writes: [
        {
          update: { name: `${parent}/${col}/a`, fields: {} },
          updateMask: { fieldPaths: [] },
          updateTransforms: [
            { fieldPath: 'n', increment: { integerValue: '2' } },
            { fieldPath: 'arr', appendMissingElements: { values: [{ integerValue: '1' }] } },
            { fieldPath: 'max', maximum: { doubleValue: 3 } },
          ],
        },
        { delete: `${parent}/${col}/b` },
      ],
    },
  ]),
  restAnswer('PATCH with an update mask naming a missing field', (col) => [
    'PATCH',
    `${col}/a?updateMask.fieldPaths=s&updateMask.fieldPaths=gone`,
    { fields: { s: { stringValue: 'y' } } },
  ]),
  restAnswer('POST creating a document with a given id', (col) => [
    'POST',
    `${col}?documentId=new`,
    { fields: { v: { nullValue: null } } },
  ]),
];

export const restFlowScenarios: Scenario[] = [
  {
    name: 'REST flow: a read at an earlier readTime sees the earlier version',
    async run(_fs, _db, ctx) {
      const col = ctx.col('r');
      const doc = `${parent}/${col}/d`;
      const write = (n: string) =>
        ctx.restJson('POST', ':commit', {
          writes: [{ update: { name: doc, fields: { n: { integerValue: n } } } }],
        });
      const first = await write('1');
      await write('2');
      const at = (readTime: string) => ctx.restJson('POST', ':batchGet', { documents: [doc], readTime });
      const [earlier] = await at(first.commitTime);
      const query = await ctx.restJson('POST', ':runQuery', {
        structuredQuery: { from: [{ collectionId: col }] },
        readTime: first.commitTime,
      });
      return {
        batchGet: earlier.found.fields,
        query: query.map((r: { document?: { fields: unknown } }) => r.document?.fields),
      };
    },
  },
  {
    name: 'REST flow: a transaction reads, writes and commits; a second commit of it fails',
    async run(_fs, _db, ctx) {
      const col = ctx.col('r');
      const doc = `${parent}/${col}/d`;
      const { transaction } = await ctx.restJson('POST', ':beginTransaction', {});
      const read = await ctx.restJson('POST', ':batchGet', { documents: [doc], transaction });
      const commit = {
        writes: [{ update: { name: doc, fields: { n: { integerValue: '1' } } } }],
        transaction,
      };
      return {
        read: read.map((r: { missing?: string }) => Boolean(r.missing)),
        commit: await ctx.rest('POST', ':commit', commit),
        again: await ctx.rest('POST', ':commit', commit),
        after: await ctx.stored(`${col}/d`),
      };
    },
  },
  {
    name: 'REST flow: a read-only transaction cannot write; rollback ends a transaction',
    async run(_fs, _db, ctx) {
      const col = ctx.col('r');
      const doc = `${parent}/${col}/d`;
      const readOnly = await ctx.restJson('POST', ':beginTransaction', { options: { readOnly: {} } });
      const write = { writes: [{ update: { name: doc, fields: {} } }] };
      const rw = await ctx.restJson('POST', ':beginTransaction', {});
      return {
        writeInReadOnly: await ctx.rest('POST', ':commit', { ...write, transaction: readOnly.transaction }),
        rollback: await ctx.rest('POST', ':rollback', { transaction: rw.transaction }),
        commitAfterRollback: await ctx.rest('POST', ':commit', { ...write, transaction: rw.transaction }),
        after: await ctx.stored(`${col}/d`),
      };
    },
  },
  {
    name: 'REST flow: listing documents page by page',
    async run(_fs, _db, ctx) {
      const col = ctx.col('r');
      await ctx.restJson('POST', ':commit', {
        writes: ['a', 'b', 'c', 'd', 'e'].map((id) => ({
          update: { name: `${parent}/${col}/${id}`, fields: {} },
        })),
      });
      const pages: string[][] = [];
      let token = '';
      do {
        const page = await ctx.restJson(
          'GET',
          `${col}?pageSize=2${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
        );
        pages.push((page.documents ?? []).map((d: { name: string }) => d.name.split('/').pop()));
        token = page.nextPageToken ?? '';
      } while (token && pages.length < 10);
      return pages;
    },
  },
  {
    name: 'REST flow: projects and databases are isolated by name',
    async run(_fs, _db, ctx) {
      const col = ctx.col('r');
      const fields = { n: { integerValue: '1' } };
      const other = (project: string, database: string) =>
        `/v1/projects/${project}/databases/${database}/documents/${col}/d`;
      await ctx.rest('PATCH', `${col}/d`, { fields });
      await ctx.rest('PATCH', other('demo-conformance-b', '(default)'), {
        fields: { n: { integerValue: '2' } },
      });
      return {
        same: await ctx.rest('GET', `${col}/d`, undefined, true),
        otherProject: await ctx.rest('GET', other('demo-conformance-b', '(default)'), undefined, true),
        thirdProject: await ctx.rest('GET', other('demo-conformance-c', '(default)')),
        otherDatabase: await ctx.rest('GET', other('demo-conformance', 'second')),
      };
    },
  },
  {
    name: 'REST flow: maximum and minimum transforms mix ints and doubles',
    async run(_fs, _db, ctx) {
      const col = ctx.col('r');
      const name = `${parent}/${col}/d`;
      await ctx.rest('PATCH', `${col}/d`, {
        fields: {
          i: { integerValue: '5' },
          d: { doubleValue: 2.5 },
          s: { stringValue: 'x' },
          n: { doubleValue: 'NaN' },
        },
      });
      const answer = await ctx.rest(
        'POST',
        ':commit',
        {
          writes: [
            {
              update: { name, fields: {} },
              updateMask: { fieldPaths: [] },
              updateTransforms: [
                { fieldPath: 'i', maximum: { doubleValue: 5 } },
                { fieldPath: 'd', minimum: { integerValue: '2' } },
                { fieldPath: 's', maximum: { integerValue: '1' } },
                { fieldPath: 'n', minimum: { integerValue: '0' } },
                { fieldPath: 'missing', minimum: { doubleValue: -1.5 } },
              ],
            },
          ],
        },
        true,
      );
      return { answer, stored: await ctx.stored(`${col}/d`) };
    },
  },
];

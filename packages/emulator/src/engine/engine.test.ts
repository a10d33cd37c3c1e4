import type { Document } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { DB, docName, expectStatus, fakeClock, int, ROOT, set, str } from './test-support.js';

const found = (answer: { found?: Document }[]) => answer.map((a) => a.found ?? null);

describe('commit', () => {
  it('creates documents with createTime and updateTime at the commit time', async () => {
    const engine = new Engine();
    const { commitTime, writeResults } = await engine.call('commit', {
      database: DB,
      writes: [set('a/b', { x: int(1) })],
    });
    expect(writeResults).toEqual([{ updateTime: commitTime }]);
    expect(commitTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const [answer] = await engine.call('batchGet', { database: DB, documents: [docName('a/b')] });
    expect(answer.found).toEqual({
      name: docName('a/b'),
      fields: { x: int(1) },
      createTime: commitTime,
      updateTime: commitTime,
    });
  });

  it('gives each commit a strictly later time and a new database version', async () => {
    const engine = new Engine({ now: () => 1_000 });
    const first = await engine.call('commit', { database: DB, writes: [set('a/b', {})] });
    const second = await engine.call('commit', { database: DB, writes: [set('a/b', {})] });
    expect(first.commitTime).toBe('1970-01-01T00:00:01Z');
    expect(second.commitTime).toBe('1970-01-01T00:00:01.000001Z');
    expect(engine.database(DB).version).toBe(2);
  });

  it('applies several writes to one document in order, reporting each one', async () => {
    const engine = new Engine();
    const { writeResults, commitTime } = await engine.call('commit', {
      database: DB,
      writes: [
        set('a/b', { x: int(4), y: str('keep') }),
        {
          update: { name: docName('a/b'), fields: { x: int(6) } },
          updateMask: { fieldPaths: ['x'] },
          updateTransforms: [{ fieldPath: 'x', increment: int(1) }],
        },
        { delete: docName('a/gone') },
      ],
    });
    expect(writeResults).toEqual([
      { updateTime: commitTime },
      { updateTime: commitTime, transformResults: [int(7)] },
      {},
    ]);
    const doc = await engine.getDocument({ name: docName('a/b') });
    expect(doc.fields).toEqual({ x: int(7), y: str('keep') });
  });

  it('is atomic: one failing write leaves the database untouched', async () => {
    const engine = new Engine();
    await expectStatus(
      engine.call('commit', {
        database: DB,
        writes: [set('a/b', { x: int(1) }), { ...set('a/missing', {}), currentDocument: { exists: true } }],
      }),
      'NOT_FOUND',
    );
    const answer = await engine.call('batchGet', { database: DB, documents: [docName('a/b')] });
    expect(answer[0].missing).toBe(docName('a/b'));
    expect(engine.database(DB).version).toBe(0);
  });

  it('checks preconditions: exists and updateTime', async () => {
    const engine = new Engine();
    const { commitTime } = await engine.call('commit', { database: DB, writes: [set('a/b', {})] });
    await expectStatus(
      engine.call('commit', {
        database: DB,
        writes: [{ ...set('a/b', {}), currentDocument: { exists: false } }],
      }),
      'ALREADY_EXISTS',
    );
    await expectStatus(
      engine.call('commit', {
        database: DB,
        writes: [{ ...set('a/b', {}), currentDocument: { updateTime: '2020-01-01T00:00:00Z' } }],
      }),
      'FAILED_PRECONDITION',
    );
    const ok = await engine.call('commit', {
      database: DB,
      writes: [{ ...set('a/b', { y: int(2) }), currentDocument: { updateTime: commitTime } }],
    });
    expect(ok.writeResults).toHaveLength(1);
  });

  it('checks verify writes (firebase/firestore/lite transactions) without changing anything', async () => {
    const engine = new Engine();
    const { commitTime } = await engine.call('commit', { database: DB, writes: [set('a/b', { x: int(1) })] });
    const verify = (path: string, currentDocument: object) => ({ verify: docName(path), currentDocument });
    const ok = await engine.call('commit', {
      database: DB,
      writes: [verify('a/b', { updateTime: commitTime }), verify('a/none', { exists: false })],
    });
    expect(ok.writeResults).toEqual([{ updateTime: commitTime }, { updateTime: ok.commitTime }]);
    expect(engine.database(DB).get(docName('a/b')).doc?.updateTime).toBe(commitTime);
    await expectStatus(
      engine.call('commit', {
        database: DB,
        writes: [verify('a/b', { updateTime: '2020-01-01T00:00:00Z' }), set('a/c', {})],
      }),
      'FAILED_PRECONDITION',
    );
    expect(engine.database(DB).get(docName('a/c')).doc).toBeNull();
    await expectStatus(
      engine.call('commit', { database: DB, writes: [{ verify: docName('a/b') }] }),
      'INVALID_ARGUMENT',
      'a verify must contain a precondition',
    );
  });

  it('keeps the updateTime of a write that changes nothing and logs no change for it', async () => {
    const engine = new Engine();
    const first = await engine.call('commit', { database: DB, writes: [set('a/b', { x: int(1) })] });
    const again = await engine.call('commit', { database: DB, writes: [set('a/b', { x: int(1) })] });
    expect(again.writeResults).toEqual([{ updateTime: first.commitTime }]);
    expect(engine.database(DB).log.since(1)).toEqual([
      { version: 2, commitTime: again.commitTime, changes: [] },
    ]);
  });

  it('refuses writes naming another database and malformed requests', async () => {
    const engine = new Engine();
    await expectStatus(
      engine.call('commit', { database: DB, writes: [set('a/b', {}, 'projects/other/databases/(default)')] }),
      'INVALID_ARGUMENT',
    );
    await expectStatus(
      engine.call('commit', { database: DB, writes: 5 as never }),
      'INVALID_ARGUMENT',
      /'writes'/,
    );
    await expectStatus(
      engine.call('commit', { database: 'nope' } as never),
      'INVALID_ARGUMENT',
      /Database name/,
    );
    await expectStatus(engine.call('nope' as never, {} as never), 'UNIMPLEMENTED');
  });

  it('answers an empty commit with a commit time and no write results', async () => {
    const engine = new Engine();
    const answer = await engine.call('commit', { database: DB });
    expect(answer.writeResults).toEqual([]);
    expect(typeof answer.commitTime).toBe('string');
  });

  it('keeps databases and projects apart', async () => {
    const engine = new Engine();
    const other = 'projects/demo-test/databases/second';
    const otherProject = 'projects/elsewhere/databases/(default)';
    await engine.call('commit', { database: DB, writes: [set('a/b', { db: str('default') })] });
    await engine.call('commit', { database: other, writes: [set('a/b', { db: str('second') }, other)] });
    expect((await engine.getDocument({ name: docName('a/b') })).fields).toEqual({ db: str('default') });
    expect((await engine.getDocument({ name: docName('a/b', other) })).fields).toEqual({ db: str('second') });
    await expectStatus(engine.getDocument({ name: docName('a/b', otherProject) }), 'NOT_FOUND');
    engine.clearDatabase(DB);
    await expectStatus(engine.getDocument({ name: docName('a/b') }), 'NOT_FOUND');
    expect((await engine.getDocument({ name: docName('a/b', other) })).fields).toEqual({ db: str('second') });
  });

  it('keeps only the configured number of commits in the log', async () => {
    const engine = new Engine({ commitLogSize: 2 });
    for (let i = 0; i < 4; i++)
      await engine.call('commit', { database: DB, writes: [set('a/b', { i: int(i) })] });
    expect(
      engine
        .database(DB)
        .log.since(2)
        ?.map((r) => r.version),
    ).toEqual([3, 4]);
    expect(engine.database(DB).log.since(1)).toBeUndefined();
  });

  it('logs each commit with the documents before and after', async () => {
    const engine = new Engine();
    const records: unknown[] = [];
    engine.database(DB).log.subscribe((r) => records.push(r));
    const first = await engine.call('commit', { database: DB, writes: [set('a/b', { x: int(1) })] });
    const second = await engine.call('commit', { database: DB, writes: [{ delete: docName('a/b') }] });
    const created = {
      name: docName('a/b'),
      fields: { x: int(1) },
      createTime: first.commitTime,
      updateTime: first.commitTime,
    };
    expect(records).toEqual([
      {
        version: 1,
        commitTime: first.commitTime,
        changes: [{ name: docName('a/b'), before: null, after: created }],
      },
      {
        version: 2,
        commitTime: second.commitTime,
        changes: [{ name: docName('a/b'), before: created, after: null }],
      },
    ]);
    expect(engine.database(DB).log.since(1)).toEqual([records[1]]);
  });
});

describe('reads', () => {
  async function seeded() {
    const engine = new Engine();
    await engine.call('commit', {
      database: DB,
      writes: [
        set('a/1', { n: int(1) }),
        set('a/2', { n: int(2), m: str('x') }),
        set('a/1/sub/s', {}),
        set('m/x/deep/d', {}),
      ],
    });
    return engine;
  }

  it('batchGet answers found and missing in request order, with a mask', async () => {
    const engine = await seeded();
    const answer = await engine.call('batchGet', {
      database: DB,
      documents: [docName('a/2'), docName('a/9'), docName('a/1')],
      mask: { fieldPaths: ['m'] },
    });
    expect(answer.map((a) => a.found?.fields ?? a.missing)).toEqual([
      { m: str('x') },
      docName('a/9'),
      undefined,
    ]);
    expect(found(answer)[2]?.name).toBe(docName('a/1'));
    expect(new Set(answer.map((a) => a.readTime)).size).toBe(1);
  });

  it('runQuery answers one element per document, the last marked done', async () => {
    const engine = await seeded();
    const answer = await engine.call('runQuery', {
      parent: ROOT,
      structuredQuery: {
        from: [{ collectionId: 'a' }],
        orderBy: [{ field: { fieldPath: 'n' }, direction: 'DESCENDING' }],
      },
    });
    expect(answer.map((a) => a.document?.name)).toEqual([docName('a/2'), docName('a/1')]);
    expect(answer.map((a) => a.done)).toEqual([undefined, true]);
    expect(answer.every((a) => typeof a.readTime === 'string')).toBe(true);
  });

  it('runQuery with no match answers one element with readTime and done', async () => {
    const engine = await seeded();
    const answer = await engine.call('runQuery', {
      parent: ROOT,
      structuredQuery: { from: [{ collectionId: 'none' }] },
    });
    expect(answer).toEqual([{ readTime: expect.any(String), done: true }]);
  });

  it('runQuery under a document parent and refuses a request without a structured query', async () => {
    const engine = await seeded();
    const answer = await engine.call('runQuery', {
      parent: docName('a/1'),
      structuredQuery: { from: [{ collectionId: 'sub' }] },
    });
    expect(answer.map((a) => a.document?.name)).toEqual([docName('a/1/sub/s')]);
    await expectStatus(
      engine.call('runQuery', { parent: ROOT } as never),
      'INVALID_ARGUMENT',
      'only structured queries are supported',
    );
  });

  it('runAggregationQuery counts and sums', async () => {
    const engine = await seeded();
    const answer = await engine.call('runAggregationQuery', {
      parent: ROOT,
      structuredAggregationQuery: {
        structuredQuery: { from: [{ collectionId: 'a' }] },
        aggregations: [
          { alias: 'c', count: {} },
          { alias: 's', sum: { field: { fieldPath: 'n' } } },
        ],
      },
    });
    expect(answer).toEqual([
      { result: { aggregateFields: { c: int(2), s: int(3) } }, readTime: expect.any(String), done: true },
    ]);
  });

  it('getDocument answers NOT_FOUND with the name', async () => {
    const engine = await seeded();
    await expectStatus(
      engine.getDocument({ name: docName('a/zz') }),
      'NOT_FOUND',
      `Document (${docName('a/zz')}) not found.`,
    );
  });

  it('listCollectionIds lists the collections directly below a parent, in pages', async () => {
    const engine = await seeded();
    expect(await engine.call('listCollectionIds', { parent: ROOT })).toEqual({ collectionIds: ['a', 'm'] });
    expect(await engine.call('listCollectionIds', { parent: docName('a/1') })).toEqual({
      collectionIds: ['sub'],
    });
    expect(await engine.call('listCollectionIds', { parent: docName('a/2') })).toEqual({});
    const page1 = await engine.call('listCollectionIds', { parent: ROOT, pageSize: 1 });
    expect(page1.collectionIds).toEqual(['a']);
    const page2 = await engine.call('listCollectionIds', {
      parent: ROOT,
      pageSize: 1,
      pageToken: page1.nextPageToken,
    });
    expect(page2).toEqual({ collectionIds: ['m'] });
    await expectStatus(
      engine.call('listCollectionIds', { parent: ROOT, pageToken: 'garbage' }),
      'INVALID_ARGUMENT',
      'invalid page token',
    );
  });

  it('listDocuments pages through a collection by name, with a mask and missing documents', async () => {
    const engine = await seeded();
    const page1 = await engine.listDocuments({
      parent: ROOT,
      collectionId: 'a',
      pageSize: 1,
      mask: { fieldPaths: [] },
    });
    expect(page1.documents?.map((d) => [d.name, d.fields])).toEqual([[docName('a/1'), undefined]]);
    const page2 = await engine.listDocuments({
      parent: ROOT,
      collectionId: 'a',
      pageSize: 1,
      pageToken: page1.nextPageToken,
    });
    expect(page2.documents?.map((d) => d.name)).toEqual([docName('a/2')]);
    expect(page2.nextPageToken).toBeUndefined();
    expect(await engine.listDocuments({ parent: ROOT, collectionId: 'm' })).toEqual({});
    expect(await engine.listDocuments({ parent: ROOT, collectionId: 'm', showMissing: true })).toEqual({
      documents: [{ name: docName('m/x') }],
    });
  });
});

describe('reads at a readTime', () => {
  it('see the database as it was, refuse the future and times past retention', async () => {
    const clock = fakeClock();
    const engine = new Engine({ now: clock.now });
    const first = await engine.call('commit', { database: DB, writes: [set('a/b', { v: int(1) })] });
    clock.advance(1000);
    await engine.call('commit', { database: DB, writes: [set('a/b', { v: int(2) }), set('a/c', {})] });
    clock.advance(1000);
    const then = await engine.call('batchGet', {
      database: DB,
      documents: [docName('a/b')],
      readTime: first.commitTime,
    });
    expect(then).toEqual([
      { found: expect.objectContaining({ fields: { v: int(1) } }), readTime: first.commitTime },
    ]);
    const query = await engine.call('runQuery', {
      parent: ROOT,
      structuredQuery: { from: [{ collectionId: 'a' }] },
      readTime: first.commitTime,
    });
    expect(query.map((a) => a.document?.name)).toEqual([docName('a/b')]);
    await expectStatus(
      engine.call('batchGet', { database: DB, documents: [], readTime: '2030-01-01T00:00:00Z' }),
      'INVALID_ARGUMENT',
      "The requested 'read_time' cannot be in the future.",
    );
    clock.advance(3_600_000);
    await expectStatus(
      engine.call('batchGet', { database: DB, documents: [], readTime: first.commitTime }),
      'FAILED_PRECONDITION',
      "The requested 'read_time' is too old.",
    );
    await expectStatus(
      engine.call('batchGet', { database: DB, documents: [], readTime: 'soon' }),
      'INVALID_ARGUMENT',
    );
  });
});

describe('transactions', () => {
  async function withDoc() {
    const clock = fakeClock();
    const engine = new Engine({ now: clock.now });
    await engine.call('commit', { database: DB, writes: [set('a/b', { v: int(1) })] });
    return { engine, clock };
  }

  it('commit writes what the transaction decided when nothing it read changed', async () => {
    const { engine } = await withDoc();
    const { transaction } = await engine.call('beginTransaction', { database: DB });
    await engine.call('batchGet', { database: DB, documents: [docName('a/b')], transaction });
    await engine.call('commit', { database: DB, transaction, writes: [set('a/b', { v: int(2) })] });
    expect((await engine.getDocument({ name: docName('a/b') })).fields).toEqual({ v: int(2) });
  });

  it('aborts when a document it read changed since', async () => {
    const { engine } = await withDoc();
    const { transaction } = await engine.call('beginTransaction', { database: DB });
    await engine.call('batchGet', { database: DB, documents: [docName('a/b')], transaction });
    await engine.call('commit', { database: DB, writes: [set('a/b', { v: int(3) })] });
    await expectStatus(
      engine.call('commit', { database: DB, transaction, writes: [set('a/b', { v: int(2) })] }),
      'ABORTED',
      'Too much contention on these documents. Please try again.',
    );
    expect((await engine.getDocument({ name: docName('a/b') })).fields).toEqual({ v: int(3) });
    await expectStatus(
      engine.call('commit', { database: DB, transaction }),
      'INVALID_ARGUMENT',
      'Transaction is invalid or closed.',
    );
  });

  it('aborts when a document appears in a query it ran', async () => {
    const { engine } = await withDoc();
    const answer = await engine.call('runQuery', {
      parent: ROOT,
      structuredQuery: { from: [{ collectionId: 'a' }] },
      newTransaction: {},
    });
    const transaction = answer[0].transaction!;
    expect(answer[0]).toEqual({ transaction });
    expect(answer.slice(1).map((a) => a.document?.name)).toEqual([docName('a/b')]);
    await engine.call('commit', { database: DB, writes: [set('a/new', {})] });
    await expectStatus(
      engine.call('commit', { database: DB, transaction, writes: [set('x/y', {})] }),
      'ABORTED',
    );
  });

  it('aborts when a document it saw missing was created', async () => {
    const { engine } = await withDoc();
    const [begun, read] = await engine.call('batchGet', {
      database: DB,
      documents: [docName('a/none')],
      newTransaction: {},
    });
    expect(read.missing).toBe(docName('a/none'));
    await engine.call('commit', { database: DB, writes: [set('a/none', {})] });
    await expectStatus(
      engine.call('commit', { database: DB, transaction: begun.transaction, writes: [set('a/none', {})] }),
      'ABORTED',
    );
  });

  it('read-only transactions read one snapshot and refuse writes', async () => {
    const { engine } = await withDoc();
    const { transaction } = await engine.call('beginTransaction', {
      database: DB,
      options: { readOnly: {} },
    });
    await engine.call('commit', { database: DB, writes: [set('a/b', { v: int(9) })] });
    const [answer] = await engine.call('batchGet', {
      database: DB,
      documents: [docName('a/b')],
      transaction,
    });
    expect(answer.found?.fields).toEqual({ v: int(1) });
    const agg = await engine.call('runAggregationQuery', {
      parent: ROOT,
      structuredAggregationQuery: {
        structuredQuery: { from: [{ collectionId: 'a' }] },
        aggregations: [{ alias: 'c', count: {} }],
      },
      transaction,
    });
    expect(agg[0].readTime).toBe(answer.readTime);
    await expectStatus(
      engine.call('commit', { database: DB, transaction, writes: [set('a/b', {})] }),
      'INVALID_ARGUMENT',
      'Cannot modify entities in a read-only transaction.',
    );
  });

  it('refuse unknown, closed and expired ids with INVALID_ARGUMENT', async () => {
    const { engine, clock } = await withDoc();
    const read = (transaction: string) =>
      engine.call('batchGet', { database: DB, documents: [], transaction });
    await expectStatus(read('bm9wZQ=='), 'INVALID_ARGUMENT', 'Invalid transaction.');
    await expectStatus(
      engine.call('rollback', { database: DB, transaction: 'bm9wZQ==' }),
      'INVALID_ARGUMENT',
      'Invalid transaction.',
    );
    const { transaction } = await engine.call('beginTransaction', { database: DB });
    expect(await engine.call('rollback', { database: DB, transaction })).toEqual({});
    expect(await engine.call('rollback', { database: DB, transaction })).toEqual({});
    await expectStatus(read(transaction), 'INVALID_ARGUMENT', 'Transaction is invalid or closed.');
    const idle = await engine.call('beginTransaction', { database: DB });
    clock.advance(61_000);
    await expectStatus(read(idle.transaction), 'INVALID_ARGUMENT', 'Transaction is invalid or closed.');
    await expectStatus(
      engine.call('beginTransaction', {
        database: DB,
        options: { readWrite: { retryTransaction: 'bm9wZQ==' } },
      }),
      'INVALID_ARGUMENT',
      'Invalid transaction.',
    );
    const other = await engine.call('beginTransaction', { database: DB });
    await expectStatus(
      engine.call('batchGet', {
        database: 'projects/x/databases/(default)',
        documents: [],
        transaction: other.transaction,
      }),
      'INVALID_ARGUMENT',
    );
  });

  it('expire 270 s after they began even when in use', async () => {
    const { engine, clock } = await withDoc();
    const { transaction } = await engine.call('beginTransaction', { database: DB });
    for (let i = 0; i < 5; i++) {
      clock.advance(50_000);
      await engine.call('batchGet', { database: DB, documents: [], transaction });
    }
    clock.advance(30_000);
    await expectStatus(
      engine.call('batchGet', { database: DB, documents: [], transaction }),
      'INVALID_ARGUMENT',
      'Transaction is invalid or closed.',
    );
  });

  it('retryTransaction closes the transaction it retries and begins a new one', async () => {
    const { engine } = await withDoc();
    const first = await engine.call('beginTransaction', { database: DB });
    const retry = await engine.call('beginTransaction', {
      database: DB,
      options: { readWrite: { retryTransaction: first.transaction } },
    });
    expect(retry.transaction).not.toBe(first.transaction);
    await expectStatus(
      engine.call('commit', { database: DB, transaction: first.transaction }),
      'INVALID_ARGUMENT',
    );
    expect(
      (await engine.call('commit', { database: DB, transaction: retry.transaction })).writeResults,
    ).toEqual([]);
  });

  it('refuses more than one consistency selector', async () => {
    const { engine } = await withDoc();
    await expectStatus(
      engine.call('batchGet', {
        database: DB,
        documents: [],
        newTransaction: {},
        readTime: '2026-01-01T00:00:00Z',
      }),
      'INVALID_ARGUMENT',
    );
  });
});

describe('single-document writes', () => {
  it('create, update with masks and delete with preconditions', async () => {
    const engine = new Engine();
    const created = await engine.createDocument({
      parent: ROOT,
      collectionId: 'a',
      document: { fields: { x: int(1) } },
    });
    expect(created.name).toMatch(new RegExp(`^${docName('a/').replace(/[()]/g, '\\$&')}[A-Za-z0-9]{20}$`));
    await engine.createDocument({
      parent: ROOT,
      collectionId: 'a',
      documentId: 'b',
      document: { fields: { x: int(1) } },
    });
    await expectStatus(
      engine.createDocument({ parent: ROOT, collectionId: 'a', documentId: 'b', document: {} }),
      'ALREADY_EXISTS',
    );
    const updated = await engine.updateDocument({
      document: { name: docName('a/b'), fields: { y: int(2) } },
      updateMask: { fieldPaths: ['y'] },
      mask: { fieldPaths: ['y'] },
    });
    expect(updated.fields).toEqual({ y: int(2) });
    expect((await engine.getDocument({ name: docName('a/b') })).fields).toEqual({ x: int(1), y: int(2) });
    await expectStatus(
      engine.deleteDocument({ name: docName('a/none'), currentDocument: { exists: true } }),
      'NOT_FOUND',
    );
    expect(await engine.deleteDocument({ name: docName('a/b') })).toEqual({});
    await expectStatus(engine.getDocument({ name: docName('a/b') }), 'NOT_FOUND');
  });
});

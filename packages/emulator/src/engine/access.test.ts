import { formatTimestamp, parseTimestamp, type StructuredQuery } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { OWNER } from './auth.js';
import { Engine } from './engine.js';
import type {
  AccessRequest,
  Decision,
  DocumentReader,
  LookupBudget,
  QueryAccessRequest,
  Ruleset,
} from './rules/index.js';
import { DB, docName, expectStatus, int, ROOT, set, unsignedJwt } from './test-support.js';

// Enforcement plumbing, judged by a hand-made Ruleset that records what it is asked: which accesses each path
// checks, with which resources, times, budgets and lookups (the rules language has its own tests).

type Asked =
  | { kind: 'doc'; request: AccessRequest; reads: DocumentReader; budget: LookupBudget }
  | { kind: 'query'; request: QueryAccessRequest; budget: LookupBudget };

function recordingRules(allow: (request: AccessRequest | QueryAccessRequest) => boolean = () => true) {
  const asked: Asked[] = [];
  const decide = (request: AccessRequest | QueryAccessRequest): Decision =>
    allow(request) ? { allowed: true } : { allowed: false, message: 'Missing or insufficient permissions.' };
  const rules: Ruleset = {
    source: 'recording',
    readsTime: false,
    authorize(request, reads, budget) {
      asked.push({ kind: 'doc', request, reads, budget });
      return decide(request);
    },
    authorizeQuery(request, _reads, budget) {
      asked.push({ kind: 'query', request, budget });
      return decide(request);
    },
  };
  return { rules, asked };
}

const alice = { token: unsignedJwt({ sub: 'alice', admin: true }) };
const query = (collectionId: string): StructuredQuery => ({ from: [{ collectionId }] });

async function engineWith(
  allow?: (request: AccessRequest | QueryAccessRequest) => boolean,
  now?: () => number,
) {
  const engine = new Engine({ now });
  await engine.call('commit', { database: DB, writes: [set('a/x', { n: int(1) }), set('b/y', {})] }, OWNER);
  const { rules, asked } = recordingRules(allow);
  engine.setRules(rules);
  return { engine, asked };
}

describe('enforcement', () => {
  it('without rules every request is allowed; the owner token bypasses loaded rules', async () => {
    const engine = new Engine();
    expect(engine.rulesSource()).toBeNull();
    await engine.call('commit', { database: DB, writes: [set('a/x', {})] });
    const { rules, asked } = recordingRules(() => false);
    engine.setRules(rules);
    expect(engine.rulesSource()).toBe('recording');
    await engine.getDocument({ name: docName('a/x') }, OWNER);
    await engine.call('listCollectionIds', { parent: ROOT }, OWNER);
    expect(asked).toEqual([]);
    engine.setRules(null);
    await engine.getDocument({ name: docName('a/x') });
  });

  it('get: judged with the stored document and the decoded token before NOT_FOUND', async () => {
    const { engine, asked } = await engineWith((r) => 'path' in r && r.auth?.uid === 'alice');
    const doc = await engine.getDocument({ name: docName('a/x') }, alice);
    expect(asked[0]).toMatchObject({
      kind: 'doc',
      request: {
        path: docName('a/x'),
        method: 'get',
        auth: { uid: 'alice', token: { sub: 'alice', admin: true } },
        resource: doc,
        time: expect.any(String),
      },
      budget: { limit: 10 },
    });
    await expectStatus(
      engine.getDocument({ name: docName('a/missing') }),
      'PERMISSION_DENIED',
      'Missing or insufficient permissions.',
    );
    expect(asked[1]).toMatchObject({ request: { auth: null, resource: null } });
    await expectStatus(engine.getDocument({ name: docName('a/missing') }, alice), 'NOT_FOUND');
    await expectStatus(engine.getDocument({ name: docName('a/x') }, { token: 'junk' }), 'INVALID_ARGUMENT');
  });

  it('batchGet: every document judged with one budget of 20; one denial fails the request', async () => {
    const { engine, asked } = await engineWith((r) => 'path' in r && !r.path.endsWith('b/y'));
    const names = [docName('a/x'), docName('a/none')];
    const got = await engine.call('batchGet', { database: DB, documents: names }, alice);
    expect(got).toHaveLength(2);
    expect(asked.map((a) => a.kind === 'doc' && [a.request.path, a.request.resource?.name ?? null])).toEqual([
      [names[0], names[0]],
      [names[1], null],
    ]);
    expect(asked[0].budget).toBe(asked[1].budget);
    expect(asked[0].budget.limit).toBe(20);
    await expectStatus(
      engine.call('batchGet', { database: DB, documents: [...names, docName('b/y')] }),
      'PERMISSION_DENIED',
    );
  });

  it('runQuery, runAggregationQuery and listDocuments: the query is judged, not its results', async () => {
    const { engine, asked } = await engineWith((r) => !('query' in r) || r.query.limit === undefined);
    await engine.call('runQuery', { parent: ROOT, structuredQuery: query('a') }, alice);
    await engine.call(
      'runAggregationQuery',
      {
        parent: docName('a/x'),
        structuredAggregationQuery: {
          structuredQuery: query('sub'),
          aggregations: [{ alias: 'c', count: {} }],
        },
      },
      alice,
    );
    await engine.listDocuments({ parent: ROOT, collectionId: 'a' }, alice);
    expect(asked.map((a) => a.kind === 'query' && [a.request.parent, a.request.query])).toEqual([
      [ROOT, query('a')],
      [docName('a/x'), query('sub')],
      [ROOT, { ...query('a'), orderBy: [] }],
    ]);
    expect(asked[0].budget.limit).toBe(10);
    // A listing page is judged as the query with its page size as limit.
    await expectStatus(
      engine.listDocuments({ parent: ROOT, collectionId: 'a', pageSize: 5 }),
      'PERMISSION_DENIED',
    );
    await expectStatus(
      engine.call('runQuery', { parent: ROOT, structuredQuery: { ...query('a'), limit: 1 } }),
      'PERMISSION_DENIED',
    );
  });

  it('listCollectionIds and showMissing need the owner once rules are loaded, as in the official emulator', async () => {
    const { engine } = await engineWith();
    await expectStatus(
      engine.call('listCollectionIds', { parent: ROOT }, alice),
      'PERMISSION_DENIED',
      'Metadata operations require admin authentication.',
    );
    expect(await engine.call('listCollectionIds', { parent: ROOT }, OWNER)).toEqual({
      collectionIds: ['a', 'b'],
    });
  });

  it('commit: create, update and delete from the stored document; request.resource after transforms', async () => {
    // A clock 0.1 ms past a whole second: the commit time has microseconds, request.time none left to print.
    const { engine, asked } = await engineWith(undefined, () => Date.UTC(2026, 10, 28, 7, 5, 39) + 0.1);
    const { commitTime } = await engine.call(
      'commit',
      {
        database: DB,
        writes: [
          {
            update: { name: docName('a/new'), fields: { v: int(1) } },
            updateTransforms: [{ fieldPath: 't', setToServerValue: 'REQUEST_TIME' }],
          },
          { update: { name: docName('a/x'), fields: { n: int(2) } }, updateMask: { fieldPaths: ['n'] } },
          { delete: docName('b/y') },
          { delete: docName('b/never') },
        ],
      },
      alice,
    );
    const seen = asked.map((a) => (a.kind === 'doc' ? a.request : undefined));
    expect(seen.map((r) => [r?.path, r?.method])).toEqual([
      [docName('a/new'), 'create'],
      [docName('a/x'), 'update'],
      [docName('b/y'), 'delete'],
      [docName('b/never'), 'delete'],
    ]);
    // request.time is the server timestamp the transform wrote: the commit time to the millisecond.
    const requestTime = seen[0]!.time;
    const commit = parseTimestamp(commitTime);
    expect(requestTime).toBe(
      formatTimestamp({ seconds: commit.seconds, nanos: commit.nanos - (commit.nanos % 1_000_000) }),
    );
    expect(seen[0]).toMatchObject({
      resource: null,
      requestResource: { name: docName('a/new'), fields: { v: int(1), t: { timestampValue: requestTime } } },
    });
    expect(seen[1]).toMatchObject({
      resource: { fields: { n: int(1) } },
      requestResource: { fields: { n: int(2) } },
    });
    expect(seen[2]).toMatchObject({ resource: { name: docName('b/y') } });
    expect(seen[2]).not.toHaveProperty('requestResource');
    // getAfter() sees the whole commit, get() the database before it (budgets: lookup-budgets.test.ts).
    const first = asked[0] as Extract<Asked, { kind: 'doc' }>;
    expect(first.reads.after(docName('b/y'))).toBeNull();
    expect(first.reads.before(docName('b/y'))).toMatchObject({ name: docName('b/y') });
    expect(first.reads.after(docName('a/x'))?.fields).toEqual({ n: int(2) });
    // The commit's documents, deleted or never stored, are known to getAfter() (null once gone); others are not.
    expect(
      ['a/new', 'a/x', 'b/y', 'b/never', 'b/other'].map((p) => first.reads.writes?.(docName(p))),
    ).toEqual([true, true, true, true, false]);
  });

  it('commit: a denied write fails the whole commit and writes nothing', async () => {
    const { engine } = await engineWith((r) => 'path' in r && r.method !== 'delete');
    await expectStatus(
      engine.call('commit', { database: DB, writes: [set('a/z', {}), { delete: docName('a/x') }] }, alice),
      'PERMISSION_DENIED',
    );
    await expectStatus(engine.getDocument({ name: docName('a/z') }, OWNER), 'NOT_FOUND');
  });

  it('commit: a precondition on existence decides the method, and rules come before it', async () => {
    const { engine, asked } = await engineWith((r) => 'path' in r && r.method === 'create');
    // A create of an existing document is judged as a create, then fails its precondition.
    await expectStatus(
      engine.createDocument({ parent: ROOT, collectionId: 'a', documentId: 'x', document: {} }, alice),
      'ALREADY_EXISTS',
    );
    expect(asked[0]).toMatchObject({ request: { method: 'create', resource: { name: docName('a/x') } } });
    await expectStatus(
      engine.updateDocument(
        { document: { name: docName('a/gone') }, currentDocument: { exists: true } },
        alice,
      ),
      'PERMISSION_DENIED',
    );
    expect(asked[1]).toMatchObject({ request: { method: 'update', resource: null } });
    expect(asked[1].budget.limit).toBe(10);
  });

  it('transactions: reads inside are judged, and so is the commit', async () => {
    const { engine, asked } = await engineWith((r) => 'path' in r && r.auth !== null);
    const { transaction } = await engine.call('beginTransaction', { database: DB }, alice);
    await expectStatus(engine.getDocument({ name: docName('a/x'), transaction }), 'PERMISSION_DENIED');
    await engine.getDocument({ name: docName('a/x'), transaction }, alice);
    await engine.call('commit', { database: DB, transaction, writes: [set('a/x', {})] }, alice);
    expect(asked.map((a) => a.kind === 'doc' && [a.request.method, a.request.auth?.uid ?? null])).toEqual([
      ['get', null],
      ['get', 'alice'],
      ['update', 'alice'],
    ]);
  });
});

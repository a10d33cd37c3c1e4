import { describe, expect, it } from 'vitest';
import { DB, docName, int, ROOT, set, str } from '../test-support.js';
import { decodeResumeToken } from './resume-token.js';
import { ClientModel, collectionQuery, setup, summary } from './test-support.js';

describe('initial results', () => {
  it('sends ADD, the documents, CURRENT with a token, then a global marker', async () => {
    const { open, commit, engine } = setup();
    await commit(set('c/a', { n: int(1) }), set('c/b', { n: int(2) }), set('other/x', { n: int(3) }));
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(2, 'c'));
    const sent = transport.take();
    expect(summary(sent)).toEqual(['ADD 2', 'change c/a +[2]', 'change c/b +[2]', 'CURRENT 2', 'NO_CHANGE']);
    expect(sent[1].documentChange?.document.fields).toEqual({ n: int(1) });
    const current = sent[3].targetChange!;
    const marker = sent[4].targetChange!;
    expect(decodeResumeToken(current.resumeToken)).toEqual({
      instanceId: engine.instanceId,
      database: DB,
      version: 1,
    });
    expect(marker.resumeToken).toBe(current.resumeToken);
    expect(marker.readTime).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(stream.targetCount).toBe(1);
  });

  it('answers an empty result with ADD, CURRENT and the marker', () => {
    const { open } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'empty'));
    expect(summary(transport.take())).toEqual(['ADD 1', 'CURRENT 1', 'NO_CHANGE']);
  });

  it('filters, orders and pages like runQuery (limit, cursors)', async () => {
    const { open, commit, fresh } = setup();
    await commit(
      ...[5, 1, 4, 2, 3].map((n) => set(`c/d${n}`, { n: int(n), tag: str(n % 2 ? 'odd' : 'even') })),
    );
    const { transport, stream } = open();
    const targets = [
      collectionQuery(1, 'c', {
        where: { fieldFilter: { field: { fieldPath: 'tag' }, op: 'EQUAL', value: str('odd') } },
      }),
      collectionQuery(2, 'c', {
        orderBy: [{ field: { fieldPath: 'n' }, direction: 'DESCENDING' }],
        limit: 2,
      }),
      collectionQuery(3, 'c', {
        orderBy: [{ field: { fieldPath: 'n' } }],
        startAt: { values: [int(2)], before: false },
        endAt: { values: [int(4)], before: false },
      }),
      collectionQuery(4, 'c', { orderBy: [{ field: { fieldPath: 'n' } }], offset: 1, limit: 2 }),
    ];
    for (const t of targets) stream.addTarget(t);
    const client = new ClientModel().apply(transport.take());
    for (const t of targets) expect(client.docs(t.targetId)).toEqual(await fresh(t));
    expect([...client.docs(2).keys()]).toEqual([docName('c/d5'), docName('c/d4')]);
    expect([...client.docs(3).keys()].sort()).toEqual([docName('c/d3'), docName('c/d4')]);
    expect([...client.docs(4).keys()]).toEqual([docName('c/d2'), docName('c/d3')]);
  });

  it('reads collection groups below their parent only', async () => {
    const { open, commit } = setup();
    await commit(
      set('a/1/items/x', { n: int(1) }),
      set('a/1/deep/2/items/y', { n: int(2) }),
      set('b/1/items/z', { n: int(3) }),
      set('items/top', { n: int(4) }),
    );
    const { transport, stream } = open();
    stream.addTarget({
      targetId: 1,
      query: { parent: ROOT, structuredQuery: { from: [{ collectionId: 'items', allDescendants: true }] } },
    });
    stream.addTarget({
      targetId: 2,
      query: {
        parent: docName('a/1'),
        structuredQuery: { from: [{ collectionId: 'items', allDescendants: true }] },
      },
    });
    const client = new ClientModel().apply(transport.take());
    expect([...client.docs(1).keys()].sort()).toEqual(
      ['a/1/deep/2/items/y', 'a/1/items/x', 'b/1/items/z', 'items/top'].map((p) => docName(p)),
    );
    expect([...client.docs(2).keys()].sort()).toEqual(
      ['a/1/deep/2/items/y', 'a/1/items/x'].map((p) => docName(p)),
    );
  });

  it('sends nothing for a missing document of a documents target', async () => {
    const { open, commit } = setup();
    await commit(set('c/a', { n: int(1) }));
    const { transport, stream } = open();
    stream.addTarget({ targetId: 7, documents: { documents: [docName('c/a'), docName('c/missing')] } });
    expect(summary(transport.take())).toEqual(['ADD 7', 'change c/a +[7]', 'CURRENT 7', 'NO_CHANGE']);
  });

  it('gives each add its own marker with a readTime that never goes back', async () => {
    const { open, commit } = setup();
    const { transport, stream } = open();
    const client = new ClientModel();
    stream.addTarget(collectionQuery(1, 'c'));
    client.apply(transport.take());
    await commit(set('c/a', { n: int(1) }));
    stream.addTarget(collectionQuery(2, 'c'));
    client.apply(transport.take());
    await commit(set('c/b', { n: int(1) }));
    client.apply(transport.take());
    expect(client.markers).toBe(4);
    expect(client.docs(1).size).toBe(2);
    expect(client.docs(2).size).toBe(2);
  });
});

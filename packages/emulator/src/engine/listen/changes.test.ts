import { describe, expect, it } from 'vitest';
import { docName, int, ROOT, set } from '../test-support.js';
import { decodeResumeToken } from './resume-token.js';
import { ClientModel, collectionQuery, setup, summary } from './test-support.js';

const positive = { where: { fieldFilter: { field: { fieldPath: 'n' }, op: 'GREATER_THAN', value: int(0) } } };
const del = (path: string) => ({ delete: docName(path) });

describe('changes after a commit', () => {
  it('reports additions, modifications, departures and deletes, each followed by a marker', async () => {
    const { open, commit, engine } = setup();
    await commit(set('c/a', { n: int(1) }));
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(2, 'c', positive));
    transport.take();
    await commit(set('c/b', { n: int(2) }));
    await commit(set('c/a', { n: int(5) }));
    await commit(set('c/b', { n: int(-1) }));
    await commit(del('c/a'));
    const sent = transport.take();
    expect(summary(sent)).toEqual([
      'change c/b +[2]',
      'NO_CHANGE',
      'change c/a +[2]',
      'NO_CHANGE',
      'change c/b +[] -[2]',
      'NO_CHANGE',
      'delete c/a -[2]',
      'NO_CHANGE',
    ]);
    const marker = sent[7].targetChange!;
    expect(decodeResumeToken(marker.resumeToken)?.version).toBe(engine.database(ROOT.slice(0, -10)).version);
    expect(sent[6].documentDelete?.readTime).toBe(marker.readTime);
  });

  it('lists in one frame every target a document is in, and leaves unaffected targets alone', async () => {
    const { open, commit } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    stream.addTarget(collectionQuery(2, 'c', positive));
    stream.addTarget({ targetId: 3, documents: { documents: [docName('c/a')] } });
    stream.addTarget(collectionQuery(4, 'other'));
    transport.take();
    await commit(set('c/a', { n: int(1) }));
    await commit(set('c/a', { n: int(0) }));
    await commit(set('c/z', { n: int(0) }));
    expect(summary(transport.take())).toEqual([
      'change c/a +[1,2,3]',
      'NO_CHANGE',
      'change c/a +[1,3] -[2]',
      'NO_CHANGE',
      'change c/z +[1]',
      'NO_CHANGE',
    ]);
  });

  it('sends nothing to streams whose targets a commit cannot affect', async () => {
    const { open, commit } = setup();
    const a = open();
    const b = open();
    a.stream.addTarget(collectionQuery(1, 'c'));
    b.stream.addTarget(collectionQuery(1, 'elsewhere'));
    a.transport.take();
    b.transport.take();
    await commit(set('c/a', { n: int(1) }), set('c/a/sub/x', { n: int(1) }));
    expect(summary(a.transport.take())).toEqual(['change c/a +[1]', 'NO_CHANGE']);
    expect(b.transport.take()).toEqual([]);
  });

  it('reports a documents target deletion and a later creation', async () => {
    const { open, commit } = setup();
    await commit(set('c/a', { n: int(1) }));
    const { transport, stream } = open();
    stream.addTarget({ targetId: 5, documents: { documents: [docName('c/a'), docName('c/b')] } });
    transport.take();
    await commit(del('c/a'), set('c/b', { n: int(1) }));
    await commit(del('c/a'));
    expect(summary(transport.take())).toEqual(['delete c/a -[5]', 'change c/b +[5]', 'NO_CHANGE']);
  });

  it('follows a document through a collection group query', async () => {
    const { open, commit } = setup();
    const { transport, stream } = open();
    stream.addTarget({
      targetId: 1,
      query: {
        parent: docName('a/1'),
        structuredQuery: { from: [{ collectionId: 'items', allDescendants: true }] },
      },
    });
    transport.take();
    await commit(set('a/1/x/2/items/y', { n: int(1) }), set('a/2/items/y', { n: int(1) }));
    expect(summary(transport.take())).toEqual(['change a/1/x/2/items/y +[1]', 'NO_CHANGE']);
  });

  it('stops reporting a removed target and answers its removal once', async () => {
    const { open, commit } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    stream.addTarget(collectionQuery(2, 'c'));
    stream.removeTarget(1);
    const client = new ClientModel().apply(transport.take());
    await commit(set('c/a', { n: int(1) }));
    expect(summary(transport.take())).toEqual(['change c/a +[2]', 'NO_CHANGE']);
    expect(client.removed).toEqual([{ targetId: 1 }]);
    expect(stream.targetCount).toBe(1);
  });

  it('reports what a clear of the database deletes', async () => {
    const { open, commit, engine } = setup();
    await commit(set('c/a', { n: int(1) }));
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    transport.take();
    engine.clearDatabase(ROOT.slice(0, -'/documents'.length));
    expect(summary(transport.take())).toEqual(['delete c/a -[1]', 'NO_CHANGE']);
  });

  it('stops following commits and releases the database when its last stream closes', async () => {
    const { open, commit, manager } = setup();
    const a = open();
    const b = open();
    a.stream.addTarget(collectionQuery(1, 'c'));
    b.stream.addTarget(collectionQuery(1, 'c'));
    a.stream.close();
    expect(manager.streamCount).toBe(1);
    a.transport.take();
    b.transport.take();
    await commit(set('c/a', { n: int(1) }));
    expect(a.transport.take()).toEqual([]);
    expect(summary(b.transport.take())).toEqual(['change c/a +[1]', 'NO_CHANGE']);
    b.stream.close();
    expect(manager.streamCount).toBe(0);
    a.stream.addTarget(collectionQuery(2, 'c'));
    expect(a.transport.take()).toEqual([]);
  });
});

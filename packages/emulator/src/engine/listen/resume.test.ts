import type { Target } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { DB, docName, int, set } from '../test-support.js';
import { decodeResumeToken, encodeResumeToken } from './resume-token.js';
import { ClientModel, collectionQuery, setup, summary } from './test-support.js';

const positive = { where: { fieldFilter: { field: { fieldPath: 'n' }, op: 'GREATER_THAN', value: int(0) } } };

/** Listens once, returns the client's state and token, and closes that stream. */
function listenOnce(env: ReturnType<typeof setup>, target: Target) {
  const { transport, stream } = env.open();
  stream.addTarget(target);
  const client = new ClientModel().apply(transport.take());
  stream.close();
  return client;
}

describe('resume tokens', () => {
  it('round-trip and reject anything else', () => {
    const point = { instanceId: 'abc', database: DB, version: 42 };
    const token = encodeResumeToken(point);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeResumeToken(token)).toEqual(point);
    for (const bad of [
      '',
      'x',
      '!!!!',
      'AAAA',
      'a'.repeat(5000),
      42,
      null,
      btoa('k1\nabc\ndb\n-1'),
      btoa('k0\na\nb\n1'),
    ]) {
      expect(decodeResumeToken(bad)).toBeUndefined();
    }
  });

  it('sends only what changed since the token: new, modified, departed and deleted documents', async () => {
    const env = setup();
    await env.commit(
      set('c/keep', { n: int(1) }),
      set('c/mod', { n: int(1) }),
      set('c/out', { n: int(1) }),
      set('c/gone', { n: int(1) }),
    );
    const target = collectionQuery(2, 'c', positive);
    const before = listenOnce(env, target);
    await env.commit(set('c/mod', { n: int(2) }), set('c/out', { n: int(-1) }), set('c/new', { n: int(3) }));
    await env.commit({ delete: docName('c/gone') });
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, resumeToken: before.resumeToken, expectedCount: 4 });
    const sent = transport.take();
    expect(summary(sent)).toEqual([
      'ADD 2',
      'change c/mod +[2]',
      'change c/new +[2]',
      'remove c/out -[2]',
      'delete c/gone -[2]',
      'CURRENT 2',
      'filter 2=3',
      'NO_CHANGE',
    ]);
    const client = before.apply(sent.filter((r) => r.targetChange?.targetChangeType !== 'ADD'));
    expect(client.docs(2)).toEqual(await env.fresh(target));
  });

  it('sends no documents when nothing changed since the token', async () => {
    const env = setup();
    await env.commit(set('c/a', { n: int(1) }));
    const target = { targetId: 4, documents: { documents: [docName('c/a')] } };
    const before = listenOnce(env, target);
    await env.commit(set('other/x', { n: int(1) }));
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, resumeToken: before.resumeToken });
    expect(summary(transport.take())).toEqual(['ADD 4', 'CURRENT 4', 'NO_CHANGE']);
  });

  it('diffs a limit window from the token, letting the next document in', async () => {
    const env = setup();
    await env.commit(...[1, 2, 3].map((n) => set(`c/d${n}`, { n: int(n) })));
    const target = collectionQuery(1, 'c', { orderBy: [{ field: { fieldPath: 'n' } }], limit: 2 });
    const before = listenOnce(env, target);
    await env.commit({ delete: docName('c/d1') });
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, resumeToken: before.resumeToken });
    expect(summary(transport.take())).toEqual([
      'ADD 1',
      'change c/d3 +[1]',
      'delete c/d1 -[1]',
      'CURRENT 1',
      'NO_CHANGE',
    ]);
  });

  it('resets a target whose token is older than the commit log', async () => {
    const env = setup({ commitLogSize: 2 });
    await env.commit(set('c/a', { n: int(1) }));
    const target = collectionQuery(3, 'c');
    const before = listenOnce(env, target);
    for (let i = 0; i < 3; i++) await env.commit(set(`c/x${i}`, { n: int(i) }));
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, resumeToken: before.resumeToken, expectedCount: 1 });
    expect(summary(transport.take())).toEqual([
      'ADD 3',
      'RESET 3',
      'change c/a +[3]',
      'change c/x0 +[3]',
      'change c/x1 +[3]',
      'change c/x2 +[3]',
      'CURRENT 3',
      'NO_CHANGE',
    ]);
  });

  it.each([
    [
      'another run',
      (t: string) => encodeResumeToken({ ...decodeResumeToken(t)!, instanceId: 'someoneelse' }),
    ],
    [
      'another database',
      (t: string) => encodeResumeToken({ ...decodeResumeToken(t)!, database: 'projects/p/databases/other' }),
    ],
    ['the future', (t: string) => encodeResumeToken({ ...decodeResumeToken(t)!, version: 99 })],
    ['nowhere', () => 'bm90IGEgdG9rZW4'],
  ])('resets a target whose token comes from %s', async (_, forge) => {
    const env = setup();
    await env.commit(set('c/a', { n: int(1) }));
    const target = collectionQuery(3, 'c');
    const before = listenOnce(env, target);
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, resumeToken: forge(before.resumeToken) });
    expect(summary(transport.take())).toEqual([
      'ADD 3',
      'RESET 3',
      'change c/a +[3]',
      'CURRENT 3',
      'NO_CHANGE',
    ]);
  });

  it('resumes a token taken before a clear of the database', async () => {
    const env = setup();
    await env.commit(set('c/a', { n: int(1) }));
    const target = collectionQuery(3, 'c');
    const before = listenOnce(env, target);
    env.engine.clearDatabase(DB);
    await env.commit(set('c/b', { n: int(1) }));
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, resumeToken: before.resumeToken });
    expect(summary(transport.take())).toEqual([
      'ADD 3',
      'change c/b +[3]',
      'delete c/a -[3]',
      'CURRENT 3',
      'NO_CHANGE',
    ]);
  });

  it('resumes from a readTime within the log', async () => {
    const env = setup();
    await env.commit(set('c/a', { n: int(1) }));
    const target = collectionQuery(3, 'c');
    const before = listenOnce(env, target);
    await env.commit(set('c/b', { n: int(1) }));
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, readTime: before.readTime });
    expect(summary(transport.take())).toEqual(['ADD 3', 'change c/b +[3]', 'CURRENT 3', 'NO_CHANGE']);
  });

  it('resets a target whose readTime is older than the commit log', async () => {
    const env = setup({ commitLogSize: 1 });
    await env.commit(set('c/a', { n: int(1) }));
    const target = collectionQuery(3, 'c');
    const before = listenOnce(env, target);
    await env.commit(set('c/b', { n: int(1) }));
    await env.commit(set('c/c', { n: int(1) }));
    const { transport, stream } = env.open();
    stream.addTarget({ ...target, readTime: before.readTime });
    expect(summary(transport.take())).toEqual([
      'ADD 3',
      'RESET 3',
      'change c/a +[3]',
      'change c/b +[3]',
      'change c/c +[3]',
      'CURRENT 3',
      'NO_CHANGE',
    ]);
  });
});

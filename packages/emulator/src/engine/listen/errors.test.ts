import type { StructuredQuery, Target } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { docName, int, ROOT, set } from '../test-support.js';
import { ClientModel, collectionQuery, setup, summary } from './test-support.js';

const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;

describe('refused adds and removes', () => {
  it('removes an invalid query with the message runQuery gives, and no ADD', async () => {
    const { open, engine } = setup();
    const structuredQuery: StructuredQuery = {
      from: [{ collectionId: 'c' }],
      where: { fieldFilter: { field: { fieldPath: 'a' }, op: 'IN', value: int(1) } },
    };
    const error = await engine.call('runQuery', { parent: ROOT, structuredQuery }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeDefined();
    const { transport, stream } = open();
    stream.addTarget({ targetId: 2, query: { parent: ROOT, structuredQuery } });
    expect(transport.take()).toEqual([
      {
        targetChange: {
          targetChangeType: 'REMOVE',
          targetIds: [2],
          cause: { code: INVALID_ARGUMENT, message: error!.message },
        },
      },
    ]);
    expect(stream.targetCount).toBe(0);
  });

  it.each<[string, unknown]>([
    ['neither query nor documents', { targetId: 1 }],
    ['both query and documents', { ...collectionQuery(1, 'c'), documents: { documents: [] } }],
    ['a parent in another database', collectionQuery(1, 'c', {}, 'projects/p/databases/other/documents')],
    [
      'a document of another database',
      { targetId: 1, documents: { documents: ['projects/p/databases/other/documents/c/a'] } },
    ],
    ['a malformed document name', { targetId: 1, documents: { documents: [`${ROOT}/c`] } }],
    ['documents that are not a list', { targetId: 1, documents: { documents: 'x' } }],
    ['a structuredQuery that is not an object', { targetId: 1, query: { parent: ROOT, structuredQuery: 5 } }],
    [
      'both resumeToken and readTime',
      { ...collectionQuery(1, 'c'), resumeToken: 'x', readTime: '2020-01-01T00:00:00Z' },
    ],
    ['a negative expectedCount', { ...collectionQuery(1, 'c'), expectedCount: -1 }],
    ['a malformed readTime', { ...collectionQuery(1, 'c'), readTime: 'yesterday' }],
  ])('refuses a target with %s', (_, target) => {
    const { open } = setup();
    const { transport, stream } = open();
    stream.addTarget(target as Target);
    const sent = transport.take();
    expect(summary(sent)).toEqual([`REMOVE 1 cause=${INVALID_ARGUMENT}`]);
    expect(sent[0].targetChange?.cause?.message).toBeTruthy();
  });

  it.each([
    ['a string', 'x'],
    ['a fraction', 1.5],
    ['a negative number', -1],
    ['beyond int32', 2 ** 31],
  ])('refuses a targetId that is %s', (_, targetId) => {
    const { open } = setup();
    const { transport, stream } = open();
    stream.addTarget({ ...collectionQuery(1, 'c'), targetId } as unknown as Target);
    const sent = transport.take();
    expect(sent).toHaveLength(1);
    expect(sent[0].targetChange).toMatchObject({
      targetChangeType: 'REMOVE',
      cause: { code: INVALID_ARGUMENT },
    });
  });

  it('refuses a duplicate targetId and keeps the existing target', async () => {
    const { open, commit } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    stream.addTarget({ targetId: 1, documents: { documents: [docName('d/x')] } });
    const sent = transport.take();
    expect(summary(sent)).toEqual(['ADD 1', 'CURRENT 1', 'NO_CHANGE', `REMOVE 1 cause=${INVALID_ARGUMENT}`]);
    expect(sent[3].targetChange?.cause?.message).toBe('Target ID 1 is already in use on this stream.');
    await commit(set('c/a', { n: int(1) }));
    expect(summary(transport.take())).toEqual(['change c/a +[1]', 'NO_CHANGE']);
  });

  it('answers the target past the limit with RESOURCE_EXHAUSTED naming the limit', () => {
    const { open } = setup();
    const { transport, stream } = open({ maxTargets: 2 });
    for (const id of [1, 2, 3]) stream.addTarget(collectionQuery(id, 'c'));
    const sent = transport.take();
    expect(summary(sent).filter((s) => s.startsWith('ADD') || s.startsWith('REMOVE'))).toEqual([
      'ADD 1',
      'ADD 2',
      `REMOVE 3 cause=${RESOURCE_EXHAUSTED}`,
    ]);
    expect(sent.at(-1)?.targetChange?.cause?.message).toBe(
      'Too many targets on this stream: the limit is 2 (MAX_SUBSCRIPTIONS_PER_CLIENT).',
    );
    stream.removeTarget(1);
    stream.addTarget(collectionQuery(3, 'c'));
    expect(summary(transport.take())).toEqual(['REMOVE 1', 'ADD 3', 'CURRENT 3', 'NO_CHANGE']);
  });

  it('answers the removal of an unknown target with one REMOVE carrying INVALID_ARGUMENT', () => {
    const { open } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    stream.removeTarget(1);
    stream.removeTarget(1);
    const client = new ClientModel().apply(transport.take());
    expect(client.removed).toEqual([
      { targetId: 1 },
      {
        targetId: 1,
        cause: { code: INVALID_ARGUMENT, message: 'Target ID 1 is not listening on this stream.' },
      },
    ]);
  });
});

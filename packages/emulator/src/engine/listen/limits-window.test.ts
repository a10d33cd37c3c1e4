import type { Target, Write } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { docName, int, set } from '../test-support.js';
import { ClientModel, collectionQuery, random, setup, summary } from './test-support.js';

const byN = (direction: 'ASCENDING' | 'DESCENDING' = 'ASCENDING') => [
  { field: { fieldPath: 'n' }, direction },
];

describe('limit windows', () => {
  it('lets the next document in when one leaves a full window', async () => {
    const { open, commit } = setup();
    await commit(...[1, 2, 3, 4].map((n) => set(`c/d${n}`, { n: int(n) })));
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c', { orderBy: byN(), limit: 2 }));
    transport.take();
    await commit({ delete: docName('c/d1') });
    await commit(set('c/d0', { n: int(0) }));
    await commit(set('c/d0', { n: int(9) }));
    expect(summary(transport.take())).toEqual([
      'delete c/d1 -[1]',
      'change c/d3 +[1]',
      'NO_CHANGE',
      'remove c/d3 -[1]',
      'change c/d0 +[1]',
      'NO_CHANGE',
      'change c/d0 +[] -[1]',
      'change c/d3 +[1]',
      'NO_CHANGE',
    ]);
  });

  it('stays exact over random writes for limit, limitToLast, offset and cursor queries', async () => {
    const next = random(7);
    const { open, commit, fresh } = setup();
    const { transport, stream } = open();
    const positive = { fieldFilter: { field: { fieldPath: 'n' }, op: 'GREATER_THAN', value: int(5) } };
    const targets: Target[] = [
      collectionQuery(1, 'c', { orderBy: byN(), limit: 3 }),
      collectionQuery(2, 'c', { orderBy: byN('DESCENDING'), limit: 4, where: positive }),
      collectionQuery(3, 'c', { orderBy: byN(), offset: 2, limit: 3 }),
      collectionQuery(4, 'c', { orderBy: byN(), startAt: { values: [int(4)], before: true }, limit: 2 }),
      collectionQuery(5, 'c', { where: positive }),
      collectionQuery(6, 'c', { orderBy: byN(), limit: 1 }),
      { targetId: 7, documents: { documents: [docName('c/d1'), docName('c/d2')] } },
    ];
    for (const t of targets) stream.addTarget(t);
    const client = new ClientModel().apply(transport.take());
    for (let round = 0; round < 300; round++) {
      const writes: Write[] = [];
      const touched = new Set<number>();
      const count = 1 + Math.floor(next() * 3);
      for (let i = 0; i < count; i++) {
        const id = Math.floor(next() * 12);
        if (touched.has(id)) continue;
        touched.add(id);
        writes.push(
          next() < 0.3
            ? { delete: docName(`c/d${id}`) }
            : set(`c/d${id}`, { n: int(Math.floor(next() * 10)) }),
        );
      }
      await commit(...writes);
      client.apply(transport.take());
      for (const t of targets)
        expect(client.docs(t.targetId), `round ${round} target ${t.targetId}`).toEqual(await fresh(t));
    }
  });
});

import type { Target, Write } from '@kindling/core';
import { describe, expect, it, vi } from 'vitest';
import { docName, int, set } from '../test-support.js';
import { ClientModel, collectionQuery, random, setup, summary } from './test-support.js';

const CONGESTED = 1_000_000;
const byN = [{ field: { fieldPath: 'n' } }];

describe('backpressure', () => {
  it('queues while the socket is full, coalescing each document to its latest state behind one marker', async () => {
    const { open, commit, fresh } = setup();
    const { transport, stream } = open();
    const target = collectionQuery(1, 'c');
    stream.addTarget(target);
    const client = new ClientModel().apply(transport.take());
    transport.buffered = CONGESTED;
    for (let i = 0; i < 10; i++) await commit(set(`c/${i % 2 ? 'a' : 'b'}`, { n: int(i) }));
    await commit({ delete: docName('c/b') });
    expect(transport.sent).toEqual([]);
    expect(stream.buffered).toBe(3);
    transport.buffered = 0;
    await vi.waitFor(() => expect(stream.settled).toBe(true));
    const sent = transport.take();
    // c/b was created and deleted while queued: the client never hears of it.
    expect(summary(sent)).toEqual(['change c/a +[1]', 'NO_CHANGE']);
    expect(sent[0].documentChange?.document.fields).toEqual({ n: int(9) });
    expect(client.apply(sent).docs(1)).toEqual(await fresh(target));
  });

  it('keeps frames in order around a target added and removed while congested', async () => {
    const { open, commit, fresh } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    const client = new ClientModel().apply(transport.take());
    transport.buffered = CONGESTED;
    await commit(set('c/a', { n: int(1) }));
    stream.addTarget(collectionQuery(2, 'c'));
    await commit(set('c/a', { n: int(2) }));
    stream.removeTarget(1);
    await commit(set('c/b', { n: int(3) }));
    transport.buffered = 0;
    await vi.waitFor(() => expect(stream.settled).toBe(true));
    const sent = transport.take();
    expect(summary(sent)).toEqual([
      'change c/a +[1]',
      'NO_CHANGE',
      'ADD 2',
      'change c/a +[2]',
      'CURRENT 2',
      // The add's marker merged into the next commit's: one snapshot instead of two.
      'change c/a +[1,2]',
      'NO_CHANGE',
      'REMOVE 1',
      'change c/b +[2]',
      'NO_CHANGE',
    ]);
    expect(client.apply(sent).docs(2)).toEqual(await fresh(collectionQuery(2, 'c')));
  });

  it('bounds the buffer, then resyncs stale targets from what was delivered while a fast reader gets everything', async () => {
    const { open, commit, fresh } = setup();
    const slow = open({ eventBufferSize: 5 });
    const fast = open({ eventBufferSize: 5 });
    await commit(...[1, 2, 3, 4].map((n) => set(`c/d${n}`, { n: int(n) })));
    const targets: Target[] = [
      collectionQuery(1, 'c'),
      collectionQuery(2, 'c', { orderBy: byN, limit: 2 }),
      { targetId: 3, documents: { documents: [docName('c/d1'), docName('c/d9')] } },
    ];
    for (const t of targets) {
      slow.stream.addTarget(t);
      fast.stream.addTarget(t);
    }
    const slowClient = new ClientModel().apply(slow.transport.take());
    const fastClient = new ClientModel().apply(fast.transport.take());
    slow.transport.buffered = CONGESTED;
    let most = 0;
    for (let i = 0; i < 30; i++) {
      const writes: Write[] = [set(`c/x${i}`, { n: int(i - 10) })];
      if (i === 3) writes.push({ delete: docName('c/d1') });
      if (i === 7) writes.push(set('c/d2', { n: int(100) }));
      if (i === 9) writes.push(set('c/d9', { n: int(9) }));
      await commit(...writes);
      most = Math.max(most, slow.stream.buffered);
      fastClient.apply(fast.transport.take());
      for (const t of targets) expect(fastClient.docs(t.targetId)).toEqual(await fresh(t));
      if (i === 12) slow.stream.addTarget(collectionQuery(4, 'c', { orderBy: byN, limit: 1 }));
      if (i === 20) slow.stream.removeTarget(3);
    }
    expect(most).toBeLessThanOrEqual(5);
    expect(slow.transport.sent).toEqual([]);
    slow.transport.buffered = 0;
    await vi.waitFor(() => expect(slow.stream.settled).toBe(true));
    const sent = slow.transport.take();
    slowClient.apply(sent);
    expect(summary(sent).filter((s) => /^(ADD|REMOVE|RESET|CURRENT)/.test(s))).toEqual([
      'ADD 4',
      'REMOVE 3',
      'CURRENT 4',
    ]);
    expect(summary(sent).at(-1)).toBe('NO_CHANGE');
    expect(slowClient.docs(1)).toEqual(await fresh(targets[0]));
    expect(slowClient.docs(2)).toEqual(await fresh(targets[1]));
    expect(slowClient.docs(4)).toEqual(await fresh(collectionQuery(4, 'c', { orderBy: byN, limit: 1 })));
    expect(slowClient.targets.has(3)).toBe(false);
    // The resync sends only what differs from what the client held: untouched documents are not re-sent.
    expect(sent.some((r) => r.documentChange?.document.name === docName('c/d3'))).toBe(false);
  });

  it('ends a randomly slow reader in exactly the state of a fresh query', async () => {
    const next = random(11);
    const { open, commit, fresh } = setup();
    const slow = open({ eventBufferSize: 8 });
    let room = 0;
    slow.transport.onSend = () => {
      room--;
      if (room <= 0) slow.transport.buffered = CONGESTED;
    };
    const targets: Target[] = [
      collectionQuery(1, 'c'),
      collectionQuery(2, 'c', { orderBy: byN, limit: 3 }),
      collectionQuery(3, 'c', {
        orderBy: [{ field: { fieldPath: 'n' }, direction: 'DESCENDING' }],
        limit: 2,
      }),
      collectionQuery(4, 'c', {
        where: { fieldFilter: { field: { fieldPath: 'n' }, op: 'LESS_THAN', value: int(5) } },
      }),
      { targetId: 5, documents: { documents: [docName('c/d1'), docName('c/d2'), docName('c/d3')] } },
    ];
    room = 1000;
    for (const t of targets) slow.stream.addTarget(t);
    const client = new ClientModel();
    for (let round = 0; round < 400; round++) {
      const id = Math.floor(next() * 15);
      await commit(
        next() < 0.25
          ? { delete: docName(`c/d${id}`) }
          : set(`c/d${id}`, { n: int(Math.floor(next() * 10)) }),
      );
      expect(slow.stream.buffered).toBeLessThanOrEqual(8);
      if (next() < 0.2) {
        room = Math.floor(next() * 6);
        slow.transport.buffered = room > 0 ? 0 : CONGESTED;
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      client.apply(slow.transport.take());
    }
    slow.transport.onSend = undefined;
    slow.transport.buffered = 0;
    await vi.waitFor(() => expect(slow.stream.settled).toBe(true));
    client.apply(slow.transport.take());
    for (const t of targets) expect(client.docs(t.targetId), `target ${t.targetId}`).toEqual(await fresh(t));
  });

  it('sends nothing after close and stops polling', async () => {
    const { open, commit } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    transport.take();
    transport.buffered = CONGESTED;
    await commit(set('c/a', { n: int(1) }));
    stream.close();
    transport.buffered = 0;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(transport.sent).toEqual([]);
  });

  it('re-sends CURRENT and the existence filter an overflow dropped', async () => {
    const env = setup();
    await env.commit(...[1, 2, 3, 4].map((n) => set(`c/d${n}`, { n: int(n) })));
    const target = collectionQuery(1, 'c');
    const first = env.open();
    first.stream.addTarget(target);
    const before = new ClientModel().apply(first.transport.take());
    first.stream.close();
    await env.commit(...[5, 6, 7].map((n) => set(`c/d${n}`, { n: int(n) })), { delete: docName('c/d1') });
    const { transport, stream } = env.open({ eventBufferSize: 2 });
    transport.buffered = CONGESTED;
    stream.addTarget({ ...target, resumeToken: before.resumeToken, expectedCount: 4 });
    expect(stream.buffered).toBe(1);
    transport.buffered = 0;
    await vi.waitFor(() => expect(stream.settled).toBe(true));
    const sent = transport.take();
    expect(summary(sent)).toEqual([
      'ADD 1',
      'change c/d5 +[1]',
      'change c/d6 +[1]',
      'change c/d7 +[1]',
      'delete c/d1 -[1]',
      'CURRENT 1',
      'filter 1=6',
      'NO_CHANGE',
    ]);
    expect(before.apply(sent.slice(1)).docs(1)).toEqual(await env.fresh(target));
  });

  it('closes a stream whose transport throws without failing the commit or starving others', async () => {
    const { open, commit } = setup();
    const broken = open();
    const healthy = open();
    broken.stream.addTarget(collectionQuery(1, 'c'));
    healthy.stream.addTarget(collectionQuery(1, 'c'));
    healthy.transport.take();
    broken.transport.onSend = () => {
      throw new Error('socket gone');
    };
    await commit(set('c/a', { n: int(1) }));
    await commit(set('c/b', { n: int(1) }));
    expect(summary(healthy.transport.take())).toEqual([
      'change c/a +[1]',
      'NO_CHANGE',
      'change c/b +[1]',
      'NO_CHANGE',
    ]);
    expect(broken.stream.targetCount).toBe(0);
  });

  it('closes a stream whose transport throws while draining', async () => {
    const { open, commit } = setup();
    const { transport, stream } = open();
    stream.addTarget(collectionQuery(1, 'c'));
    transport.buffered = CONGESTED;
    await commit(set('c/a', { n: int(1) }));
    transport.onSend = () => {
      throw new Error('socket gone');
    };
    transport.buffered = 0;
    await vi.waitFor(() => expect(stream.targetCount).toBe(0));
  });
});

import type { Document, ListenFrame } from '@kindling/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Connection } from './connection.js';
import { type FakeServer, type FakeSocket, installFakeServer, until } from './test-support.js';
import type { RemoteEvent, TargetUpdate } from './watch-aggregator.js';
import { WatchStream } from './watch-stream.js';

const database = 'projects/p/databases/(default)';
const url = 'ws://127.0.0.1:1/kindling';
const query = {
  query: { parent: `${database}/documents`, structuredQuery: { from: [{ collectionId: 'c' }] } },
};

const doc = (id: string, version: number, created = 1): Document => ({
  name: `${database}/documents/c/${id}`,
  fields: { v: { integerValue: String(version) } },
  createTime: `2020-01-01T00:00:0${created}Z`,
  updateTime: `2020-01-01T00:00:0${version}Z`,
});
const name = (id: string) => `${database}/documents/c/${id}`;
const ids = (names: Iterable<string>) => [...names].map((n) => n.split('/').pop()).sort();

/** A TargetUpdate in a form that compares well: ids instead of names, versions instead of documents. */
function summary(update: TargetUpdate | undefined) {
  if (!update) return undefined;
  const versions = (docs: ReadonlyMap<string, Document>) =>
    Object.fromEntries(
      [...docs].map(([n, d]) => [
        n.split('/').pop(),
        (d.fields?.v as { integerValue?: string } | undefined)?.integerValue,
      ]),
    );
  return {
    documents: versions(update.documents),
    added: ids(update.added),
    modified: ids(update.modified),
    removed: ids(update.removed),
    previous: versions(update.previous),
    current: update.current,
    reset: update.reset,
    resumeToken: update.resumeToken,
  };
}

const add = (id: number) => ({ targetChange: { targetChangeType: 'ADD' as const, targetIds: [id] } });
const current = (id: number, resumeToken = 'c') => ({
  targetChange: { targetChangeType: 'CURRENT' as const, targetIds: [id], resumeToken },
});
const marker = (resumeToken: string) => ({
  targetChange: { targetChangeType: 'NO_CHANGE' as const, readTime: `read-${resumeToken}`, resumeToken },
});
const change = (document: Document, targetIds: number[], removedTargetIds?: number[]) => ({
  documentChange: { document, targetIds, ...(removedTargetIds ? { removedTargetIds } : {}) },
});

describe('WatchStream', () => {
  let server: FakeServer;
  let connection: Connection;
  let stream: WatchStream;
  let events: RemoteEvent[];
  const listens = (...on: Array<FakeSocket | undefined>): ListenFrame[] =>
    server.listens.filter((l) => on.length === 0 || l.socket === on[0]).map((l) => l.frame);
  const socketNo = (n: number) => server.sockets[n];

  beforeEach(async () => {
    server = installFakeServer();
    connection = new Connection({ url, database, backoff: { initialDelayMs: 1, maxDelayMs: 2 } });
    stream = new WatchStream(connection, database);
    events = [];
    stream.events$.subscribe((e) => events.push(e));
  });
  afterEach(() => {
    connection.close();
    server.uninstall();
  });

  async function listenOnline(id = stream.nextTargetId(), token?: string) {
    stream.listen(id, query, token);
    await until(() => listens().length > 0);
    return id;
  }

  it('adds the target, aggregates changes up to the global marker and raises one event', async () => {
    const id = await listenOnline();
    expect(listens()).toEqual([{ type: 'listen', addTarget: { ...query, targetId: id } }]);
    const socket = socketNo(0);
    socket.listen(add(id), change(doc('a', 1), [id]), change(doc('b', 1), [id]));
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual([]);
    socket.listen(current(id), marker('m1'));
    await until(() => events.length === 1);
    expect(events[0].seq).toBe(6);
    expect(events[0].readTime).toBe('read-m1');
    expect(summary(events[0].targets.get(id))).toEqual({
      documents: { a: '1', b: '1' },
      added: ['a', 'b'],
      modified: [],
      removed: [],
      previous: {},
      current: true,
      reset: false,
      resumeToken: 'm1',
    });
    socket.listen(
      change(doc('a', 2), [id]),
      { documentDelete: { document: name('b'), removedTargetIds: [id] } },
      change(doc('c', 3), [id]),
      marker('m2'),
    );
    await until(() => events.length === 2);
    expect(summary(events[1].targets.get(id))).toEqual({
      documents: { a: '2', c: '3' },
      added: ['c'],
      modified: ['a'],
      removed: ['b'],
      previous: { a: '1', b: '1' },
      current: true,
      reset: false,
      resumeToken: 'm2',
    });
  });

  it('raises every marker, with only the targets that changed', async () => {
    const id = await listenOnline();
    socketNo(0).listen(add(id), current(id), marker('m1'), marker('m2'));
    await until(() => events.length === 2);
    expect(summary(events[0].targets.get(id))?.current).toBe(true);
    expect(events[1].targets.size).toBe(0);
  });

  it('re-adds targets after a reconnect with the last token and count, dropping unraised changes', async () => {
    const id = await listenOnline();
    const first = socketNo(0);
    first.listen(add(id), change(doc('a', 1), [id]), current(id), marker('m1'));
    await until(() => events.length === 1);
    first.listen(change(doc('a', 2), [id]));
    await new Promise((r) => setTimeout(r, 5));
    first.drop();
    await until(() => listens(socketNo(1)).length === 1);
    expect(listens(socketNo(1))).toEqual([
      { type: 'listen', addTarget: { ...query, targetId: id, resumeToken: 'm1', expectedCount: 1 } },
    ]);
    socketNo(1).listen(add(id), change(doc('a', 2), [id]), current(id), {
      filter: { targetId: id, count: 1 },
    });
    socketNo(1).listen(marker('m3'));
    await until(() => events.length === 2);
    expect(summary(events[1].targets.get(id))).toMatchObject({
      documents: { a: '2' },
      added: [],
      modified: ['a'],
      previous: { a: '1' },
      reset: false,
      resumeToken: 'm3',
    });
  });

  it('advances a resume token only at a marker after CURRENT', async () => {
    const id = await listenOnline();
    socketNo(0).listen(add(id), change(doc('a', 1), [id]), marker('m1'));
    await until(() => events.length === 1);
    expect(events[0].targets.size).toBe(0);
    socketNo(0).drop();
    await until(() => listens(socketNo(1)).length === 1);
    expect(listens(socketNo(1))[0].addTarget).toEqual({ ...query, targetId: id });
  });

  it('turns a RESET into a replacement of the result, diffed against what was raised', async () => {
    const id = await listenOnline();
    socketNo(0).listen(
      add(id),
      change(doc('a', 1), [id]),
      change(doc('b', 1), [id]),
      current(id),
      marker('m1'),
    );
    await until(() => events.length === 1);
    socketNo(0).drop();
    await until(() => listens(socketNo(1)).length === 1);
    socketNo(1).listen(
      add(id),
      { targetChange: { targetChangeType: 'RESET', targetIds: [id] } },
      change(doc('b', 1), [id]),
      change(doc('c', 2), [id]),
      marker('early'),
      current(id),
      marker('m2'),
    );
    await until(() => events.length === 3);
    expect(events[1].targets.size).toBe(0);
    expect(summary(events[2].targets.get(id))).toEqual({
      documents: { b: '1', c: '2' },
      added: ['c'],
      modified: [],
      removed: ['a'],
      previous: { a: '1' },
      current: true,
      reset: true,
      resumeToken: 'm2',
    });
  });

  it('re-listens without a token when the existence filter disagrees', async () => {
    const id = await listenOnline();
    socketNo(0).listen(add(id), change(doc('a', 1), [id]), current(id), marker('m1'));
    await until(() => events.length === 1);
    socketNo(0).drop();
    await until(() => listens(socketNo(1)).length === 1);
    const socket = socketNo(1);
    socket.listen(add(id), current(id), { filter: { targetId: id, count: 2 } });
    await until(() => listens(socket).length === 3);
    expect(listens(socket).slice(1)).toEqual([
      { type: 'listen', removeTarget: id },
      { type: 'listen', addTarget: { ...query, targetId: id } },
    ]);
    // Frames for the old incarnation (before its REMOVE and the new ADD) are ignored.
    socket.listen(marker('stale'), { targetChange: { targetChangeType: 'REMOVE', targetIds: [id] } });
    socket.listen(change(doc('zzz', 9), [id]), add(id), change(doc('a', 1), [id]), change(doc('b', 1), [id]));
    socket.listen(current(id), marker('m2'));
    await until(() => events.length === 3);
    expect(events[1].targets.size).toBe(0);
    expect(summary(events[2].targets.get(id))).toMatchObject({
      documents: { a: '1', b: '1' },
      added: ['b'],
      reset: true,
      resumeToken: 'm2',
    });
  });

  it('reports a REMOVE with a cause and drops the target', async () => {
    const errors: Array<{ targetId: number; code: string; message: string }> = [];
    stream.targetErrors$.subscribe(({ targetId, error }) =>
      errors.push({ targetId, code: error.code, message: error.message }),
    );
    const id = await listenOnline();
    socketNo(0).listen({
      targetChange: { targetChangeType: 'REMOVE', targetIds: [id], cause: { code: 7, message: 'denied' } },
    });
    await until(() => errors.length === 1);
    expect(errors).toEqual([{ targetId: id, code: 'permission-denied', message: 'denied' }]);
    socketNo(0).drop();
    await new Promise((r) => setTimeout(r, 20));
    expect(server.sockets).toHaveLength(1);
  });

  it('unlistens, ignores the acknowledging REMOVE and later frames for it, and releases the connection', async () => {
    const id = await listenOnline();
    const other = await listenOnline(stream.nextTargetId());
    const socket = socketNo(0);
    socket.listen(add(id), add(other), current(id), current(other), marker('m1'));
    await until(() => events.length === 1);
    stream.unlisten(id);
    expect(listens().at(-1)).toEqual({ type: 'listen', removeTarget: id });
    socket.listen(change(doc('a', 1), [id, other]), {
      targetChange: { targetChangeType: 'REMOVE', targetIds: [id] },
    });
    socket.listen(marker('m2'));
    await until(() => events.length === 2);
    expect([...events[1].targets.keys()]).toEqual([other]);
    stream.unlisten(other);
    socket.drop();
    await new Promise((r) => setTimeout(r, 20));
    expect(server.sockets).toHaveLength(1);
  });

  it('sends targets listened while offline once connected', async () => {
    server.refuse = 2;
    const id = stream.nextTargetId();
    stream.listen(id, query);
    await until(() => listens().length === 1);
    expect(server.sockets).toHaveLength(3);
    expect(listens()).toEqual([{ type: 'listen', addTarget: { ...query, targetId: id } }]);
  });

  it('reports removals of unknown documents when resumed from a kept token', async () => {
    const id = await listenOnline(1, 'kept');
    expect(listens()[0].addTarget).toEqual({ ...query, targetId: 1, resumeToken: 'kept' });
    socketNo(0).listen(
      add(id),
      change(doc('new', 3, 3), [id]),
      change(doc('old', 3, 1), [id]),
      { documentRemove: { document: name('gone'), removedTargetIds: [id] } },
      current(id),
      marker('m1'),
    );
    await until(() => events.length === 1);
    expect(summary(events[0].targets.get(id))).toMatchObject({
      added: ['new'],
      modified: ['old'],
      removed: ['gone'],
      reset: false,
    });
  });

  it('re-adds its targets after disableNetwork / enableNetwork, from the last marker', async () => {
    const id = await listenOnline();
    socketNo(0).listen(add(id), change(doc('a', 1), [id]), current(id), marker('m1'));
    await until(() => events.length === 1);
    connection.disableNetwork();
    const other = stream.nextTargetId();
    stream.listen(other, query);
    expect(listens()).toHaveLength(1);
    connection.enableNetwork();
    await until(() => listens(socketNo(1)).length === 2);
    expect(listens(socketNo(1))).toEqual([
      { type: 'listen', addTarget: { ...query, targetId: id, resumeToken: 'm1', expectedCount: 1 } },
      { type: 'listen', addTarget: { ...query, targetId: other } },
    ]);
  });
});

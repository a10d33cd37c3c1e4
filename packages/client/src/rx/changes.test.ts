import type { Document, ListenResponse } from '@kindling/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initializeApp } from '../api/app.js';
import { connectFirestoreEmulator, type Firestore, getFirestore, terminate } from '../api/database.js';
import { limitToLast, orderBy, query } from '../api/query.js';
import { collection, doc } from '../api/reference.js';
import { type FakeServer, installFakeServer, until } from '../remote/test-support.js';
import { type ChangeEvent, changes } from './changes.js';
import { connectionState } from './connection-state.js';

let counter = 0;
const database = 'projects/p/databases/(default)';
const item = (id: string, v: number, created = v): Document => ({
  name: `${database}/documents/c/${id}`,
  fields: { v: { integerValue: String(v) } },
  createTime: `2020-01-01T00:00:${String(created).padStart(2, '0')}Z`,
  updateTime: `2020-01-01T00:00:${String(v).padStart(2, '0')}Z`,
});
const marker = (token: string): ListenResponse => ({
  targetChange: { targetChangeType: 'NO_CHANGE', readTime: `rt-${token}`, resumeToken: token },
});
const brief = (e: ChangeEvent) =>
  e.type === 'reset'
    ? 'reset'
    : `${e.type} ${e.doc.id} ${JSON.stringify(e.doc.data() ?? null)}${'oldData' in e ? ` old ${JSON.stringify(e.oldData)}` : ''} @${e.resumeToken}`;

describe('changes()', () => {
  let server: FakeServer;
  let db: Firestore;

  beforeEach(() => {
    server = installFakeServer();
    db = getFirestore(initializeApp({ projectId: 'p' }, `changes-${++counter}`));
    connectFirestoreEmulator(db, '127.0.0.1', 1);
  });
  afterEach(async () => {
    await terminate(db);
    server.uninstall();
  });

  /** Answers the target's add like the server: ADD, the documents, CURRENT, a marker. */
  function answerAdds(docs: Document[], token = 't1', reset = false) {
    server.onListen = (socket, frame) => {
      const id = frame.addTarget?.targetId;
      if (id === undefined) return;
      socket.listen({ targetChange: { targetChangeType: 'ADD', targetIds: [id] } });
      if (reset) socket.listen({ targetChange: { targetChangeType: 'RESET', targetIds: [id] } });
      for (const d of docs) socket.listen({ documentChange: { document: d, targetIds: [id] } });
      socket.listen({ targetChange: { targetChangeType: 'CURRENT', targetIds: [id] } }, marker(token));
    };
  }

  it('delivers the initial set as added, then changes with old data and resume tokens', async () => {
    answerAdds([item('b', 2), item('a', 1)]);
    const seen: string[] = [];
    const sub = changes(query(collection(db, 'c'), orderBy('v')), { includeOldData: true }).subscribe((e) =>
      seen.push(brief(e)),
    );
    await until(() => seen.length === 2);
    const { socket, frame } = server.listens[0];
    expect(frame.addTarget?.query?.structuredQuery.orderBy?.[0].field.fieldPath).toBe('v');
    const id = frame.addTarget!.targetId;
    socket.listen(
      { documentChange: { document: item('a', 3, 1), targetIds: [id] } },
      { documentDelete: { document: item('b', 2).name, removedTargetIds: [id] } },
      marker('t2'),
    );
    await until(() => seen.length === 4);
    expect(seen).toEqual([
      'added a {"v":1} @',
      'added b {"v":2} @t1',
      'removed b {"v":2} old {"v":2} @t1',
      'modified a {"v":3} old {"v":1} @t2',
    ]);
    sub.unsubscribe();
    await until(() => server.listens.length === 2);
    expect(server.listens[1].frame).toEqual({ type: 'listen', removeTarget: id });
  });

  it('sends a kept resume token and turns a RESET into one reset event then the full set', async () => {
    answerAdds([item('a', 1)], 't9', true);
    const seen: string[] = [];
    changes(doc(db, 'c/a'), { resumeToken: 'old' }).subscribe((e) => seen.push(brief(e)));
    await until(() => seen.length === 2);
    expect(server.listens[0].frame.addTarget).toEqual({
      documents: { documents: [`${database}/documents/c/a`] },
      targetId: server.listens[0].frame.addTarget?.targetId,
      resumeToken: 'old',
    });
    expect(seen).toEqual(['reset', 'added a {"v":1} @t9']);
  });

  it('shows limitToLast results in the query order', async () => {
    answerAdds([item('b', 2), item('a', 1)]);
    const seen: string[] = [];
    changes(query(collection(db, 'c'), orderBy('v'), limitToLast(2))).subscribe((e) => seen.push(brief(e)));
    await until(() => seen.length === 2);
    expect(seen.map((s) => s.split(' ')[1])).toEqual(['a', 'b']);
  });

  it('errors when the server removes the target with a cause', async () => {
    server.onListen = (socket, frame) => {
      const id = frame.addTarget?.targetId;
      if (id === undefined) return;
      socket.listen({
        targetChange: {
          targetChangeType: 'REMOVE',
          targetIds: [id],
          cause: { code: 8, message: 'too many' },
        },
      });
    };
    const error = await new Promise<any>((resolve) =>
      changes(collection(db, 'c')).subscribe({ error: resolve }),
    );
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'resource-exhausted',
      message: 'too many',
    });
  });

  it('coalesces the oldest changes of a document for a subscriber that falls behind, losing none', async () => {
    answerAdds([item('a', 1), item('b', 1)]);
    const seen: string[] = [];
    let block = true;
    changes(collection(db, 'c'), { bufferSize: 2, includeOldData: true }).subscribe((e) => {
      seen.push(brief(e));
      if (block && e.type !== 'reset' && e.doc.id === 'b') {
        block = false;
        // A slow subscriber: while it works, the server keeps sending.
        const { socket, frame } = server.listens[0];
        const id = frame.addTarget!.targetId;
        for (let v = 2; v <= 5; v++) {
          socket.listen({ documentChange: { document: item('a', v, 1), targetIds: [id] } }, marker(`a${v}`));
        }
        socket.listen({ documentChange: { document: item('c', 6), targetIds: [id] } }, marker('c6'));
        const until = Date.now() + 30;
        while (Date.now() < until) {}
      }
    });
    await until(() => seen.includes('added c {"v":6} @c6'));
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([
      'added a {"v":1} @',
      'added b {"v":1} @t1',
      'modified a {"v":5} old {"v":1} @a5',
      'added c {"v":6} @c6',
    ]);
  });

  it('completes when the instance is terminated', async () => {
    answerAdds([]);
    let completed = false;
    changes(collection(db, 'c')).subscribe({ complete: () => (completed = true) });
    await until(() => server.listens.length === 1);
    await terminate(db);
    expect(completed).toBe(true);
  });

  it('reports the connection state', async () => {
    answerAdds([]);
    const states: string[] = [];
    connectionState(db).subscribe((s) => states.push(s));
    changes(collection(db, 'c')).subscribe();
    await until(() => states.at(-1) === 'online');
    expect(states).toEqual(['offline', 'connecting', 'online']);
  });
});

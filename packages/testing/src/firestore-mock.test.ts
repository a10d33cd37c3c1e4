import './node-websocket.js';
import {
  type ConnectionState,
  collection,
  connectFirestoreEmulator,
  connectionState,
  doc,
  type Firestore,
  getDoc,
  getDocs,
  getFirestore,
  initializeApp,
  onSnapshot,
  orderBy,
  type QuerySnapshot,
  query,
  setDoc,
  terminate,
} from '@kindling/client';
import { deleteApp, initializeApp as initializeFirebaseApp } from 'firebase/app';
import * as lite from 'firebase/firestore/lite';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFirestoreMock, type FirestoreMock } from './index.js';

const mock = createFirestoreMock({ projectId: 'demo-mock' });
const other = createFirestoreMock({ projectId: 'demo-mock' });
const server = setupServer(...mock.handlers, ...other.handlers);
const clients: Firestore[] = [];
let apps = 0;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  await Promise.all(clients.splice(0).map((db) => terminate(db)));
  mock.clear();
  other.clear();
});
afterAll(() => server.close());

function client(target: FirestoreMock = mock): Firestore {
  const db = getFirestore(initializeApp({ projectId: target.projectId }, `mock-test-${++apps}`));
  connectFirestoreEmulator(db, target.host, target.port);
  clients.push(db);
  return db;
}

/** Resolves with the first snapshot `test` accepts. */
function snapshotWhere(db: Firestore, path: string, test: (s: QuerySnapshot) => boolean) {
  return new Promise<QuerySnapshot>((resolve, reject) => {
    const stop = onSnapshot(
      collection(db, path),
      (s) => {
        if (!test(s)) return;
        stop();
        resolve(s);
      },
      reject,
    );
  });
}

const rows = (s: QuerySnapshot) => s.docs.map((d) => ({ id: d.id, ...d.data() }));

describe('createFirestoreMock over the WebSocket protocol', () => {
  it('serves seeded documents to queries and listeners, and delivers writes to other clients', async () => {
    await mock.seed({ 'rooms/a': { n: 1 }, 'rooms/b': { n: 2 }, 'other/x': { n: 9 } });
    const db = client();
    const sorted = query(collection(db, 'rooms'), orderBy('n', 'desc'));
    expect(rows(await getDocs(sorted))).toEqual([
      { id: 'b', n: 2 },
      { id: 'a', n: 1 },
    ]);
    const seen = snapshotWhere(db, 'rooms', (s) => s.size === 3);
    await setDoc(doc(client(), 'rooms/c'), { n: 3 });
    expect(rows(await seen)).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'c', n: 3 },
    ]);
  });

  it('keeps each mock its own database, and clear() empties it', async () => {
    await mock.seed({ 'c/d': { from: 'mock' } });
    expect((await getDoc(doc(client(other), 'c/d'))).exists()).toBe(false);
    expect((await getDoc(doc(client(), 'c/d'))).data()).toEqual({ from: 'mock' });
    mock.clear();
    expect((await getDoc(doc(client(), 'c/d'))).exists()).toBe(false);
  });

  it('disconnect() cuts the socket; the client reconnects and its listener resumes', async () => {
    const db = client();
    const states: ConnectionState[] = [];
    const watching = connectionState(db).subscribe((s) => states.push(s));
    await snapshotWhere(db, 'live', (s) => s.size === 0);
    expect(mock.connections).toBe(1);
    mock.disconnect();
    const resumed = snapshotWhere(db, 'live', (s) => s.docs.some((d) => d.id === 'after'));
    await mock.seed({ 'live/after': { v: 1 } });
    expect(rows(await resumed)).toEqual([{ id: 'after', v: 1 }]);
    expect(states).toEqual(['offline', 'connecting', 'online', 'offline', 'connecting', 'online']);
    expect(mock.connections).toBe(1);
    watching.unsubscribe();
  });
});

describe('createFirestoreMock with security rules', () => {
  const secured = createFirestoreMock({
    projectId: 'demo-rules',
    rules: `rules_version = '2';
      service cloud.firestore {
        match /databases/{database}/documents {
          match /notes/{id} {
            allow read: if request.auth != null;
            allow create: if request.auth.uid == request.resource.data.owner;
            allow update, delete: if request.auth.uid == resource.data.owner;
          }
        }
      }`,
  });
  beforeAll(() => server.use(...secured.handlers));

  function as(uid: string | null): Firestore {
    const db = getFirestore(initializeApp({ projectId: secured.projectId }, `mock-test-${++apps}`));
    connectFirestoreEmulator(db, secured.host, secured.port, uid ? { mockUserToken: { sub: uid } } : {});
    clients.push(db);
    return db;
  }

  it('enforces them on clients while seed() bypasses them', async () => {
    await secured.seed({ 'notes/n1': { owner: 'alice', text: 'hi' } });
    const [anonymous, alice, bob] = [as(null), as('alice'), as('bob')];
    await expect(getDoc(doc(anonymous, 'notes/n1'))).rejects.toMatchObject({ code: 'permission-denied' });
    expect((await getDoc(doc(bob, 'notes/n1'))).data()).toEqual({ owner: 'alice', text: 'hi' });
    await expect(setDoc(doc(bob, 'notes/n1'), { owner: 'bob' })).rejects.toMatchObject({
      code: 'permission-denied',
    });
    await setDoc(doc(alice, 'notes/n1'), { owner: 'alice', text: 'edited' });
    expect((await getDoc(doc(bob, 'notes/n1'))).get('text')).toBe('edited');
  });
});

describe('faults on demand', () => {
  it('fails the next matching request only, with the code asked for', async () => {
    const db = client();
    mock.fail('commit', 'permission-denied');
    await expect(setDoc(doc(db, 'c/1'), { v: 1 })).rejects.toMatchObject({
      code: 'permission-denied',
      message: "Injected by mock.fail('commit', 'permission-denied').",
    });
    await setDoc(doc(db, 'c/2'), { v: 2 });
    mock.fail('runQuery', 'internal', 'boom');
    await expect(getDocs(collection(db, 'c'))).rejects.toMatchObject({ code: 'internal', message: 'boom' });
    expect(rows(await getDocs(collection(db, 'c')))).toEqual([{ id: '2', v: 2 }]);
  });

  it('fails the next listen with a removal carrying the code, which reaches the error callback', async () => {
    const db = client();
    mock.fail('listen', 'permission-denied');
    const error = await new Promise<{ code: string }>((resolve) =>
      onSnapshot(collection(db, 'c'), () => {}, resolve),
    );
    expect(error.code).toBe('permission-denied');
    await expect(snapshotWhere(db, 'c', () => true)).resolves.toMatchObject({ size: 0 });
  });

  it('refuses unknown methods and codes', () => {
    expect(() => mock.fail('get' as never, 'internal')).toThrow('Unknown method "get".');
    expect(() => mock.fail('commit', 'ok' as never)).toThrow('Unknown Firestore error code "ok".');
  });
});

describe('createFirestoreMock over REST v1 (firebase/firestore/lite)', () => {
  const app = initializeFirebaseApp({ projectId: 'demo-mock' }, 'lite-on-mock');
  const db = lite.getFirestore(app);
  lite.connectFirestoreEmulator(db, mock.host, mock.port);
  // The SDK logs every failed RPC; the faults below are on purpose.
  lite.setLogLevel('silent');
  afterAll(() => deleteApp(app));

  it('reads and writes the same engine the WebSocket clients use', async () => {
    await mock.seed({ 'books/a': { title: 'A', year: 1999 } });
    expect((await lite.getDoc(lite.doc(db, 'books/a'))).data()).toEqual({ title: 'A', year: 1999 });
    await lite.setDoc(lite.doc(db, 'books/b'), { title: 'B', year: 2001 });
    const recent = lite.query(lite.collection(db, 'books'), lite.where('year', '>', 2000));
    expect((await lite.getDocs(recent)).docs.map((d) => d.id)).toEqual(['b']);
    expect((await getDoc(doc(client(), 'books/b'))).data()).toEqual({ title: 'B', year: 2001 });
  });

  it("answers a faulted REST call with Google's error body and the code's HTTP status", async () => {
    await mock.seed({ 'books/a': { title: 'A' } });
    const url = `http://${mock.host}:${mock.port}/v1/projects/demo-mock/databases/(default)/documents/books`;
    mock.fail('listDocuments', 'unavailable', 'try later');
    const refused = await fetch(url);
    expect([refused.status, await refused.json()]).toEqual([
      503,
      { error: { code: 503, message: 'try later', status: 'UNAVAILABLE' } },
    ]);
    const listed = await fetch(url);
    expect((await listed.json()).documents.map((d: { name: string }) => d.name.split('/').pop())).toEqual([
      'a',
    ]);
  });

  it('fails the next matching REST request with the code asked for', async () => {
    mock.fail('commit', 'permission-denied');
    await expect(lite.setDoc(lite.doc(db, 'books/c'), { title: 'C' })).rejects.toMatchObject({
      code: 'permission-denied',
    });
    await lite.setDoc(lite.doc(db, 'books/c'), { title: 'C' });
    expect((await lite.getDoc(lite.doc(db, 'books/c'))).data()).toEqual({ title: 'C' });
  });
});

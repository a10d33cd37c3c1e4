import { type RunningEmulator, startEmulator, startTcpProxy } from '@kindling/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collection,
  connectFirestoreEmulator,
  deleteDoc,
  doc,
  type Firestore,
  getFirestore,
  initializeApp,
  setDoc,
  terminate,
  updateDoc,
} from '../src/index.js';
import { until } from '../src/remote/test-support.js';
import { type ChangeEvent, changes } from '../src/rx/changes.js';
import { connectionState } from '../src/rx/connection-state.js';

let emulator: RunningEmulator;
let counter = 0;
const instances: Firestore[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, heartbeatInterval: 100 });
});
afterAll(async () => {
  await Promise.all(instances.map((db) => terminate(db)));
  await emulator?.stop();
});

/** A fresh instance; `project` shares a project between instances (a reload of the same app). */
function open(project: string, port = emulator.port): Firestore {
  const db = getFirestore(
    initializeApp({ projectId: project }, `remote-changes-${process.pid}-${++counter}`),
  );
  connectFirestoreEmulator(db, '127.0.0.1', port);
  instances.push(db);
  return db;
}

const newProject = () => `demo-changes-${process.pid}-${++counter}`;
const line = (e: ChangeEvent) =>
  e.type === 'reset'
    ? 'reset'
    : `${e.type} ${e.doc.id} ${JSON.stringify(e.doc.data() ?? null)}${e.oldData ? ` was ${JSON.stringify(e.oldData)}` : ''}`;

describe('changes() against the emulator', () => {
  it('streams every change once, and resumes from a kept token with exactly the changes since', async () => {
    const project = newProject();
    const db = open(project);
    const seen: ChangeEvent[] = [];
    const sub = changes(collection(db, 'c'), { includeOldData: true }).subscribe((e) => seen.push(e));
    await setDoc(doc(db, 'c/a'), { v: 1 });
    await setDoc(doc(db, 'c/b'), { v: 1 });
    await updateDoc(doc(db, 'c/a'), { v: 2 });
    await deleteDoc(doc(db, 'c/b'));
    await until(() => seen.length === 4, 'live changes');
    expect(seen.map(line)).toEqual([
      'added a {"v":1}',
      'added b {"v":1}',
      'modified a {"v":2} was {"v":1}',
      'removed b {"v":1} was {"v":1}',
    ]);
    const last = seen[3];
    if (last.type === 'reset') throw new Error('unexpected reset');
    expect(typeof last.resumeToken).toBe('string');
    expect(last.seq).toBeGreaterThan(0);
    sub.unsubscribe();

    // While nobody listens: one of each kind of change.
    await setDoc(doc(db, 'c/c'), { v: 3 });
    await updateDoc(doc(db, 'c/a'), { v: 4 });
    await setDoc(doc(db, 'c/d'), { v: 5 });
    await deleteDoc(doc(db, 'c/d'));
    await deleteDoc(doc(db, 'c/a'));

    const later = open(project);
    const resumed: ChangeEvent[] = [];
    changes(collection(later, 'c'), { resumeToken: last.resumeToken }).subscribe((e) => resumed.push(e));
    await until(() => resumed.length >= 2, 'resumed changes');
    await setDoc(doc(later, 'c/e'), { v: 6 });
    await until(() => resumed.some((e) => e.type !== 'reset' && e.doc.id === 'e'), 'live after resume');
    expect(resumed.map(line)).toEqual(['removed a null', 'added c {"v":3}', 'added e {"v":6}']);
  });

  it('answers a token from another emulator run with one reset and the full current set', async () => {
    const other = await startEmulator({ port: 0 });
    const project = newProject();
    let token: string;
    try {
      const before = open(project, other.port);
      await setDoc(doc(before, 'c/x'), { v: 1 });
      token = await new Promise<string>((resolve) => {
        const sub = changes(collection(before, 'c')).subscribe((e) => {
          if (e.type !== 'reset') {
            resolve(e.resumeToken);
            queueMicrotask(() => sub.unsubscribe());
          }
        });
      });
    } finally {
      await other.stop();
    }
    const db = open(project);
    await setDoc(doc(db, 'c/y'), { v: 2 });
    const seen: ChangeEvent[] = [];
    changes(collection(db, 'c'), { resumeToken: token }).subscribe((e) => seen.push(e));
    await until(() => seen.length === 2, 'reset');
    expect(seen.map(line)).toEqual(['reset', 'added y {"v":2}']);
  });

  it('reconnects through a silent network and reports connecting / online / offline', async () => {
    const proxy = await startTcpProxy(emulator.port);
    try {
      const project = newProject();
      const db = open(project, proxy.port);
      const writer = open(project);
      const states: string[] = [];
      connectionState(db).subscribe((s) => states.push(s));
      const seen: ChangeEvent[] = [];
      changes(collection(db, 'c')).subscribe((e) => seen.push(e));
      await setDoc(doc(writer, 'c/a'), { v: 1 });
      await until(() => seen.length === 1, 'first change');
      proxy.silence(true);
      await until(() => states.at(-1) !== 'online', 'silence detected');
      proxy.dropAll();
      proxy.silence(false);
      await setDoc(doc(writer, 'c/a'), { v: 2 });
      await until(() => seen.length === 2, 'change after the reconnect');
      expect(seen.map(line)).toEqual(['added a {"v":1}', 'modified a {"v":2}']);
      expect(states.slice(0, 4)).toEqual(['offline', 'connecting', 'online', 'offline']);
      expect(states.at(-1)).toBe('online');
    } finally {
      await proxy.close();
    }
  });
});

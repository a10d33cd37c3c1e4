/** Shared setup for integration tests: one emulator per test file, a fresh project per test. */
import { startEmulator } from '@kindling/emulator';
import { afterAll, beforeAll } from 'vitest';
import {
  connectFirestoreEmulator,
  type Firestore,
  getFirestore,
  initializeApp,
  terminate,
} from '../src/index.js';

let counter = 0;

export interface TestEmulator {
  /** A Firestore on a project no other test uses, connected to this file's emulator. */
  db(): Firestore;
  /** Connects an instance made some other way (e.g. initializeFirestore) and terminates it after the file. */
  connect(db: Firestore): Firestore;
  /** A second client instance on the same project as `db` (its own connection). */
  peer(db: Firestore): Firestore;
}

export function useEmulator(): TestEmulator {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  const instances: Firestore[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await Promise.all(instances.map((db) => terminate(db)));
    await emulator?.stop();
  });
  const connect = (db: Firestore) => {
    connectFirestoreEmulator(db, emulator.host, emulator.port);
    instances.push(db);
    return db;
  };
  const open = (projectId: string) =>
    connect(getFirestore(initializeApp({ projectId }, `it-${process.pid}-${++counter}`)));
  return {
    db: () => open(`demo-it-${process.pid}-${counter + 1}`),
    connect,
    peer: (db) => open(db._databaseId.projectId),
  };
}

/** The code and message of what a promise rejects with. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    const error = e as { code: string; message: string };
    return { code: error.code, message: error.message };
  }
  throw new Error('expected the promise to reject');
}

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

export function useEmulator(): { db: () => Firestore } {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  const instances: Firestore[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await Promise.all(instances.map((db) => terminate(db)));
    await emulator?.stop();
  });
  return {
    /** A Firestore on a project no other test uses, connected to this file's emulator. */
    db() {
      const name = `it-${process.pid}-${++counter}`;
      const db = getFirestore(initializeApp({ projectId: `demo-${name}` }, name));
      connectFirestoreEmulator(db, emulator.host, emulator.port);
      instances.push(db);
      return db;
    },
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

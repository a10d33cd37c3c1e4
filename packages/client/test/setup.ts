/**
 * Shared setup for integration tests: one emulator per test file, a fresh project per test. The suite runs over
 * both transports: a real socket to an emulator on a free port, and, with KINDLING_TRANSPORT=msw (the vitest
 * project `client-msw`), @kindling/testing's in-process mock behind msw, so the two can never drift apart.
 */
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

/** What the suite's clients connect to. */
interface Backend {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

const transport = process.env.KINDLING_TRANSPORT === 'msw' ? 'msw' : 'socket';

async function startBackend(): Promise<Backend> {
  if (transport === 'socket') return startEmulator({ port: 0 });
  const { startMswBackend } = await import('../../testing/test/msw-backend.js');
  return startMswBackend();
}

export function useEmulator(): TestEmulator {
  let emulator: Backend;
  const instances: Firestore[] = [];
  beforeAll(async () => {
    emulator = await startBackend();
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

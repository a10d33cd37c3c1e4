/** Integration-test helpers for listeners. */
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

/** One emulator per test file; each db() is a fresh project. */
export function useRealtimeEmulator(): {
  db(): Firestore;
  /** A second client instance on the same project as `db` (its own connection). */
  peer(db: Firestore): Firestore;
} {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  const instances: Firestore[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await Promise.all(instances.map((db) => terminate(db)));
    await emulator?.stop();
  });
  const open = (projectId: string) => {
    const db = getFirestore(initializeApp({ projectId }, `sync-${process.pid}-${++counter}`));
    connectFirestoreEmulator(db, emulator.host, emulator.port);
    instances.push(db);
    return db;
  };
  return {
    db: () => open(`demo-sync-${process.pid}-${counter + 1}`),
    peer: (db) => open(db._databaseId.projectId),
  };
}

/** Collects a listener's values; `next(n)` resolves with the n-th once it has arrived. */
export function collect<T>() {
  const seen: T[] = [];
  const waiters = new Set<() => boolean>();
  const wait = (test: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!test()) return false;
        resolve();
        return true;
      };
      if (!check()) waiters.add(check);
    });
  return {
    seen,
    push(value: T): void {
      seen.push(value);
      for (const check of [...waiters]) if (check()) waiters.delete(check);
    },
    async next(n: number): Promise<T> {
      await wait(() => seen.length >= n);
      return seen[n - 1];
    },
    /** The first value from now on (or the latest one) that satisfies `test`. */
    async until(test: (value: T) => boolean): Promise<T> {
      await wait(() => seen.length > 0 && test(seen[seen.length - 1]));
      return seen[seen.length - 1];
    },
  };
}

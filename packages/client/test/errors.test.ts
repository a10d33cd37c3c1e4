import { describe, expect, it } from 'vitest';
import {
  collection,
  doc,
  getDoc,
  getDocs,
  initializeApp,
  initializeFirestore,
  query,
  runTransaction,
  setDoc,
  where,
} from '../src/index.js';
import { failure, useEmulator } from './setup.js';

const emulator = useEmulator();

describe('errors and settings against the emulator', () => {
  it('reports what the server refuses with the backend status code', async () => {
    const db = emulator.db();
    const many = Array.from({ length: 31 }, (_, i) => i);
    expect((await failure(getDocs(query(collection(db, 'c'), where('a', 'in', many))))).code).toBe(
      'invalid-argument',
    );
    const huge = 'x'.repeat(1024 * 1024 + 10);
    expect((await failure(setDoc(doc(db, 'c/d'), { huge }))).code).toBe('invalid-argument');
  });

  it('fails a transaction that updates a document it read as missing, without retrying', async () => {
    const db = emulator.db();
    let runs = 0;
    const result = await failure(
      runTransaction(db, async (tx) => {
        runs++;
        await tx.get(doc(db, 'c/none'));
        tx.update(doc(db, 'c/none'), { a: 1 });
      }),
    );
    expect(result).toEqual({
      code: 'invalid-argument',
      message: "Can't update a document that doesn't exist.",
    });
    expect(runs).toBe(1);
  });

  it('drops undefined properties when asked to', async () => {
    const base = emulator.db();
    const app = initializeApp({ projectId: base._databaseId.projectId }, `${base.app.name}-undefined`);
    const db = initializeFirestore(app, { ignoreUndefinedProperties: true });
    emulator.connect(db);
    await setDoc(doc(db, 'c/d'), { a: undefined, b: 1, c: { d: undefined } });
    expect((await getDoc(doc(base, 'c/d'))).data()).toEqual({ b: 1, c: {} });
  });
});

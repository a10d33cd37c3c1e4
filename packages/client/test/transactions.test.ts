import { describe, expect, it } from 'vitest';
import { doc, getDoc, increment, runTransaction, setDoc, writeBatch } from '../src/index.js';
import { failure, useEmulator } from './setup.js';

const emulator = useEmulator();

describe('transactions and batches against the emulator', () => {
  it('reads and writes atomically', async () => {
    const db = emulator.db();
    const ref = doc(db, 'counters/c');
    await setDoc(ref, { n: 1 });
    const result = await runTransaction(db, async (tx) => {
      const snap = await tx.get(ref);
      tx.update(ref, { n: snap.data()!.n + 1 });
      return snap.data()!.n;
    });
    expect(result).toBe(1);
    expect((await getDoc(ref)).data()).toEqual({ n: 2 });
  });

  it('verifies documents it only read', async () => {
    const db = emulator.db();
    await setDoc(doc(db, 'c/a'), { n: 1 });
    await setDoc(doc(db, 'c/b'), { n: 2 });
    const sum = await runTransaction(db, async (tx) => {
      const a = await tx.get(doc(db, 'c/a'));
      const b = await tx.get(doc(db, 'c/b'));
      const none = await tx.get(doc(db, 'c/none'));
      tx.set(doc(db, 'c/sum'), { n: a.data()!.n + b.data()!.n + (none.exists() ? 1 : 0) });
      return a.data()!.n + b.data()!.n;
    });
    expect(sum).toBe(3);
    expect((await getDoc(doc(db, 'c/sum'))).data()).toEqual({ n: 3 });
  });

  it('fails the loser of a conflict with failed-precondition when it may not retry', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/contended');
    await setDoc(ref, { n: 0 });
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const add = (by: number) =>
      runTransaction(
        db,
        async (tx) => {
          const snap = await tx.get(ref);
          if (++arrived === 2) release();
          await bothRead;
          tx.update(ref, { n: snap.data()!.n + by });
        },
        { maxAttempts: 1 },
      ).then(
        () => 'committed',
        (e) => e.code,
      );
    const outcomes = await Promise.all([add(1), add(10)]);
    expect(outcomes.sort()).toEqual(['committed', 'failed-precondition']);
    expect([1, 10]).toContain((await getDoc(ref)).data()!.n);
  });

  it('retries conflicting transactions until every increment lands', async () => {
    const db = emulator.db();
    const ref = doc(db, 'counters/c');
    await setDoc(ref, { n: 0 });
    const attempts: number[] = [];
    await Promise.all(
      [0, 1, 2].map((i) =>
        runTransaction(
          db,
          async (tx) => {
            attempts.push(i);
            const snap = await tx.get(ref);
            tx.set(ref, { n: snap.data()!.n + 1 });
          },
          { maxAttempts: 10 },
        ),
      ),
    );
    expect((await getDoc(ref)).data()).toEqual({ n: 3 });
    expect(attempts.length).toBeGreaterThanOrEqual(3);
  });

  it('rolls back when the callback throws', async () => {
    const db = emulator.db();
    const ref = doc(db, 'c/d');
    const error = await failure(
      runTransaction(db, async (tx) => {
        tx.set(ref, { a: 1 });
        throw Object.assign(new Error('no'), { code: 'mine' });
      }),
    );
    expect(error).toEqual({ code: 'mine', message: 'no' });
    expect((await getDoc(ref)).exists()).toBe(false);
  });

  it('commits batches atomically: one failing write keeps all out', async () => {
    const db = emulator.db();
    const batch = writeBatch(db);
    batch.set(doc(db, 'c/a'), { a: 1 });
    batch.update(doc(db, 'c/missing'), { b: 1 });
    expect((await failure(batch.commit())).code).toBe('not-found');
    expect((await getDoc(doc(db, 'c/a'))).exists()).toBe(false);

    const ok = writeBatch(db);
    ok.set(doc(db, 'c/a'), { n: 1 });
    ok.update(doc(db, 'c/a'), { n: increment(1) });
    ok.delete(doc(db, 'c/b'));
    await ok.commit();
    expect((await getDoc(doc(db, 'c/a'))).data()).toEqual({ n: 2 });
  });
});

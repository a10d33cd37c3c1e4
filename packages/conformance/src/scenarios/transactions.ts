import type * as lite from 'firebase/firestore/lite';
import type { Scenario } from '../scenario.js';
import { ids, seed } from './helpers.js';

/** Resolves once `count` callers have arrived; lets two transactions interleave deterministically. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === count) release();
    return all;
  };
}

export const transactionScenarios: Scenario[] = [
  {
    name: 'transaction reads then writes',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('tx'), 'counter');
      await fs.setDoc(ref, { n: 1 });
      const returned = await fs.runTransaction(db, async (tx) => {
        const snap = await tx.get(ref);
        tx.update(ref, { n: (snap.get('n') as number) + 1 });
        tx.set(fs.doc(db, ctx.col('tx'), 'log'), { saw: snap.get('n') });
        return snap.get('n');
      });
      return { returned, docs: await fs.getDocs(fs.collection(db, ctx.col('tx'))) };
    },
  },
  {
    name: 'transaction reads a missing document and creates it',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('tx'), 'new');
      const existed = await fs.runTransaction(db, async (tx) => {
        const snap = await tx.get(ref);
        tx.set(ref, { created: true });
        return snap.exists();
      });
      return { existed, after: await fs.getDoc(ref) };
    },
  },
  {
    name: 'conflicting transactions: one retries and both increments land',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('tx'), 'contended');
      await fs.setDoc(ref, { n: 0 });
      const bothRead = barrier(2);
      let attempts = 0;
      const increment = (by: number) =>
        fs.runTransaction(db, async (tx) => {
          attempts += 1;
          const first = attempts <= 2;
          const snap = await tx.get(ref);
          // Only the first attempts wait for each other: both read the same version, then both write.
          if (first) await bothRead();
          tx.update(ref, { n: (snap.get('n') as number) + by, [`by${by}`]: true });
        });
      await Promise.all([increment(1), increment(10)]);
      return { final: await fs.getDoc(ref), retried: attempts > 2 };
    },
  },
  {
    name: 'conflicting transactions with maxAttempts 1: one commits, the other fails',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('tx'), 'contended');
      await fs.setDoc(ref, { n: 0 });
      const bothRead = barrier(2);
      const increment = (by: number) =>
        ctx.outcome(async () => {
          await fs.runTransaction(
            db,
            async (tx) => {
              const snap = await tx.get(ref);
              await bothRead();
              tx.update(ref, { n: (snap.get('n') as number) + by });
            },
            { maxAttempts: 1 },
          );
          return 'committed';
        });
      const outcomes = await Promise.all([increment(1), increment(10)]);
      const n = (await fs.getDoc(ref)).get('n') as number;
      // Which of the two wins is a race; that exactly one does, and what the other sees, is not.
      return {
        outcomes: outcomes.map((o) => JSON.stringify(o)).sort(),
        oneLanded: n === 1 || n === 10,
      };
    },
  },
  {
    name: 'read-only transaction sees a consistent snapshot',
    async run(fs, db, ctx) {
      const path = ctx.col('tx');
      await seed(fs, db, path, { a: { n: 1 }, b: { n: 2 } });
      return fs.runTransaction(db, async (tx) => {
        const a = await tx.get(fs.doc(db, path, 'a'));
        const b = await tx.get(fs.doc(db, path, 'b'));
        return [a, b];
      });
    },
  },
  {
    name: 'transaction function throwing a non-Firestore error writes nothing',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('tx'), 'untouched');
      await fs.setDoc(ref, { n: 1 });
      let message = '';
      try {
        await fs.runTransaction(db, async (tx) => {
          await tx.get(ref);
          tx.set(ref, { n: 2 });
          throw new Error('stop');
        });
      } catch (e) {
        message = (e as Error).message;
      }
      return { message, after: await fs.getDoc(ref) };
    },
  },
  {
    name: 'transaction updating a missing document fails and writes nothing',
    async run(fs, db, ctx) {
      const missing = fs.doc(db, ctx.col('tx'), 'missing');
      const other = fs.doc(db, ctx.col('tx'), 'other');
      const outcome = await ctx.outcome(() =>
        fs.runTransaction(db, async (tx) => {
          await tx.get(other);
          tx.set(other, { n: 1 });
          tx.update(missing, { n: 1 });
        }),
      );
      return { outcome, other: await fs.getDoc(other), missing: await fs.getDoc(missing) };
    },
  },
  {
    name: 'transaction read after a write is refused',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('tx'), 'order');
      const outcome = await ctx.thrown(() =>
        fs.runTransaction(db, async (tx) => {
          tx.set(ref, { n: 1 });
          await tx.get(ref);
        }),
      );
      return { outcome, after: await fs.getDoc(ref) };
    },
  },
  {
    name: 'transaction deletes and reads several documents',
    async run(fs, db, ctx) {
      const path = ctx.col('tx');
      await seed(fs, db, path, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
      const sum = await fs.runTransaction(db, async (tx) => {
        const snaps = await Promise.all(['a', 'b', 'c', 'z'].map((id) => tx.get(fs.doc(db, path, id))));
        tx.delete(fs.doc(db, path, 'a'));
        tx.update(fs.doc(db, path, 'b'), { n: fs.increment(10) });
        return snaps.map((s) => (s.exists() ? s.get('n') : null));
      });
      return { sum, docs: await fs.getDocs(fs.collection(db, path)) };
    },
  },
  {
    name: 'batch applies set, update and delete together',
    async run(fs, db, ctx) {
      const path = ctx.col('batch');
      await seed(fs, db, path, { a: { n: 1 }, b: { n: 2 } });
      const batch = fs.writeBatch(db);
      batch.set(fs.doc(db, path, 'c'), { n: 3 });
      batch.update(fs.doc(db, path, 'a'), { n: fs.increment(1), extra: 'x' });
      batch.delete(fs.doc(db, path, 'b'));
      batch.set(fs.doc(db, path, 'c'), { m: 4 }, { merge: true });
      await batch.commit();
      return fs.getDocs(fs.collection(db, path));
    },
  },
  {
    name: 'batch with an update of a missing document applies nothing',
    async run(fs, db, ctx) {
      const path = ctx.col('batch');
      await seed(fs, db, path, { a: { n: 1 } });
      const batch = fs.writeBatch(db);
      batch.set(fs.doc(db, path, 'b'), { n: 2 });
      batch.update(fs.doc(db, path, 'a'), { n: 10 });
      batch.update(fs.doc(db, path, 'missing'), { n: 3 });
      batch.delete(fs.doc(db, path, 'a'));
      const outcome = await ctx.outcome(() => batch.commit());
      return {
        outcome,
        docs: ids(await fs.getDocs(fs.collection(db, path))),
        a: await fs.getDoc(fs.doc(db, path, 'a')),
      };
    },
  },
  {
    name: 'batch with an oversized document applies nothing',
    async run(fs, db, ctx) {
      const path = ctx.col('batch');
      const batch = fs.writeBatch(db);
      batch.set(fs.doc(db, path, 'ok'), { n: 1 });
      batch.set(fs.doc(db, path, 'big'), { s: 'x'.repeat(1024 * 1024) });
      const outcome = await ctx.outcome(() => batch.commit());
      return { outcome, docs: ids(await fs.getDocs(fs.collection(db, path))) };
    },
  },
  {
    name: 'batch of 600 writes commits at once',
    async run(fs, db, ctx) {
      const path = ctx.col('batch');
      const batch = fs.writeBatch(db);
      for (let i = 0; i < 600; i++) batch.set(fs.doc(db, path, `d${String(i).padStart(3, '0')}`), { i });
      await batch.commit();
      const snap = await fs.getDocs(fs.collection(db, path));
      return { size: snap.size, last: snap.docs.at(-1)?.data() as lite.DocumentData };
    },
  },
  {
    name: 'one batch writing the same document several times applies the writes in order',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('batch'), 'same');
      const batch = fs.writeBatch(db);
      batch.set(ref, { n: 1, keep: true, list: [1] });
      batch.update(ref, { n: fs.increment(5), list: fs.arrayUnion(2) });
      batch.set(ref, { extra: 'x' }, { merge: true });
      batch.update(ref, { keep: fs.deleteField() });
      const outcome = await ctx.outcome(() => batch.commit());
      return { outcome: outcome ?? null, stored: await ctx.stored(ref.path) };
    },
  },
  {
    name: '100 concurrent increments all land',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('batch'), 'counter');
      await fs.setDoc(ref, { n: 0 });
      await Promise.all(Array.from({ length: 100 }, () => fs.updateDoc(ref, { n: fs.increment(1) })));
      return fs.getDoc(ref);
    },
  },
  {
    // The official emulator refuses requests over 4 MiB (production allows 10 MiB), so this stays below.
    name: 'a 3.6 MB batch commits, and a query answers all of it',
    async run(fs, db, ctx) {
      const path = ctx.col('big');
      const batch = fs.writeBatch(db);
      for (const id of ['a', 'b', 'c', 'd']) batch.set(fs.doc(db, path, id), { s: id.repeat(900 * 1000) });
      await batch.commit();
      const snap = await fs.getDocs(fs.collection(db, path));
      return snap.docs.map((d) => [d.id, (d.get('s') as string).length]);
    },
  },
  {
    name: 'a write outside a transaction between its read and its commit makes it retry',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('tx'), 'raced');
      const fresh = fs.doc(db, ctx.col('tx'), 'fresh');
      await fs.setDoc(ref, { n: 1 });
      const seen: unknown[] = [];
      const returned = await fs.runTransaction(db, async (tx) => {
        const snap = await tx.get(ref);
        const freshSnap = await tx.get(fresh);
        seen.push([snap.get('n'), freshSnap.exists()]);
        if (seen.length === 1) {
          await fs.updateDoc(ref, { n: 100 });
          await fs.setDoc(fresh, { created: 'outside' });
        }
        tx.update(ref, { n: (snap.get('n') as number) + 1 });
        tx.set(fresh, { created: 'inside' }, { merge: true });
        return seen.length;
      });
      return { returned, seen, ref: await fs.getDoc(ref), fresh: await fs.getDoc(fresh) };
    },
  },
];

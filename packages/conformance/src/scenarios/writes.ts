import type * as lite from 'firebase/firestore/lite';
import type { Api } from '../normalize.js';
import type { Scenario, ScenarioContext } from '../scenario.js';

const base = { a: 1, b: { c: 2, d: [1, 2] }, e: 'keep' };

/** Writes `base`, applies `change`, and returns the document as read and as stored. */
function writeScenario(
  name: string,
  change: (fs: Api, ref: lite.DocumentReference, ctx: ScenarioContext) => Promise<unknown>,
  initial: lite.DocumentData | null = base,
): Scenario {
  return {
    name,
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('writes'), 'd');
      if (initial) await fs.setDoc(ref, initial);
      const outcome = await ctx.outcome(() => change(fs, ref, ctx));
      return { outcome: outcome ?? null, read: await fs.getDoc(ref), stored: await ctx.stored(ref.path) };
    },
  };
}

/** A server timestamp is compared with the time around the write, not by value. */
function isRecent(value: unknown, before: number): boolean {
  const ms = (value as lite.Timestamp).toMillis();
  return ms >= before - 60_000 && ms <= Date.now() + 60_000;
}

export const writeScenarios: Scenario[] = [
  writeScenario('setDoc replaces the whole document', (fs, ref) => fs.setDoc(ref, { z: true })),
  writeScenario('setDoc merge keeps untouched fields and merges maps deeply', (fs, ref) =>
    fs.setDoc(ref, { b: { c: 3, x: 'new' }, f: null }, { merge: true }),
  ),
  writeScenario('setDoc mergeFields writes only the listed paths', (fs, ref) =>
    fs.setDoc(ref, { a: 10, b: { c: 30, d: 'ignored' }, e: 'ignored' }, { mergeFields: ['a', 'b.c'] }),
  ),
  writeScenario('setDoc mergeFields with a FieldPath', (fs, ref) =>
    fs.setDoc(
      ref,
      { a: 5, b: { c: 6, d: 7 } },
      { mergeFields: [new fs.FieldPath('a'), new fs.FieldPath('b', 'd')] },
    ),
  ),
  writeScenario('setDoc mergeFields naming a field missing from the data is refused', (fs, ref, ctx) =>
    ctx.thrown(() => fs.setDoc(ref, { a: 5 }, { mergeFields: ['a', 'e'] })),
  ),
  writeScenario(
    'setDoc merge on a missing document creates it',
    (fs, ref) => fs.setDoc(ref, { n: { m: 1 } }, { merge: true }),
    null,
  ),
  writeScenario('setDoc merge with an empty map keeps an existing map and creates a missing one', (fs, ref) =>
    fs.setDoc(ref, { b: {}, newMap: {}, newList: [] }, { merge: true }),
  ),
  writeScenario('updateDoc with dotted paths leaves sibling fields', (fs, ref) =>
    fs.updateDoc(ref, { 'b.c': 20, 'b.new.deep': true, a: fs.deleteField() }),
  ),
  writeScenario('updateDoc varargs form with FieldPath containing a dot', (fs, ref) =>
    fs.updateDoc(ref, new fs.FieldPath('x.y'), 1, 'b.c', 'two', new fs.FieldPath('b', 'd'), [3]),
  ),
  writeScenario('updateDoc replacing a map replaces it whole', (fs, ref) =>
    fs.updateDoc(ref, { b: { only: 1 } }),
  ),
  writeScenario('deleteField in setDoc merge and of a missing field', (fs, ref) =>
    fs.setDoc(
      ref,
      { e: fs.deleteField(), nothere: fs.deleteField(), b: { c: fs.deleteField() } },
      { merge: true },
    ),
  ),
  writeScenario('deleteDoc of an existing and of a missing document succeeds', async (fs, ref) => {
    await fs.deleteDoc(ref);
    await fs.deleteDoc(ref);
  }),
  writeScenario('updateDoc of a missing document fails', (fs, ref) => fs.updateDoc(ref, { a: 1 }), null),
  writeScenario('increment on ints, doubles, missing fields and non-numbers', (fs, ref) =>
    fs.updateDoc(ref, {
      a: fs.increment(2),
      'b.c': fs.increment(0.5),
      e: fs.increment(1),
      missingInt: fs.increment(3),
      missingDbl: fs.increment(1.5),
    }),
  ),
  writeScenario(
    'increment overflowing int64 saturates, double + int stays double',
    async (fs, ref, ctx) => {
      await ctx.rawWrite(ref.path, {
        max: { integerValue: '9223372036854775807' },
        min: { integerValue: '-9223372036854775808' },
        dbl: { doubleValue: 1 },
      });
      await fs.updateDoc(ref, { max: fs.increment(1), min: fs.increment(-1), dbl: fs.increment(2) });
    },
    null,
  ),
  writeScenario('arrayUnion adds missing elements once, arrayRemove removes every equal one', (fs, ref) =>
    fs.updateDoc(ref, {
      'b.d': fs.arrayUnion(2, 3, 3, 1.0, { k: 1 }),
      list: fs.arrayUnion('x', 'x'),
      e: fs.arrayRemove('keep'),
      gone: fs.arrayRemove(1),
    }),
  ),
  writeScenario('arrayRemove with numeric equality and NaN', async (fs, ref) => {
    await fs.setDoc(ref, { v: [1, 1.0, 2, Number.NaN, null, 'a', 1] });
    await fs.updateDoc(ref, { v: fs.arrayRemove(1, Number.NaN, null) });
  }),
  {
    name: 'serverTimestamp is the same time for every field of a write',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('writes'), 'ts');
      const before = Date.now();
      await fs.setDoc(ref, { a: fs.serverTimestamp(), b: { c: fs.serverTimestamp() }, d: 1 });
      const snap = await fs.getDoc(ref);
      const a = snap.get('a') as lite.Timestamp;
      const c = snap.get('b.c') as lite.Timestamp;
      await fs.updateDoc(ref, { later: fs.serverTimestamp() });
      const later = (await fs.getDoc(ref)).get('later') as lite.Timestamp;
      return {
        isTimestamp: a instanceof fs.Timestamp,
        recent: isRecent(a, before),
        equal: a.isEqual(c),
        microsecondPrecision: a.nanoseconds % 1000 === 0,
        laterNotEarlier: later.toMillis() >= a.toMillis(),
        d: snap.get('d'),
      };
    },
  },
  {
    name: 'addDoc creates a 20-character id in the collection',
    async run(fs, db, ctx) {
      const col = fs.collection(db, ctx.col('added'));
      const ref = await fs.addDoc(col, { n: 1 });
      const all = await fs.getDocs(col);
      return {
        idShape: /^[A-Za-z0-9]{20}$/.test(ref.id),
        parent: ref.parent.path,
        found: all.docs.map((d) => [d.id === ref.id, d.data()]),
      };
    },
  },
  {
    name: 'transforms combined with a set in one write',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('writes'), 'combo');
      await fs.setDoc(ref, { n: fs.increment(5), arr: fs.arrayUnion(1, 2), rm: fs.arrayRemove(1), x: 'y' });
      await fs.setDoc(ref, { n: fs.increment(-7.5), arr: fs.arrayUnion(3) }, { merge: true });
      return { stored: await ctx.stored(ref.path) };
    },
  },
];

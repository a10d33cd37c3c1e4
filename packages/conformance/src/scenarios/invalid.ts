import type { Scenario } from '../scenario.js';

const values = (n: number) => Array.from({ length: n }, (_, i) => i);

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < depth; i++) value = { m: value };
  return value;
}

/** One invalid call; the outcome (client-side message or server status) is the result. */
function invalid(name: string, attempt: Scenario['run']): Scenario {
  return { name: `invalid: ${name}`, run: attempt };
}

// Not covered: the 500 field transforms per write limit, which the official emulator does not enforce.
export const invalidScenarios: Scenario[] = [
  invalid('document path with an odd number of segments', (fs, db, ctx) =>
    ctx.thrown(() => fs.doc(db, `${ctx.col('c')}/d/e`)),
  ),
  invalid('collection path with an even number of segments', (fs, db, ctx) =>
    ctx.thrown(() => fs.collection(db, `${ctx.col('c')}/d`)),
  ),
  invalid('document path with an empty segment', (fs, db, ctx) =>
    ctx.thrown(() => fs.doc(db, `${ctx.col('c')}//d`)),
  ),
  invalid('reserved document id __x__', (fs, db, ctx) =>
    ctx.outcome(() => fs.setDoc(fs.doc(db, ctx.col('c'), '__x__'), { n: 1 })),
  ),
  invalid('document id longer than 1500 bytes', (fs, db, ctx) =>
    ctx.outcome(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'x'.repeat(1501)), { n: 1 })),
  ),
  invalid('reserved field name __x__', (fs, db, ctx) =>
    ctx.thrown(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'd'), { __x__: 1 })),
  ),
  invalid('empty field name', (fs, db, ctx) =>
    ctx.thrown(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'd'), { '': 1 })),
  ),
  invalid('nested arrays', (fs, db, ctx) =>
    ctx.thrown(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'd'), { v: [[1]] })),
  ),
  invalid('undefined field value', (fs, db, ctx) =>
    ctx.thrown(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'd'), { v: undefined })),
  ),
  invalid('document over 1 MiB', async (fs, db, ctx) => {
    const ref = fs.doc(db, ctx.col('c'), 'big');
    return {
      outcome: await ctx.outcome(() => fs.setDoc(ref, { s: 'x'.repeat(1024 * 1024) })),
      after: await fs.getDoc(ref),
    };
  }),
  invalid('document just under 1 MiB is accepted', async (fs, db, ctx) => {
    const ref = fs.doc(db, ctx.col('c'), 'd');
    // 1 MiB minus the name, the field name and the 32 bytes of overhead, with margin for the prefix.
    await fs.setDoc(ref, { s: 'x'.repeat(1024 * 1024 - 200) });
    return (await fs.getDoc(ref)).get('s').length;
  }),
  invalid('the largest accepted document is 1 MiB by Firestore size rules', async (_fs, _db, ctx) => {
    const col = ctx.col('c');
    // Raw commits keep the request identical across legs; the collection id's length is factored out below.
    const fits = async (length: number) => {
      const answer = (await ctx.rest('PATCH', `${col}/d`, {
        fields: { s: { stringValue: 'x'.repeat(length) } },
      })) as {
        http: number;
      };
      return answer.http === 200;
    };
    let low = 1024 * 1024 - 4096;
    let high = 1024 * 1024;
    if (!(await fits(low)) || (await fits(high))) return 'boundary outside the searched range';
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (await fits(mid)) low = mid;
      else high = mid;
    }
    return { longestStringPlusCollectionId: low + col.length };
  }),
  invalid('nesting depth limit for maps and arrays', async (fs, db, ctx) => ({
    d21: await ctx.outcome(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'deep21'), nested(21))),
    d22: await ctx.outcome(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'deep22'), nested(22))),
    d100: await ctx.outcome(() => fs.setDoc(fs.doc(db, ctx.col('c'), 'deep100'), nested(100))),
    arrays: await ctx.outcome(() =>
      fs.setDoc(fs.doc(db, ctx.col('c'), 'deepArrays'), { a: [{ b: [{ c: [nested(19)] }] }] }),
    ),
  })),
  invalid('create of an existing document (REST exists:false precondition)', async (_fs, _db, ctx) => {
    const col = ctx.col('c');
    const body = { fields: { n: { integerValue: '1' } } };
    return [
      await ctx.rest('POST', `${col}?documentId=d`, body),
      await ctx.rest('POST', `${col}?documentId=d`, body),
    ];
  }),
  invalid('comparisons with null or NaN pass client-side validation', async (fs, db, ctx) => ({
    lessThanNull: await ctx.thrown(() => fs.query(fs.collection(db, ctx.col('c')), fs.where('a', '<', null))),
    greaterThanNaN: await ctx.thrown(() =>
      fs.query(fs.collection(db, ctx.col('c')), fs.where('a', '>', Number.NaN)),
    ),
    arrayContainsNull: await ctx.thrown(() =>
      fs.query(fs.collection(db, ctx.col('c')), fs.where('a', 'array-contains', null)),
    ),
  })),
  invalid('in with 31 values', (fs, db, ctx) =>
    ctx.outcome(() => fs.getDocs(fs.query(fs.collection(db, ctx.col('c')), fs.where('v', 'in', values(31))))),
  ),
  invalid('in with 30 values is accepted', (fs, db, ctx) =>
    ctx.outcome(
      async () =>
        (await fs.getDocs(fs.query(fs.collection(db, ctx.col('c')), fs.where('v', 'in', values(30))))).size,
    ),
  ),
  invalid('array-contains-any with 31 values', (fs, db, ctx) =>
    ctx.outcome(() =>
      fs.getDocs(fs.query(fs.collection(db, ctx.col('c')), fs.where('v', 'array-contains-any', values(31)))),
    ),
  ),
  invalid('not-in with 11 values', (fs, db, ctx) =>
    ctx.outcome(() =>
      fs.getDocs(fs.query(fs.collection(db, ctx.col('c')), fs.where('v', 'not-in', values(11)))),
    ),
  ),
  invalid('not-in with 10 values is accepted', (fs, db, ctx) =>
    ctx.outcome(
      async () =>
        (await fs.getDocs(fs.query(fs.collection(db, ctx.col('c')), fs.where('v', 'not-in', values(10)))))
          .size,
    ),
  ),
  invalid('empty in', (fs, db, ctx) =>
    ctx.thrown(() => fs.query(fs.collection(db, ctx.col('c')), fs.where('v', 'in', []))),
  ),
  invalid('not-in together with !=', (fs, db, ctx) =>
    ctx.thrown(() =>
      fs.query(fs.collection(db, ctx.col('c')), fs.where('a', 'not-in', [1]), fs.where('b', '!=', 2)),
    ),
  ),
  invalid('two not-in filters', (fs, db, ctx) =>
    ctx.thrown(() =>
      fs.query(fs.collection(db, ctx.col('c')), fs.where('a', 'not-in', [1]), fs.where('b', 'not-in', [2])),
    ),
  ),
  invalid('more than 30 disjunctions after expansion', (fs, db, ctx) =>
    ctx.outcome(() =>
      fs.getDocs(
        fs.query(
          fs.collection(db, ctx.col('c')),
          fs.and(
            fs.or(fs.where('a', 'in', values(6)), fs.where('b', 'in', values(6))),
            fs.where('c', 'in', values(3)),
          ),
        ),
      ),
    ),
  ),
  invalid('exactly 30 disjunctions is accepted', (fs, db, ctx) =>
    ctx.outcome(
      async () =>
        (
          await fs.getDocs(
            fs.query(
              fs.collection(db, ctx.col('c')),
              fs.where('a', 'in', values(10)),
              fs.where('b', 'in', values(3)),
            ),
          )
        ).size,
    ),
  ),
  invalid('cursor longer than orderBy', (fs, db, ctx) =>
    ctx.thrown(() => fs.query(fs.collection(db, ctx.col('c')), fs.orderBy('a'), fs.startAt(1, 2))),
  ),
  invalid('invalid field paths', async (fs, _db, ctx) => ({
    doubleDot: await ctx.thrown(() => fs.orderBy('a..b')),
    leadingDot: await ctx.thrown(() => fs.where('.a', '==', 1)),
    empty: await ctx.thrown(() => fs.orderBy('')),
    noSegments: await ctx.thrown(() => new fs.FieldPath()),
    emptySegment: await ctx.thrown(() => new fs.FieldPath('a', '')),
  })),
  invalid('limit must be positive', async (fs, _db, ctx) => ({
    zero: await ctx.thrown(() => fs.limit(0)),
    negative: await ctx.thrown(() => fs.limitToLast(-1)),
  })),
  invalid('limitToLast without orderBy', (fs, db, ctx) =>
    ctx.thrown(() => fs.getDocs(fs.query(fs.collection(db, ctx.col('c')), fs.limitToLast(2)))),
  ),
  invalid('documentId compared with a path containing a slash on a collection', (fs, db, ctx) =>
    ctx.thrown(() => fs.query(fs.collection(db, ctx.col('c')), fs.where(fs.documentId(), '==', 'a/b'))),
  ),
  invalid('updateDoc with conflicting field paths', async (fs, db, ctx) => {
    const ref = fs.doc(db, ctx.col('c'), 'd');
    await fs.setDoc(ref, { a: { b: 0 } });
    return {
      outcome: await ctx.outcome(() => fs.updateDoc(ref, { a: 1, 'a.b': 2 })),
      stored: await ctx.stored(ref.path),
    };
  }),
  invalid('updateDoc with no fields', async (fs, db, ctx) => {
    const ref = fs.doc(db, ctx.col('c'), 'd');
    const missing = await ctx.outcome(() => fs.updateDoc(ref, {}));
    await fs.setDoc(ref, { a: 1 });
    return {
      missing,
      existing: await ctx.outcome(() => fs.updateDoc(ref, {})),
      stored: await ctx.stored(ref.path),
    };
  }),
  invalid('unknown operator', (fs, db, ctx) =>
    ctx.outcome(() =>
      fs.getDocs(fs.query(fs.collection(db, ctx.col('c')), fs.where('a', 'like' as never, 1))),
    ),
  ),
  invalid('field values in places they cannot go', async (fs, db, ctx) => {
    const ref = fs.doc(db, ctx.col('c'), 'd');
    return {
      incrementInArray: await ctx.thrown(() => fs.setDoc(ref, { a: [fs.increment(1)] })),
      serverTimestampInArray: await ctx.thrown(() => fs.setDoc(ref, { a: [fs.serverTimestamp()] })),
      deleteFieldInSet: await ctx.thrown(() => fs.setDoc(ref, { a: fs.deleteField() })),
      deleteFieldNested: await ctx.thrown(() => fs.updateDoc(ref, { a: { b: fs.deleteField() } })),
      arrayUnionNested: await ctx.thrown(() => fs.setDoc(ref, { a: fs.arrayUnion([1]) })),
      incrementNotANumber: await ctx.thrown(() => fs.setDoc(ref, { a: fs.increment('1' as never) })),
      functionValue: await ctx.thrown(() => fs.setDoc(ref, { a: () => 1 })),
      classInstance: await ctx.thrown(() => fs.setDoc(ref, { a: new Date(0), b: new (class Foo {})() })),
    };
  }),
  invalid('cursors that cannot be built', async (fs, db, ctx) => {
    const path = ctx.col('c');
    await fs.setDoc(fs.doc(db, path, 'present'), { a: 1 });
    const col = fs.collection(db, path);
    const missing = await fs.getDoc(fs.doc(db, path, 'absent'));
    const present = await fs.getDoc(fs.doc(db, path, 'present'));
    return {
      missingSnapshot: await ctx.thrown(() => fs.query(col, fs.orderBy('a'), fs.startAt(missing))),
      fieldNotInSnapshot: await ctx.thrown(() => fs.query(col, fs.orderBy('b'), fs.startAt(present))),
      valuesWithoutOrderBy: await ctx.thrown(() => fs.query(col, fs.startAt(1))),
      documentIdCursorWithSlash: await ctx.thrown(() =>
        fs.query(col, fs.orderBy(fs.documentId()), fs.startAt('a/b')),
      ),
    };
  }),
  invalid('in together with array-contains-any is accepted', (fs, db, ctx) =>
    ctx.outcome(
      async () =>
        (
          await fs.getDocs(
            fs.query(
              fs.collection(db, ctx.col('c')),
              fs.where('a', 'in', [1, 2]),
              fs.where('b', 'array-contains-any', [1, 2]),
            ),
          )
        ).size,
    ),
  ),
  invalid('array-contains with not-in, and array-contains twice', async (fs, db, ctx) => ({
    notInArrayField: await ctx.thrown(() =>
      fs.query(
        fs.collection(db, ctx.col('c')),
        fs.where('a', 'array-contains', 1),
        fs.where('b', 'not-in', [1]),
      ),
    ),
    arrayContainsTwice: await ctx.thrown(() =>
      fs.query(
        fs.collection(db, ctx.col('c')),
        fs.where('a', 'array-contains', 1),
        fs.where('b', 'array-contains', 1),
      ),
    ),
  })),
];

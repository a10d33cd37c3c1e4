import type * as lite from 'firebase/firestore/lite';
import type { Api } from '../normalize.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { ids, seed } from './helpers.js';

/** One document per value, covering every type and the tricky corners within each type. */
function everyType(fs: Api, db: lite.Firestore, ctx: ScenarioContext): Record<string, lite.DocumentData> {
  const refs = ctx.col('refs');
  const values: unknown[] = [
    null,
    false,
    true,
    Number.NaN,
    Number.NEGATIVE_INFINITY,
    -1e300,
    -1,
    -0.5,
    0,
    0.5,
    1,
    2 ** 53,
    Number.POSITIVE_INFINITY,
    new fs.Timestamp(-1, 0),
    new fs.Timestamp(0, 1000),
    new fs.Timestamp(1e9, 0),
    '',
    'A',
    'a',
    'aa',
    'b',
    'é',
    '\uffff',
    '😀',
    fs.Bytes.fromUint8Array(new Uint8Array([])),
    fs.Bytes.fromUint8Array(new Uint8Array([0])),
    fs.Bytes.fromUint8Array(new Uint8Array([0, 1])),
    fs.Bytes.fromUint8Array(new Uint8Array([255])),
    fs.doc(db, refs, 'a'),
    fs.doc(db, refs, 'a', 'sub', 'x'),
    fs.doc(db, refs, 'b'),
    new fs.GeoPoint(-10, 100),
    new fs.GeoPoint(0, -5),
    new fs.GeoPoint(0, 5),
    [],
    [null],
    [1, 2],
    [1, 'a'],
    [2],
    ['a'],
    {},
    { a: 1 },
    { a: 1, b: 0 },
    { a: 2 },
    { b: 0 },
  ];
  const docs: Record<string, lite.DocumentData> = {};
  values.forEach((v, i) => {
    docs[`d${String(i).padStart(2, '0')}`] = { v };
  });
  // Shuffle the ids against the value order so sorting by name cannot pass for sorting by value.
  docs.zz = { v: 0.25 };
  docs.aa = { v: 'zz' };
  docs.none = { other: 1 };
  return docs;
}

function orderScenario(
  name: string,
  build: (fs: Api, col: lite.CollectionReference) => lite.Query,
): Scenario {
  return {
    name,
    async run(fs, db, ctx) {
      const path = ctx.col('ordered');
      await seed(fs, db, path, everyType(fs, db, ctx));
      return ids(await fs.getDocs(build(fs, fs.collection(db, path))));
    },
  };
}

export const orderingScenarios: Scenario[] = [
  orderScenario('cross-type order ascending (missing field excluded)', (fs, col) =>
    fs.query(col, fs.orderBy('v')),
  ),
  orderScenario('cross-type order descending', (fs, col) => fs.query(col, fs.orderBy('v', 'desc'))),
  orderScenario('no orderBy returns documents by name', (fs, col) => fs.query(col)),
  {
    name: 'cross-type order: full documents with values as read back',
    async run(fs, db, ctx) {
      const path = ctx.col('ordered');
      await seed(fs, db, path, everyType(fs, db, ctx));
      return fs.getDocs(fs.query(fs.collection(db, path), fs.orderBy('v')));
    },
  },
  {
    name: 'ints and doubles with equal values tie and fall back to document name',
    async run(fs, db, ctx) {
      const path = ctx.col('ties');
      await Promise.all([
        ctx.rawWrite(`${path}/e`, { v: { integerValue: '1' } }),
        ctx.rawWrite(`${path}/b`, { v: { doubleValue: 1 } }),
        ctx.rawWrite(`${path}/d`, { v: { doubleValue: -0 } }),
        ctx.rawWrite(`${path}/a`, { v: { integerValue: '0' } }),
        ctx.rawWrite(`${path}/c`, { v: { doubleValue: 0.5 } }),
        ctx.rawWrite(`${path}/f`, { v: { integerValue: '9223372036854775807' } }),
        ctx.rawWrite(`${path}/g`, { v: { doubleValue: 2 ** 63 } }),
        ctx.rawWrite(`${path}/h`, { v: { integerValue: '9007199254740993' } }),
        ctx.rawWrite(`${path}/i`, { v: { doubleValue: 9007199254740992 } }),
      ]);
      const col = fs.collection(db, path);
      return {
        asc: ids(await fs.getDocs(fs.query(col, fs.orderBy('v')))),
        desc: ids(await fs.getDocs(fs.query(col, fs.orderBy('v', 'desc')))),
        eqOne: ids(await fs.getDocs(fs.query(col, fs.where('v', '==', 1)))),
        eqZero: ids(await fs.getDocs(fs.query(col, fs.where('v', '==', 0)))),
        eqMinusZero: ids(await fs.getDocs(fs.query(col, fs.where('v', '==', -0)))),
        gtBig: ids(await fs.getDocs(fs.query(col, fs.where('v', '>', 2 ** 53)))),
      };
    },
  },
  {
    name: 'orderBy on a nested map field and on a FieldPath with a dot in its name',
    async run(fs, db, ctx) {
      const path = ctx.col('nested');
      await seed(fs, db, path, {
        a: { m: { x: 3 }, 'k.y': 2 },
        b: { m: { x: 1 }, 'k.y': 3 },
        c: { m: { x: 2 }, 'k.y': 1 },
        d: { m: 'not a map', 'k.y': 'z' },
      });
      const col = fs.collection(db, path);
      return {
        nested: ids(await fs.getDocs(fs.query(col, fs.orderBy('m.x')))),
        fieldPath: ids(await fs.getDocs(fs.query(col, fs.orderBy(new fs.FieldPath('k.y'), 'desc')))),
      };
    },
  },
  {
    name: 'equality filter on every value finds exactly the equal ones',
    async run(fs, db, ctx) {
      const path = ctx.col('ordered');
      const docs = everyType(fs, db, ctx);
      await seed(fs, db, path, docs);
      const col = fs.collection(db, path);
      const matches = await Promise.all(
        Object.entries(docs)
          .filter(([, data]) => 'v' in data)
          .map(async ([id, data]) => [id, ids(await fs.getDocs(fs.query(col, fs.where('v', '==', data.v))))]),
      );
      return Object.fromEntries(matches);
    },
  },
  {
    name: 'in and not-in over values of every type',
    async run(fs, db, ctx) {
      const path = ctx.col('ordered');
      const docs = everyType(fs, db, ctx);
      await seed(fs, db, path, docs);
      const col = fs.collection(db, path);
      const pick = ['d00', 'd03', 'd08', 'd14', 'd21', 'd26', 'd29', 'd33', 'd37', 'd42'].map(
        (id) => docs[id].v,
      );
      return {
        in: ids(await fs.getDocs(fs.query(col, fs.where('v', 'in', pick.slice(1))))),
        notIn: ids(await fs.getDocs(fs.query(col, fs.where('v', 'not-in', pick.slice(1))))),
        notInWithNull: ids(await fs.getDocs(fs.query(col, fs.where('v', 'not-in', pick)))),
        arrayContainsAny: ids(
          await fs.getDocs(fs.query(col, fs.where('v', 'array-contains-any', [null, 1, 'a', 2]))),
        ),
      };
    },
  },
  {
    name: 'inequalities stay within the type of their value, for every type',
    async run(fs, db, ctx) {
      const path = ctx.col('ordered');
      const docs = everyType(fs, db, ctx);
      await seed(fs, db, path, docs);
      const col = fs.collection(db, path);
      const pivots = ['d01', 'd09', 'd14', 'd19', 'd25', 'd29', 'd32', 'd37', 'd42'];
      const results = await Promise.all(
        pivots.map(async (id) => {
          const v = docs[id].v;
          return [
            id,
            {
              gt: ids(await fs.getDocs(fs.query(col, fs.where('v', '>', v)))),
              lte: ids(await fs.getDocs(fs.query(col, fs.where('v', '<=', v)))),
            },
          ];
        }),
      );
      return Object.fromEntries(results);
    },
  },
  {
    name: 'cursors on documentId and on values of several types',
    async run(fs, db, ctx) {
      const path = ctx.col('ordered');
      const docs = everyType(fs, db, ctx);
      await seed(fs, db, path, docs);
      const col = fs.collection(db, path);
      return {
        byId: ids(
          await fs.getDocs(fs.query(col, fs.orderBy(fs.documentId()), fs.startAt('d40'), fs.limit(3))),
        ),
        refIsRefused: await ctx.thrown(() =>
          fs.query(col, fs.orderBy(fs.documentId()), fs.startAt(fs.doc(col, 'd40'))),
        ),
        afterString: ids(await fs.getDocs(fs.query(col, fs.orderBy('v'), fs.startAfter('b'), fs.limit(4)))),
        beforeGeo: ids(
          await fs.getDocs(fs.query(col, fs.orderBy('v', 'desc'), fs.endBefore(new fs.GeoPoint(0, 5)))),
        ),
        atNull: ids(await fs.getDocs(fs.query(col, fs.orderBy('v'), fs.endAt(null)))),
        valueAndName: ids(
          await fs.getDocs(
            fs.query(col, fs.orderBy('v'), fs.orderBy(fs.documentId()), fs.startAfter(0, 'd08'), fs.limit(3)),
          ),
        ),
      };
    },
  },
];

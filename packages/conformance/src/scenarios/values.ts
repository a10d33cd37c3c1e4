import type * as lite from 'firebase/firestore/lite';
import type { Api } from '../normalize.js';
import type { Scenario, ScenarioContext } from '../scenario.js';

/** Writes one field through the SDK, then returns it as the SDK reads it and as the server stores it. */
function roundTrip(
  name: string,
  value: (fs: Api, db: lite.Firestore, ctx: ScenarioContext) => unknown,
): Scenario {
  return {
    name: `round trip: ${name}`,
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('values'), 'd');
      await fs.setDoc(ref, { v: value(fs, db, ctx) });
      return { read: await fs.getDoc(ref), stored: await ctx.stored(ref.path) };
    },
  };
}

export const valueScenarios: Scenario[] = [
  roundTrip('null and booleans', () => ({ n: null, t: true, f: false })),
  roundTrip('integers', () => [0, 1, -1, 42, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]),
  roundTrip('doubles', () => [0.5, -2.25, 1e300, 5e-324, 2 ** 53, -(2 ** 60)]),
  roundTrip('NaN, ±Infinity and -0', () => [
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
  ]),
  roundTrip('strings incl. unicode and empty', () => ['', 'a', 'é', '😀', '\u0000x', 'line\nbreak']),
  roundTrip('timestamps with nanoseconds are truncated to microseconds', (fs) => [
    new fs.Timestamp(0, 0),
    new fs.Timestamp(1, 123456789),
    new fs.Timestamp(-1, 999999999),
    new fs.Timestamp(253402300799, 999999999),
    new fs.Timestamp(-62135596800, 0),
  ]),
  roundTrip('bytes', (fs) => [
    fs.Bytes.fromUint8Array(new Uint8Array([])),
    fs.Bytes.fromUint8Array(new Uint8Array([0, 1, 2, 254, 255])),
    fs.Bytes.fromBase64String('aGVsbG8='),
  ]),
  roundTrip('references', (fs, db, ctx) => [
    fs.doc(db, ctx.col('other'), 'x'),
    fs.doc(db, ctx.col('a'), 'b', 'c', 'd'),
  ]),
  roundTrip('geopoints', (fs) => [
    new fs.GeoPoint(0, 0),
    new fs.GeoPoint(-90, 180),
    new fs.GeoPoint(48.85, 2.35),
  ]),
  roundTrip('nested maps and arrays', (fs) => ({
    list: [1, 'two', { three: [3, { four: [4] }] }, null],
    map: { a: { b: { c: [true, { d: 1.5 }] } }, empty: {}, emptyList: [] },
    'dotted.key': { 'with space': 1, '`tick`': 2 },
    ts: new fs.Timestamp(5, 5000),
  })),
  {
    name: 'round trip: a document with every type in one write',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('values'), 'all');
      await fs.setDoc(ref, {
        n: null,
        b: true,
        i: 7,
        d: 7.5,
        s: 'x',
        t: new fs.Timestamp(10, 1000),
        y: fs.Bytes.fromUint8Array(new Uint8Array([9])),
        r: fs.doc(db, ctx.col('values'), 'other'),
        g: new fs.GeoPoint(1, 2),
        a: [1, 1.5],
        m: { k: 'v' },
      });
      return { read: await fs.getDoc(ref), stored: await ctx.stored(ref.path) };
    },
  },
  {
    name: 'round trip: values written raw (int64 extremes, integral doubles) as the SDK reads them',
    async run(fs, db, ctx) {
      const path = `${ctx.col('values')}/raw`;
      await ctx.rawWrite(path, {
        max: { integerValue: '9223372036854775807' },
        min: { integerValue: '-9223372036854775808' },
        one: { doubleValue: 1 },
        zero: { doubleValue: 0 },
        negZero: { doubleValue: -0 },
        nan: { doubleValue: 'NaN' },
        inf: { doubleValue: 'Infinity' },
        ts: { timestampValue: '2001-02-03T04:05:06.123456789Z' },
      });
      return { read: await fs.getDoc(fs.doc(db, path)), stored: await ctx.stored(path) };
    },
  },
  {
    name: 'getDoc of a missing document and of a document in a missing subcollection',
    async run(fs, db, ctx) {
      const col = ctx.col('values');
      return [await fs.getDoc(fs.doc(db, col, 'nope')), await fs.getDoc(fs.doc(db, col, 'nope', 'sub', 'x'))];
    },
  },
  {
    name: 'field names needing backquotes survive a round trip and are addressable by FieldPath',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('values'), 'q');
      await fs.setDoc(ref, { 'a.b': 1, 'a b': 2, é: 4, '1x': 5, a: { b: 6 } });
      const snap = await fs.getDoc(ref);
      return {
        snap,
        dotted: snap.get(new fs.FieldPath('a.b')),
        nested: snap.get('a.b'),
        space: snap.get(new fs.FieldPath('a b')),
        stored: await ctx.stored(ref.path),
      };
    },
  },
  {
    name: 'value classes: constructors, conversions and their validation',
    async run(fs, _db, ctx) {
      const t = fs.Timestamp.fromMillis(-1500);
      const d = fs.Timestamp.fromDate(new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)));
      const g = new fs.GeoPoint(12.5, -45);
      const b = fs.Bytes.fromUint8Array(new Uint8Array([104, 105]));
      return {
        fromMillis: [t.seconds, t.nanoseconds, t.toMillis()],
        fromDate: [d.seconds, d.nanoseconds, d.toDate().toISOString()],
        json: [t.toJSON(), g.toJSON(), b.toBase64()],
        strings: [t.toString(), g.toString(), b.toString()],
        equal: [
          t.isEqual(fs.Timestamp.fromMillis(-1500)),
          g.isEqual(new fs.GeoPoint(12.5, -45)),
          b.isEqual(fs.Bytes.fromBase64String('aGk=')),
        ],
        valueOrder: [
          t.valueOf() < d.valueOf(),
          new fs.Timestamp(0, 1).valueOf() > new fs.Timestamp(0, 0).valueOf(),
        ],
        bytes: Array.from(b.toUint8Array()),
        badNanos: await ctx.thrown(() => new fs.Timestamp(0, 1e9)),
        badSeconds: await ctx.thrown(() => new fs.Timestamp(253402300800, 0)),
        badLatitude: await ctx.thrown(() => new fs.GeoPoint(91, 0)),
        badLongitude: await ctx.thrown(() => new fs.GeoPoint(0, -181)),
        badBase64: await ctx.thrown(() => fs.Bytes.fromBase64String('not base64!')),
      };
    },
  },
  {
    name: 'round trip: Date values become Timestamps',
    async run(fs, db, ctx) {
      const ref = fs.doc(db, ctx.col('values'), 'date');
      await fs.setDoc(ref, { when: new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)), list: [new Date(0)] });
      return { read: await fs.getDoc(ref), stored: await ctx.stored(ref.path) };
    },
  },
];

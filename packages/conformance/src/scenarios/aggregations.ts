import type { Scenario } from '../scenario.js';
import { seed } from './helpers.js';

export const aggregationScenarios: Scenario[] = [
  {
    name: 'count, sum and average over ints, doubles and non-numbers',
    async run(fs, db, ctx) {
      const path = ctx.col('agg');
      await seed(fs, db, path, {
        a: { v: 1, g: 'x' },
        b: { v: 2, g: 'x' },
        c: { v: 2.5, g: 'y' },
        d: { v: 'text', g: 'y' },
        e: { v: null, g: 'y' },
        f: { g: 'x' },
      });
      const col = fs.collection(db, path);
      const spec = { n: fs.count(), total: fs.sum('v'), mean: fs.average('v') };
      return {
        all: await ctx.aggregate(col, spec),
        x: await ctx.aggregate(fs.query(col, fs.where('g', '==', 'x')), spec),
        limited: await ctx.aggregate(fs.query(col, fs.orderBy('v'), fs.limit(2)), spec),
      };
    },
  },
  {
    name: 'aggregations over nothing: count 0, sum 0, average null',
    async run(fs, db, ctx) {
      const col = fs.collection(db, ctx.col('empty'));
      return ctx.aggregate(col, { n: fs.count(), total: fs.sum('v'), mean: fs.average('v') });
    },
  },
  {
    name: 'sum of integers that overflows int64 becomes a double',
    async run(fs, db, ctx) {
      const path = ctx.col('overflow');
      await Promise.all([
        ctx.rawWrite(`${path}/a`, { v: { integerValue: '9223372036854775807' } }),
        ctx.rawWrite(`${path}/b`, { v: { integerValue: '9223372036854775807' } }),
        ctx.rawWrite(`${path}/c`, { v: { integerValue: '-5' } }),
      ]);
      const col = fs.collection(db, path);
      return ctx.aggregate(col, { total: fs.sum('v'), mean: fs.average('v') });
    },
  },
  {
    name: 'sum and average with NaN and infinities',
    async run(fs, db, ctx) {
      const path = ctx.col('special');
      await seed(fs, db, path, {
        a: { inf: Number.POSITIVE_INFINITY, both: Number.POSITIVE_INFINITY, nan: 1 },
        b: { inf: 1, both: Number.NEGATIVE_INFINITY, nan: Number.NaN },
      });
      const col = fs.collection(db, path);
      return ctx.aggregate(col, {
        inf: fs.sum('inf'),
        both: fs.sum('both'),
        nan: fs.sum('nan'),
        avgInf: fs.average('inf'),
        avgNan: fs.average('nan'),
      });
    },
  },
  {
    name: 'count with getCount semantics on a filtered collection group',
    async run(fs, db, ctx) {
      const group = ctx.col('pets');
      await Promise.all([
        seed(fs, db, `${ctx.col('homes')}/h1/${group}`, { a: { kind: 'cat' }, b: { kind: 'dog' } }),
        seed(fs, db, `${ctx.col('homes')}/h2/${group}`, { a: { kind: 'cat' } }),
      ]);
      return ctx.aggregate(fs.query(fs.collectionGroup(db, group), fs.where('kind', '==', 'cat')), {
        n: fs.count(),
      });
    },
  },
  {
    name: 'aggregations over or-filters, cursors and fields with no numbers',
    async run(fs, db, ctx) {
      const path = ctx.col('agg');
      await seed(fs, db, path, {
        a: { n: 1, s: 'x', t: 1 },
        b: { n: 2, s: 'y', t: 2.5 },
        c: { n: 3, s: 'z' },
        d: { n: 4, s: null, t: -1 },
      });
      const col = fs.collection(db, path);
      const spec = {
        count: fs.count(),
        sumS: fs.sum('s'),
        avgS: fs.average('s'),
        sumT: fs.sum('t'),
        avgT: fs.average('t'),
      };
      return {
        or: await ctx.aggregate(fs.query(col, fs.or(fs.where('n', '==', 1), fs.where('n', '>=', 3))), spec),
        cursor: await ctx.aggregate(fs.query(col, fs.orderBy('n'), fs.startAfter(1), fs.endBefore(4)), spec),
      };
    },
  },
  {
    name: 'aggregations with a limit when some documents lack the summed field',
    async run(fs, db, ctx) {
      const path = ctx.col('agg');
      await seed(fs, db, path, { a: { n: 1, t: 1 }, b: { n: 2, t: 2.5 }, c: { n: 3 }, d: { n: 4, t: -1 } });
      const col = fs.collection(db, path);
      const limited = fs.query(col, fs.orderBy('n', 'desc'), fs.limit(2));
      return {
        countOnly: await ctx.aggregate(limited, { count: fs.count() }),
        sumOnly: await ctx.aggregate(limited, { sum: fs.sum('t') }),
        together: await ctx.aggregate(limited, { count: fs.count(), sum: fs.sum('t'), avg: fs.average('t') }),
        limitToLast: await ctx.aggregate(fs.query(col, fs.orderBy('n'), fs.limitToLast(2)), {
          count: fs.count(),
          sum: fs.sum('t'),
        }),
      };
    },
  },
];

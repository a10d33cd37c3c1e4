import type * as lite from 'firebase/firestore/lite';
import type { Scenario } from '../scenario.js';
import { ids, seed } from './helpers.js';

interface City {
  name: string;
  pop: number;
}

export const referenceScenarios: Scenario[] = [
  {
    name: 'references: ids, paths and parents',
    run(fs, db, ctx) {
      const col = fs.collection(db, ctx.col('a'), 'b', 'c');
      const ref = fs.doc(col, 'd');
      const nested = fs.doc(db, `${ctx.col('a')}/b/c/d/e/f`);
      return {
        col: [col.id, col.path, col.parent?.path ?? null],
        ref: [ref.id, ref.path, ref.parent.path, ref.parent.parent?.path ?? null],
        nested: [nested.id, nested.parent.id],
        top: fs.collection(db, ctx.col('top')).parent,
        auto: /^[A-Za-z0-9]{20}$/.test(fs.doc(col).id),
      };
    },
  },
  {
    name: 'refEqual and queryEqual',
    run(fs, db, ctx) {
      const col = fs.collection(db, ctx.col('a'));
      const q = (n: number) => fs.query(col, fs.where('n', '==', n), fs.orderBy('m'), fs.limit(2));
      return {
        sameRef: fs.refEqual(fs.doc(col, 'x'), fs.doc(db, ctx.col('a'), 'x')),
        otherRef: fs.refEqual(fs.doc(col, 'x'), fs.doc(col, 'y')),
        docVsCol: fs.refEqual(fs.doc(col, 'x') as never, col as never),
        sameQuery: fs.queryEqual(q(1), q(1)),
        otherQuery: fs.queryEqual(q(1), q(2)),
        colVsQuery: fs.queryEqual(col, fs.query(col)),
      };
    },
  },
  {
    name: 'withConverter on documents, collections and queries',
    async run(fs, db, ctx) {
      const converter: lite.FirestoreDataConverter<City> = {
        toFirestore: (city) => ({ name: city.name, pop: city.pop, kind: 'city' }),
        fromFirestore: (snap) => {
          const data = snap.data();
          return { name: `${data.name}!`, pop: data.pop * 2 };
        },
      };
      const col = fs.collection(db, ctx.col('cities')).withConverter(converter);
      await fs.setDoc(fs.doc(col, 'sf'), { name: 'SF', pop: 1 });
      await fs.setDoc(fs.doc(col, 'la'), { name: 'LA', pop: 2 });
      const one = await fs.getDoc(fs.doc(col, 'sf'));
      const all = await fs.getDocs(fs.query(col, fs.orderBy('pop', 'desc')));
      return {
        one: one.data() ?? null,
        all: all.docs.map((d) => d.data()),
        raw: await ctx.stored(`${ctx.col('cities')}/sf`),
        unconverted: (await fs.getDoc(fs.doc(col, 'la').withConverter(null))).data() ?? null,
      };
    },
  },
  {
    name: 'snapshot accessors: get, exists, id, ref, forEach, empty',
    async run(fs, db, ctx) {
      const path = ctx.col('snaps');
      await seed(fs, db, path, { a: { x: { y: 1 }, 'x.y': 2 }, b: { x: null } });
      const col = fs.collection(db, path);
      const snap = await fs.getDoc(fs.doc(col, 'a'));
      const seen: string[] = [];
      const all = await fs.getDocs(col);
      all.forEach((d) => {
        seen.push(d.id);
      });
      const none = await fs.getDocs(fs.query(col, fs.where('x', '==', 'none')));
      return {
        id: snap.id,
        ref: snap.ref,
        nested: snap.get('x.y'),
        dotted: snap.get(new fs.FieldPath('x.y')),
        missing: snap.get('nope') ?? 'undefined',
        nullField: all.docs[1].get('x'),
        seen,
        size: [all.size, all.empty, none.size, none.empty],
        queryIds: ids(all),
      };
    },
  },
  {
    name: 'multiple inequality fields order by each field in turn',
    async run(fs, db, ctx) {
      const path = ctx.col('multi');
      await seed(fs, db, path, {
        a: { x: 3, y: 1 },
        b: { x: 2, y: 2 },
        c: { x: 2, y: 0 },
        d: { x: 5, y: 9 },
        e: { x: 1, y: 1 },
        f: { y: 1 },
      });
      const col = fs.collection(db, path);
      return ctx.outcome(async () => ({
        implicit: ids(await fs.getDocs(fs.query(col, fs.where('y', '<', 5), fs.where('x', '>', 1)))),
        explicit: ids(
          await fs.getDocs(
            fs.query(col, fs.where('y', '<', 5), fs.where('x', '>', 1), fs.orderBy('y', 'desc')),
          ),
        ),
      }));
    },
  },
  {
    name: 'the last of limit and limitToLast wins',
    async run(fs, db, ctx) {
      const path = ctx.col('limits');
      await seed(fs, db, path, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
      const col = fs.collection(db, path);
      return {
        lastWins: ids(await fs.getDocs(fs.query(col, fs.orderBy('n'), fs.limit(1), fs.limitToLast(2)))),
        firstWins: ids(await fs.getDocs(fs.query(col, fs.orderBy('n'), fs.limitToLast(1), fs.limit(2)))),
        smaller: ids(await fs.getDocs(fs.query(col, fs.orderBy('n'), fs.limit(2), fs.limit(3)))),
      };
    },
  },
  {
    name: 'document ids with spaces, unicode and punctuation sort by UTF-8 bytes',
    async run(fs, db, ctx) {
      const path = ctx.col('ids');
      const idList = [
        'b',
        'a b',
        'A',
        'é',
        'z',
        '😀',
        '\uffff',
        'a%2Fb',
        'a.b',
        'a-b',
        'a_b',
        '~',
        '1',
        '10',
        '9',
        '_',
      ];
      await seed(fs, db, path, Object.fromEntries(idList.map((id) => [id, { id }])));
      const col = fs.collection(db, path);
      return {
        byName: ids(await fs.getDocs(col)),
        // (No descending documentId order: the official emulator refuses it, production does not.)
        range: ids(
          await fs.getDocs(fs.query(col, fs.orderBy(fs.documentId()), fs.startAfter('a b'), fs.limit(5))),
        ),
        one: await fs.getDoc(fs.doc(col, '😀')),
        stored: await ctx.stored(`${path}/a b`),
      };
    },
  },
  {
    name: 'field names that need backquotes in filters, orders, updates and aggregations',
    async run(fs, db, ctx) {
      const path = ctx.col('quoted');
      await seed(fs, db, path, {
        a: { 'a-b': 1, 'x y': { é: 3 }, '`tick`': 'p', n: 1 },
        b: { 'a-b': 2, 'x y': { é: 1 }, '`tick`': 'q', n: 2 },
        c: { 'a-b': 3, 'x y': { é: 2 }, n: 3 },
      });
      const col = fs.collection(db, path);
      await fs.updateDoc(fs.doc(col, 'c'), new fs.FieldPath('x y', 'é'), 10, '`tick`', 'r');
      return {
        filter: ids(await fs.getDocs(fs.query(col, fs.where('a-b', '>=', 2)))),
        nestedOrder: ids(await fs.getDocs(fs.query(col, fs.orderBy(new fs.FieldPath('x y', 'é'), 'desc')))),
        tickOrder: ids(await fs.getDocs(fs.query(col, fs.orderBy('`tick`')))),
        sum: await ctx.aggregate(col, {
          total: fs.sum('a-b'),
          mean: fs.average(new fs.FieldPath('x y', 'é')),
        }),
        stored: await ctx.stored(`${path}/c`),
      };
    },
  },
  {
    name: 'path arguments: slashes inside segments, surrounding slashes, references as parents',
    async run(fs, db, ctx) {
      const c = ctx.col('p');
      const parent = fs.doc(db, c, 'd');
      return {
        joined: fs.doc(db, `${c}/d`, 'sub/e').path,
        leading: await ctx.thrown(() => fs.doc(db, `/${c}/d`)),
        trailing: await ctx.thrown(() => fs.doc(db, `${c}/d/`)),
        fromDoc: fs.collection(parent, 'sub', 'x', 'y').path,
        docFromDoc: fs.doc(parent, 'sub/x').path,
        emptySegment: await ctx.thrown(() => fs.doc(db, c, '')),
        collectionOfDocPath: await ctx.thrown(() => fs.collection(parent, 'sub', 'x')),
        groupWithSlash: await ctx.thrown(() => fs.collectionGroup(db, 'a/b')),
      };
    },
  },
  {
    name: "'__name__' as a field path is the document id",
    async run(fs, db, ctx) {
      const path = ctx.col('names');
      await seed(fs, db, path, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
      const col = fs.collection(db, path);
      return {
        byString: ids(await fs.getDocs(fs.query(col, fs.where('__name__', '>', fs.doc(col, 'a'))))),
        ordered: ids(await fs.getDocs(fs.query(col, fs.orderBy('__name__'), fs.startAfter('a')))),
        fieldPath: ids(await fs.getDocs(fs.query(col, fs.where(new fs.FieldPath('__name__'), '==', 'c')))),
      };
    },
  },
];

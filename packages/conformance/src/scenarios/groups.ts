import type * as lite from 'firebase/firestore/lite';
import type { Api } from '../normalize.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { ids, seed } from './helpers.js';

/** Landmarks under several cities, plus decoys whose collection id only resembles the group's. */
async function seedLandmarks(fs: Api, db: lite.Firestore, ctx: ScenarioContext): Promise<string> {
  const group = ctx.col('landmarks');
  const cities = ctx.col('cities');
  await Promise.all([
    seed(fs, db, `${cities}/sf/${group}`, {
      ggb: { type: 'bridge', age: 88 },
      park: { type: 'park', age: 150 },
    }),
    seed(fs, db, `${cities}/tk/${group}`, {
      tower: { type: 'tower', age: 66 },
      park: { type: 'park', age: 100 },
    }),
    seed(fs, db, group, { top: { type: 'bridge', age: 1 } }),
    seed(fs, db, `${cities}/sf/${group}/ggb/${group}`, { deep: { type: 'plaque', age: 5 } }),
    seed(fs, db, `${cities}/sf/${group}x`, { decoy: { type: 'bridge', age: 2 } }),
    seed(fs, db, `${cities}/sf/x${group}`, { decoy: { type: 'bridge', age: 3 } }),
  ]);
  return group;
}

function groupScenario(name: string, build: (fs: Api, group: lite.Query) => lite.Query): Scenario {
  return {
    name,
    async run(fs, db, ctx) {
      const group = await seedLandmarks(fs, db, ctx);
      return ctx.outcome(async () =>
        (await fs.getDocs(build(fs, fs.collectionGroup(db, group)))).docs.map((d) => d.ref.path),
      );
    },
  };
}

export const groupScenarios: Scenario[] = [
  groupScenario('collection group: every depth, by full path', (_fs, g) => g),
  groupScenario('collection group with a filter and an order', (fs, g) =>
    fs.query(g, fs.where('type', 'in', ['park', 'bridge']), fs.orderBy('age', 'desc')),
  ),
  groupScenario('collection group with limit and startAfter', (fs, g) =>
    fs.query(g, fs.orderBy('age'), fs.startAfter(5), fs.limit(2)),
  ),
  {
    name: 'documentId == and in on a collection',
    async run(fs, db, ctx) {
      const path = ctx.col('ids');
      await seed(fs, db, path, { a: { n: 1 }, b: { n: 2 }, c: { n: 3 }, d: { n: 4 } });
      const col = fs.collection(db, path);
      return {
        eq: ids(await fs.getDocs(fs.query(col, fs.where(fs.documentId(), '==', 'b')))),
        in: ids(await fs.getDocs(fs.query(col, fs.where(fs.documentId(), 'in', ['d', 'a', 'zz'])))),
        notIn: ids(await fs.getDocs(fs.query(col, fs.where(fs.documentId(), 'not-in', ['a', 'c'])))),
        range: ids(
          await fs.getDocs(
            fs.query(col, fs.where(fs.documentId(), '>', 'a'), fs.where(fs.documentId(), '<=', 'c')),
          ),
        ),
        ref: ids(await fs.getDocs(fs.query(col, fs.where(fs.documentId(), '==', fs.doc(col, 'c'))))),
      };
    },
  },
  {
    name: 'documentId range on a collection group needs full paths',
    async run(fs, db, ctx) {
      const group = await seedLandmarks(fs, db, ctx);
      const cities = ctx.col('cities');
      const g = fs.collectionGroup(db, group);
      return {
        byPath: await ctx.outcome(async () =>
          (
            await fs.getDocs(
              fs.query(
                g,
                fs.orderBy(fs.documentId()),
                fs.startAt(`${cities}/sf`),
                fs.endAt(`${cities}/sf\uf8ff`),
              ),
            )
          ).docs.map((d) => d.ref.path),
        ),
        bareId: await ctx.thrown(() => fs.query(g, fs.where(fs.documentId(), '==', 'park'))),
      };
    },
  },
  {
    name: 'orderBy documentId with a filter on another field',
    async run(fs, db, ctx) {
      const path = ctx.col('ids');
      await seed(fs, db, path, { a: { n: 2 }, b: { n: 1 }, c: { n: 2 }, d: { n: 1 } });
      const col = fs.collection(db, path);
      return ids(await fs.getDocs(fs.query(col, fs.where('n', '==', 2), fs.orderBy(fs.documentId()))));
    },
  },
  {
    name: 'query on a subcollection sees only its own parent',
    async run(fs, db, ctx) {
      const root = ctx.col('parents');
      await Promise.all([
        seed(fs, db, `${root}/p1/kids`, { a: { n: 1 }, b: { n: 2 } }),
        seed(fs, db, `${root}/p2/kids`, { a: { n: 3 } }),
        seed(fs, db, root, { p1: { n: 0 } }),
      ]);
      return {
        kids: await fs.getDocs(fs.collection(db, root, 'p1', 'kids')),
        parents: ids(await fs.getDocs(fs.collection(db, root))),
        missingParent: ids(await fs.getDocs(fs.collection(db, root, 'p2', 'kids'))),
      };
    },
  },
  {
    name: 'collection group orders paths segment by segment, not as flat strings',
    async run(fs, db, ctx) {
      const group = ctx.col('g');
      const root = ctx.col('p');
      // As flat strings 'c-x/…' < 'c/…' ('-' < '/'), but segment-wise 'c' < 'c-x'.
      await Promise.all([
        seed(fs, db, `${root}/c/${group}`, { z: { n: 1 } }),
        seed(fs, db, `${root}/c-x/${group}`, { a: { n: 1 } }),
        seed(fs, db, `${root}/c/sub/x/${group}`, { m: { n: 1 } }),
        seed(fs, db, `${root}/c.x/${group}`, { b: { n: 1 } }),
      ]);
      const g = fs.collectionGroup(db, group);
      return {
        byName: (await fs.getDocs(g)).docs.map((d) => d.ref.path),
        byValueThenName: (await fs.getDocs(fs.query(g, fs.orderBy('n', 'desc')))).docs.map((d) => d.ref.path),
      };
    },
  },
];

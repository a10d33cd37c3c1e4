import type * as lite from 'firebase/firestore/lite';
import type { Api } from '../normalize.js';
import type { Scenario } from '../scenario.js';
import { type Constraints, type Docs, ids, queryScenario, seed } from './helpers.js';

const cities: Docs = {
  sf: { name: 'San Francisco', state: 'CA', pop: 860000 },
  la: { name: 'Los Angeles', state: 'CA', pop: 3900000 },
  sd: { name: 'San Diego', state: 'CA', pop: 1400000 },
  dc: { name: 'Washington', state: null, pop: 680000 },
  tk: { name: 'Tokyo', state: 'JP', pop: 9000000 },
  bj: { name: 'Beijing', state: 'BJ', pop: 21500000 },
  sp: { name: 'Springfield', state: 'MA', pop: 155000 },
  sp2: { name: 'Springfield', state: 'MO', pop: 169000 },
  sp3: { name: 'Springfield', state: 'IL', pop: 114000 },
  nopop: { name: 'Nowhere', state: 'NA' },
};

const q = (name: string, build: Constraints) => queryScenario(name, cities, build);

/** Seeds the cities, then lets the scenario build a query that needs a DocumentSnapshot as cursor. */
function snapshotCursor(
  name: string,
  cursorId: string,
  build: (fs: Api, col: lite.CollectionReference, at: lite.DocumentSnapshot) => lite.Query,
): Scenario {
  return {
    name,
    async run(fs, db, ctx) {
      const path = ctx.col('cities');
      await seed(fs, db, path, cities);
      const col = fs.collection(db, path);
      const at = await fs.getDoc(fs.doc(col, cursorId));
      return ids(await fs.getDocs(build(fs, col, at)));
    },
  };
}

export const cursorScenarios: Scenario[] = [
  q('orderBy one field asc (ties by name, missing excluded)', (fs) => [fs.orderBy('name')]),
  q('orderBy desc: ties by name descending', (fs) => [fs.orderBy('name', 'desc')]),
  q('orderBy two fields with mixed directions', (fs) => [fs.orderBy('state', 'desc'), fs.orderBy('pop')]),
  q('inequality filter implies orderBy on its field first', (fs) => [fs.where('pop', '>', 700000)]),
  q('inequality filter plus explicit orderBy on another field', (fs) => [
    fs.where('pop', '>', 700000),
    fs.orderBy('state'),
  ]),
  q('orderBy on a field holding null', (fs) => [fs.orderBy('state')]),
  q('limit', (fs) => [fs.orderBy('pop'), fs.limit(3)]),
  q('limit larger than the result', (fs) => [fs.orderBy('pop'), fs.limit(100)]),
  q('limitToLast', (fs) => [fs.orderBy('pop'), fs.limitToLast(3)]),
  q('limitToLast with desc order and a filter', (fs) => [
    fs.where('state', '==', 'CA'),
    fs.orderBy('pop', 'desc'),
    fs.limitToLast(2),
  ]),
  q('startAt value', (fs) => [fs.orderBy('pop'), fs.startAt(680000)]),
  q('startAfter value', (fs) => [fs.orderBy('pop'), fs.startAfter(680000)]),
  q('endAt value', (fs) => [fs.orderBy('pop'), fs.endAt(1400000)]),
  q('endBefore value', (fs) => [fs.orderBy('pop'), fs.endBefore(1400000)]),
  q('startAt and endAt together on desc order', (fs) => [
    fs.orderBy('pop', 'desc'),
    fs.startAt(3900000),
    fs.endAt(680000),
  ]),
  q('cursor with two values over two orders', (fs) => [
    fs.orderBy('name'),
    fs.orderBy('state'),
    fs.startAfter('Springfield', 'IL'),
  ]),
  q('cursor shorter than orderBy uses a prefix', (fs) => [
    fs.orderBy('name'),
    fs.orderBy('state'),
    fs.startAt('Springfield'),
  ]),
  q('cursor value of another type than the field', (fs) => [fs.orderBy('pop'), fs.startAt('a string')]),
  q('startAt past the end gives nothing', (fs) => [fs.orderBy('pop'), fs.startAfter(1e12)]),
  q('cursors with limitToLast', (fs) => [
    fs.orderBy('pop'),
    fs.startAt(200000),
    fs.endBefore(9000000),
    fs.limitToLast(2),
  ]),
  snapshotCursor('startAfter a DocumentSnapshot (name ties broken by the snapshot)', 'sp', (fs, col, at) =>
    fs.query(col, fs.orderBy('name'), fs.startAfter(at)),
  ),
  snapshotCursor('startAt a DocumentSnapshot without orderBy (by name)', 'sd', (fs, col, at) =>
    fs.query(col, fs.startAt(at)),
  ),
  snapshotCursor('endBefore a DocumentSnapshot with desc order', 'sp2', (fs, col, at) =>
    fs.query(col, fs.orderBy('name', 'desc'), fs.endBefore(at)),
  ),
  snapshotCursor('endAt a DocumentSnapshot with an inequality filter', 'sd', (fs, col, at) =>
    fs.query(col, fs.where('pop', '>=', 155000), fs.endAt(at)),
  ),
];

import type { Scenario } from '../scenario.js';
import { type Constraints, type Docs, queryScenario } from './helpers.js';

/** Missing field, null, NaN, numbers of both kinds, strings and arrays side by side. */
const mixed: Docs = {
  missing: { other: 1 },
  null: { v: null },
  nan: { v: Number.NaN },
  negInf: { v: Number.NEGATIVE_INFINITY },
  int1: { v: 1 },
  dbl15: { v: 1.5 },
  int2: { v: 2 },
  int3: { v: 3 },
  str: { v: '2' },
  bool: { v: true },
  arr12: { v: [1, 2] },
  arrNull: { v: [null, Number.NaN] },
  arrStr: { v: ['a', 'b'] },
  arrNested: { v: [{ a: 1 }, { b: [1] }] },
  map: { v: { a: 1 } },
};

const op = (name: string, build: Constraints) => queryScenario(name, mixed, build);

export const operatorScenarios: Scenario[] = [
  op('where < 2', (fs) => [fs.where('v', '<', 2)]),
  op('where <= 2', (fs) => [fs.where('v', '<=', 2)]),
  op('where > 1', (fs) => [fs.where('v', '>', 1)]),
  op('where >= 1.5', (fs) => [fs.where('v', '>=', 1.5)]),
  op('where > string', (fs) => [fs.where('v', '>', '1')]),
  op('where == 2.0 matches the integer 2', (fs) => [fs.where('v', '==', 2.0)]),
  op('where == null', (fs) => [fs.where('v', '==', null)]),
  op('where == NaN', (fs) => [fs.where('v', '==', Number.NaN)]),
  op('where == array', (fs) => [fs.where('v', '==', [1, 2])]),
  op('where == map', (fs) => [fs.where('v', '==', { a: 1 })]),
  queryScenario(
    'map equality ignores key order; arrays do not',
    { m1: { v: { a: 1, b: [1, 2] } }, m2: { v: { b: [2, 1], a: 1 } } },
    (fs) => [fs.or(fs.where('v', '==', { b: [1, 2], a: 1 }), fs.where('v', '==', { a: 1.0, b: [2.0, 1] }))],
  ),
  op('where != 2 (excludes missing field)', (fs) => [fs.where('v', '!=', 2)]),
  op('where != null', (fs) => [fs.where('v', '!=', null)]),
  op('where != NaN', (fs) => [fs.where('v', '!=', Number.NaN)]),
  op('where > NaN matches nothing', (fs) => [fs.where('v', '>', Number.NaN)]),
  op('where < null matches nothing', (fs) => [fs.where('v', '<', null)]),
  op('array-contains 1', (fs) => [fs.where('v', 'array-contains', 1)]),
  op('array-contains null', (fs) => [fs.where('v', 'array-contains', null)]),
  op('array-contains NaN', (fs) => [fs.where('v', 'array-contains', Number.NaN)]),
  op('array-contains a map', (fs) => [fs.where('v', 'array-contains', { a: 1 })]),
  op('in [1, "2", null, [1,2]]', (fs) => [fs.where('v', 'in', [1, '2', null, [1, 2]])]),
  op('in [NaN, 3]', (fs) => [fs.where('v', 'in', [Number.NaN, 3])]),
  op('array-contains-any [2, "a", null]', (fs) => [fs.where('v', 'array-contains-any', [2, 'a', null])]),
  op('not-in [1, 2] (excludes missing field)', (fs) => [fs.where('v', 'not-in', [1, 2])]),
  op('not-in [null]', (fs) => [fs.where('v', 'not-in', [null])]),
  op('not-in [NaN, true]', (fs) => [fs.where('v', 'not-in', [Number.NaN, true])]),
  op('range on two bounds of the same field', (fs) => [fs.where('v', '>', 1), fs.where('v', '<', 3)]),
  op('inequality plus orderBy on the same field desc', (fs) => [
    fs.where('v', '>=', 1),
    fs.orderBy('v', 'desc'),
  ]),
  op('equality on a nested field path', (fs) => [fs.where('v.a', '==', 1)]),
];

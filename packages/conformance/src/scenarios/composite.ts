import type { Scenario } from '../scenario.js';
import { type Constraints, type Docs, queryScenario } from './helpers.js';

const people: Docs = {
  ann: { city: 'SF', age: 30, tags: ['a', 'b'] },
  bob: { city: 'LA', age: 25, tags: ['b'] },
  cat: { city: 'SF', age: 20, tags: [] },
  dan: { city: 'NY', age: 40 },
  eve: { city: 'LA', age: 35, tags: ['c'] },
  fay: { age: 30 },
};

const q = (name: string, build: Constraints) => queryScenario(name, people, build);

export const compositeScenarios: Scenario[] = [
  q('and of equality and inequality', (fs) => [
    fs.and(fs.where('city', '==', 'SF'), fs.where('age', '>', 25)),
  ]),
  q('or of equalities', (fs) => [fs.or(fs.where('city', '==', 'NY'), fs.where('age', '==', 25))]),
  q('or with a field missing on some documents', (fs) => [
    fs.or(fs.where('city', '==', 'LA'), fs.where('age', '<', 25)),
  ]),
  q('or nested in and', (fs) => [
    fs.and(
      fs.where('age', '>=', 25),
      fs.or(fs.where('city', '==', 'SF'), fs.where('tags', 'array-contains', 'c')),
    ),
  ]),
  q('and nested in or, with orderBy desc and limit', (fs) => [
    fs.or(fs.and(fs.where('city', '==', 'LA'), fs.where('age', '>', 30)), fs.where('city', '==', 'SF')),
    fs.orderBy('age', 'desc'),
    fs.limit(3),
  ]),
  q('or of in filters', (fs) => [fs.or(fs.where('city', 'in', ['NY', 'LA']), fs.where('age', 'in', [20]))]),
  q('or with array-contains-any and !=', (fs) => [
    fs.or(fs.where('tags', 'array-contains-any', ['a', 'c']), fs.where('age', '!=', 30)),
  ]),
  q('single-clause or behaves like a plain where', (fs) => [fs.or(fs.where('age', '==', 30))]),
];

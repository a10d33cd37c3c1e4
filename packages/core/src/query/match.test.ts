import { describe, expect, it } from 'vitest';
import type { Filter } from '../protocol/v1.js';
import { compileFilter, matchesFilters } from './match.js';
import { and, arr, d, doc, ff, i, map, or, ref, s, uf } from './test-support.js';

describe('matchesFilters', () => {
  const x = doc('c/x', { n: i(3), m: map({ k: s('v') }), a: arr(i(1), i(2)) });
  const matches = (filter: Filter) => matchesFilters(x, { where: filter });

  it('matches everything without a where clause', () => {
    expect(matchesFilters(x, {})).toBe(true);
  });

  it('reads nested fields', () => {
    expect(matches(ff('m.k', 'EQUAL', s('v')))).toBe(true);
    expect(matches(ff('m.k', 'GREATER_THAN', s('w')))).toBe(false);
    expect(matches(ff('`m`.`k`', 'EQUAL', s('v')))).toBe(true);
  });

  it('compares integers and doubles by value', () => {
    expect(matches(ff('n', 'EQUAL', d(3)))).toBe(true);
    expect(matches(ff('n', 'GREATER_THAN', d(2.5)))).toBe(true);
    expect(matches(ff('n', 'LESS_THAN_OR_EQUAL', d(2.999)))).toBe(false);
    expect(matches(ff('a', 'ARRAY_CONTAINS', d(2)))).toBe(true);
    expect(matches(ff('a', 'ARRAY_CONTAINS_ANY', arr(d(9), d(1))))).toBe(true);
  });

  it('never matches a missing field, whatever the operator', () => {
    for (const filter of [
      ff('z', 'NOT_EQUAL', i(1)),
      ff('z', 'NOT_IN', arr(i(1))),
      uf('z', 'IS_NOT_NULL'),
      uf('z', 'IS_NOT_NAN'),
      ff('z', 'LESS_THAN', i(1)),
    ]) {
      expect(matches(filter)).toBe(false);
    }
  });

  it('combines and/or, nested', () => {
    expect(matches(and(ff('n', 'EQUAL', i(3)), or(ff('n', 'EQUAL', i(9)), ff('m.k', 'EQUAL', s('v')))))).toBe(
      true,
    );
    expect(matches(and(ff('n', 'EQUAL', i(3)), or(ff('n', 'EQUAL', i(9)), ff('m.k', 'EQUAL', s('w')))))).toBe(
      false,
    );
    expect(matches(and())).toBe(true);
  });

  it('filters on the document name with __name__', () => {
    expect(matches(ff('__name__', 'EQUAL', ref('c/x')))).toBe(true);
    expect(matches(ff('__name__', 'IN', arr(ref('c/y'), ref('c/x'))))).toBe(true);
    expect(matches(ff('__name__', 'GREATER_THAN', ref('c/w')))).toBe(true);
    expect(matches(ff('__name__', 'NOT_EQUAL', ref('c/x')))).toBe(false);
  });

  it('compiles a predicate once for many documents', () => {
    const even = compileFilter(ff('n', 'IN', arr(i(2), i(4))));
    expect([1, 2, 3, 4].map((n) => even(doc(`c/${n}`, { n: i(n) })))).toEqual([false, true, false, true]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Order, StructuredQuery } from '../protocol/v1.js';
import { normalizeOrderBy } from './normalize.js';
import { and, asc, desc, ff, i, or, uf } from './test-support.js';

const fields = (orders: Order[]) => orders.map((o) => `${o.field.fieldPath} ${o.direction}`);
const normalized = (query: StructuredQuery) => fields(normalizeOrderBy(query));

describe('normalizeOrderBy', () => {
  it('adds __name__ ascending to a query without orders', () => {
    expect(normalized({})).toEqual(['__name__ ASCENDING']);
  });

  it('keeps explicit orders and appends __name__ in the last direction', () => {
    expect(normalized({ orderBy: [asc('a'), desc('b')] })).toEqual([
      'a ASCENDING',
      'b DESCENDING',
      '__name__ DESCENDING',
    ]);
  });

  it('orders by the inequality field first', () => {
    expect(normalized({ where: ff('a', 'GREATER_THAN', i(1)) })).toEqual([
      'a ASCENDING',
      '__name__ ASCENDING',
    ]);
  });

  it('sorts several inequality fields by path and gives them the last explicit direction', () => {
    const where = and(
      ff('b', 'LESS_THAN', i(1)),
      ff('a.z', 'NOT_EQUAL', i(1)),
      ff('a', 'GREATER_THAN', i(1)),
    );
    expect(normalized({ where })).toEqual([
      'a ASCENDING',
      'a.z ASCENDING',
      'b ASCENDING',
      '__name__ ASCENDING',
    ]);
    expect(normalized({ where, orderBy: [desc('c')] })).toEqual([
      'c DESCENDING',
      'a DESCENDING',
      'a.z DESCENDING',
      'b DESCENDING',
      '__name__ DESCENDING',
    ]);
  });

  it('does not repeat an inequality field already ordered, however it is spelled', () => {
    expect(normalized({ where: ff('`a`', 'GREATER_THAN', i(1)), orderBy: [desc('a')] })).toEqual([
      'a DESCENDING',
      '__name__ DESCENDING',
    ]);
  });

  it('treats IS_NOT_NULL, IS_NOT_NAN, != and not-in as inequalities, but not equalities or in', () => {
    expect(normalized({ where: uf('x', 'IS_NOT_NULL') })).toEqual(['x ASCENDING', '__name__ ASCENDING']);
    expect(normalized({ where: uf('x', 'IS_NOT_NAN') })).toEqual(['x ASCENDING', '__name__ ASCENDING']);
    expect(normalized({ where: or(ff('x', 'EQUAL', i(1)), ff('y', 'IN', { arrayValue: {} })) })).toEqual([
      '__name__ ASCENDING',
    ]);
    expect(normalized({ where: uf('x', 'IS_NULL') })).toEqual(['__name__ ASCENDING']);
  });

  it('does not add __name__ again when ordered explicitly', () => {
    expect(normalized({ orderBy: [desc('a'), asc('__name__')] })).toEqual([
      'a DESCENDING',
      '__name__ ASCENDING',
    ]);
  });

  it('ignores ranges and != that can match nothing (null operand, NaN range), as the official emulator does', () => {
    expect(normalized({ where: ff('x', 'GREATER_THAN', { doubleValue: 'NaN' }) })).toEqual([
      '__name__ ASCENDING',
    ]);
    expect(normalized({ where: ff('x', 'LESS_THAN', { nullValue: null }) })).toEqual(['__name__ ASCENDING']);
    expect(normalized({ where: ff('x', 'NOT_EQUAL', { nullValue: null }) })).toEqual(['__name__ ASCENDING']);
    expect(normalized({ where: ff('x', 'NOT_EQUAL', { doubleValue: 'NaN' }) })).toEqual([
      'x ASCENDING',
      '__name__ ASCENDING',
    ]);
  });

  it('ignores a not-in holding null, which matches nothing', () => {
    const where = ff('x', 'NOT_IN', { arrayValue: { values: [i(1), { nullValue: null }] } });
    expect(normalized({ where })).toEqual(['__name__ ASCENDING']);
  });
});

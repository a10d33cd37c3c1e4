import { describe, expect, it } from 'vitest';
import type { Aggregation, Filter, StructuredQuery, Value } from '../protocol/v1.js';
import { Code, StatusError } from '../status.js';
import { and, arr, asc, d, desc, ff, from, i, nul, or, ROOT, ref, s, uf } from './test-support.js';
import { validateQuery } from './validate.js';

// Messages are the official Firestore emulator's, checked with curl against its :runQuery.

const c = from('c');
const ints = (n: number): Value => arr(...Array.from({ length: n }, (_, k) => i(k)));
const equalities = (n: number, field = 'v'): Filter[] =>
  Array.from({ length: n }, (_, k) => ff(field, 'EQUAL', i(k)));

function refusal(query: StructuredQuery, parent: string = ROOT): string {
  try {
    validateQuery(query, parent);
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    expect((e as StatusError).code).toBe(Code.INVALID_ARGUMENT);
    return (e as StatusError).message;
  }
  throw new Error('query was accepted');
}

const accepted = (query: StructuredQuery, parent: string = ROOT) =>
  expect(() => validateQuery(query, parent)).not.toThrow();

describe('validateQuery refuses', () => {
  it.each<[string, StructuredQuery, string]>([
    [
      'two collection selectors',
      { from: [{ collectionId: 'c' }, { collectionId: 'd' }] },
      'StructuredQuery.from cannot have more than one collection selector.',
    ],
    [
      'a reserved collection id',
      { from: [{ collectionId: '__x__' }] },
      'Collection id "__x__" is invalid because it is reserved.',
    ],
    [
      'a reserved collection group id',
      { from: [{ collectionId: '__x__', allDescendants: true }] },
      'Collection id "__x__" is invalid because it is reserved.',
    ],
    [
      'a collection id over 1500 bytes',
      { from: [{ collectionId: 'x'.repeat(1501) }] },
      'The query kind is longer than 1500 bytes.',
    ],
    [
      'a reserved field name',
      { from: c, where: ff('a.__x__', 'EQUAL', i(1)) },
      'Invalid reserved name in field path __x__',
    ],
    ['__name__ inside a path', { from: c, orderBy: [asc('__name__.x')] }, 'the name __key__ is reserved'],
    [
      'a malformed field path',
      { from: c, where: ff('a..b', 'EQUAL', i(1)) },
      'Invalid property path "a..b". Unquoted property paths must match regex ([a-zA-Z_][a-zA-Z_0-9]*), and quoted property paths must match regex (`(?:[^`\\\\]|(?:\\\\.))+`)',
    ],
    ['an empty field path', { from: c, where: ff('', 'EQUAL', i(1)) }, 'Invalid empty property path string.'],
    [
      'a reference that is not a document',
      { from: c, where: ff('v', 'EQUAL', { referenceValue: `${ROOT}/c` }) },
      `Resource name "${ROOT}/c" lacks "/" at index 47.`,
    ],
    [
      'a reference that is not a name',
      { from: c, where: ff('__name__', 'EQUAL', { referenceValue: 'garbage' }) },
      'Resource name "garbage" lacks "projects" at index 0.',
    ],
    [
      'a __name__ cursor that is not a document',
      { from: c, orderBy: [asc('__name__')], startAt: { values: [{ referenceValue: `${ROOT}/c` }] } },
      `Resource name "${ROOT}/c" lacks "/" at index 47.`,
    ],
    [
      'in with 31 values',
      { from: c, where: ff('v', 'IN', ints(31)) },
      "'IN' supports up to 30 comparison values.",
    ],
    [
      'array-contains-any with 31 values',
      { from: c, where: ff('v', 'ARRAY_CONTAINS_ANY', ints(31)) },
      "'ARRAY_CONTAINS_ANY' supports up to 30 comparison values.",
    ],
    [
      'not-in with 11 values',
      { from: c, where: ff('v', 'NOT_IN', ints(11)) },
      "'NOT_IN' supports up to 10 comparison values.",
    ],
    ['in with no values', { from: c, where: ff('v', 'IN', arr()) }, "'IN' requires an non-empty ArrayValue."],
    [
      'not-in with no values',
      { from: c, where: ff('v', 'NOT_IN', arr()) },
      "'NOT_IN' requires an non-empty ArrayValue.",
    ],
    [
      'array-contains-any with no values',
      { from: c, where: ff('v', 'ARRAY_CONTAINS_ANY', arr()) },
      "'ARRAY_CONTAINS_ANY' requires an non-empty ArrayValue.",
    ],
    ['in with a scalar', { from: c, where: ff('v', 'IN', i(1)) }, "'IN' requires an ArrayValue."],
    ['not-in with a scalar', { from: c, where: ff('v', 'NOT_IN', i(1)) }, "'NOT_IN' requires an ArrayValue."],
    [
      'two !=',
      { from: c, where: and(ff('v', 'NOT_EQUAL', i(1)), ff('w', 'NOT_EQUAL', i(1))) },
      "Only a single 'NOT_EQUAL', 'NOT_IN', 'IS_NOT_NAN', or 'IS_NOT_NULL' filter allowed per query.",
    ],
    [
      '!= with not-in',
      { from: c, where: and(ff('v', 'NOT_EQUAL', i(1)), ff('w', 'NOT_IN', arr(i(1)))) },
      "Only a single 'NOT_EQUAL', 'NOT_IN', 'IS_NOT_NAN', or 'IS_NOT_NULL' filter allowed per query.",
    ],
    [
      'IS_NOT_NAN with IS_NOT_NULL',
      { from: c, where: and(uf('v', 'IS_NOT_NAN'), uf('w', 'IS_NOT_NULL')) },
      "Only a single 'NOT_EQUAL', 'NOT_IN', 'IS_NOT_NAN', or 'IS_NOT_NULL' filter allowed per query.",
    ],
    [
      'two != across an or',
      { from: c, where: or(ff('v', 'NOT_EQUAL', i(1)), ff('w', 'NOT_EQUAL', i(2))) },
      "Only a single 'NOT_EQUAL', 'NOT_IN', 'IS_NOT_NAN', or 'IS_NOT_NULL' filter allowed per query.",
    ],
    [
      'not-in with in',
      { from: c, where: and(ff('v', 'NOT_IN', arr(i(2))), ff('w', 'IN', arr(i(1)))) },
      "'NOT_IN' cannot be used in the same query with 'IN', 'ARRAY_CONTAINS_ANY' or 'OR'.",
    ],
    [
      'not-in with array-contains-any',
      { from: c, where: and(ff('v', 'NOT_IN', arr(i(2))), ff('w', 'ARRAY_CONTAINS_ANY', arr(i(1)))) },
      "'NOT_IN' cannot be used in the same query with 'IN', 'ARRAY_CONTAINS_ANY' or 'OR'.",
    ],
    [
      'not-in inside an or',
      { from: c, where: or(ff('v', 'NOT_IN', arr(i(1)))) },
      "'NOT_IN' cannot be used in the same query with 'IN', 'ARRAY_CONTAINS_ANY' or 'OR'.",
    ],
    [
      'two array-contains',
      { from: c, where: and(ff('v', 'ARRAY_CONTAINS', i(2)), ff('v', 'ARRAY_CONTAINS', i(1))) },
      "A maximum of 1 'ARRAY_CONTAINS' filter is allowed per disjunction.",
    ],
    [
      'two array-contains-any',
      {
        from: c,
        where: and(ff('v', 'ARRAY_CONTAINS_ANY', arr(i(2))), ff('w', 'ARRAY_CONTAINS_ANY', arr(i(1)))),
      },
      "A maximum of 1 'ARRAY_CONTAINS' filter is allowed per disjunction.",
    ],
    [
      'array-contains-any and an or holding array-contains',
      {
        from: c,
        where: and(
          ff('v', 'ARRAY_CONTAINS_ANY', arr(i(1))),
          or(ff('w', 'ARRAY_CONTAINS', i(2)), ff('x', 'EQUAL', i(1))),
        ),
      },
      "A maximum of 1 'ARRAY_CONTAINS' filter is allowed per disjunction.",
    ],
    [
      '31 disjunctions',
      { from: c, where: or(...equalities(31)) },
      'Too many disjunctions after normalization. Result had 31 disjunctions which is more than the maximum of 30',
    ],
    [
      'in 16 × in 2',
      { from: c, where: and(ff('v', 'IN', ints(16)), ff('w', 'IN', ints(2))) },
      'Too many disjunctions after normalization. Result had 32 disjunctions which is more than the maximum of 30',
    ],
    [
      'in 30 × in 2',
      { from: c, where: and(ff('v', 'IN', ints(30)), ff('w', 'IN', ints(2))) },
      'Too many disjunctions after normalization. Result had 60 disjunctions which is more than the maximum of 30',
    ],
    [
      'in 3 × in 3 × in 4',
      { from: c, where: and(ff('v', 'IN', ints(3)), ff('w', 'IN', ints(3)), ff('x', 'IN', ints(4))) },
      'Too many disjunctions after normalization. Result had 36 disjunctions which is more than the maximum of 30',
    ],
    [
      'array-contains-any 16 × in 2',
      { from: c, where: and(ff('v', 'ARRAY_CONTAINS_ANY', ints(16)), ff('w', 'IN', ints(2))) },
      'Too many disjunctions after normalization. Result had 32 disjunctions which is more than the maximum of 30',
    ],
    [
      'or of 100',
      { from: c, where: or(...equalities(100)) },
      'Too many disjunctions after normalization. Result had 100 disjunctions which is more than the maximum of 30',
    ],
    [
      'in 30 × in 3 (gives up past 60)',
      { from: c, where: and(ff('v', 'IN', ints(30)), ff('w', 'IN', ints(3))) },
      'Too many disjunctions after normalization, the maximum is 30',
    ],
    [
      'and of a single or of 61',
      { from: c, where: and(or(...equalities(61))) },
      'Too many disjunctions after normalization, the maximum is 30',
    ],
    [
      '101 filters',
      { from: c, where: and(...equalities(101)) },
      'The query may not have more than 100 filters + sort orders + ancestor total. Currently there are 101 filters, 0 sort orders, and no ancestor filter.',
    ],
    [
      '99 filters and 2 orders',
      { from: c, where: and(...equalities(99)), orderBy: [asc('a'), asc('b')] },
      'The query may not have more than 100 filters + sort orders + ancestor total. Currently there are 99 filters, 2 sort orders, and no ancestor filter.',
    ],
    [
      '200 filters in an or',
      { from: c, where: or(...equalities(200)) },
      'The query may not have more than 100 filters + sort orders + ancestor total. Currently there are 200 filters, 0 sort orders, and no ancestor filter.',
    ],
    [
      'four in of 30 values',
      { from: c, where: or(...['v', 'w', 'x', 'y'].map((f) => ff(f, 'IN', ints(30)))) },
      'The query may not have more than 100 filters + sort orders + ancestor total. Currently there are 120 filters, 0 sort orders, and no ancestor filter.',
    ],
    [
      'a cursor longer than orderBy',
      { from: c, orderBy: [asc('v')], startAt: { values: [i(1), s('a'), i(3)] } },
      'Cursor has too many values.',
    ],
    [
      'an end cursor longer than orderBy',
      { from: c, orderBy: [asc('v')], endAt: { values: [i(1), s('c/a'), i(3)] } },
      'Cursor has too many values.',
    ],
    [
      'a cursor beyond the explicit orders',
      { from: c, where: ff('a', 'GREATER_THAN', i(0)), startAt: { values: [i(2)] } },
      'Cursor has too many values.',
    ],
    [
      'a cursor without orderBy',
      { from: c, startAt: { values: [ref('c/c')], before: true } },
      'Cursor has too many values.',
    ],
    ['a negative limit', { from: c, limit: -1 }, 'limit is negative'],
    ['a negative offset', { from: c, offset: -1 }, 'offset is negative'],
    [
      '__name__ == string',
      { from: c, where: ff('__name__', 'EQUAL', s('a')) },
      '__key__ filter value must be a Key',
    ],
    [
      '__name__ in with a string',
      { from: c, where: ff('__name__', 'IN', arr(ref('c/a'), s('x'))) },
      '__key__ filter value must be a Key',
    ],
    [
      '__name__ not-in with a string',
      { from: c, where: ff('__name__', 'NOT_IN', arr(ref('c/a'), s('x'))) },
      '__key__ filter value must be a Key',
    ],
    [
      '__name__ < null',
      { from: c, where: ff('__name__', 'LESS_THAN', nul) },
      '__key__ filter value must be a Key',
    ],
    ['__name__ IS_NULL', { from: c, where: uf('__name__', 'IS_NULL') }, '__key__ filter value must be a Key'],
    [
      '__name__ array-contains',
      { from: c, where: ff('__name__', 'ARRAY_CONTAINS', ref('c/a')) },
      'the name __key__ is reserved',
    ],
    [
      '__name__ array-contains-any',
      { from: c, where: ff('__name__', 'ARRAY_CONTAINS_ANY', arr(ref('c/a'))) },
      'the name __key__ is reserved',
    ],
    [
      '__name__ in another database',
      {
        from: c,
        where: ff('__name__', 'EQUAL', { referenceValue: 'projects/demo-x/databases/foo/documents/c/a' }),
      },
      "The request was for database 'projects/demo-x/databases/(default)' but was attempting to access database 'projects/demo-x/databases/foo'",
    ],
    [
      '__name__ cursor with a string',
      { from: c, orderBy: [asc('__name__')], startAt: { values: [s('b')] } },
      'Cursor __key__ value is not a document reference.',
    ],
    [
      '__name__ cursor with an integer',
      { from: c, orderBy: [asc('v'), asc('__name__')], startAt: { values: [i(1), i(1)] } },
      'Cursor __key__ value is not a document reference.',
    ],
    [
      '__name__ cursor in another database',
      {
        from: c,
        orderBy: [asc('__name__')],
        startAt: { values: [{ referenceValue: 'projects/x/databases/(default)/documents/c/a' }] },
      },
      'The cursor key is in a different database than the query',
    ],
    [
      'duplicate orders',
      { from: c, orderBy: [asc('v'), desc('v')] },
      'order by clause cannot contain duplicate fields v',
    ],
    [
      'an order after __name__',
      { from: c, orderBy: [asc('__name__'), asc('v')] },
      'order by clause cannot contain more fields after the key',
    ],
    [
      'an inequality with orderBy __name__ only',
      { from: c, where: ff('a', 'GREATER_THAN', i(0)), orderBy: [asc('__name__')] },
      'order by clause cannot contain more fields after the key',
    ],
    [
      '__name__ == with an inequality on another field',
      { from: c, where: and(ff('__name__', 'EQUAL', ref('c/a')), ff('a', 'GREATER_THAN', i(0))) },
      'Equality on key is not allowed if there are other inequality fields and key does not appear in inequalities.',
    ],
    [
      '__name__ in with IS_NOT_NULL',
      { from: c, where: and(ff('__name__', 'IN', arr(ref('c/a'))), uf('a', 'IS_NOT_NULL')) },
      'Equality on key is not allowed if there are other inequality fields and key does not appear in inequalities.',
    ],
    [
      '__name__ == or an inequality',
      { from: c, where: or(ff('__name__', 'EQUAL', ref('c/a')), ff('a', 'NOT_EQUAL', i(0))) },
      'Equality on key is not allowed if there are other inequality fields and key does not appear in inequalities.',
    ],
    ['an empty or', { from: c, where: or() }, 'Composite filter must have at least one sub-filter.'],
    ['an empty filter', { from: c, where: {} }, 'Unknown Filter type.'],
    [
      'a field filter without operator',
      { from: c, where: { fieldFilter: { field: { fieldPath: 'v' }, value: i(1) } as never } },
      'Unknown FieldFilter operator.',
    ],
    [
      'a unary filter without operator',
      { from: c, where: { unaryFilter: { field: { fieldPath: 'v' } } as never } },
      'Unknown UnaryFilter operator.',
    ],
    [
      'a composite filter without operator',
      { from: c, where: { compositeFilter: { filters: [ff('v', 'EQUAL', i(1))] } as never } },
      'Unsupported CompositeFilter operator.',
    ],
    [
      'a filter value without type',
      { from: c, where: ff('v', 'EQUAL', {} as Value) },
      'Cannot convert firestore.v1.Value with type unset.',
    ],
    [
      'a filter without value',
      { from: c, where: { fieldFilter: { field: { fieldPath: 'v' }, op: 'EQUAL' } as never } },
      'Cannot convert firestore.v1.Value with type unset.',
    ],
  ])('%s', (_, query, message) => {
    expect(refusal(query)).toBe(message);
  });

  it.each<[string, unknown]>([
    ['from as an object', { from: { collectionId: 'c' } }],
    ['orderBy as an object', { from: c, orderBy: { field: { fieldPath: 'v' } } }],
    ['filters as an object', { from: c, where: { compositeFilter: { op: 'AND', filters: {} } } }],
    ['cursor values as an object', { from: c, orderBy: [asc('v')], startAt: { values: {} } }],
    ['a limit that is not a number', { from: c, limit: 'x' }],
    [
      'a value that is a string',
      { from: c, where: { fieldFilter: { field: { fieldPath: 'v' }, op: 'EQUAL', value: 'x' } } },
    ],
    ['where as an array', { from: c, where: [] }],
    ['an unknown key', { from: c, foo: 1 }],
    ['an unknown direction', { from: c, orderBy: [{ field: { fieldPath: 'v' }, direction: 'SIDEWAYS' }] }],
  ])('refuses a malformed payload: %s', (_, query) => {
    expect(refusal(query as StructuredQuery)).toBe("Payload isn't valid for request.");
  });

  it('multiplies the disjuncts of an and of ors, and adds those of an or', () => {
    expect(refusal({ from: c, where: and(or(...equalities(5)), or(...equalities(7, 'w'))) })).toBe(
      'Too many disjunctions after normalization. Result had 35 disjunctions which is more than the maximum of 30',
    );
    expect(
      refusal({
        from: c,
        where: or(ff('v', 'IN', ints(15)), ff('w', 'IN', ints(15)), ff('x', 'EQUAL', i(1))),
      }),
    ).toBe(
      'Too many disjunctions after normalization. Result had 31 disjunctions which is more than the maximum of 30',
    );
  });

  it('counts a document parent as an ancestor filter', () => {
    expect(refusal({ from: c, where: and(...equalities(100)) }, `${ROOT}/o/a`)).toBe(
      'The query may not have more than 100 filters + sort orders + ancestor total. Currently there are 100 filters, 0 sort orders, and one ancestor filter.',
    );
  });

  it.each<[string, StructuredQuery, string, string]>([
    [
      'a kindless query filtering a field',
      { where: ff('n', 'EQUAL', i(2)) },
      ROOT,
      'kind is required for filter: n',
    ],
    [
      'a kindless query with an empty id and a unary filter',
      { from: [{ collectionId: '' }], where: uf('n', 'IS_NULL') },
      ROOT,
      'kind is required for filter: n',
    ],
    [
      'a kindless query ordered by a field',
      { orderBy: [asc('n')] },
      ROOT,
      'kind is required for all orders except __key__ ascending',
    ],
    [
      'a kindless query ordered by __name__ descending',
      { orderBy: [desc('__name__')] },
      ROOT,
      'kind is required for all orders except __key__ ascending',
    ],
    [
      'a collection group below a document filtering a field',
      { from: from('f', true), where: ff('n', 'EQUAL', i(2)) },
      `${ROOT}/f/a`,
      'collection group queries are only allowed at the root parent',
    ],
    [
      'a collection group below a document ordered by a field',
      { from: from('f', true), orderBy: [asc('n')] },
      `${ROOT}/f/a`,
      'collection group queries are only allowed at the root parent',
    ],
    [
      'an all-descendants kindless query below a document filtering a field',
      { from: [{ collectionId: '', allDescendants: true }], where: ff('n', 'EQUAL', i(2)) },
      `${ROOT}/f/a`,
      'collection group queries are only allowed at the root parent',
    ],
  ])('refuses %s', (_, query, parent, message) => {
    expect(refusal(query, parent)).toBe(message);
  });

  it('refuses a descending name scan of a collection group below a document with FAILED_PRECONDITION', () => {
    const query = { from: from('f', true), orderBy: [desc('__name__')] };
    expect(() => validateQuery(query, `${ROOT}/f/a`)).toThrow(
      expect.objectContaining({
        code: Code.FAILED_PRECONDITION,
        message:
          "collection group queries are only allowed if they're at the root or they're an ascending primary key scan",
      }),
    );
  });

  it('refuses malformed field paths and references (messages from the model)', () => {
    expect(() => validateQuery({ from: c, where: ff('', 'EQUAL', i(1)) })).toThrow(StatusError);
    expect(() => validateQuery({ from: c, orderBy: [asc('a..b')] })).toThrow(StatusError);
    expect(() => validateQuery({ from: c, select: { fields: [{ fieldPath: 'a..b' }] } })).toThrow(
      StatusError,
    );
    expect(() => validateQuery({ from: c, where: ff('v', 'EQUAL', { referenceValue: 'garbage' }) })).toThrow(
      StatusError,
    );
    expect(() =>
      validateQuery({ from: c, where: ff('v', 'EQUAL', arr({ referenceValue: 'garbage' })) }),
    ).toThrow(StatusError);
  });
});

describe('validateQuery accepts', () => {
  it.each<[string, StructuredQuery]>([
    ['no selector (every child collection)', {}],
    ['in with 30 values', { from: c, where: ff('v', 'IN', ints(30)) }],
    ['not-in with 10 duplicate-free values', { from: c, where: ff('v', 'NOT_IN', ints(10)) }],
    ['not-in with repeated values', { from: c, where: ff('v', 'NOT_IN', arr(i(1), i(1))) }],
    ['an or of 30', { from: c, where: or(...equalities(30)) }],
    ['in 15 × in 2', { from: c, where: and(ff('v', 'IN', ints(15)), ff('w', 'IN', ints(2))) }],
    ['in 5 × in 6', { from: c, where: and(ff('v', 'IN', ints(5)), ff('w', 'IN', ints(6))) }],
    ['two in', { from: c, where: and(ff('v', 'IN', arr(i(2))), ff('w', 'IN', arr(i(1)))) }],
    [
      'array-contains-any with in',
      { from: c, where: and(ff('v', 'ARRAY_CONTAINS_ANY', arr(i(2))), ff('w', 'IN', arr(i(1)))) },
    ],
    [
      'array-contains in each branch of an or',
      { from: c, where: or(ff('v', 'ARRAY_CONTAINS', i(1)), ff('v', 'ARRAY_CONTAINS', i(2))) },
    ],
    [
      '!= with an or',
      { from: c, where: and(ff('v', 'NOT_EQUAL', i(2)), or(ff('w', 'EQUAL', i(1)), ff('w', 'EQUAL', i(2)))) },
    ],
    ['!= with in', { from: c, where: and(ff('v', 'NOT_EQUAL', i(2)), ff('w', 'IN', ints(2))) }],
    ['!= NaN with IS_NAN', { from: c, where: and(ff('v', 'NOT_EQUAL', d('NaN')), uf('w', 'IS_NAN')) }],
    [
      'inequalities on two fields',
      { from: c, where: and(ff('v', 'GREATER_THAN', i(1)), ff('w', 'LESS_THAN', i(1))) },
    ],
    [
      'an inequality ordered by another field first',
      { from: c, where: ff('v', 'GREATER_THAN', i(1)), orderBy: [asc('w')] },
    ],
    ['an equality ordered by its field', { from: c, where: ff('v', 'EQUAL', i(1)), orderBy: [asc('v')] }],
    ['an empty and', { from: c, where: and() }],
    ['an or of one', { from: c, where: or(ff('v', 'EQUAL', i(1))) }],
    ['100 filters', { from: c, where: and(...equalities(100)) }],
    ['98 filters and 2 orders', { from: c, where: and(...equalities(98)), orderBy: [asc('a'), asc('b')] }],
    [
      'an or repeating 5 filters 25 times',
      { from: c, where: or(...Array.from({ length: 25 }, () => and(...equalities(5)))) },
    ],
    ['not-in with 90 more filters', { from: c, where: and(ff('w', 'NOT_IN', ints(10)), ...equalities(90)) }],
    [
      '__name__ == with inequalities on another field and on __name__',
      {
        from: c,
        where: and(
          ff('__name__', 'EQUAL', ref('c/a')),
          ff('a', 'GREATER_THAN', i(0)),
          ff('__name__', 'GREATER_THAN', ref('c/0')),
        ),
      },
    ],
    [
      '__name__ == with a range that matches nothing',
      { from: c, where: and(ff('__name__', 'EQUAL', ref('c/a')), ff('a', 'GREATER_THAN', d('NaN'))) },
    ],
    [
      '__name__ not-in with an inequality',
      { from: c, where: and(ff('__name__', 'NOT_IN', arr(ref('c/a'))), ff('a', 'GREATER_THAN', i(0))) },
    ],
    [
      '__name__ == ordered by another field',
      { from: c, where: ff('__name__', 'EQUAL', ref('c/a')), orderBy: [asc('a')] },
    ],
    ['in with array values', { from: c, where: ff('v', 'IN', arr(arr(nul), arr(i(1)))) }],
    [
      'array-contains-any with array values',
      { from: c, where: ff('v', 'ARRAY_CONTAINS_ANY', arr(arr(i(1)))) },
    ],
    [
      'nested arrays in operands and cursors',
      {
        from: c,
        where: ff('v', 'IN', arr(arr(arr(i(1))))),
        orderBy: [asc('v')],
        startAt: { values: [arr(arr(i(1)))] },
      },
    ],
    [
      '!= with in of 30 (!= does not expand)',
      { from: c, where: and(ff('w', 'NOT_EQUAL', i(1)), ff('v', 'IN', ints(30))) },
    ],
    ['IS_NOT_NULL with in of 30', { from: c, where: and(uf('w', 'IS_NOT_NULL'), ff('v', 'IN', ints(30))) }],
    ['limit 0', { from: c, limit: 0 }],
    [
      '__name__ referring elsewhere in the database',
      { from: c, where: ff('__name__', 'EQUAL', ref('x/a/y/b')) },
    ],
    [
      'a reference into another project outside __name__',
      {
        from: c,
        where: ff('v', 'EQUAL', { referenceValue: 'projects/other/databases/(default)/documents/c/a' }),
      },
    ],
    [
      'a cursor key in another collection',
      { from: c, orderBy: [asc('__name__')], startAt: { values: [ref('x/b')] } },
    ],
    [
      'a cursor shorter than orderBy',
      { from: c, orderBy: [asc('v'), asc('__name__')], startAt: { values: [i(1)] } },
    ],
    ['__name__ descending (production allows it)', { from: c, orderBy: [desc('__name__')] }],
    ['projection of __name__', { from: c, select: { fields: [{ fieldPath: '__name__' }] } }],
  ])('%s', (_, query) => {
    accepted(query);
  });

  it.each<[string, StructuredQuery, string]>([
    [
      'a kindless query on __name__',
      {
        where: and(ff('__name__', 'GREATER_THAN', ref('f/a')), ff('__name__', 'LESS_THAN', ref('g/a'))),
        orderBy: [asc('__name__')],
      },
      ROOT,
    ],
    [
      'a collection group below a document by name',
      {
        from: from('f', true),
        where: ff('__name__', 'GREATER_THAN', ref('f/a/f/c')),
        orderBy: [asc('__name__')],
        limit: 1,
      },
      `${ROOT}/f/a`,
    ],
    [
      'a collection group at the root with filters',
      { from: from('f', true), where: ff('n', 'EQUAL', i(2)), orderBy: [desc('n')] },
      ROOT,
    ],
  ])('%s', (_, query, parent) => {
    accepted(query, parent);
  });
});

describe('validateQuery of an aggregation query', () => {
  const ag = from('ag');
  const sums = (...fieldPaths: string[]): Aggregation[] =>
    fieldPaths.map((fieldPath, k) => ({ alias: `s${k}`, sum: { field: { fieldPath } } }));
  const message = (fields: string) =>
    `This query requires an index that has fields [${fields}] after __name__ and Firestore does not currently support such an index. Please try the query again with additional ordering on those fields.`;
  const refusalOf = (query: StructuredQuery, aggregations: Aggregation[]) => {
    try {
      validateQuery(query, ROOT, aggregations);
    } catch (e) {
      return (e as StatusError).message;
    }
    throw new Error('accepted');
  };

  it.each<[string, StructuredQuery, Aggregation[], string]>([
    ['ordered by __name__', { from: ag, orderBy: [asc('__name__')] }, sums('v'), message('v')],
    [
      'ordered by a field then __name__',
      { from: ag, orderBy: [asc('w'), asc('__name__')] },
      sums('v'),
      message('v'),
    ],
    [
      'an inequality on __name__',
      { from: ag, where: ff('__name__', 'GREATER_THAN', ref('ag/a')) },
      sums('v'),
      message('v'),
    ],
    [
      'several fields, sorted by path',
      { from: ag, orderBy: [asc('__name__')] },
      sums('w', 'v'),
      message('v, w'),
    ],
    [
      'an inequality field is not listed, and this check comes first',
      { from: ag, orderBy: [desc('__name__')], where: ff('w', 'NOT_EQUAL', i(1)) },
      [...sums('w'), { alias: 'a', avg: { field: { fieldPath: 'v' } } }],
      message('v'),
    ],
    ['invalid aggregations', { from: ag }, [], 'Aggregations can not be empty.'],
  ])('refuses %s', (_, query, aggregations, expected) => {
    expect(refusalOf(query, aggregations)).toBe(expected);
  });

  it('accepts a summed field ordered before __name__, and count with __name__ orders', () => {
    expect(() =>
      validateQuery({ from: ag, orderBy: [asc('v'), asc('__name__')] }, ROOT, sums('v')),
    ).not.toThrow();
    expect(() =>
      validateQuery({ from: ag, orderBy: [asc('__name__')] }, ROOT, [{ count: {} }]),
    ).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import type { Aggregation, Document, StructuredQuery, Value } from '../protocol/v1.js';
import { Code, StatusError } from '../status.js';
import { aggregationAliases, aggregationQuery, runAggregations, validateAggregations } from './aggregate.js';
import { executeQuery } from './execute.js';
import { asc, d, desc, doc, ff, from, i, nul, ROOT, s } from './test-support.js';

// Results are the official Firestore emulator's for the same documents.

const MAX = '9223372036854775807';
const MIN = '-9223372036854775808';
const values = (...vs: Value[]): Document[] => vs.map((v, k) => doc(`n/${k}`, { v }));
const sumAvgCount: Aggregation[] = [
  { alias: 's', sum: { field: { fieldPath: 'v' } } },
  { alias: 'a', avg: { field: { fieldPath: 'v' } } },
  { alias: 'c', count: {} },
];

describe('runAggregations', () => {
  it.each<[string, Document[], Record<string, Value>]>([
    [
      'an integer sum that overflows becomes a double',
      values(i(1), i(MAX), s('x'), nul),
      { s: d(2 ** 63), a: d(2 ** 62), c: i(4) },
    ],
    ['integers with a double', values(i(1), d(2.5), s('x')), { s: d(3.5), a: d(1.75), c: i(3) }],
    ['NaN propagates', values(i(1), i(2), d('NaN')), { s: d('NaN'), a: d('NaN'), c: i(3) }],
    ['nothing numeric: sum 0, avg null', values(s('x')), { s: i(0), a: nul, c: i(1) }],
    ['no documents', [], { s: i(0), a: nul, c: i(0) }],
    [
      'an integer sum near the minimum',
      values(i(1), i(MIN)),
      { s: i('-9223372036854775807'), a: d(-(2 ** 62)), c: i(2) },
    ],
    [
      'an intermediate overflow that comes back in range stays an integer',
      values(i(MIN), i(-1), i(5)),
      { s: i('-9223372036854775804'), a: d(-(2 ** 63) / 3), c: i(3) },
    ],
    [
      'Infinity + -Infinity is NaN',
      values(d('Infinity'), d('-Infinity')),
      { s: d('NaN'), a: d('NaN'), c: i(2) },
    ],
    [
      'Infinity with an integer',
      values(d('Infinity'), i(3)),
      { s: d('Infinity'), a: d('Infinity'), c: i(2) },
    ],
    [
      'a sum that fits after cancelling',
      values(i(MAX), i(MAX), i('-9223372036854775807')),
      { s: i(MAX), a: d(2 ** 63 / 3), c: i(3) },
    ],
  ])('%s', (_, docs, expected) => {
    expect(runAggregations(docs, sumAvgCount)).toEqual(expected);
  });

  it('caps count at upTo', () => {
    const docs = values(i(1), i(2), i(3));
    expect(runAggregations(docs, [{ alias: 'x', count: { upTo: '2' } }])).toEqual({ x: i(2) });
    expect(runAggregations(docs, [{ alias: 'x', count: { upTo: '0' } }])).toEqual({ x: i(0) });
    expect(runAggregations(docs, [{ alias: 'x', count: { upTo: 5 as unknown as string } }])).toEqual({
      x: i(3),
    });
  });

  it('reads only documents holding every summed or averaged field, count included', () => {
    const docs = [
      doc('n/a', {}),
      doc('n/b', { v: i(1) }),
      doc('n/c', { v: s('x'), w: i(2) }),
      doc('n/d', { v: nul }),
    ];
    expect(runAggregations(docs, [{ alias: 'c', count: {} }])).toEqual({ c: i(4) });
    expect(runAggregations(docs, sumAvgCount)).toEqual({ s: i(1), a: d(1), c: i(3) });
    expect(
      runAggregations(docs, [
        { alias: 'c', count: {} },
        { alias: 's', sum: { field: { fieldPath: 'w' } } },
        { alias: 'a', avg: { field: { fieldPath: 'v' } } },
      ]),
    ).toEqual({ c: i(1), s: i(2), a: nul });
  });

  it('sums a nested field and ignores documents without it', () => {
    const docs = [doc('n/a', { m: { mapValue: { fields: { x: i(2) } } } }), doc('n/b', {}), doc('n/c')];
    expect(runAggregations(docs, [{ alias: 's', sum: { field: { fieldPath: 'm.x' } } }])).toEqual({
      s: i(2),
    });
  });

  it('names aggregations without alias field_1, field_2… counting only those', () => {
    const docs = values(i(1));
    expect(runAggregations(docs, [{ count: {} }, { sum: { field: { fieldPath: 'v' } } }])).toEqual({
      field_1: i(1),
      field_2: i(1),
    });
    expect(aggregationAliases([{ alias: 'x', count: {} }, { count: {} }])).toEqual(['x', 'field_1']);
    expect(aggregationAliases([{ alias: 'field_2', count: {} }, { count: {} }])).toEqual([
      'field_2',
      'field_1',
    ]);
    expect(aggregationAliases([{ alias: '', count: {} }])).toEqual(['field_1']);
    expect(aggregationAliases([{ alias: 'a.b', count: {} }])).toEqual(['a.b']);
  });
});

describe('validateAggregations refuses', () => {
  const refusal = (aggregations: Aggregation[]) => {
    try {
      validateAggregations(aggregations);
    } catch (e) {
      expect((e as StatusError).code).toBe(Code.INVALID_ARGUMENT);
      return (e as StatusError).message;
    }
    throw new Error('accepted');
  };
  it.each<[string, Aggregation[], string]>([
    ['no aggregations', [], 'Aggregations can not be empty.'],
    ['an aggregation without operator', [{ alias: 'x' }], 'Operator field in Aggregation is not set.'],
    [
      'duplicate aliases',
      [
        { alias: 'x', count: {} },
        { alias: 'x', count: {} },
      ],
      'Aggregation aliases contain duplicate alias: x.',
    ],
    [
      'an alias equal to a default one',
      [{ count: {} }, { alias: 'field_1', count: {} }],
      'Aggregation aliases contain duplicate alias: field_1.',
    ],
    ['a reserved alias', [{ alias: '__x__', count: {} }], 'The property.name "__x__" is reserved.'],
    [
      'a negative upTo',
      [{ alias: 'x', count: { upTo: '-1' } }],
      'The `up_to` value in a COUNT aggregation must be greater than or equal to zero.',
    ],
    ['a non-numeric upTo', [{ alias: 'x', count: { upTo: 'abc' } }], "Payload isn't valid for request."],
    [
      'an upTo beyond int64',
      [{ alias: 'x', count: { upTo: '99999999999999999999' } }],
      "Payload isn't valid for request.",
    ],
    ['an unknown operator', [{ alias: 'x', max: {} } as Aggregation], "Payload isn't valid for request."],
    [
      'a sum over __name__',
      [{ alias: 'x', sum: { field: { fieldPath: '__name__' } } }],
      'Aggregations are not supported for the property: __key__',
    ],
    [
      'six aggregations (production limit)',
      [1, 2, 3, 4, 5, 6].map((n) => ({ alias: `x${n}`, count: {} })),
      'Aggregations can not have more than 5 entries.',
    ],
  ])('%s', (_, aggregations, message) => {
    expect(refusal(aggregations)).toBe(message);
  });

  it('refuses a malformed field path', () => {
    expect(() => validateAggregations([{ alias: 'x', sum: { field: { fieldPath: 'a..b' } } }])).toThrow(
      StatusError,
    );
  });
});

describe('aggregationQuery', () => {
  // What the official emulator answers for sum/avg with limits: their fields join the implicit orders.
  const ag = [
    doc('ag/a', { v: i(5), w: i(1) }),
    doc('ag/b', { v: i(1), w: i(3) }),
    doc('ag/c', { v: i(3), w: i(2) }),
    doc('ag/d', { v: i(2) }),
  ];
  const sumOf = (fieldPath: string): Aggregation[] => [
    { alias: 's', sum: { field: { fieldPath } } },
    { alias: 'c', count: {} },
  ];
  const aggregateOver = (query: StructuredQuery, aggregations: Aggregation[]) =>
    runAggregations(executeQuery(ROOT, aggregationQuery(query, aggregations), ag), aggregations);
  const q = (extra: Omit<StructuredQuery, 'from'>): StructuredQuery => ({ from: from('ag'), ...extra });

  it.each<[string, StructuredQuery, Aggregation[], Record<string, Value>]>([
    ['limit 1 keeps the smallest summed value', q({ limit: 1 }), sumOf('v'), { s: i(1), c: i(1) }],
    ['limit 2', q({ limit: 2 }), sumOf('v'), { s: i(3), c: i(2) }],
    ['explicit orders come first', q({ limit: 1, orderBy: [asc('w')] }), sumOf('v'), { s: i(5), c: i(1) }],
    ['descending explicit order', q({ limit: 1, orderBy: [desc('w')] }), sumOf('v'), { s: i(1), c: i(1) }],
    [
      'inequality fields before summed fields',
      q({ limit: 1, where: ff('w', 'GREATER_THAN', i(0)) }),
      sumOf('v'),
      { s: i(5), c: i(1) },
    ],
    [
      'an inequality on the summed field',
      q({ limit: 1, where: ff('v', 'GREATER_THAN', i(1)) }),
      sumOf('w'),
      { s: i(2), c: i(1) },
    ],
    [
      'summed fields sorted by path',
      q({ limit: 1 }),
      [
        { alias: 's', sum: { field: { fieldPath: 'w' } } },
        { alias: 't', sum: { field: { fieldPath: 'v' } } },
      ],
      { s: i(3), t: i(1) },
    ],
    ['count alone keeps name order', q({ limit: 1 }), [{ alias: 'c', count: {} }], { c: i(1) }],
    [
      'cursors on explicit orders',
      q({ orderBy: [asc('w')], startAt: { values: [i(2)], before: true } }),
      sumOf('v'),
      { s: i(4), c: i(2) },
    ],
  ])('%s', (_, query, aggregations, expected) => {
    expect(aggregateOver(query, aggregations)).toEqual(expected);
  });

  it('keeps a summed field ordered before __name__ where it is', () => {
    expect(aggregationQuery(q({ orderBy: [asc('v'), asc('__name__')] }), sumOf('v')).orderBy).toEqual([
      asc('v'),
      asc('__name__'),
    ]);
  });

  it('leaves a query without sum or avg alone', () => {
    const query = q({ limit: 1 });
    expect(aggregationQuery(query, [{ count: {} }])).toBe(query);
  });
});

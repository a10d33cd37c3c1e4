import { describe, expect, it } from 'vitest';
import type { Filter, StructuredQuery } from '../protocol/v1.js';
import { compileQuery, executeQuery, matchesQuery } from './execute.js';
import {
  and,
  arr,
  asc,
  b,
  d,
  desc,
  doc,
  ff,
  from,
  i,
  map,
  nul,
  or,
  paths,
  ROOT,
  ref,
  s,
  uf,
} from './test-support.js';

// Every expectation below is what the official Firestore emulator answered for the same data and query.

const mixed = [
  doc('c/a', { v: i(1) }),
  doc('c/b', { v: d(1) }),
  doc('c/c', { v: nul }),
  doc('c/d', { v: d('NaN') }),
  doc('c/e', { v: s('x') }),
  doc('c/f', { w: i(1) }),
  doc('c/g', { v: i(5) }),
  doc('c/h', { v: arr(i(1), s('x')) }),
  doc('c/i', { v: b(true) }),
  doc('c/j', { v: arr(nul) }),
];

const run = (query: StructuredQuery, docs = mixed, parent = ROOT) => paths(executeQuery(parent, query, docs));
const where = (filter: Filter) => run({ from: from('c'), where: filter });

describe('field operators over mixed types, missing fields, null and NaN', () => {
  it.each<[string, Filter, string[]]>([
    [
      '!= 1 (ordered by v, null and missing excluded)',
      ff('v', 'NOT_EQUAL', i(1)),
      ['c/i', 'c/d', 'c/g', 'c/e', 'c/j', 'c/h'],
    ],
    ['!= null matches nothing', ff('v', 'NOT_EQUAL', nul), []],
    ['== null matches nothing', ff('v', 'EQUAL', nul), []],
    ['== NaN matches nothing', ff('v', 'EQUAL', d('NaN')), []],
    [
      '!= NaN keeps NaN',
      ff('v', 'NOT_EQUAL', d('NaN')),
      ['c/i', 'c/d', 'c/a', 'c/b', 'c/g', 'c/e', 'c/j', 'c/h'],
    ],
    ['not-in [1]', ff('v', 'NOT_IN', arr(i(1))), ['c/i', 'c/d', 'c/g', 'c/e', 'c/j', 'c/h']],
    ['not-in [null] matches nothing', ff('v', 'NOT_IN', arr(nul)), []],
    [
      'not-in [NaN] keeps NaN',
      ff('v', 'NOT_IN', arr(d('NaN'))),
      ['c/i', 'c/d', 'c/a', 'c/b', 'c/g', 'c/e', 'c/j', 'c/h'],
    ],
    ['in [1, null]: 1 == 1.0, null never', ff('v', 'IN', arr(i(1), nul)), ['c/a', 'c/b']],
    ['in [NaN] matches nothing', ff('v', 'IN', arr(d('NaN'))), []],
    ['< 5 only numbers', ff('v', 'LESS_THAN', i(5)), ['c/a', 'c/b']],
    ['<= NaN matches nothing', ff('v', 'LESS_THAN_OR_EQUAL', d('NaN')), []],
    ['> null matches nothing', ff('v', 'GREATER_THAN', nul), []],
    ['>= null matches nothing', ff('v', 'GREATER_THAN_OR_EQUAL', nul), []],
    ['< Infinity leaves NaN out', ff('v', 'LESS_THAN', d('Infinity')), ['c/a', 'c/b', 'c/g']],
    ['> -Infinity leaves NaN out', ff('v', 'GREATER_THAN', d('-Infinity')), ['c/a', 'c/b', 'c/g']],
    ['>= false only booleans', ff('v', 'GREATER_THAN_OR_EQUAL', b(false)), ['c/i']],
    ['array-contains 1', ff('v', 'ARRAY_CONTAINS', i(1)), ['c/h']],
    ['array-contains null matches nothing', ff('v', 'ARRAY_CONTAINS', nul), []],
    ['array-contains-any [1.0, null]', ff('v', 'ARRAY_CONTAINS_ANY', arr(d(1), nul)), ['c/h']],
  ])('%s', (_, filter, expected) => {
    expect(where(filter)).toEqual(expected);
  });

  it.each<[string, Filter, string[]]>([
    ['IS_NAN', uf('v', 'IS_NAN'), ['c/d']],
    [
      'IS_NOT_NAN excludes null and NaN',
      uf('v', 'IS_NOT_NAN'),
      ['c/i', 'c/a', 'c/b', 'c/g', 'c/e', 'c/j', 'c/h'],
    ],
    ['IS_NULL', uf('v', 'IS_NULL'), ['c/c']],
    [
      'IS_NOT_NULL keeps NaN',
      uf('v', 'IS_NOT_NULL'),
      ['c/i', 'c/d', 'c/a', 'c/b', 'c/g', 'c/e', 'c/j', 'c/h'],
    ],
  ])('unary %s', (_, filter, expected) => {
    expect(where(filter)).toEqual(expected);
  });
});

describe('null and NaN nested in arrays and maps compare by the total order', () => {
  const nested = [
    doc('e/a', { v: arr(d('NaN')) }),
    doc('e/b', { v: arr(nul) }),
    doc('e/c', { v: map({ x: nul }) }),
    doc('e/d', { v: arr(i(1), nul) }),
    doc('e/e', { v: arr(i(1)) }),
    doc('e/f', { v: arr(d(1)) }),
    doc('e/g', { v: map({ x: d('NaN') }) }),
  ];
  const q = (filter: Filter) => run({ from: from('e'), where: filter }, nested);
  it.each<[string, Filter, string[]]>([
    ['== [NaN]', ff('v', 'EQUAL', arr(d('NaN'))), ['e/a']],
    ['== [null]', ff('v', 'EQUAL', arr(nul)), ['e/b']],
    ['== {x: null}', ff('v', 'EQUAL', map({ x: nul })), ['e/c']],
    ['== {x: NaN}', ff('v', 'EQUAL', map({ x: d('NaN') })), ['e/g']],
    ['== [1, null]', ff('v', 'EQUAL', arr(i(1), nul)), ['e/d']],
    ['== [1] matches [1.0]', ff('v', 'EQUAL', arr(i(1))), ['e/e', 'e/f']],
    ['array-contains NaN matches nothing', ff('v', 'ARRAY_CONTAINS', d('NaN')), []],
    ['in [[null]]', ff('v', 'IN', arr(arr(nul))), ['e/b']],
    ['!= [null]', ff('v', 'NOT_EQUAL', arr(nul)), ['e/a', 'e/e', 'e/f', 'e/d', 'e/c', 'e/g']],
    ['!= [1]', ff('v', 'NOT_EQUAL', arr(i(1))), ['e/b', 'e/a', 'e/d', 'e/c', 'e/g']],
    ['> []', ff('v', 'GREATER_THAN', arr()), ['e/b', 'e/a', 'e/e', 'e/f', 'e/d']],
    ['< [1]', ff('v', 'LESS_THAN', arr(i(1))), ['e/b', 'e/a']],
    ['> {}', ff('v', 'GREATER_THAN', map({})), ['e/c', 'e/g']],
    ['<= {x: null}', ff('v', 'LESS_THAN_OR_EQUAL', map({ x: nul })), ['e/c']],
  ])('%s', (_, filter, expected) => {
    expect(q(filter)).toEqual(expected);
  });
});

const grid = [
  doc('o/a', { a: i(1), b: i(3), c: i(1) }),
  doc('o/b', { a: i(2), b: i(2), c: i(1) }),
  doc('o/c', { a: i(3), b: i(1), c: i(2) }),
  doc('o/d', { a: i(1), b: i(1) }),
  doc('o/e', { a: i(2), c: i(2) }),
  doc('o/f', { b: i(2), c: i(3) }),
  doc('o/g', { a: s('z'), b: i(2), c: i(3) }),
];
const onGrid = (query: Omit<StructuredQuery, 'from'>, docs = grid) =>
  run({ from: from('o'), ...query }, docs);

describe('order: explicit, implicit inequality fields, __name__', () => {
  it.each<[string, Omit<StructuredQuery, 'from'>, string[]]>([
    ['no order: by name', {}, ['o/a', 'o/b', 'o/c', 'o/d', 'o/e', 'o/f', 'o/g']],
    [
      'two inequalities order by a then b',
      { where: and(ff('b', 'GREATER_THAN', i(0)), ff('a', 'GREATER_THAN', i(0))) },
      ['o/d', 'o/a', 'o/b', 'o/c'],
    ],
    [
      'inequality on b ordered by c first',
      { where: ff('b', 'GREATER_THAN', i(0)), orderBy: [asc('c')] },
      ['o/b', 'o/a', 'o/c', 'o/f', 'o/g'],
    ],
    [
      'implicit orders take the last direction',
      { where: ff('b', 'GREATER_THAN', i(0)), orderBy: [desc('c')] },
      ['o/g', 'o/f', 'o/c', 'o/a', 'o/b'],
    ],
    [
      'explicit a desc, implicit b desc',
      { where: and(ff('b', 'GREATER_THAN', i(0)), ff('a', 'GREATER_THAN', i(0))), orderBy: [desc('a')] },
      ['o/c', 'o/b', 'o/a', 'o/d'],
    ],
    [
      'explicit b desc, implicit a desc',
      { where: and(ff('b', 'GREATER_THAN', i(0)), ff('a', 'GREATER_THAN', i(0))), orderBy: [desc('b')] },
      ['o/a', 'o/b', 'o/c', 'o/d'],
    ],
    ['order by a drops docs without a', { orderBy: [asc('a')] }, ['o/a', 'o/d', 'o/b', 'o/e', 'o/c', 'o/g']],
    ['order by a desc', { orderBy: [desc('a')] }, ['o/g', 'o/c', 'o/e', 'o/b', 'o/d', 'o/a']],
    [
      'direction unspecified is ascending',
      { orderBy: [{ field: { fieldPath: 'a' } }] },
      ['o/a', 'o/d', 'o/b', 'o/e', 'o/c', 'o/g'],
    ],
    ['!= orders by its field', { where: ff('a', 'NOT_EQUAL', i(2)) }, ['o/a', 'o/d', 'o/c', 'o/g']],
    [
      'IS_NOT_NULL orders by its field',
      { where: uf('a', 'IS_NOT_NULL') },
      ['o/a', 'o/d', 'o/b', 'o/e', 'o/c', 'o/g'],
    ],
    ['in does not order', { where: ff('a', 'IN', arr(i(2), i(1))) }, ['o/a', 'o/b', 'o/d', 'o/e']],
    [
      'or of equalities by name',
      { where: or(ff('b', 'EQUAL', i(3)), ff('a', 'EQUAL', i(3))) },
      ['o/a', 'o/c'],
    ],
    [
      'or matches docs missing the other field',
      { where: or(ff('c', 'EQUAL', i(3)), ff('a', 'EQUAL', i(1))) },
      ['o/a', 'o/d', 'o/f', 'o/g'],
    ],
  ])('%s', (_, query, expected) => {
    expect(onGrid(query)).toEqual(expected);
  });

  it('an inequality inside an or still drops documents missing its field', () => {
    const withH = [...grid, doc('o/h', { b: i(5) })];
    expect(onGrid({ where: or(ff('b', 'GREATER_THAN', i(2)), ff('a', 'LESS_THAN', i(2))) }, withH)).toEqual([
      'o/d',
      'o/a',
    ]);
    expect(onGrid({ where: or(ff('b', 'GREATER_THAN', i(2)), ff('a', 'EQUAL', i(1))) }, withH)).toEqual([
      'o/d',
      'o/a',
      'o/h',
    ]);
  });

  it('sorts numbers with NaN first, 1 and 1.0 tied, then by name', () => {
    expect(run({ from: from('c'), orderBy: [asc('v')] })).toEqual([
      'c/c',
      'c/i',
      'c/d',
      'c/a',
      'c/b',
      'c/g',
      'c/e',
      'c/j',
      'c/h',
    ]);
  });

  it('orders by __name__ descending (production Firestore; the official emulator refuses it)', () => {
    expect(onGrid({ orderBy: [desc('__name__')], limit: 3 })).toEqual(['o/g', 'o/f', 'o/e']);
  });
});

describe('cursors, offset and limit', () => {
  it.each<[string, Omit<StructuredQuery, 'from'>, string[]]>([
    [
      'startAt 2',
      { orderBy: [asc('a')], startAt: { values: [i(2)], before: true } },
      ['o/b', 'o/e', 'o/c', 'o/g'],
    ],
    ['startAfter 2', { orderBy: [asc('a')], startAt: { values: [i(2)], before: false } }, ['o/c', 'o/g']],
    [
      'startAt without before is startAfter',
      { orderBy: [asc('a')], startAt: { values: [i(2)] } },
      ['o/c', 'o/g'],
    ],
    ['endAt 2', { orderBy: [asc('a')], endAt: { values: [i(2)] } }, ['o/a', 'o/d', 'o/b', 'o/e']],
    ['endBefore 2', { orderBy: [asc('a')], endAt: { values: [i(2)], before: true } }, ['o/a', 'o/d']],
    [
      'startAt 2 descending',
      { orderBy: [desc('a')], startAt: { values: [i(2)], before: true } },
      ['o/e', 'o/b', 'o/d', 'o/a'],
    ],
    ['cursor of another type', { orderBy: [asc('a')], startAt: { values: [s('a')], before: true } }, ['o/g']],
    [
      'startAt null',
      { orderBy: [asc('a')], startAt: { values: [nul], before: true } },
      ['o/a', 'o/d', 'o/b', 'o/e', 'o/c', 'o/g'],
    ],
    ['startAfter an empty cursor skips everything', { orderBy: [asc('a')], startAt: { values: [] } }, []],
    [
      'startAt an empty cursor keeps everything',
      { orderBy: [asc('a')], startAt: { values: [], before: true } },
      ['o/a', 'o/d', 'o/b', 'o/e', 'o/c', 'o/g'],
    ],
    [
      'cursor on a and name',
      { orderBy: [asc('a'), asc('__name__')], startAt: { values: [i(2), ref('o/b')] } },
      ['o/e', 'o/c', 'o/g'],
    ],
    ['offset and limit', { orderBy: [asc('a')], offset: 1, limit: 2 }, ['o/d', 'o/b']],
    ['offset past the end', { offset: 10 }, []],
    ['limit 0', { limit: 0 }, []],
    ['limit as an Int32Value wrapper', { limit: { value: 2 } as unknown as number }, ['o/a', 'o/b']],
  ])('%s', (_, query, expected) => {
    expect(onGrid(query)).toEqual(expected);
  });
});

describe('scope', () => {
  const tree = [
    doc('o/a', { a: i(1) }),
    doc('o/b', { a: i(1) }),
    doc('o/a/o/x', { a: i(1) }),
    doc('o/a/p/y', { a: i(1) }),
    doc('p/q/o/z', { a: i(1) }),
    doc('p/q/r/s/o/w', { a: i(1) }),
    doc('o/a/o/x/o/v', { a: i(1) }),
    doc('op/k', { a: i(1) }),
  ];
  it.each<[string, StructuredQuery, string, string[]]>([
    ['collection', { from: from('o') }, ROOT, ['o/a', 'o/b']],
    [
      'collection group, ordered by path segments',
      { from: from('o', true) },
      ROOT,
      ['o/a', 'o/a/o/x', 'o/a/o/x/o/v', 'o/b', 'p/q/o/z', 'p/q/r/s/o/w'],
    ],
    [
      'collection group under a document',
      { from: from('o', true) },
      `${ROOT}/o/a`,
      ['o/a/o/x', 'o/a/o/x/o/v'],
    ],
    [
      'collection group under a deeper document',
      { from: from('o', true) },
      `${ROOT}/p/q`,
      ['p/q/o/z', 'p/q/r/s/o/w'],
    ],
    ['subcollection', { from: from('o') }, `${ROOT}/o/a`, ['o/a/o/x']],
    ['no selector: every child collection', {}, `${ROOT}/o/a`, ['o/a/o/x', 'o/a/p/y']],
    ['no selector at the root', {}, ROOT, ['o/a', 'o/b', 'op/k']],
    [
      'empty id with allDescendants: every descendant',
      { from: [{ collectionId: '', allDescendants: true }] },
      `${ROOT}/o/a`,
      ['o/a/o/x', 'o/a/o/x/o/v', 'o/a/p/y'],
    ],
    [
      '__name__ > in a collection group',
      { from: from('o', true), where: ff('__name__', 'GREATER_THAN', ref('o/a/o/x')) },
      ROOT,
      ['o/a/o/x/o/v', 'o/b', 'p/q/o/z', 'p/q/r/s/o/w'],
    ],
    [
      '__name__ cursor outside the group',
      { from: from('o', true), orderBy: [asc('__name__')], startAt: { values: [ref('op/k')], before: true } },
      ROOT,
      ['p/q/o/z', 'p/q/r/s/o/w'],
    ],
    [
      '__name__ cursor in a subcollection',
      { from: from('o'), orderBy: [asc('__name__')], startAt: { values: [ref('o/a/p/y')], before: true } },
      ROOT,
      ['o/b'],
    ],
    [
      '__name__ < a subcollection document',
      { from: from('o'), where: ff('__name__', 'LESS_THAN', ref('o/a/o/x')) },
      ROOT,
      ['o/a'],
    ],
    [
      '__name__ in with a reference elsewhere',
      { from: from('o'), where: ff('__name__', 'IN', arr(ref('o/b'), ref('x/b'))) },
      ROOT,
      ['o/b'],
    ],
    ['__name__ not-in', { from: from('o'), where: ff('__name__', 'NOT_IN', arr(ref('o/a'))) }, ROOT, ['o/b']],
  ])('%s', (_, query, parent, expected) => {
    expect(run(query, tree, parent)).toEqual(expected);
  });
});

describe('projection', () => {
  const sel = [doc('sel/a', { a: i(1), b: map({ c: i(1), d: i(2) }), 'x y': i(3) })];
  const select = (...fieldPaths: string[]) =>
    executeQuery(
      ROOT,
      { from: from('sel'), select: { fields: fieldPaths.map((fieldPath) => ({ fieldPath })) } },
      sel,
    );
  it('keeps the listed fields, nested and quoted, ignoring missing ones', () => {
    expect(select('b.c', '`x y`', 'nope')[0].fields).toEqual({ 'x y': i(3), b: map({ c: i(1) }) });
  });
  it('keeps a whole map selected alongside one of its fields', () => {
    expect(select('b', 'b.c')[0].fields).toEqual({ b: map({ c: i(1), d: i(2) }) });
  });
  it('keeps no fields for __name__ alone or an empty projection', () => {
    expect(select('__name__')[0]).toEqual({ name: `${ROOT}/sel/a` });
    expect(select()[0]).toEqual({ name: `${ROOT}/sel/a` });
    expect(executeQuery(ROOT, { from: from('sel'), select: {} }, sel)[0]).toEqual({ name: `${ROOT}/sel/a` });
  });
});

describe('compileQuery and matchesQuery', () => {
  const query: StructuredQuery = {
    from: from('o'),
    where: ff('b', 'GREATER_THAN', i(0)),
    orderBy: [desc('c')],
    startAt: { values: [i(2)], before: true },
    limit: 1,
  };
  it('tests membership without offset or limit: scope, filter, ordered fields, cursors', () => {
    expect(grid.filter((x) => matchesQuery(ROOT, query, x)).map((x) => x.name.slice(-3))).toEqual([
      'o/a',
      'o/b',
      'o/c',
    ]);
    expect(matchesQuery(ROOT, query, doc('p/a', { b: i(1), c: i(1) }))).toBe(false);
  });
  it('orders documents as the query does', () => {
    const { compare } = compileQuery(ROOT, query);
    expect(paths([...grid].filter((x) => x.fields?.c && x.fields?.b).sort(compare))).toEqual([
      'o/g',
      'o/f',
      'o/c',
      'o/a',
      'o/b',
    ]);
  });
});

describe('timestamps below a microsecond in operands', () => {
  const t = (timestampValue: string) => ({ timestampValue });
  const ts = [
    doc('ts/a', { t: t('2020-01-01T00:00:00.000001Z') }),
    doc('ts/c', { t: t('2020-01-01T00:00:00Z') }),
    doc('ts/d', { t: arr(t('2020-01-01T00:00:00.000001Z')) }),
  ];
  const nanos = t('2020-01-01T00:00:00.0000015Z');
  const q = (filter: Filter) => run({ from: from('ts'), where: filter }, ts);
  it('compares a scalar operand at full precision', () => {
    expect(q(ff('t', 'EQUAL', nanos))).toEqual([]);
    expect(q(ff('t', 'GREATER_THAN_OR_EQUAL', nanos))).toEqual([]);
    expect(q(ff('t', 'LESS_THAN_OR_EQUAL', nanos))).toEqual(['ts/c', 'ts/a']);
    expect(q(ff('t', 'ARRAY_CONTAINS', nanos))).toEqual([]);
  });
  it('cuts timestamps inside array operands to microseconds, as stored values are', () => {
    expect(q(ff('t', 'IN', arr(nanos)))).toEqual(['ts/a']);
    expect(q(ff('t', 'NOT_IN', arr(nanos)))).toEqual(['ts/c', 'ts/d']);
    expect(q(ff('t', 'ARRAY_CONTAINS_ANY', arr(nanos)))).toEqual(['ts/d']);
    expect(q(ff('t', 'EQUAL', arr(nanos)))).toEqual(['ts/d']);
  });

  it('does the same for cursors', () => {
    const orderBy = [asc('t')];
    expect(run({ from: from('ts'), orderBy, startAt: { values: [nanos], before: true } }, ts)).toEqual([
      'ts/d',
    ]);
    expect(run({ from: from('ts'), orderBy, startAt: { values: [arr(nanos)], before: true } }, ts)).toEqual([
      'ts/d',
    ]);
    expect(run({ from: from('ts'), orderBy, startAt: { values: [arr(nanos)] } }, ts)).toEqual([]);
  });
});

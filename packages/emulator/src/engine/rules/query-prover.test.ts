// Each expectation below was checked against the official Firestore emulator (the Cloud SDK's jar) with the
// same rules and query: allowed there ⇔ allowed here, except where a comment says otherwise.
import type { Document, Filter, StructuredQuery, Value } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { compileRules, type Decision, type DocumentReader, type Ruleset } from './index.js';

const ROOT = 'projects/p/databases/(default)/documents';

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /users/{uid} {
      allow list: if request.auth.uid == uid;
    }
    match /posts/{p} {
      allow list: if resource.data.owner == request.auth.uid;
    }
    match /limited/{p} {
      allow list: if request.query.limit <= 10;
    }
    match /ranged/{p} {
      allow list: if resource.data.n > 3;
    }
    match /upper/{p} {
      allow list: if resource.data.n < 10;
    }
    match /words/{p} {
      allow list: if resource.data.s > 'm';
    }
    match /tagged/{p} {
      allow list: if 'x' in resource.data.tags && resource.data.tags.hasAny(['x']);
    }
    match /clean/{p} {
      allow list: if resource.data.s != 'bad';
    }
    match /either/{p} {
      allow list: if resource.data.a == 1 || resource.data.b == 2;
    }
    match /nested/{p} {
      allow list: if resource.data.m.k == 'v';
    }
    match /existing/{p} {
      allow list: if resource != null && resource.data != null;
    }
    match /byid/{p} {
      allow list: if resource.id == 'abc';
    }
    match /choice/{p} {
      allow list: if resource.data.s in ['a', 'b'];
    }
    match /past/{p} {
      allow list: if resource.data.t < request.time;
    }
    match /{path=**}/grp/{p} {
      allow list: if resource.data.pub == true;
    }
    match /users/{u}/grp/{p} {
      allow list: if true;
    }
    match /gated/{p} {
      allow list: if get(/databases/$(database)/documents/cfg/x).data.open == true;
    }
    match /ordered/{p} {
      allow list: if request.query.orderBy.n == 'ASC' && request.query.offset == 0;
    }
    match /keyed/{p} {
      allow list: if 'a' in resource.data;
    }
  }
}
`;

const ruleset = compileRules(RULES);

const str = (stringValue: string): Value => ({ stringValue });
const int = (n: number): Value => ({ integerValue: String(n) });
const list = (...values: Value[]): Value => ({ arrayValue: { values } });

type Op = NonNullable<Filter['fieldFilter']>['op'];
const where = (fieldPath: string, op: Op, value: Value): Filter => ({
  fieldFilter: { field: { fieldPath }, op, value },
});
const and = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'AND', filters } });
const or = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'OR', filters } });

const stored = (path: string, fields: Document['fields'] = {}): Document => ({
  name: `${ROOT}/${path}`,
  fields,
});
const database = [
  stored('cfg/x', { open: { booleanValue: true } }),
  stored('users/alice'),
  stored('users/bob'),
  stored('byid/abc'),
  stored('byid/zzz'),
  stored('ids/x'),
  stored('ids/y'),
  stored('ids/z'),
  stored('posts/mine', { owner: { stringValue: 'alice' } }),
  stored('posts/theirs', { owner: { stringValue: 'bob' } }),
];
const find = (name: string) => database.find((d) => d.name === name) ?? null;
const reads: DocumentReader = { before: find, after: find };

interface Query {
  collection: string;
  filter?: Filter;
  parent?: string;
  group?: boolean;
  extra?: Partial<StructuredQuery>;
}

function runList(q: Query, rules: Ruleset = ruleset): Decision {
  const query: StructuredQuery = {
    from: [{ collectionId: q.collection, ...(q.group ? { allDescendants: true } : {}) }],
    ...(q.filter ? { where: q.filter } : {}),
    ...q.extra,
  };
  return rules.authorizeQuery(
    {
      parent: q.parent ? `${ROOT}/${q.parent}` : ROOT,
      query,
      auth: { uid: 'alice', token: { sub: 'alice' } },
      time: '2024-05-01T00:00:00Z',
    },
    reads,
    { limit: 10, seen: new Set() },
  );
}

describe('rules are not filters', () => {
  it.each<[string, Query, boolean]>([
    ['an unfiltered query on per-user documents', { collection: 'users' }, false],
    [
      'a __name__ filter binding the wildcard',
      { collection: 'users', filter: where('__name__', 'EQUAL', { referenceValue: `${ROOT}/users/alice` }) },
      true,
    ],
    [
      "someone else's document by __name__",
      { collection: 'users', filter: where('__name__', 'EQUAL', { referenceValue: `${ROOT}/users/bob` }) },
      false,
    ],
    ['owner == caller', { collection: 'posts', filter: where('owner', 'EQUAL', str('alice')) }, true],
    ['owner == someone else', { collection: 'posts', filter: where('owner', 'EQUAL', str('bob')) }, false],
    ['every post', { collection: 'posts' }, false],
    ['no limit', { collection: 'limited' }, false],
    ['limit 5', { collection: 'limited', extra: { limit: 5 } }, true],
    ['limit 50', { collection: 'limited', extra: { limit: 50 } }, false],
    ['n > 5 proves n > 3', { collection: 'ranged', filter: where('n', 'GREATER_THAN', int(5)) }, true],
    ['n > 3 proves n > 3', { collection: 'ranged', filter: where('n', 'GREATER_THAN', int(3)) }, true],
    [
      'n >= 3 does not prove n > 3',
      { collection: 'ranged', filter: where('n', 'GREATER_THAN_OR_EQUAL', int(3)) },
      false,
    ],
    [
      'a float bound does not prove an int comparison',
      { collection: 'ranged', filter: where('n', 'GREATER_THAN', { doubleValue: 3.5 }) },
      false,
    ],
    ['n in [4, 9]', { collection: 'ranged', filter: where('n', 'IN', list(int(4), int(9))) }, true],
    ['n in [4, 2]', { collection: 'ranged', filter: where('n', 'IN', list(int(4), int(2))) }, false],
    ['n < 5 proves n < 10', { collection: 'upper', filter: where('n', 'LESS_THAN', int(5)) }, true],
    [
      'n <= 10 does not prove n < 10',
      { collection: 'upper', filter: where('n', 'LESS_THAN_OR_EQUAL', int(10)) },
      false,
    ],
    [
      '1 < n < 5',
      {
        collection: 'upper',
        filter: and(where('n', 'GREATER_THAN', int(1)), where('n', 'LESS_THAN', int(5))),
      },
      true,
    ],
    ["s > 'n' proves s > 'm'", { collection: 'words', filter: where('s', 'GREATER_THAN', str('n')) }, true],
    [
      "s >= 'm' does not",
      { collection: 'words', filter: where('s', 'GREATER_THAN_OR_EQUAL', str('m')) },
      false,
    ],
    ['array-contains x', { collection: 'tagged', filter: where('tags', 'ARRAY_CONTAINS', str('x')) }, true],
    ['array-contains y', { collection: 'tagged', filter: where('tags', 'ARRAY_CONTAINS', str('y')) }, false],
    [
      'array-contains-any [x]',
      { collection: 'tagged', filter: where('tags', 'ARRAY_CONTAINS_ANY', list(str('x'))) },
      true,
    ],
    ["s != 'bad'", { collection: 'clean', filter: where('s', 'NOT_EQUAL', str('bad')) }, true],
    [
      "s not-in ['bad', 'c']",
      { collection: 'clean', filter: where('s', 'NOT_IN', list(str('bad'), str('c'))) },
      true,
    ],
    ["s == 'ok'", { collection: 'clean', filter: where('s', 'EQUAL', str('ok')) }, true],
    ['a == 1', { collection: 'either', filter: where('a', 'EQUAL', int(1)) }, true],
    ['b == 2', { collection: 'either', filter: where('b', 'EQUAL', int(2)) }, true],
    [
      'a == 1 OR b == 2',
      { collection: 'either', filter: or(where('a', 'EQUAL', int(1)), where('b', 'EQUAL', int(2))) },
      true,
    ],
    [
      'a == 1 OR b == 3',
      { collection: 'either', filter: or(where('a', 'EQUAL', int(1)), where('b', 'EQUAL', int(3))) },
      false,
    ],
    ['m.k == v', { collection: 'nested', filter: where('m.k', 'EQUAL', str('v')) }, true],
    [
      'm == {k: v}',
      { collection: 'nested', filter: where('m', 'EQUAL', { mapValue: { fields: { k: str('v') } } }) },
      true,
    ],
    ['resource is never null for a query', { collection: 'existing' }, true],
    ['resource.id is unknown', { collection: 'byid' }, false],
    [
      'a __name__ filter judges the stored document',
      { collection: 'byid', filter: where('__name__', 'EQUAL', { referenceValue: `${ROOT}/byid/abc` }) },
      true,
    ],
    [
      'a __name__ filter naming a document the rule refuses',
      { collection: 'byid', filter: where('__name__', 'EQUAL', { referenceValue: `${ROOT}/byid/zzz` }) },
      false,
    ],
    [
      'a __name__ filter naming a missing document',
      { collection: 'byid', filter: where('__name__', 'EQUAL', { referenceValue: `${ROOT}/byid/nope` }) },
      false,
    ],
    [
      'a __name__ filter ignores the other filters (the stored document decides)',
      {
        collection: 'posts',
        filter: and(
          where('__name__', 'EQUAL', { referenceValue: `${ROOT}/posts/theirs` }),
          where('owner', 'EQUAL', str('alice')),
        ),
      },
      false,
    ],
    [
      'a __name__ filter on a document the rule allows',
      { collection: 'posts', filter: where('__name__', 'EQUAL', { referenceValue: `${ROOT}/posts/mine` }) },
      true,
    ],
    [
      'a __name__ range proves nothing',
      {
        collection: 'posts',
        filter: where('__name__', 'GREATER_THAN', { referenceValue: `${ROOT}/posts/a` }),
      },
      false,
    ],
    ["s == 'a'", { collection: 'choice', filter: where('s', 'EQUAL', str('a')) }, true],
    ["s in ['a', 'b']", { collection: 'choice', filter: where('s', 'IN', list(str('a'), str('b'))) }, true],
    [
      't < 2000 proves t < request.time',
      { collection: 'past', filter: where('t', 'LESS_THAN', { timestampValue: '2000-01-01T00:00:00Z' }) },
      true,
    ],
    [
      'a collection group with pub == true',
      { collection: 'grp', group: true, filter: where('pub', 'EQUAL', { booleanValue: true }) },
      true,
    ],
    ['a collection group without the filter', { collection: 'grp', group: true }, false],
    [
      'a collection group below users/x needs the recursive rule',
      { collection: 'grp', group: true, parent: 'users/x' },
      false,
    ],
    ['the collection users/x/grp itself', { collection: 'grp', parent: 'users/x' }, true],
    ['a rule reading another document', { collection: 'gated' }, true],
    [
      'orderBy n ascending without offset',
      { collection: 'ordered', extra: { orderBy: [{ field: { fieldPath: 'n' }, direction: 'ASCENDING' }] } },
      true,
    ],
    ['no orderBy', { collection: 'ordered' }, false],
    ["'a' in resource.data given a == 1", { collection: 'keyed', filter: where('a', 'EQUAL', int(1)) }, true],
    [
      "'a' in resource.data given a > 1",
      { collection: 'keyed', filter: where('a', 'GREATER_THAN', int(1)) },
      true,
    ],
    ["'a' in resource.data unconstrained", { collection: 'keyed' }, false],
  ])('%s → %s', (_, query, expected) => {
    expect(runList(query).allowed).toBe(expected);
  });

  it('explains a refusal in the official emulator’s words', () => {
    expect(runList({ collection: 'posts', filter: where('owner', 'EQUAL', str('bob')) })).toEqual({
      allowed: false,
      message: "Missing or insufficient permissions.\nfalse for 'list' @ L8",
    });
    expect(runList({ collection: 'posts' })).toEqual({
      allowed: false,
      message: "Missing or insufficient permissions.\nProperty owner is undefined on object. for 'list' @ L8",
    });
    expect(runList({ collection: 'users' })).toEqual({
      allowed: false,
      message: "Missing or insufficient permissions.\nNull value error. for 'list' @ L5",
    });
  });

  it('names the comparison it could not decide', () => {
    const denied = runList({ collection: 'ranged', filter: where('n', 'GREATER_THAN_OR_EQUAL', int(3)) });
    expect(denied.allowed).toBe(false);
    if (!denied.allowed) expect(denied.message).toMatch(/evaluation error at L14:\d+ for 'list' @ L14/);
  });
});

/** One `match /cN/{id} { allow list: if <condition>; }` per condition. */
function conditions(list: string[]): Ruleset {
  const blocks = list.map((c, i) => `    match /c${i}/{id} { allow list: if ${c}; }`).join('\n');
  return compileRules(
    `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n${blocks}\n  }\n}`,
  );
}

describe('what a case knows about resource.data', () => {
  // The official emulator also allows the cases marked "emulator: allowed", by treating a nested map as holding
  // only its constrained keys and an unconstrained key as absent; a document with more keys would be returned
  // although its own get is denied, so Kindling refuses them (docs/security-rules.md).
  const cases: [string, boolean][] = [
    ["resource.data.m.keys().hasAll(['k'])", true],
    ["resource.data.keys().hasAll(['a']) && 'a' in resource.data.keys()", true],
    ["resource.data.keys().hasOnly(['a'])", false],
    ['resource.data.size() == 1', false],
    ['resource.data.m.k == 1', true],
    ["resource.data.get('a', 0) == 1", true],
    ["resource.data.get(['m', 'k'], 0) == 1", true],
    ["'k' in resource.data.m", true],
    ['resource.data.m is map && resource.data is map', true],
    ['resource.data.a is int && resource.data.s is string', true],
    ['resource.data.s.size() > 0', true],
    ['resource.data.t.size() > 0', false],
    ['resource.data.t != null', true],
    ['resource.data.t is string', false],
    ['resource.data.t != 5', false],
    ['resource.data.t is int', false],
    ["resource.data.m.keys().hasOnly(['k'])", false], // emulator: allowed
    ['resource.data.m.size() == 1', false], // emulator: allowed
    ["resource.data.m == {'k': 1}", false], // emulator: allowed
    ["resource.data.get('zz', 0) == 0", false], // emulator: allowed
  ];
  const rules = conditions(cases.map(([c]) => c));
  const filter = and(
    where('m.k', 'EQUAL', int(1)),
    where('a', 'EQUAL', int(1)),
    where('s', 'EQUAL', str('x')),
    where('t', 'GREATER_THAN', str('')),
  );

  it.each(cases.map(([c, expected], i) => [c, i, expected] as const))('%s → %s', (_, i, expected) => {
    expect(runList({ collection: `c${i}`, filter }, rules).allowed).toBe(expected);
  });
});

describe('size(), keys() and values() of resource.data: at least one entry per filtered field', () => {
  // Every filter on a field (==, a range, !=, in, not-in, array-contains, is null…) matches only documents
  // holding that field, so a case's documents hold at least those keys, and maybe more. The official emulator
  // also allows the upper bounds marked "emulator: allowed" (it counts only the filtered keys); a document with
  // more keys would be returned although its own get is denied, so Kindling refuses them.
  const bounds: Record<string, string> = {
    positive: 'resource.data.size() > 0',
    mirrored: '0 < resource.data.size()',
    againstFloat: 'resource.data.size() > 0.5',
    notBelowOne: '!(resource.data.size() < 1)',
    notEmpty: 'resource.data.size() != 0',
    twoOrMore: 'resource.data.size() >= 2',
    keys: 'resource.data.keys().size() > 0',
    values: 'resource.data.values().size() > 0',
    nestedTwo: 'resource.data.m.size() >= 2',
    isInt: 'resource.data.size() is int',
    aboveMinusOne: 'resource.data.size() > -1',
    exactlyOne: 'resource.data.size() == 1', // emulator: allowed for one filtered field
    belowFive: 'resource.data.size() < 5', // emulator: allowed
  };
  const names = Object.keys(bounds);
  const rules = compileRules(`rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
${names.map((name) => `    match /${name}/{p} { allow list: if ${bounds[name]}; }`).join('\n')}
  }
}`);
  const always = ['isInt', 'aboveMinusOne'];
  const oneKey = [
    ...always,
    'positive',
    'mirrored',
    'againstFloat',
    'notBelowOne',
    'notEmpty',
    'keys',
    'values',
  ];
  const isNull: Filter = { unaryFilter: { field: { fieldPath: 'a' }, op: 'IS_NULL' } };
  const orderByA = { orderBy: [{ field: { fieldPath: 'a' }, direction: 'ASCENDING' as const }] };
  const queries: [string, Omit<Query, 'collection'>, string[]][] = [
    ['no filter', {}, always],
    ['a == 1', { filter: where('a', 'EQUAL', int(1)) }, oneKey],
    [
      'a == 1, b == 2',
      { filter: and(where('a', 'EQUAL', int(1)), where('b', 'EQUAL', int(2))) },
      [...oneKey, 'twoOrMore'],
    ],
    [
      'a > 1, a < 5 (one key)',
      { filter: and(where('a', 'GREATER_THAN', int(1)), where('a', 'LESS_THAN', int(5))) },
      oneKey,
    ],
    ['a != 1', { filter: where('a', 'NOT_EQUAL', int(1)) }, oneKey],
    ['a in [1, 2]', { filter: where('a', 'IN', list(int(1), int(2))) }, oneKey],
    ['a not-in [1]', { filter: where('a', 'NOT_IN', list(int(1))) }, oneKey],
    ['a array-contains 1', { filter: where('a', 'ARRAY_CONTAINS', int(1)) }, oneKey],
    ['a is null', { filter: isNull }, oneKey],
    [
      'm.k == 1, m.j == 2 (one key, m, holding two)',
      { filter: and(where('m.k', 'EQUAL', int(1)), where('m.j', 'EQUAL', int(2))) },
      [...oneKey, 'nestedTwo'],
    ],
    ['orderBy a (not a filter)', { extra: orderByA }, always],
    [
      '__name__ > x (not a field)',
      { filter: where('__name__', 'GREATER_THAN', { referenceValue: `${ROOT}/x/x` }) },
      always,
    ],
  ];

  it.each(queries)('%s', (_, query, allowed) => {
    const outcomes = names.filter((name) => runList({ ...query, collection: name }, rules).allowed);
    expect(outcomes).toEqual(names.filter((name) => allowed.includes(name)));
  });
});

describe('cases', () => {
  const rules = compileRules(`rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /two/{id} {
      allow list: if resource.data.a == 1;
      allow list: if resource.data.b == 2;
    }
    match /ids/{id} {
      allow list: if id in ['x', 'y'];
    }
    match /nul/{id} {
      allow list: if resource.data.f == null;
    }
    match /users/{uid}/items/{item} {
      allow list: if request.auth.uid == uid;
    }
    match /{path=**}/items/{item} {
      allow list: if resource.data.shared == true;
    }
    match /fn/{id} {
      function ok(d) { return d.level > 2; }
      allow list: if ok(resource.data);
    }
    match /neq/{id} {
      allow list: if resource.data.s != null;
    }
    match /cmp/{id} {
      allow list: if resource.data.n >= 0 && resource.data.n <= 10;
    }
  }
}`);
  const ref = (path: string): Value => ({ referenceValue: `${ROOT}/${path}` });
  const unary = (fieldPath: string, op: 'IS_NULL' | 'IS_NOT_NULL'): Filter => ({
    unaryFilter: { field: { fieldPath }, op },
  });

  it.each<[string, Query, boolean]>([
    [
      'each disjunct proven by a different allow',
      { collection: 'two', filter: or(where('a', 'EQUAL', int(1)), where('b', 'EQUAL', int(2))) },
      true,
    ],
    [
      'an in value no allow proves',
      { collection: 'two', filter: where('a', 'IN', list(int(1), int(3))) },
      false,
    ],
    [
      '__name__ in judges each stored document',
      { collection: 'ids', filter: where('__name__', 'IN', list(ref('ids/x'), ref('ids/y'))) },
      true,
    ],
    [
      '__name__ in with a forbidden id',
      { collection: 'ids', filter: where('__name__', 'IN', list(ref('ids/x'), ref('ids/z'))) },
      false,
    ],
    ['is null', { collection: 'nul', filter: unary('f', 'IS_NULL') }, true],
    [
      'a raw == null proves nothing',
      { collection: 'nul', filter: where('f', 'EQUAL', { nullValue: null }) },
      false,
    ],
    ["the caller's own subcollection", { collection: 'items', parent: 'users/alice' }, true],
    ["someone else's subcollection", { collection: 'items', parent: 'users/bob' }, false],
    [
      'a collection group proven by the recursive rule',
      { collection: 'items', group: true, filter: where('shared', 'EQUAL', { booleanValue: true }) },
      true,
    ],
    [
      'a collection group below the caller',
      { collection: 'items', group: true, parent: 'users/alice' },
      false,
    ],
    [
      'a function given resource.data',
      { collection: 'fn', filter: where('level', 'GREATER_THAN', int(5)) },
      true,
    ],
    ['a function given a pinned field', { collection: 'fn', filter: where('level', 'EQUAL', int(3)) }, true],
    [
      'a function given a failing field',
      { collection: 'fn', filter: where('level', 'EQUAL', int(1)) },
      false,
    ],
    ["!= 'x' excludes null", { collection: 'neq', filter: where('s', 'NOT_EQUAL', str('x')) }, true],
    ['is not null', { collection: 'neq', filter: unary('s', 'IS_NOT_NULL') }, true],
    [
      'a string range excludes null',
      { collection: 'neq', filter: where('s', 'GREATER_THAN', str('')) },
      true,
    ],
    [
      '1 <= n < 10 proves 0 <= n <= 10',
      {
        collection: 'cmp',
        filter: and(where('n', 'GREATER_THAN_OR_EQUAL', int(1)), where('n', 'LESS_THAN', int(10))),
      },
      true,
    ],
    [
      '1 <= n <= 11 does not',
      {
        collection: 'cmp',
        filter: and(where('n', 'GREATER_THAN_OR_EQUAL', int(1)), where('n', 'LESS_THAN_OR_EQUAL', int(11))),
      },
      false,
    ],
  ])('%s → %s', (_, query, expected) => {
    expect(runList(query, rules).allowed).toBe(expected);
  });

  it('proves a query with more cases than it splits as one case knowing nothing', () => {
    const many = list(...Array.from({ length: 1_001 }, (_, i) => int(i)));
    expect(runList({ collection: 'ranged', filter: where('n', 'IN', many) }).allowed).toBe(false);
    expect(
      runList({ collection: 'limited', filter: where('n', 'IN', many), extra: { limit: 1 } }).allowed,
    ).toBe(true);
  });

  it('lets a version 1 recursive wildcard cover a collection group query', () => {
    const v1 = compileRules(`service cloud.firestore {
  match /databases/{database}/documents {
    match /{document=**} { allow read: if request.auth != null; }
  }
}`);
    expect(runList({ collection: 'posts', group: true }, v1).allowed).toBe(true);
    expect(runList({ collection: 'posts', group: true, parent: 'users/alice' }, v1).allowed).toBe(true);
  });
});

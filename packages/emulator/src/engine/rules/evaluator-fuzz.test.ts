// Random conditions evaluated against a document, a query and a write: every rules file that compiles must
// give a Decision (never another exception, never a hang), whatever its expressions compute.
import type { Document, StructuredQuery } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { random as prng } from '../test-support.js';
import {
  compileRules,
  type Decision,
  type DocumentReader,
  RulesCompileError,
  type Ruleset,
} from './index.js';

const ROOT = 'projects/p/databases/(default)/documents';
const CASES = 600;

const ATOMS = [
  'null',
  'true',
  'false',
  '0',
  '1',
  '-1',
  '9223372036854775807',
  '2.5',
  '1.5',
  "'a'",
  "'abc'",
  "''",
  "b'xy'",
  '[1, 2]',
  '[]',
  "{'a': 1}",
  '{}',
  'request.auth',
  'request.auth.uid',
  'request.auth.token',
  'request.time',
  'request.path',
  'request.method',
  'request.query.limit',
  'request.resource.data',
  'resource',
  'resource.data',
  'resource.data.n',
  'resource.data.s',
  'resource.data.tags',
  'resource.data.missing',
  'resource.id',
  'id',
  'rest',
  '/databases/$(database)/documents/d/$(id)',
  'duration.value(1, "s")',
  'timestamp.value(0)',
  'latlng.value(1, 2)',
  'math.abs(-3)',
  "hashing.md5('x')",
];
/** Calls to the rules' own functions: only allow conditions use them, so functions never recurse. */
const CALLS = ['f(1)', 'g()', 'f(resource.data)'];
const BINARY = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%'];
const METHODS = [
  'size()',
  'keys()',
  'values()',
  'toSet()',
  "matches('a.*')",
  'lower()',
  "split(',')",
  "hasAny(['a'])",
  'hasAll([1])',
  'hasOnly([])',
  "get('a', 0)",
  'diff({}).affectedKeys()',
  'year()',
  'seconds()',
  'toMillis()',
  "join('-')",
  'latitude()',
  'toBase64()',
  "replace('a', 'b')",
  'trim()',
  'data',
];
const TYPES = ['int', 'float', 'string', 'list', 'map', 'path', 'bool', 'timestamp', 'number', 'set'];

function expression(random: () => number, depth: number, calls: boolean): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  if (depth <= 0 || random() < 0.25) return calls && random() < 0.2 ? pick(CALLS) : pick(ATOMS);
  const sub = () => expression(random, depth - 1, calls);
  switch (Math.floor(random() * 8)) {
    case 0:
      return `(${sub()} ${pick(BINARY)} ${sub()})`;
    case 1:
      return `${pick(['!', '-'])}(${sub()})`;
    case 2:
      return `(${sub()}).${pick(METHODS)}`;
    case 3:
      return `(${sub()} ? ${sub()} : ${sub()})`;
    case 4:
      return `(${sub()})[${sub()}]`;
    case 5:
      return `(${sub()})[${pick(['0', '1', 'null', ''])}:${pick(['1', '2', ''])}]`;
    case 6:
      return `(${sub()} is ${pick(TYPES)})`;
    default:
      return `[${sub()}, ${sub()}]`;
  }
}

function rulesFile(random: () => number): string {
  const condition = () => expression(random, 5, true);
  const body = () => expression(random, 4, false);
  return `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    function f(x) { let y = ${body()}; return x == y || ${body()}; }
    function g() { return f(${body()}); }
    match /d/{id} {
      allow get, list: if ${condition()};
      allow create, update: if ${condition()};
    }
    match /{rest=**} {
      allow read, write: if ${condition()};
    }
  }
}`;
}

const stored: Document = {
  name: `${ROOT}/d/x`,
  fields: {
    n: { integerValue: '3' },
    s: { stringValue: 'abc' },
    tags: { arrayValue: { values: [{ stringValue: 'a' }] } },
  },
};
const reads: DocumentReader = {
  before: (name) => (name === stored.name ? stored : null),
  after: (name) => (name === stored.name ? stored : null),
};
const auth = { uid: 'u', token: { sub: 'u', admin: true } };
const TIME = '2024-01-01T00:00:00Z';
const query: StructuredQuery = {
  from: [{ collectionId: 'd' }],
  where: { fieldFilter: { field: { fieldPath: 'n' }, op: 'GREATER_THAN', value: { integerValue: '1' } } },
  limit: 5,
};

function exercise(ruleset: Ruleset): Decision[] {
  const budget = () => ({ limit: 10, seen: new Set<string>() });
  return [
    ruleset.authorize(
      { path: stored.name, method: 'get', auth, time: TIME, resource: stored },
      reads,
      budget(),
    ),
    ruleset.authorize(
      {
        path: stored.name,
        method: 'update',
        auth: null,
        time: TIME,
        resource: stored,
        requestResource: stored,
      },
      reads,
      budget(),
    ),
    ruleset.authorizeQuery({ parent: ROOT, query, auth, time: TIME }, reads, budget()),
  ];
}

describe('evaluator fuzz', () => {
  it(`evaluates ${CASES} random rules files (seed 4242) to decisions`, () => {
    const random = prng(4242);
    let compiled = 0;
    let allowed = 0;
    for (let i = 0; i < CASES; i++) {
      const source = rulesFile(random);
      let ruleset: Ruleset;
      try {
        ruleset = compileRules(source);
      } catch (error) {
        expect(error).toBeInstanceOf(RulesCompileError);
        if (i < 400)
          console.log(
            (error as Error).message
              .split('\n')
              .slice(1)
              .map((l) => l.replace(/^L\d+:\d+ /, ''))
              .join(' | '),
          );
        continue;
      }
      compiled++;
      for (const decision of exercise(ruleset)) {
        expect(typeof decision.allowed).toBe('boolean');
        if (decision.allowed) allowed++;
        else expect(decision.message).toMatch(/^Missing or insufficient permissions\.\n./);
      }
    }
    console.log(
      `evaluator fuzz: ${CASES} files, ${compiled} compiled, ${allowed} of ${compiled * 3} accesses allowed`,
    );
    expect(compiled).toBeGreaterThan(CASES / 2);
    expect(allowed).toBeGreaterThan(0);
  });

  it('cuts off a rules file whose calls fan out exponentially', () => {
    const chain = Array.from(
      { length: 21 },
      (_, i) => `function f${i}(x) { return ${i < 20 ? `f${i + 1}(x) && f${i + 1}(!x) || x` : 'x == x'}; }`,
    ).join('\n');
    const ruleset = compileRules(`rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    ${chain}
    match /d/{id} { allow get: if f0(true); }
  }
}`);
    const decision = exercise(ruleset)[0];
    expect(decision).toEqual({
      allowed: false,
      message: "Missing or insufficient permissions.\nEvaluation step limit exceeded. for 'get' @ L25",
    });
  });
});

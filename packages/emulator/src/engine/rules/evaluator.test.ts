import type { Document, Value } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import {
  type AccessRequest,
  type AuthContext,
  compileRules,
  type Decision,
  type DocumentReader,
  type LookupBudget,
  RulesCompileError,
} from './index.js';

const ROOT = 'projects/p/databases/(default)/documents';
const TIME = '2024-05-01T12:00:00.000000Z';

const str = (stringValue: string): Value => ({ stringValue });
const int = (n: number): Value => ({ integerValue: String(n) });
const bool = (booleanValue: boolean): Value => ({ booleanValue });

const doc = (path: string, fields: Record<string, Value> = {}): Document => ({
  name: `${ROOT}/${path}`,
  fields,
});

function reader(before: Document[], after: Document[] = before, written: string[] = []): DocumentReader {
  const find = (docs: Document[]) => (name: string) => docs.find((d) => d.name === name) ?? null;
  return { before: find(before), after: find(after), writes: (name) => written.includes(name) };
}

const budget = (limit = 10): LookupBudget => ({ limit, seen: new Set() });

/** Wraps match blocks in the usual service and database match. */
const service = (body: string, version = "rules_version = '2';") =>
  `${version}\nservice cloud.firestore {\n  match /databases/{database}/documents {\n${body}\n  }\n}\n`;

interface Access {
  path: string;
  method?: AccessRequest['method'];
  auth?: AuthContext | null;
  resource?: Document | null;
  requestResource?: Document;
  docs?: Document[];
  after?: Document[];
  /** Paths the request's batch writes. */
  writes?: string[];
  budget?: LookupBudget;
}

function access(rules: string, a: Access): Decision {
  const request: AccessRequest = {
    path: `${ROOT}/${a.path}`,
    method: a.method ?? 'get',
    auth: a.auth === undefined ? { uid: 'alice', token: { sub: 'alice' } } : a.auth,
    time: TIME,
    resource: a.resource ?? null,
    requestResource: a.requestResource,
  };
  const written = (a.writes ?? []).map((path) => `${ROOT}/${path}`);
  return compileRules(rules).authorize(request, reader(a.docs ?? [], a.after, written), a.budget ?? budget());
}

/** Whether `allow get: if <condition>;` grants a get of `things/t1` (stored with `fields`). */
function holds(condition: string, fields: Record<string, Value> = {}): boolean {
  const rules = service(`    match /things/{id} {\n      allow get: if ${condition};\n    }`);
  return access(rules, { path: 'things/t1', resource: doc('things/t1', fields) }).allowed;
}

describe('operators', () => {
  it.each([
    ['1 + 2 == 3', true],
    ['7 - 10 == -3', true],
    ['6 * 7 == 42', true],
    ['7 / 2 == 3', true],
    ['7.0 / 2 == 3.5', true],
    ['7 % 3 == 1', true],
    ['1 == 1.0', true],
    ['1 != 2', true],
    ['2 < 3 && 3 <= 3 && 4 > 3 && 4 >= 4', true],
    ["'a' + 'b' == 'ab'", true],
    ["'abc' < 'abd'", true],
    ['[1, 2] + [3] == [1, 2, 3]', false],
    ['2 in [1, 2, 3]', true],
    ["'k' in {'k': 1}", true],
    ['5 in [1, 2, 3]', false],
    ['-(3) == -3', true],
    ['!false', true],
    ['!(1 == 1)', false],
    ["'s' is string && 1 is int && 1.5 is float && 1 is number && [1] is list && {'a': 1} is map", true],
    ['null is string', false],
    ['true ? 1 == 1 : 1 == 2', true],
    ['false ? 1 == 1 : 1 == 2', false],
    ['[10, 20, 30][1] == 20', true],
    ["{'a': {'b': 5}}.a.b == 5", true],
    ["{'a': 5}['a'] == 5", true],
    ['[1, 2, 3, 4][1:3] == [2, 3]', true],
    ['1 + 2 * 3 == 7', true],
    ['(1 + 2) * 3 == 9', true],
  ])('%s → %s', (condition, expected) => {
    expect(holds(condition)).toBe(expected);
  });

  it('reads the stored document through resource.data', () => {
    expect(
      holds("resource.data.owner == 'alice' && resource.data.n > 2", { owner: str('alice'), n: int(3) }),
    ).toBe(true);
    expect(holds('resource.data.n > 2', { n: int(1) })).toBe(false);
    expect(
      holds("resource.id == 't1' && resource.__name__ == /databases/(default)/documents/things/t1"),
    ).toBe(true);
  });

  it('interpolates any value into a path literal as string() prints it', () => {
    expect(holds("/a/$(1.5) == /a/$('1.5')")).toBe(true);
    expect(holds("/a/$(true)/$(null)/$(7) == /a/$('true')/$('null')/$('7')")).toBe(true);
    expect(holds('/a/$(/b/c) == /a/b/c')).toBe(true);
  });

  it('names the type of a map literal key that is not a string', () => {
    const rules = service('    match /things/{id} {\n      allow get: if {1: 2} != null;\n    }');
    const denied = access(rules, { path: 'things/x' });
    expect(denied.allowed).toBe(false);
    expect(denied.allowed || denied.message).toContain('Type error. Received: [int] Expected: [string].');
  });

  it('denies a condition that is not a boolean', () => {
    const rules = service('    match /things/{id} {\n      allow get: if 1;\n    }');
    expect(access(rules, { path: 'things/x' })).toEqual({
      allowed: false,
      message:
        "Missing or insufficient permissions.\nType error. Received: [int] Expected: [bool]. for 'get' @ L5",
    });
    expect(holds("'true'")).toBe(false);
  });
});

describe('errors and short-circuits', () => {
  const ERROR = '[1][5] == 1';

  it.each([
    [`true || ${ERROR}`, true],
    [`${ERROR} || true`, true],
    [`false && ${ERROR}`, false],
    [`${ERROR} && false`, false],
    [`${ERROR} || false`, false],
    [`true && ${ERROR}`, false],
    [`!(${ERROR})`, false],
    [`${ERROR} ? true : true`, false],
  ])('%s → %s', (condition, expected) => {
    expect(holds(condition)).toBe(expected);
  });

  it('denies a missing field with an error, and another allow may still grant', () => {
    const rules = service(`    match /things/{id} {
      allow get: if resource.data.missing == 1;
      allow get: if resource.data.n == 1;
    }`);
    expect(access(rules, { path: 'things/t1', resource: doc('things/t1', { n: int(1) }) })).toEqual({
      allowed: true,
    });
    const denied = access(rules, { path: 'things/t1', resource: doc('things/t1', { n: int(2) }) });
    expect(denied.allowed).toBe(false);
    if (!denied.allowed) {
      expect(denied.message.split('\n')[0]).toBe('Missing or insufficient permissions.');
      expect(denied.message).toContain("for 'get' @ L5");
      expect(denied.message).toContain("false for 'get' @ L6");
    }
  });

  it("reports 'No matching allow statements' when nothing matches", () => {
    const rules = service('    match /things/{id} {\n      allow get: if true;\n    }');
    expect(access(rules, { path: 'others/x' })).toEqual({
      allowed: false,
      message: 'Missing or insufficient permissions.\nNo matching allow statements',
    });
  });

  it('names the rule line that returned false', () => {
    const rules = service('    match /things/{id} {\n      allow get: if false;\n    }');
    expect(access(rules, { path: 'things/x' })).toEqual({
      allowed: false,
      message: "Missing or insufficient permissions.\nfalse for 'get' @ L5",
    });
  });
});

describe('methods of allow', () => {
  const rules = service(`    match /r/{id} { allow read; }
    match /w/{id} { allow write; }
    match /g/{id} { allow get; }
    match /c/{id} { allow create, delete; }`);

  it.each([
    ['r/x', 'get', true],
    ['r/x', 'create', false],
    ['w/x', 'create', true],
    ['w/x', 'update', true],
    ['w/x', 'delete', true],
    ['w/x', 'get', false],
    ['g/x', 'get', true],
    ['c/x', 'create', true],
    ['c/x', 'delete', true],
    ['c/x', 'update', false],
  ] as const)('%s %s → %s', (path, method, expected) => {
    expect(access(rules, { path, method }).allowed).toBe(expected);
  });
});

describe('request', () => {
  const rules = service(`    match /users/{uid} {
      allow get: if request.auth.uid == uid;
      allow update: if request.auth.token.admin == true;
      allow create: if request.resource.data.owner == request.auth.uid && resource == null
        && request.method == 'create' && request.path == /databases/$(database)/documents/users/$(uid);
      allow delete: if request.time > timestamp.date(2024, 1, 1) && resource.data.owner == request.auth.uid;
    }`);

  it('binds request.auth to the caller and null when unauthenticated', () => {
    expect(access(rules, { path: 'users/alice' }).allowed).toBe(true);
    expect(access(rules, { path: 'users/bob' }).allowed).toBe(false);
    const anonymous = access(rules, { path: 'users/alice', auth: null });
    expect(anonymous).toEqual({
      allowed: false,
      message: "Missing or insufficient permissions.\nNull value error. for 'get' @ L5",
    });
  });

  it('exposes every token claim', () => {
    const admin = { uid: 'root', token: { sub: 'root', admin: true } };
    expect(access(rules, { path: 'users/x', method: 'update', auth: admin }).allowed).toBe(true);
    expect(access(rules, { path: 'users/x', method: 'update' }).allowed).toBe(false);
  });

  it('gives creates request.resource, request.method and request.path', () => {
    const create = (owner: string) =>
      access(rules, {
        path: 'users/alice',
        method: 'create',
        requestResource: doc('users/alice', { owner: str(owner) }),
      });
    expect(create('alice').allowed).toBe(true);
    expect(create('bob').allowed).toBe(false);
  });

  it('compares request.time and reads the stored document on delete', () => {
    const stored = (owner: string) => doc('users/x', { owner: str(owner) });
    expect(access(rules, { path: 'users/x', method: 'delete', resource: stored('alice') }).allowed).toBe(
      true,
    );
    expect(access(rules, { path: 'users/x', method: 'delete', resource: stored('bob') }).allowed).toBe(false);
  });
});

describe('functions', () => {
  it('calls service- and match-level functions with lets, seeing the wildcards of their scope', () => {
    const rules = service(`    function isOwner(uid) { return request.auth.uid == uid; }
    match /users/{uid} {
      function canRead() {
        let self = isOwner(uid);
        let unused = [1][9];
        return self || request.auth.token.role == 'admin';
      }
      allow get: if canRead();
    }`);
    expect(access(rules, { path: 'users/alice' }).allowed).toBe(true);
    expect(access(rules, { path: 'users/bob' }).allowed).toBe(false);
    expect(access(rules, { path: 'users/bob', auth: { uid: 'z', token: { role: 'admin' } } }).allowed).toBe(
      true,
    );
  });

  it('calls functions 20 deep (a chain of 21); the parser refuses deeper chains', () => {
    const chain = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `function f${i}() { return ${i + 1 < n ? `f${i + 1}()` : 'true'}; }`,
      ).join('\n');
    const rules = (n: number) => service(`${chain(n)}\n    match /x/{id} { allow get: if f0(); }`);
    expect(access(rules(21), { path: 'x/1' }).allowed).toBe(true);
    expect(() => compileRules(rules(22))).toThrow(RulesCompileError);
  });

  it('denies a call with the wrong number of arguments', () => {
    const rules = service(
      '    function f(a) { return a; }\n    match /x/{id} { allow get: if f(true, false); }',
    );
    expect(access(rules, { path: 'x/1' }).allowed).toBe(false);
  });
});

describe('match paths', () => {
  it('binds {x} to a string and {x=**} to a path', () => {
    const rules = service(`    match /a/{x} { allow get: if x == 'one' && x is string; }
    match /b/{rest=**} { allow get: if rest == /c/d/e && rest is path; }`);
    expect(access(rules, { path: 'a/one' }).allowed).toBe(true);
    expect(access(rules, { path: 'a/two' }).allowed).toBe(false);
    expect(access(rules, { path: 'b/c/d/e' }).allowed).toBe(true);
    expect(access(rules, { path: 'b/c/d/f' }).allowed).toBe(false);
  });

  it('ORs overlapping matches', () => {
    const rules = service(`    match /users/{uid} { allow get: if request.auth.uid == uid; }
    match /{document=**} { allow get: if request.auth.token.admin == true; }`);
    expect(access(rules, { path: 'users/alice' }).allowed).toBe(true);
    expect(access(rules, { path: 'users/bob', auth: { uid: 'x', token: { admin: true } } }).allowed).toBe(
      true,
    );
    expect(access(rules, { path: 'users/bob' }).allowed).toBe(false);
  });

  it('applies nested matches below their parent', () => {
    const rules = service(`    match /users/{uid} {
      match /posts/{post} { allow get: if uid == 'alice' && post == 'p1'; }
    }`);
    expect(access(rules, { path: 'users/alice/posts/p1' }).allowed).toBe(true);
    expect(access(rules, { path: 'users/alice' }).allowed).toBe(false);
    expect(access(rules, { path: 'users/bob/posts/p1' }).allowed).toBe(false);
  });

  it('lets {x=**} match zero segments in version 2 but not in version 1', () => {
    const body = '    match /cities/{city}/{rest=**} { allow get: if true; }';
    expect(access(service(body), { path: 'cities/sf' }).allowed).toBe(true);
    expect(access(service(body), { path: 'cities/sf/landmarks/gg' }).allowed).toBe(true);
    expect(access(service(body, ''), { path: 'cities/sf' }).allowed).toBe(false);
    expect(access(service(body, ''), { path: 'cities/sf/landmarks/gg' }).allowed).toBe(true);
  });

  it('matches a recursive wildcard in the middle of a path in version 2', () => {
    const rules = service('    match /{path=**}/posts/{post} { allow get: if path is path; }');
    expect(access(rules, { path: 'posts/p' }).allowed).toBe(true);
    expect(access(rules, { path: 'users/u/posts/p' }).allowed).toBe(true);
    expect(access(rules, { path: 'users/u' }).allowed).toBe(false);
  });
});

describe('lookups', () => {
  const users = [doc('users/admin', { admin: bool(true) }), doc('users/plain', { admin: bool(false) })];
  const rules =
    service(`    function isAdmin() { return get(/databases/$(database)/documents/users/$(request.auth.uid)).data.admin; }
    match /posts/{id} {
      allow get: if isAdmin();
      allow update: if exists(/databases/$(database)/documents/users/$(request.auth.uid));
      allow create: if getAfter(/databases/$(database)/documents/counters/c).data.n == 1
        && !existsAfter(/databases/$(database)/documents/gone/g);
    }`);
  const as = (uid: string) => ({ uid, token: {} });

  it('reads other documents with get and exists', () => {
    expect(access(rules, { path: 'posts/1', auth: as('admin'), docs: users }).allowed).toBe(true);
    expect(access(rules, { path: 'posts/1', auth: as('plain'), docs: users }).allowed).toBe(false);
    expect(access(rules, { path: 'posts/1', method: 'update', auth: as('plain'), docs: users }).allowed).toBe(
      true,
    );
    expect(
      access(rules, { path: 'posts/1', method: 'update', auth: as('nobody'), docs: users }).allowed,
    ).toBe(false);
  });

  it('denies get() of a missing document with a service call error', () => {
    const denied = access(rules, { path: 'posts/1', auth: as('nobody'), docs: users });
    expect(denied.allowed).toBe(false);
    if (!denied.allowed) expect(denied.message).toContain('Service call error. Function: [get]');
  });

  it('reads the state after the write with getAfter and existsAfter', () => {
    const before = [doc('counters/c', { n: int(0) }), doc('gone/g')];
    const after = [doc('counters/c', { n: int(1) })];
    const create = (b: Document[], a: Document[]) =>
      access(rules, { path: 'posts/1', method: 'create', docs: b, after: a }).allowed;
    expect(create(before, after)).toBe(true);
    expect(create(before, before)).toBe(false);
  });

  it('gives null, not an error, for an absent document the request concerns', () => {
    const nulls = service(`    match /own/{id} {
      allow get, create, delete: if get(request.path) == null;
      allow update: if getAfter(request.path) == null;
    }
    match /other/{id} {
      allow delete: if getAfter(/databases/$(database)/documents/gone/g) == null;
      allow create: if get(/databases/$(database)/documents/gone/g) == null;
    }`);
    const stored = doc('own/o');
    // get(request.path): the request's own document, missing before a get, a create, a delete of nothing.
    expect(access(nulls, { path: 'own/o' }).allowed).toBe(true);
    expect(access(nulls, { path: 'own/o', method: 'create', writes: ['own/o'] }).allowed).toBe(true);
    expect(access(nulls, { path: 'own/o', method: 'delete', writes: ['own/o'] }).allowed).toBe(true);
    expect(access(nulls, { path: 'own/o', method: 'delete', resource: stored, docs: [stored] }).allowed).toBe(
      false,
    );
    // getAfter(request.path) of the document being deleted (rules reach it through the update allow here).
    const deleted = { path: 'own/o', method: 'update' as const, docs: [stored], after: [] };
    expect(access(nulls, { ...deleted, writes: ['own/o'] }).allowed).toBe(true);
    // getAfter() of another document: null once the batch deletes it, an error when the batch leaves it missing.
    const gone = doc('gone/g');
    const batch = { path: 'other/x', method: 'delete' as const, docs: [gone], after: [] };
    expect(access(nulls, { ...batch, writes: ['other/x', 'gone/g'] }).allowed).toBe(true);
    expect(access(nulls, { ...batch, docs: [], writes: ['other/x', 'gone/g'] }).allowed).toBe(true);
    const untouched = access(nulls, { ...batch, docs: [], writes: ['other/x'] });
    expect(untouched).toEqual({
      allowed: false,
      message: expect.stringContaining('Service call error. Function: [getAfter]'),
    });
    // get() sees the state before the commit: a document the batch creates is missing, an error.
    const created = access(nulls, { path: 'other/x', method: 'create', after: [gone], writes: ['gone/g'] });
    expect(created).toEqual({
      allowed: false,
      message: expect.stringContaining('Service call error. Function: [get]'),
    });
  });

  it('counts distinct documents against the budget and shares it across requests', () => {
    const letters = 'abcdefghijk'.split('');
    const docs = letters.map((l) => doc(`d/${l}`, { v: int(1) }));
    const lookupRules = (n: number) =>
      service(
        `    function d(p) { return get(/databases/$(database)/documents/d/$(p)).data.v == 1; }\n    match /x/{id} { allow get: if ${letters
          .slice(0, n)
          .map((l) => `d('${l}') && d('${l}')`)
          .join(' && ')}; }`,
      );
    expect(access(lookupRules(10), { path: 'x/1', docs }).allowed).toBe(true);
    const eleven = access(lookupRules(11), { path: 'x/1', docs });
    expect(eleven.allowed).toBe(false);
    if (!eleven.allowed) expect(eleven.message).toContain('Exceeded the limit of 10 document lookups');

    const shared = budget(20);
    expect(access(lookupRules(10), { path: 'x/1', docs, budget: shared }).allowed).toBe(true);
    expect(shared.seen.size).toBe(10);
    expect(access(lookupRules(11), { path: 'x/1', docs, budget: shared }).allowed).toBe(true);
    expect(shared.seen.size).toBe(11);
  });
});

/**
 * Fuzzing the rules parser: whatever the input, parseRules returns a RulesFile or throws a RulesCompileError
 * whose issues have positions — never another exception, never a stack overflow, never a hang (each case runs
 * under the test timeout). The PRNG is seeded, so a failure reproduces; the counts are in the test names.
 */
import { describe, expect, it } from 'vitest';
import { random } from '../test-support.js';
import { RulesCompileError } from './compile-error.js';
import { parseRules } from './parser.js';

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const VALID_FILES = [
  `rules_version = '2';
service cloud.firestore {
  function signedIn() { return request.auth != null; }
  match /databases/{database}/documents {
    match /users/{userId} {
      function isOwner() {
        let uid = request.auth.uid;
        return signedIn() && uid == userId;
      }
      allow read: if isOwner() || resource.data.public == true;
      allow create: if isOwner() && request.resource.data.keys().hasOnly(['name', 'age'])
        && request.resource.data.age is int && request.resource.data.age >= 0;
      allow update: if isOwner() && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['name']);
      allow delete: if false;
    }
    match /posts/{postId=**} {
      allow list: if request.query.limit <= 20 && resource.data.visibility in ['public', 'team'];
      allow get: if exists(/databases/$(database)/documents/users/$(request.auth.uid))
        && get(/databases/$(database)/documents/users/$(request.auth.uid)).data.role == "admin";
    }
  }
}`,
  `service cloud.firestore {
  match /databases/{db}/documents/{document=**} {
    allow read, write: if request.time < timestamp.date(2030, 1, 1)
      && (request.auth.token.email.matches('.*@example[.]com$') ? true : false)
      && math.abs(-1.5) == 1.5 && [1, 2, 3][1:2] == [2] && b'\\x00ab'.size() == 3
      && hashing.sha256('x').toBase64() != '' && duration.value(1, 's') > duration.value(0, 's');
  }
}`,
  `rules_version = "2";
/* block */ service cloud.firestore { match /a/{b} { allow get: if {'k': [1, -2.5, null]}.k[0] == 1 // end
  && !('x' in {}) && -b.size() < 0 && request.path[3] == b; } }`,
];

const TOKENS = [
  'rules_version',
  '=',
  "'2'",
  ';',
  'service',
  'cloud.firestore',
  '{',
  '}',
  'match',
  '/a',
  '/{x}',
  '/{y=**}',
  'allow',
  'read',
  'write',
  'get',
  ',',
  ':',
  'if',
  'function',
  'f',
  '(',
  ')',
  'let',
  'return',
  'true',
  'false',
  'null',
  '&&',
  '||',
  '!',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  'in',
  'is',
  'int',
  '[',
  ']',
  '.',
  'request',
  'auth',
  'uid',
  'resource',
  'data',
  '0',
  '42',
  '1.5',
  '.5',
  "'s'",
  '"d"',
  "b'x'",
  '$(',
  '/databases/$(database)/documents',
  '//c\n',
  '/* c */',
  '\n',
  ' ',
  'é',
  '#',
  '\\',
  '`',
  '++',
  '--',
  'import',
  'x',
  'size()',
  '9223372036854775808',
];

/** Random tokens, half of the time as the condition of an otherwise complete file. */
function tokenSoup(next: () => number): string {
  const length = 1 + Math.floor(next() * (next() < 0.5 ? 4 : 60));
  let out = '';
  for (let i = 0; i < length; i++) out += pick(next, TOKENS) + (next() < 0.6 ? ' ' : '');
  return next() < 0.5
    ? `rules_version = '2';\nservice cloud.firestore { match /a { allow read: if ${out}; } }`
    : out;
}

function mutate(next: () => number, source: string): string {
  let out = source;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length);
    const span = 1 + Math.floor(next() * 8);
    switch (Math.floor(next() * 5)) {
      case 0: // delete
        out = out.slice(0, at) + out.slice(at + span);
        break;
      case 1: // duplicate
        out = out.slice(0, at + span) + out.slice(at, at + span) + out.slice(at + span);
        break;
      case 2: {
        // swap two characters
        const other = Math.floor(next() * out.length);
        const chars = [...out];
        [chars[at], chars[other]] = [chars[other] as string, chars[at] as string];
        out = chars.join('');
        break;
      }
      case 3: // insert a token
        out = out.slice(0, at) + pick(next, TOKENS) + out.slice(at);
        break;
      default: // replace a character by a random printable one
        out = out.slice(0, at) + String.fromCharCode(32 + Math.floor(next() * 95)) + out.slice(at + 1);
    }
  }
  return out;
}

interface Tally {
  parsed: number;
  refused: number;
  slowestMs: number;
}

/** Parses one case, failing the test on anything but a RulesFile or a well-formed RulesCompileError. */
function run(source: string, tally: Tally): void {
  const started = performance.now();
  try {
    const file = parseRules(source);
    expect(file.services.length).toBeGreaterThan(0);
    tally.parsed++;
  } catch (error) {
    if (!(error instanceof RulesCompileError)) {
      throw new Error(`${String(error)}\nfor input ${JSON.stringify(source.slice(0, 500))}`);
    }
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.line).toBeGreaterThanOrEqual(0);
      expect(issue.column).toBeGreaterThanOrEqual(0);
    }
    expect(error.message.split('\n').slice(1)).toEqual(
      error.issues.map((i) => `L${i.line}:${i.column} ${i.message}`),
    );
    tally.refused++;
  }
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
}

const report = (name: string, tally: Tally) =>
  console.log(
    `${name}: ${tally.parsed} parsed, ${tally.refused} refused, slowest case ${tally.slowestMs.toFixed(1)} ms`,
  );

const SOUP_CASES = 3000;
const MUTATION_CASES = 3000;

describe('parseRules fuzzing', () => {
  it('accepts the seed files unchanged', () => {
    for (const file of VALID_FILES) expect(() => parseRules(file)).not.toThrow();
  });

  it(`token soup: ${SOUP_CASES} random token sequences (seed 4)`, () => {
    const next = random(4);
    const tally: Tally = { parsed: 0, refused: 0, slowestMs: 0 };
    for (let i = 0; i < SOUP_CASES; i++) run(tokenSoup(next), tally);
    report('token soup', tally);
    expect(tally.parsed).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(tally.parsed);
  });

  it(`mutations: ${MUTATION_CASES} seed files with characters deleted, duplicated, swapped or inserted (seed 44)`, () => {
    const next = random(44);
    const tally: Tally = { parsed: 0, refused: 0, slowestMs: 0 };
    for (let i = 0; i < MUTATION_CASES; i++) run(mutate(next, pick(next, VALID_FILES)), tally);
    report('mutations', tally);
    // Some mutations keep a file valid (a changed literal, a duplicated space); most break it.
    expect(tally.parsed).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(tally.parsed);
  });
});

describe('parseRules on deep nesting and huge literals', () => {
  const allowIf = (condition: string) =>
    `rules_version = '2';\nservice cloud.firestore { match /a { allow read: if ${condition}; } }`;
  const n = 10_000;

  it.each([
    ['10,000 nested parentheses', allowIf(`${'('.repeat(n)}true${')'.repeat(n)}`)],
    ['10,000 nested lists', allowIf(`${'['.repeat(n)}${']'.repeat(n)} == []`)],
    ['10,000 nested maps', allowIf(`${"{'a': ".repeat(n)}1${'}'.repeat(n)} == {}`)],
    ['10,000 nested calls', allowIf(`${'f('.repeat(n)}1${')'.repeat(n)}`)],
    ['10,000 nested path segments', allowIf(`exists(${'/a/$('.repeat(n)}'x'${')'.repeat(n)})`)],
    [
      '10,000 nested matches',
      `rules_version = '2';\nservice cloud.firestore { ${'match /a { '.repeat(n)}allow read; ${'}'.repeat(n)} }`,
    ],
    ['10,000 unclosed parentheses', allowIf('('.repeat(n))],
    ['10,000 negations', allowIf(`${'!'.repeat(n)}true`)],
    ['10,000 alternating ! and (', allowIf(`${'!('.repeat(n)}true${')'.repeat(n)}`)],
    [
      '10,000 nested conditionals in the consequent',
      allowIf(`${'true ? '.repeat(n)}true${' : false'.repeat(n)}`),
    ],
    ['10,000 chained conditionals', allowIf(`${'true ? true : '.repeat(n)}false`)],
    ['30,000 terms of one sum', allowIf(`${Array(30_000).fill('1').join(' + ')} == 1`)],
    ['10,000 members', allowIf(`request${'.a'.repeat(n)} == 1`)],
    ['10,000 method calls', allowIf(`'a'${'.lower()'.repeat(n)} == 'a'`)],
    ['10,000 indexes', allowIf(`x${'[0]'.repeat(n)} == 1`)],
    [
      '10,000 functions calling the next',
      `rules_version = '2';\nservice cloud.firestore { ${Array.from({ length: n }, (_, i) => `function f${i}() { return f${i + 1}(); }`).join('\n')}\nfunction f${n}() { return f0(); }\nmatch /a { allow read: if f0(); } }`,
    ],
    ['a 1 MB string', allowIf(`'${'x'.repeat(1_000_000)}' != ''`)],
    ['an int of 100,000 digits', allowIf(`${'9'.repeat(100_000)} > 0`)],
    ['a float of 100,000 digits', allowIf(`${'9'.repeat(100_000)}.5 > 0`)],
    ['a list of 30,000 items', allowIf(`[${Array(30_000).fill('1').join(',')}].size() > 0`)],
    ['a path of 50,000 segments', allowIf(`exists(${'/a'.repeat(50_000)})`)],
    ['an unterminated 1 MB comment', allowIf(`true; } } /*${' '.repeat(1_000_000)}`)],
    ['an unterminated 1 MB string', allowIf(`'${'x'.repeat(1_000_000)}`)],
  ])('%s: a RulesFile or a RulesCompileError', (_name, source) => {
    const tally: Tally = { parsed: 0, refused: 0, slowestMs: 0 };
    run(source, tally);
    expect(tally.parsed + tally.refused).toBe(1);
  });

  it('refuses brackets nested past the limit with a clear message', () => {
    expect(() => parseRules(allowIf(`${'('.repeat(n)}true${')'.repeat(n)}`))).toThrow(
      // The service's and the match's braces count too.
      'L2:251 Nesting too deep: more than 200 nested brackets.',
    );
  });

  it('refuses what would exhaust the call stack', () => {
    expect(() => parseRules(allowIf(`${'true ? '.repeat(n)}true${' : false'.repeat(n)}`))).toThrow(
      'Expression is too complex to evaluate safely.',
    );
  });
});

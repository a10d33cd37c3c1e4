/**
 * Rules files the servers must refuse at load time, with the line of the first issue, or accept (the
 * official emulator accepts some dubious files with warnings only; those load everywhere).
 */

export interface CompileCase {
  name: string;
  rules: string;
  /** `accepted`, or `L<line>`: refused with its first issue on that line. */
  expected: 'accepted' | `L${number}`;
  /** Set while Kindling is known to differ: what is wrong (the test is an expected failure). */
  kindlingBug?: string;
}

/** A whole file whose only rule has the given condition (on line 5). */
const withCondition = (condition: string) => `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /a/{b} {
      allow read: if ${condition};
    }
  }
}
`;

const withFunction = (declaration: string) => `rules_version = '2';
service cloud.firestore {
  ${declaration}
  match /databases/{database}/documents {
    match /a/{b} { allow read: if f(); }
  }
}
`;

/** `f` calling `c1`, … calling `c<depth>`, one function per line. */
const callChain = (depth: number) =>
  [
    'function f() { return c1(true); }',
    ...Array.from({ length: depth }, (_, i) =>
      i + 1 === depth
        ? `function c${i + 1}(x) { return x; }`
        : `function c${i + 1}(x) { return c${i + 2}(x); }`,
    ),
  ].join('\n  ');

export const compileCases: CompileCase[] = [
  {
    name: 'no service',
    rules: "rules_version = '2';\nmatch /a/{b} { allow read: if true; }\n",
    expected: 'L2',
  },
  {
    name: 'an unsupported rules_version',
    rules: "rules_version = '3';\nservice cloud.firestore { match /a/{b} { allow read: if true; } }\n",
    expected: 'L1',
  },
  { name: 'a syntax error in a condition', rules: withCondition('request.auth.uid == '), expected: 'L5' },
  { name: 'an unterminated string', rules: withCondition("b == 'x"), expected: 'L6' },
  {
    name: 'an unclosed block',
    rules:
      "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /a/{b} { allow read: if true;\n  }\n}\n",
    expected: 'L7',
  },
  {
    name: 'a duplicate function',
    rules: withFunction('function f() { return true; }\n  function f() { return false; }'),
    expected: 'L4',
  },
  { name: 'a function without return', rules: withFunction('function f() { let x = 1; }'), expected: 'L3' },
  {
    name: 'let after return',
    rules: withFunction('function f() { return true; let x = 1; }'),
    expected: 'L3',
  },
  {
    name: 'a let bound twice',
    rules: withFunction('function f() { let x = 1; let x = 2; return x == 2; }'),
    expected: 'L3',
  },
  {
    name: 'a duplicate wildcard name',
    rules:
      "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /a/{b}/c/{b} { allow read: if true; }\n  }\n}\n",
    expected: 'L4',
  },
  {
    name: 'a recursive wildcard before the last segment in version 1',
    rules:
      'service cloud.firestore {\n  match /databases/{database}/documents {\n    match /a/{rest=**}/b/{c} { allow read: if true; }\n  }\n}\n',
    expected: 'L3',
  },
  { name: 'an invalid regular expression literal', rules: withCondition("b.matches('(a')"), expected: 'L5' },
  { name: 'an exponent in a number literal', rules: withCondition('b.size() < 1e3'), expected: 'L5' },
  { name: 'a hexadecimal literal', rules: withCondition('b.size() < 0x10'), expected: 'L5' },
  { name: 'a raw string literal', rules: withCondition("b == r'x'"), expected: 'L5' },
  {
    name: 'nesting too deep',
    rules: withCondition(`${'('.repeat(300)}true${')'.repeat(300)}`),
    expected: 'L5',
  },
  {
    name: 'a recursive function',
    rules: withFunction(
      'function f() { return g(3); }\n  function g(n) { return n <= 0 ? true : g(n - 1); }',
    ),
    expected: 'L4',
  },
  {
    // The official emulator names the 22nd function of the chain: its body is past the depth limit of 20.
    name: 'a chain of 22 nested function calls',
    rules: withFunction(callChain(21)),
    expected: 'L24',
  },
  {
    name: 'a chain of 21 nested function calls',
    rules: withFunction(callChain(20)),
    expected: 'accepted',
  },
  {
    name: 'an unknown method name (a warning)',
    rules:
      "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /a/{b} { allow reed: if true; }\n  }\n}\n",
    expected: 'accepted',
  },
  { name: 'an undefined function (a warning)', rules: withCondition('nope()'), expected: 'accepted' },
  { name: 'an undefined variable (a warning)', rules: withCondition("c == 'x'"), expected: 'accepted' },
  { name: 'a non-boolean condition (a warning)', rules: withCondition("'yes'"), expected: 'accepted' },
  { name: 'list + list (a warning)', rules: withCondition('[1] + [2] == [1, 2]'), expected: 'accepted' },
  { name: 'a float with a leading dot', rules: withCondition('b.size() < .5'), expected: 'accepted' },
  {
    name: 'allow without a condition',
    rules: withCondition('true').replace('allow read: if true;', 'allow read;'),
    expected: 'accepted',
  },
  {
    name: 'comments and both kinds of quotes',
    rules:
      'rules_version = "2";\n// a comment\nservice cloud.firestore {\n  /* a block\n     comment */\n  match /databases/{database}/documents {\n    match /a/{b} { allow read: if b == "x" || b == \'y\'; }\n  }\n}\n',
    expected: 'accepted',
  },
];

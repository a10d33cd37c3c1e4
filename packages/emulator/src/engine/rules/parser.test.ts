import { describe, expect, it } from 'vitest';
import type { Expression, RulesFile } from './ast.js';
import { RulesCompileError } from './compile-error.js';
import { parseRules } from './parser.js';

/** Renders an expression fully parenthesized, so a test states the tree the parser built in one line. */
function render(e: Expression): string {
  switch (e.kind) {
    case 'null':
      return 'null';
    case 'bool':
    case 'int':
      return String(e.value);
    case 'float':
      return `${e.value}f`;
    case 'string':
      return JSON.stringify(e.value);
    case 'bytes':
      return `b[${Array.from(e.value).join(' ')}]`;
    case 'path':
      return e.segments.map((s) => ('text' in s ? `/${s.text}` : `/$(${render(s.expr)})`)).join('');
    case 'list':
      return `[${e.items.map(render).join(', ')}]`;
    case 'map':
      return `{${e.entries.map((x) => `${render(x.key)}: ${render(x.value)}`).join(', ')}}`;
    case 'identifier':
      return e.name;
    case 'member':
      return `${render(e.object)}.${e.name}`;
    case 'index':
      return `${render(e.object)}[${render(e.index)}]`;
    case 'slice':
      return `${render(e.object)}[${e.start ? render(e.start) : ''}:${e.end ? render(e.end) : ''}]`;
    case 'call':
      return `${render(e.callee)}(${e.args.map(render).join(', ')})`;
    case 'unary':
      return `(${e.operator}${render(e.operand)})`;
    case 'binary':
      return `(${render(e.left)} ${e.operator} ${render(e.right)})`;
    case 'is':
      return `(${render(e.operand)} is ${e.type})`;
    case 'conditional':
      return `(${render(e.test)} ? ${render(e.consequent)} : ${render(e.alternate)})`;
  }
}

const inRule = (condition: string) =>
  `rules_version = '2';\nservice cloud.firestore { match /a { allow read: if ${condition}; } }`;

function condition(source: string): Expression {
  const allow = parseRules(inRule(source)).services[0]?.matches[0]?.allows[0];
  if (!allow?.condition) throw new Error('no condition');
  return allow.condition;
}

const expr = (source: string) => render(condition(source));

function thrown(source: string): RulesCompileError {
  try {
    parseRules(source);
  } catch (error) {
    if (error instanceof RulesCompileError) return error;
    throw error;
  }
  throw new Error('compiled');
}

/** The message of the RulesCompileError `source` throws (without the header line). */
function compileError(source: string): string {
  return thrown(source).message.split('\n').slice(1).join('\n');
}

describe('parseRules: file structure', () => {
  it('builds services, nested matches, functions and allows with their positions', () => {
    const file = parseRules(`rules_version = '2';
// comment
service cloud.firestore {
  function isSignedIn() { return request.auth != null; }
  match /databases/{database}/documents {
    /* block
       comment */
    match /users/{userId} {
      function isOwner(uid) {
        let owner = uid == userId;
        return owner;
      }
      allow get, LIST: if isOwner(request.auth.uid);
      allow write
      match /{rest=**} { allow read; }
    }
  }
}`);
    const expected: RulesFile = {
      version: '2',
      services: [
        {
          name: 'cloud.firestore',
          pos: { line: 3, column: 1 },
          functions: [
            {
              name: 'isSignedIn',
              params: [],
              bindings: [],
              body: expect.objectContaining({ kind: 'binary', operator: '!=' }),
              pos: { line: 4, column: 3 },
            },
          ],
          matches: [
            {
              path: [
                { kind: 'text', text: 'databases' },
                { kind: 'variable', name: 'database' },
                { kind: 'text', text: 'documents' },
              ],
              pos: { line: 5, column: 3 },
              functions: [],
              allows: [],
              matches: [
                {
                  path: [
                    { kind: 'text', text: 'users' },
                    { kind: 'variable', name: 'userId' },
                  ],
                  pos: { line: 8, column: 5 },
                  functions: [
                    {
                      name: 'isOwner',
                      params: ['uid'],
                      bindings: [
                        {
                          name: 'owner',
                          value: expect.objectContaining({ kind: 'binary', operator: '==' }),
                          pos: { line: 10, column: 13 },
                        },
                      ],
                      body: { kind: 'identifier', name: 'owner', pos: { line: 11, column: 16 } },
                      pos: { line: 9, column: 7 },
                    },
                  ],
                  allows: [
                    {
                      methods: ['get', 'list'],
                      condition: expect.objectContaining({ kind: 'call' }),
                      pos: { line: 13, column: 7 },
                    },
                    { methods: ['write'], condition: null, pos: { line: 14, column: 7 } },
                  ],
                  matches: [
                    {
                      path: [{ kind: 'wildcard', name: 'rest' }],
                      pos: { line: 15, column: 7 },
                      functions: [],
                      allows: [{ methods: ['read'], condition: null, pos: { line: 15, column: 26 } }],
                      matches: [],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(file).toEqual(expected);
  });

  it('reads rules_version in either quote style, and defaults to version 1', () => {
    const body = 'service cloud.firestore { match /a { allow read; } }';
    expect(parseRules(`rules_version = "2"\n${body}`).version).toBe('2');
    expect(parseRules(`rules_version = '1';\n${body}`).version).toBe('1');
    expect(parseRules(body).version).toBe('1');
  });

  it('keeps match path segments as written: text, {x}, {x=*} (one segment) and {x=**}', () => {
    const file = parseRules(
      "rules_version = '2'; service cloud.firestore { match /(default)/a-b.c_d~e%20f@g:h/{ x }/{y=*}/{z = **} { allow read; } }",
    );
    expect(file.services[0]?.matches[0]?.path).toEqual([
      { kind: 'text', text: '(default)' },
      { kind: 'text', text: 'a-b.c_d~e%20f@g:h' },
      { kind: 'variable', name: 'x' },
      { kind: 'variable', name: 'y' },
      { kind: 'wildcard', name: 'z' },
    ]);
  });

  it('reads service names as the official lexer does: letters, digits, dots and hyphens', () => {
    const names = ['cloud.firestore', 'firebase.storage', 'Cloud.fire-2', '.cloud..x.'].map(
      (name) => parseRules(`service ${name} { match /a { allow read; } }`).services[0]?.name,
    );
    expect(names).toEqual(['cloud.firestore', 'firebase.storage', 'Cloud.fire-2', '.cloud..x.']);
    expect(compileError("rules_version = '2';\nservice cloud.fire_store { match /a { allow read; } }")).toBe(
      "L2:19 Unexpected '_store'.",
    );
    expect(compileError("rules_version = '2';\nservice match { match /a { allow read; } }")).toBe(
      'L2:9 Cannot use keyword as service name.',
    );
  });

  it('lowercases allow methods and drops unknown ones (the official emulator only warns about them)', () => {
    const file = parseRules(
      "rules_version = '2'; service cloud.firestore { match /a { allow READ, Create, foo: if true; allow update, delete } }",
    );
    expect(file.services[0]?.matches[0]?.allows.map((a) => a.methods)).toEqual([
      ['read', 'create'],
      ['update', 'delete'],
    ]);
  });

  it('makes functions declared outside the service visible in it, unless the service declares the name', () => {
    const file = parseRules(
      "rules_version = '2';\nfunction top() { return true; }\nfunction f() { return 1; }\nservice cloud.firestore { function f() { return 2; } function own() { return top(); } match /a { allow read: if own(); } }",
    );
    const functions = file.services[0]?.functions ?? [];
    expect(functions.map((f) => [f.name, f.pos.line])).toEqual([
      ['f', 4],
      ['own', 4],
      ['top', 2],
    ]);
  });

  it('accepts a `;` after allow and return but does not need it, and functions after their use', () => {
    expect(() =>
      parseRules(
        "rules_version = '2'; service cloud.firestore { match /a { allow read: if f() allow write: if g(); function f() { return true } function g() { let x = 1; return x == 1; } } }",
      ),
    ).not.toThrow();
  });
});

describe('parseRules: expressions', () => {
  it.each([
    ['1 + 2 * 3 - 4 / 5 % 6', '((1 + (2 * 3)) - ((4 / 5) % 6))'],
    ['a || b && c || d', '((a || (b && c)) || d)'],
    ['a == b != c', '((a == b) != c)'],
    ['a < b == c > d', '((a < b) == (c > d))'],
    ['a <= b >= c', '((a <= b) >= c)'],
    // The official emulator binds `in` looser than `is`, and both looser than `==` (tried against it).
    ['1 in [1] == true', '(1 in ([1] == true))'],
    ['true == 1 in [1]', '((true == 1) in [1])'],
    ['1 in [1] is bool', '(1 in ([1] is bool))'],
    ['true == 1 is int', '((true == 1) is int)'],
    ['1 is int is bool', '((1 is int) is bool)'],
    // The official parser climbs precedences: any operator may follow `x is T` and applies to it.
    ['1 is int == 1 is int', '(((1 is int) == 1) is int)'],
    ['x is string - 1', '((x is string) - 1)'],
    ['a in b * c is map', '(a in ((b * c) is map))'],
    ['a ? b : c is int', '(a ? b : (c is int))'],
    ['a is int ? b : c', '((a is int) ? b : c)'],
    ['a && b in c', '(a && (b in c))'],
    ['1 + 2 in [3]', '((1 + 2) in [3])'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a ? b ? c : d : e', '(a ? (b ? c : d) : e)'],
    ['a || b ? c : d', '((a || b) ? c : d)'],
    ['!a && !!b', '((!a) && (!(!b)))'],
    ['!a is bool', '((!a) is bool)'],
    ['!-x', '(!(-x))'],
    ['-x.y[0]', '(-x.y[0])'],
    ['1 - -1', '(1 - -1)'],
    ['(a || b) && c', '((a || b) && c)'],
    ['-(1)', '(-1)'],
  ])('%s', (source, tree) => {
    expect(expr(source)).toBe(tree);
  });

  it('builds member, index, slice and call chains', () => {
    expect(expr('request.auth.token.email.matches(".*@x[.]com$")')).toBe(
      'request.auth.token.email.matches(".*@x[.]com$")',
    );
    expect(expr('a.b()[1].c[1:2][:3][4:][:] == f(1, 2,)')).toBe('(a.b()[1].c[1:2][:3][4:][:] == f(1, 2))');
    expect(expr('x.in.is.if.allow.true')).toBe('x.in.is.if.allow.true');
    expect(expr('math.abs(-1) == 1')).toBe('(math.abs(-1) == 1)');
  });

  it('reads literals as the official emulator does', () => {
    expect(expr('[0, 42, -9223372036854775808, 1.5, 1., .5, -2.5, true, false, null]')).toBe(
      '[0, 42, -9223372036854775808, 1.5f, 1f, 0.5f, -2.5f, true, false, null]',
    );
    const ints = condition('[9223372036854775807, -1]');
    expect(ints.kind === 'list' && ints.items.map((i) => i.kind === 'int' && i.value)).toEqual([
      9223372036854775807n,
      -1n,
    ]);
    expect(expr(String.raw`['a\'b', "q\"", '\n\t\r\\', '\x41\101\u00e9', '\b\f', 'é']`)).toBe(
      String.raw`["a'b", "q\"", "\n\t\r\\", "AAé", "\b\f", "é"]`,
    );
    expect(expr(String.raw`[b'A\x00\377', B"é", b'\n']`)).toBe('[b[65 0 255], b[195 169], b[10]]');
    expect(expr("{'a': 1, 'b': [2,], }")).toBe('{"a": 1, "b": [2]}');
    expect(expr('{} == {1: 2}')).toBe('({} == {1: 2})');
  });

  it('reads path literals: text segments, $(…) segments, and `/` directly before a name', () => {
    expect(expr('/databases/$(database)/documents/users/$(request.auth.uid)')).toBe(
      '/databases/$(database)/documents/users/$(request.auth.uid)',
    );
    expect(expr('exists(/a/(default)/b-c.d~e_f%20@:x+y/*)')).toBe('exists(/a/(default)/b-c.d~e_f%20@:x+y/*)');
    expect(expr('/a/$( x + 1 ).y == /a/b[0]')).toBe('(/a/$((x + 1)).y == /a/b[0])');
    expect(expr('x / y')).toBe('(x / y)');
    expect(expr('get(/a/b).data.x / 2 > 1')).toBe('((get(/a/b).data.x / 2) > 1)');
  });

  it('reads path templates for bind(), keeping each variable as path() would: "{x}" or "{x=**}"', () => {
    expect(expr("/users/{ uid }/{x=*}/{rest = **}.bind({'uid': 'a'})")).toBe(
      '/users/{uid}/{x}/{rest=**}.bind({"uid": "a"})',
    );
  });

  it('reads `/*` as a comment only when it is closed, as the official lexer does', () => {
    expect(expr('exists(/a/*)')).toBe('exists(/a/*)');
    expect(expr('exists(/a/**)')).toBe('exists(/a/**)');
    expect(expr('exists(/a/* note */)')).toBe('exists(/a)');
    expect(expr('exists(/a /b / $(c))')).toBe('exists(/a/b/$(c))');
    expect(
      parseRules(inRule('true').replace('match /a', 'match /a/** /b/ {c}')).services[0]?.matches[0]?.path,
    ).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'text', text: '**' },
      { kind: 'text', text: 'b' },
      { kind: 'variable', name: 'c' },
    ]);
  });

  it('places each node where its expression starts, as the official emulator reports the line of a condition', () => {
    const e = condition('\n  (a.b(1)\n  == 2)\n  || c[0]');
    expect(e.pos).toEqual({ line: 3, column: 3 });
    if (e.kind !== 'binary' || e.left.kind !== 'binary' || e.right.kind !== 'index')
      throw new Error(render(e));
    expect(e.left.pos).toEqual({ line: 3, column: 4 });
    expect(e.left.left.pos).toEqual({ line: 3, column: 4 });
    expect(e.right.pos).toEqual({ line: 5, column: 6 });
    expect(condition('true ?\n 1 :\n false ? 2 : 3').pos.line).toBe(2);
    const chained = condition('true ? 1 :\n false ? 2 : 3');
    expect(chained.kind === 'conditional' && chained.alternate.pos).toEqual({ line: 3, column: 2 });
  });
});

describe('parseRules: compile errors (messages as the official emulator words them)', () => {
  const service = (body: string) => `rules_version = '2';\nservice cloud.firestore { ${body} }`;

  it.each([
    ['', 'L0:0 Rules content empty. Compilation aborted.'],
    [
      'match /a { allow read; }',
      "L1:1 mismatched input 'match' expecting {'function', 'import', 'service', 'rules_version'}",
    ],
    ['   \n  ', "L2:3 mismatched input '<EOF>' expecting {'function', 'import', 'service', 'rules_version'}"],
    ["rules_version = '2';", "L1:21 mismatched input '<EOF>' expecting {'function', 'import', 'service'}"],
    [
      "rules_version = '3';\nservice cloud.firestore { match /a { allow read; } }",
      'L1:1 Unsupported rules version 3.',
    ],
    ['rules_version = 2;\nservice cloud.firestore { match /a { allow read; } }', "L1:17 Unexpected '2'."],
    [service('match /a { allow read: if (1 + ; }'), "L2:58 Unexpected ';'."],
    [service('match /a {\n allow read: if x ==== 1;\n }'), "L3:21 Unexpected '=='."],
    [service('match /a { allow read: if true;; }'), "L2:58 Unexpected ';'."],
    [service('match /a { allow read: true; }'), "L2:50 Missing 'if' before conditional expression."],
    [service('match /a { allow read if true; }'), "L2:49 Missing ':' before 'if' condition."],
    [service('match /a { allow read: if; }'), "L2:52 Missing conditional expression after 'if'."],
    [service('match /a { allow : if true; }'), "L2:44 Expected at least one 'operation' after 'allow'."],
    [service('match /a { allow read,: if true; }'), "L2:48 Unexpected ','."],
    [
      service('match /a { allow read: if --1 == 1; }'),
      'L2:55 Increment (++) and decrement (--) operators are not supported.',
    ],
    [
      service('match /a { allow read: if 1 ++ 1; }'),
      'L2:58 Increment (++) and decrement (--) operators are not supported.',
    ],
    [service('match /a { allow read: if - -1 == 1; }'), "L2:55 Unexpected '-'."],
    [service('match /a { allow read: if 0x1F == 31; }'), "L2:54 Unexpected 'x1F'."],
    [service('match /a { allow read: if 1e3 == 1000.0; }'), "L2:54 Unexpected 'e3'."],
    [service('match /a { allow read: if 012 == 12; }'), "L2:54 Unexpected '12'."],
    [service("match /a { allow read: if r'raw' == 'x'; }"), "L2:54 Unexpected ''raw''."],
    [service("match /a { allow read: if '\\q' == 'x'; }"), "L2:55 Missing a closing '"],
    [service("match /a { allow read: if 'multi\nline'; }"), "L3:1 Missing a closing '"],
    [
      service('match /a { allow read: if 9223372036854775808 > 0; }'),
      'L2:53 Invalid number literal 9223372036854775808.',
    ],
    [
      service("match /a { allow read: if b'\\u00e9'.size() == 2; }"),
      "L2:53 Invalid bytes literal b'\\u00e9'.",
    ],
    [
      service('match /a { allow read: if x is foo ; }'),
      "L2:62 An unsupported type identifier was used with the 'is' operator. Received foo. Expected one of bool,bytes,constraint,duration,float,int,latlng,list,vector,set,number,map,string,timestamp,path,map_diff",
    ],
    [
      service('match /a { allow read: if exists(/a/); }'),
      "L2:62 Forward slash '/' found where identifier or binding expected.",
    ],
    [service('match /a { allow read: if é; }'), "L2:53 Missing conditional expression after 'if'."],
    [service('match /a { allow read: if 1 # 2; }'), "L2:55 token recognition error at: '#'"],
    [service('allow read;'), "L2:27 Unexpected 'allow'."],
    // Columns count code points: the emoji is one column.
    [service("match /a { allow read: if '\u{1F600}' ==== 2; }"), "L2:59 Unexpected '=='."],
    [`\uFEFF${service('match /a { allow read; }')}`, "L1:1 token recognition error at: '\uFEFF'"],
    [
      "rules_version = '2';\nservice cloud.firestore { }",
      "L2:27 The 'service' body must contain at least one declaration.",
    ],
    [service('match /a { }'), "L2:38 The 'match' body must contain at least one declaration."],
    [
      service('match / { allow read; }'),
      "L2:33 Forward slash '/' found where identifier or binding expected.",
    ],
    [
      service('match /a/ { allow read; }'),
      "L2:35 Forward slash '/' found where identifier or binding expected.",
    ],
    [service('match /a/{b}/{b} { allow read; }'), 'L2:41 Variable b already exists in the PathTemplate.'],
    [
      service('match /a/{b=**}/{c=**} { allow read; }'),
      'L2:42 Invalid glob match expression. Only one glob match is permitted in a match declaration path.',
    ],
    [
      'service cloud.firestore { match /a/{b=**}/c { allow read; } }',
      'L1:35 Invalid glob match expression. Glob matches are permitted as the last segment in a match declaration path.',
    ],
    [
      `${service('match /a { allow read; }')}\nservice cloud.firestore { match /b { allow read; } }`,
      'L3:9 Duplicate service name declaration.',
    ],
    [
      "rules_version = '2';\nimport 'x.rules';\nservice cloud.firestore { match /a { allow read; } }",
      'L2:1 Import statements are not allowed.\nL2:1 Module "x.rules" is not part of the standard library.',
    ],
    [
      service('function f() { return 1; } function f() { return 2; } match /a { allow read; }'),
      'L2:63 Function f is already defined.',
    ],
    [
      service('function f(a, a) { return a; } match /a { allow read; }'),
      'L2:41 Variable a is already defined.',
    ],
    [
      service('function f() { let x = 1; let x = 2; return x; } match /a { allow read; }'),
      'L2:57 The identifier [x] is already bound in the current scope.',
    ],
    [
      service('function f(a) { let a = 1; return a; } match /a { allow read; }'),
      'L2:47 The identifier [a] is already bound in the current scope.',
    ],
    [
      service('function f() { return f(); } match /a { allow read: if f(); }'),
      'L2:36 Recursive call is not allowed.',
    ],
    [
      service('function f() { return g(); } function g() { return f(); } match /a { allow read: if f(); }'),
      'L2:36 Detected a call cycle between [f,g] functions.',
    ],
    [service('function f { return true; } match /a { allow read; }'), "L2:38 Missing 'function' signature"],
    [service('function if() { return true; } match /a { allow read; }'), "L2:36 Unexpected 'if'."],
    [
      service('function f() { let x = 1 return x; } match /a { allow read; }'),
      "L2:52 missing ';' at 'return'",
    ],
    [service('function f(a) { return a; let x = 1; } match /a { allow read; }'), "L2:53 Unexpected 'let'."],
    [
      service('function f(a,b,c,d,e,f,g,h) { return a; } match /a { allow read; }'),
      'L2:36 Maximum allowed function arguments of 7 for function f is reached.',
    ],
    [service('match /a { allow read: if true; } }'), "L2:63 Unexpected '}'."],
    [
      "rules_version = '2';\nservice cloud.firestore { match /a { allow read: if true; }",
      "L2:60 Unexpected '<EOF>'.",
    ],
    [service('match /a { allow read; } /* unterminated'), "L2:52 Unexpected '/*'."],
    [
      service('match /a { allow read: if math == 1; }'),
      'L2:53 math is a package and cannot be used as variable name.',
    ],
    [
      service('match /a { allow read: if (math).abs(1) == 1; }'),
      'L2:54 math is a package and cannot be used as variable name.',
    ],
    [
      service('match /a { allow read: if timestamp.date == 1; }'),
      'L2:53 timestamp is a package and cannot be used as variable name.',
    ],
    [
      service('function f(hashing) { let latlng = 1; return true; } match /a/{duration} { allow read; }'),
      'L2:38 hashing is a package and cannot be used as variable name.\nL2:53 latlng is a package and cannot be used as variable name.\nL2:90 duration is a package and cannot be used as variable name.',
    ],
    [
      service('match /a { allow read: if /{x}/{x} == /a; }'),
      'L2:59 Variable x already exists in the PathTemplate.',
    ],
    [
      service('match /a { allow read: if /a/{math} == /a; }'),
      'L2:57 math is a package and cannot be used as variable name.',
    ],
    [
      service("match /a { allow read: if 'x'.matches('[') || true; }"),
      'L2:65 Invalid regular expression pattern. Pattern: [.',
    ],
    [
      service("match /a { allow read: if 'x'.split(('(?=x)')).size() > 0; }"),
      'L2:63 Invalid regular expression pattern. Pattern: (?=x).',
    ],
  ])('%j', (source, message) => {
    expect(compileError(source)).toBe(message);
  });

  it('reports every load-time issue at once, in source order, under the official header', () => {
    const source = `rules_version = '2';
service cloud.firestore {
  function f() { return 1; }
  function f() { return 2; }
  match /a/{x}/{x} { allow read: if y is text; }
}`;
    const unsupported =
      "An unsupported type identifier was used with the 'is' operator. Received text. Expected one of " +
      'bool,bytes,constraint,duration,float,int,latlng,list,vector,set,number,map,string,timestamp,path,map_diff';
    const error = thrown(source);
    expect(error.issues).toEqual([
      { line: 5, column: 17, message: 'Variable x already exists in the PathTemplate.' },
      { line: 5, column: 46, message: unsupported },
    ]);
    expect(error.message).toBe(
      `Error compiling rules:\nL5:17 Variable x already exists in the PathTemplate.\nL5:46 ${unsupported}`,
    );
  });

  it('reports scope and limit issues only when the tree itself is sound, as the official emulator does', () => {
    const source = (match: string) => `rules_version = '2';
service cloud.firestore {
  function f(a, a) { return g(); }
  function g() { return f(a); }
  ${match}
}`;
    expect(thrown(source('match /a { allow read: if math; }')).issues).toEqual([
      { line: 5, column: 29, message: 'math is a package and cannot be used as variable name.' },
    ]);
    expect(thrown(source("match /a { allow read: if 'a'.matches('['); }")).issues).toEqual([
      { line: 3, column: 12, message: 'Detected a call cycle between [f,g] functions.' },
      { line: 3, column: 17, message: 'Variable a is already defined.' },
      { line: 5, column: 41, message: 'Invalid regular expression pattern. Pattern: [.' },
    ]);
  });
});

describe('parseRules: limits (the official emulator refuses the same)', () => {
  const service = (body: string) => `rules_version = '2';\nservice cloud.firestore { ${body} }`;
  const allowIf = (condition: string) => service(`match /a { allow read: if ${condition}; }`);

  it('accepts expressions nested 99 deep and refuses 100, at the innermost node', () => {
    expect(() => parseRules(allowIf(`${'('.repeat(98)}true${')'.repeat(98)}`))).not.toThrow();
    expect(compileError(allowIf(`${'('.repeat(99)}true${')'.repeat(99)}`))).toBe(
      'L2:152 Expression is too complex to evaluate safely.',
    );
    expect(compileError(allowIf(`${'!'.repeat(99)}true`))).toBe(
      'L2:152 Expression is too complex to evaluate safely.',
    );
    expect(compileError(allowIf(`${'['.repeat(99)}${']'.repeat(99)} == 1`))).toBe(
      'L2:151 Expression is too complex to evaluate safely.',
    );
    expect(compileError(allowIf(`${Array(99).fill('1').join(' + ')} == 1`))).toBe(
      'L2:53 Expression is too complex to evaluate safely.\nL2:57 Expression is too complex to evaluate safely.',
    );
    expect(() => parseRules(allowIf(`${Array(98).fill('1').join(' + ')} == 1`))).not.toThrow();
    expect(compileError(allowIf(`${'true ? true : '.repeat(99)}false`))).toBe(
      [1425, 1432, 1439].map((c) => `L2:${c} Expression is too complex to evaluate safely.`).join('\n'),
    );
  });

  it('does not count member chains as nesting', () => {
    expect(() => parseRules(allowIf(`request${'.a'.repeat(300)} == 1`))).not.toThrow();
  });

  it('accepts 11 nested matches and refuses the 12th', () => {
    const nested = (n: number) => service(`${'match /a { '.repeat(n)}allow read; ${'}'.repeat(n)}`);
    expect(() => parseRules(nested(11))).not.toThrow();
    expect(compileError(nested(12))).toBe('L2:148 Maximum allowed resource rule depth of 10 is reached.');
  });

  it('accepts 11 let bindings in a function and refuses 12', () => {
    const lets = (n: number) =>
      service(
        `function f() { ${Array.from({ length: n }, (_, i) => `let a${i} = 1;`).join(' ')} return true; } match /a { allow read: if f(); }`,
      );
    expect(() => parseRules(lets(11))).not.toThrow();
    expect(compileError(lets(12))).toBe(
      'L2:195 Maximum allowed variable count of 10 for a given function has been reached.',
    );
  });

  describe('call depth: a chain of at most 21 functions, from each function no function calls', () => {
    /** `c<from>` calling `c<from+1>` … up to `c<to>`, one function per line. */
    const links = (from: number, to: number, prefix = 'c') =>
      Array.from({ length: to - from + 1 }, (_, k) => {
        const i = from + k;
        return `function ${prefix}${i}(x) { return ${i === to ? 'x' : `${prefix}${i + 1}(x)`}; }`;
      });
    /** Service-level functions from line 3 (names at column 12), then match-level ones. */
    const file = (functions: string[], matchFunctions: string[] = [], condition = 'true') =>
      [
        "rules_version = '2';",
        'service cloud.firestore {',
        ...functions.map((fn) => `  ${fn}`),
        '  match /databases/{database}/documents {',
        ...matchFunctions.map((fn) => `    ${fn}`),
        `    match /a/{b} { allow read: if ${condition}; }`,
        '  }',
        '}',
      ].join('\n');
    const f = 'function f() { return c1(true); }';
    const tooDeep = (line: number, column: number, stack: string[]) =>
      `L${line}:${column} Maximum allowed call depth of 20 is reached for [${stack.join('->')}] call stack.`;
    const names = (prefix: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => `${prefix}${from + k}`);

    it('refuses the 22nd function of a chain, at its name, with the chain that reached it', () => {
      expect(() => parseRules(file([f, ...links(1, 20)], [], 'f()'))).not.toThrow();
      const stack = ['f', ...names('c', 1, 20)];
      expect(compileError(file([f, ...links(1, 21)], [], 'f()'))).toBe(tooDeep(24, 12, stack));
      // Past the limit nothing more is reported, and unused functions count as well.
      expect(compileError(file([f, ...links(1, 40)]))).toBe(tooDeep(24, 12, stack));
      // Declaration order does not matter: c21, declared first, is still the 22nd of the chain from f.
      expect(compileError(file([f, ...links(1, 21)].reverse()))).toBe(tooDeep(3, 12, stack));
    });

    it('starts chains only at functions no function calls, across scopes', () => {
      // c1…c22 alone is too long, but only g calls c1: the chain from g is reported, not the one from c1.
      expect(compileError(file(links(1, 22), ['function g() { return c1(true); }'], 'g()'))).toBe(
        tooDeep(23, 12, ['g', ...names('c', 1, 20)]),
      );
      expect(() =>
        parseRules(file(links(2, 21), ['function g() { return c2(true); }'], 'g()')),
      ).not.toThrow();
      // f calls c3 (a short enough chain); c1, called by no function, starts a chain of 22.
      expect(compileError(file(['function f() { return c3(true); }', ...links(1, 22)]))).toBe(
        tooDeep(25, 12, names('c', 1, 21)),
      );
    });

    it('reports the chain of every root that goes too deep, each function once per root', () => {
      const roots = [
        'function f1() { return c1(true) && c1(false); }',
        'function f2() { return c2(false); }',
      ];
      expect(compileError(file([...roots, ...links(1, 22)]))).toBe(
        [tooDeep(25, 12, ['f1', ...names('c', 1, 20)]), tooDeep(26, 12, ['f2', ...names('c', 2, 21)])].join(
          '\n',
        ),
      );
      // A short branch beside a long one: the long one is reported.
      const branches = [
        'function f() { return a1(true) && b1(true); }',
        ...links(1, 20, 'a'),
        ...links(1, 21, 'b'),
      ];
      expect(compileError(file(branches))).toBe(tooDeep(44, 12, ['f', ...names('b', 1, 20)]));
    });

    it('reports only the cycle of a file with a call cycle', () => {
      const cycle = [
        'function r() { return a(1); }',
        'function a(x) { return b(x); }',
        'function b(x) { return a(x); }',
      ];
      expect(compileError(file(cycle, [], 'r()'))).toBe(
        'L4:12 Detected a call cycle between [a,b] functions.',
      );
    });

    it('follows each function once per depth, so many branching calls are checked quickly', () => {
      // 40 layers of 6 functions, each calling all 6 of the next layer: 6^40 chains, 40 * 6 * 6 calls.
      const layer = (i: number) => Array.from({ length: 6 }, (_, j) => `l${i}_${j}`);
      const functions = Array.from({ length: 40 }, (_, i) =>
        layer(i).map(
          (name) =>
            `function ${name}(x) { return ${
              i === 39
                ? 'x'
                : layer(i + 1)
                    .map((next) => `${next}(x)`)
                    .join(' && ')
            }; }`,
        ),
      ).flat();
      const issues = thrown(file(functions)).issues;
      // Each of the 6 roots reaches each function of layer 21 (the 22nd of a chain).
      expect(issues).toHaveLength(36);
      expect(issues[0]?.message).toBe(
        `Maximum allowed call depth of 20 is reached for [${Array.from({ length: 21 }, (_, i) => `l${i}_0`).join('->')}] call stack.`,
      );
    });
  });
});

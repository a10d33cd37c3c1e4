/**
 * `parseRules`: source text → the syntax tree of ast.ts, or a RulesCompileError listing what the official
 * emulator would refuse at load time, worded and placed as it words and places it (each rule below was tried
 * against it). Parsing is the peggy grammar rules.peggy (compiled ahead into rules-parser.generated.ts) and stops at the
 * first syntax error; the Checker then reports every issue a grammar cannot express. Warnings of the official
 * emulator (unused functions, unknown variables, type mismatches it can see statically) are not reproduced:
 * they never refuse a file.
 */
import { RE2JS } from 're2js';
import type {
  Expression,
  FunctionDeclaration,
  MatchBlock,
  MatchSegment,
  Position,
  RuleMethod,
  RulesFile,
  ServiceBlock,
  TypeName,
} from './ast.js';
import { RulesCompileError, type RulesCompileIssue } from './compile-error.js';
import * as rulesParser from './rules-parser.generated.js';

/** The official emulator's limits, found by trying it. */
const LIMITS = {
  /** An expression nested this deep (parentheses count) is refused. */
  expressionDepth: 100,
  /** `a.b.c…`, `a[0][1]…`, `a.f().g()…`: the official emulator crashes past ~460; refuse beyond this. */
  chainLength: 400,
  /** Nested `match` blocks below a service. */
  matchDepth: 11,
  functionParameters: 7,
  functionBindings: 11,
  /** Calls nested from one function into the next: a chain of at most 21 functions. */
  callDepth: 20,
  /** Brackets nested deeper than this are refused before parsing (the limits above refuse far less anyway). */
  bracketDepth: 200,
} as const;

const TOO_COMPLEX = 'Expression is too complex to evaluate safely.';

/** In the order the official emulator lists them. */
const TYPE_NAMES: readonly TypeName[] = [
  'bool',
  'bytes',
  'constraint',
  'duration',
  'float',
  'int',
  'latlng',
  'list',
  'vector',
  'set',
  'number',
  'map',
  'string',
  'timestamp',
  'path',
  'map_diff',
];

/** Namespaces of functions (`math.abs(x)`), which cannot be used as values. */
const PACKAGES: readonly string[] = ['duration', 'hashing', 'latlng', 'math', 'timestamp'];

const RULE_METHODS: readonly string[] = ['get', 'list', 'create', 'update', 'delete', 'read', 'write'];

const INT_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 63n);

/** Facts the grammar records about nodes that the tree itself does not carry (see rules.peggy). */
interface Notes {
  /** Positions of the parentheses around an expression, innermost first. */
  parenthesis?: Position[];
  namePos?: Position;
  closePos?: Position;
  empty?: boolean;
  segments?: { segment: MatchSegment; pos: Position; namePos?: Position }[];
  params?: { name: string; pos: Position }[];
  /** The `{name}` variables of a path template literal. */
  variables?: { name: string; pos: Position }[];
  typeEnd?: Position;
  negatedLiteral?: boolean;
  invalidBytes?: string;
}

/** What an action records: one parenthesis at a time. */
type GrammarNote = Omit<Notes, 'parenthesis'> & { parenthesis?: Position };

/** What the grammar returns: the file before the checks turn it into a RulesFile. */
interface ParsedFile {
  version: { value: string; pos: Position } | null;
  items: (
    | { service: ServiceBlock }
    | { function: FunctionDeclaration }
    | { import: string; pos: Position }
  )[];
}

/** What the generated module (rules.peggy through peggy) exports; it is not type-checked itself. */
interface GeneratedParser {
  parse(source: string, options: Record<string, unknown>): ParsedFile;
  SyntaxError: new (
    ...args: never[]
  ) => Error & { expected: unknown[] | null; location: { start: PeggyPosition } };
}

const generated = rulesParser as unknown as GeneratedParser;

export function parseRules(source: string): RulesFile {
  if (source.length === 0) {
    throw new RulesCompileError([
      { line: 0, column: 0, message: 'Rules content empty. Compilation aborted.' },
    ]);
  }
  const tooDeep = deepestBracket(source);
  if (tooDeep !== null) {
    throw new RulesCompileError([
      { ...tooDeep, message: `Nesting too deep: more than ${LIMITS.bracketDepth} nested brackets.` },
    ]);
  }
  const notes = new WeakMap<object, Notes>();
  const parsed = runParser(source, notes);
  return new Checker(notes).check(parsed);
}

function runParser(source: string, notes: WeakMap<object, Notes>): ParsedFile {
  const note = (node: object, facts: GrammarNote) => {
    const previous = notes.get(node) ?? {};
    const { parenthesis, ...rest } = facts;
    notes.set(node, {
      ...previous,
      ...rest,
      parenthesis: parenthesis ? [...(previous.parenthesis ?? []), parenthesis] : previous.parenthesis,
    });
  };
  const position = positionsIn(source);
  const lastCommentEnd = source.lastIndexOf('*/');
  try {
    return generated.parse(source, {
      note,
      isParenthesized: (node: object) => (notes.get(node)?.parenthesis?.length ?? 0) > 0,
      tokenAt: (offset: number) => tokenAt(source, offset),
      position,
      commentCloses: (offset: number) => lastCommentEnd >= offset,
    });
  } catch (error) {
    if (error instanceof generated.SyntaxError) {
      const start = error.location.start;
      // A failed match lists what was expected; the grammar's error() calls carry the official wording.
      throw new RulesCompileError([
        error.expected !== null
          ? syntaxError(source, start.offset, (offset) => position(peggyPosition(source, offset)))
          : { ...position(start), message: error.message },
      ]);
    }
    // A construct the bracket pre-check does not see (say thousands of nested `a ? b ? …`) can still
    // exhaust the stack.
    if (error instanceof RangeError) {
      throw new RulesCompileError([{ line: 1, column: 1, message: TOO_COMPLEX }]);
    }
    throw error;
  }
}

/** The position of the first bracket nested deeper than the limit, ignoring strings and comments. */
function deepestBracket(source: string): Position | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = (end < 0 ? source.length : end) - 1;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (let j = i; j < stop; j++) {
        if (source[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      }
      i = stop - 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      i = source[j] === c ? j : j - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > LIMITS.bracketDepth) return { line, column: i - lineStart + 1 };
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

const TOKEN_PATTERNS: readonly RegExp[] = [
  /\/\*/y,
  /'(?:[^'\\\n\r]|\\.)*'/y,
  /"(?:[^"\\\n\r]|\\.)*"/y,
  /\/(?:\$\(|[A-Za-z0-9_.~@+&'*:%()-]+)/y,
  /[A-Za-z_$][A-Za-z0-9_$]*/y,
  /[0-9]+(?:\.[0-9]*)?/y,
  /==|!=|<=|>=|&&|\|\||\+\+|--/y,
];

/** The token starting at `offset`, as the official emulator quotes it in "Unexpected '…'." */
function tokenAt(source: string, offset: number): string {
  if (offset >= source.length) return '<EOF>';
  for (const pattern of TOKEN_PATTERNS) {
    pattern.lastIndex = offset;
    const match = pattern.exec(source);
    if (match) return match[0].length > 60 ? `${match[0].slice(0, 60)}…` : match[0];
  }
  return String.fromCodePoint(source.codePointAt(offset) ?? 0);
}

/** Characters that start no token at all. */
const UNRECOGNIZED = /[^\x20-\x7e\t\r\n]|[#^\\`]|\|(?!\|)/y;

/** The issue for a parse that failed at `offset`, worded as the official emulator words it. */
function syntaxError(
  source: string,
  failedAt: number,
  positionOf: (offset: number) => Position,
): RulesCompileIssue {
  // A failure right before a space (a path that must go on, say) is reported at the next token, as the
  // official emulator's lexer skips spaces and comments before its parser sees them.
  SPACE.lastIndex = failedAt;
  SPACE.test(source);
  const offset = SPACE.lastIndex;
  UNRECOGNIZED.lastIndex = offset;
  if (UNRECOGNIZED.test(source)) {
    const char = String.fromCodePoint(source.codePointAt(offset) ?? 0);
    return { ...positionOf(offset), message: `token recognition error at: '${char}'` };
  }
  const token = tokenAt(source, offset);
  if (token === '++' || token === '--') {
    // Reported at the token after the operator, as the official emulator does.
    SPACE.lastIndex = offset + 2;
    SPACE.test(source);
    return {
      ...positionOf(SPACE.lastIndex),
      message: 'Increment (++) and decrement (--) operators are not supported.',
    };
  }
  return { ...positionOf(offset), message: `Unexpected '${token}'.` };
}

const SPACE = /(?:[ \t\r\n]|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;

function peggyPosition(source: string, offset: number): PeggyPosition {
  const before = source.slice(0, offset);
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}

/** Where peggy locates a character: UTF-16 offset, 1-based line and column in UTF-16 code units. */
interface PeggyPosition {
  offset: number;
  line: number;
  column: number;
}

/**
 * Turns peggy's positions into the official emulator's, which counts columns in code points: a character
 * outside the Basic Multilingual Plane (an emoji in a string) is one column, not two.
 */
function positionsIn(source: string): (location: PeggyPosition) => Position {
  if (!/[\ud800-\udbff][\udc00-\udfff]/.test(source)) return ({ line, column }) => ({ line, column });
  // pairsBefore[i]: surrogate pairs that end before offset i.
  const pairsBefore = new Int32Array(source.length + 1);
  for (let i = 0; i < source.length; i++) {
    const unit = source.charCodeAt(i);
    const endsPair =
      unit >= 0xdc00 && unit <= 0xdfff && i > 0 && (source.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    pairsBefore[i + 1] = (pairsBefore[i] as number) + (endsPair ? 1 : 0);
  }
  return ({ offset, line, column }) => {
    const lineStart = offset - column + 1;
    return { line, column: column - ((pairsBefore[offset] as number) - (pairsBefore[lineStart] as number)) };
  };
}

/** The load-time checks of the official emulator that the grammar cannot express. */
class Checker {
  /**
   * The official emulator checks in two passes: the tree (literals, types after `is`, variable names, path
   * templates, nesting), then scopes and limits (duplicates, recursion, counts, constant patterns). It reports
   * the second pass only when the first found nothing, and so does this.
   */
  private readonly treeIssues: RulesCompileIssue[] = [];
  private readonly semanticIssues: RulesCompileIssue[] = [];
  /** Every function checked, in order, with the functions it calls (resolved in its scope, in source order). */
  private readonly calls = new Map<FunctionDeclaration, FunctionDeclaration[]>();
  private cycleFound = false;

  constructor(private readonly notes: WeakMap<object, Notes>) {}

  check(parsed: ParsedFile): RulesFile {
    const version = this.version(parsed.version);
    const topFunctions: FunctionDeclaration[] = [];
    const services: ServiceBlock[] = [];
    for (const item of parsed.items) {
      if ('service' in item) services.push(item.service);
      else if ('function' in item) topFunctions.push(item.function);
      else {
        this.report(item.pos, 'Import statements are not allowed.');
        this.report(item.pos, `Module "${item.import}" is not part of the standard library.`);
      }
    }
    this.functions(topFunctions, [topFunctions]);
    const serviceNames = new Set<string>();
    for (const service of services) {
      const notes = this.noteOf(service);
      if (serviceNames.has(service.name)) {
        this.reportSemantic(notes.namePos ?? service.pos, 'Duplicate service name declaration.');
      }
      serviceNames.add(service.name);
      if (notes.empty) {
        this.report(
          notes.closePos ?? service.pos,
          "The 'service' body must contain at least one declaration.",
        );
      }
      this.scope(service.functions, service.matches, [topFunctions], 0, version);
      // Functions declared outside any service are visible in it, unless it declares the same name.
      const own = new Set(service.functions.map((fn) => fn.name));
      service.functions = [...service.functions, ...topFunctions.filter((fn) => !own.has(fn.name))];
    }
    // As in the official emulator, a file with a call cycle has only the cycle reported.
    if (!this.cycleFound) this.callDepths();
    if (this.treeIssues.length > 0) throw new RulesCompileError(this.treeIssues);
    if (this.semanticIssues.length > 0) throw new RulesCompileError(this.semanticIssues);
    return { version, services };
  }

  private version(declared: ParsedFile['version']): RulesFile['version'] {
    if (declared === null) return '1';
    if (declared.value === '1' || declared.value === '2') return declared.value;
    this.report(declared.pos, `Unsupported rules version ${declared.value}.`);
    return '2';
  }

  /** A service or match body: its functions, then its nested matches (`outer` = enclosing scopes). */
  private scope(
    functions: FunctionDeclaration[],
    matches: MatchBlock[],
    outer: FunctionDeclaration[][],
    depth: number,
    version: RulesFile['version'],
  ): void {
    const scopes = [functions, ...outer];
    this.functions(functions, scopes);
    for (const match of matches) {
      if (depth === LIMITS.matchDepth) {
        this.reportSemantic(match.pos, 'Maximum allowed resource rule depth of 10 is reached.');
      }
      this.match(match, version);
      for (const allow of match.allows) {
        allow.methods = allowedMethods(allow.methods);
        if (allow.condition) this.expression(allow.condition);
      }
      this.scope(match.functions, match.matches, scopes, depth + 1, version);
    }
  }

  private match(match: MatchBlock, version: RulesFile['version']): void {
    const notes = this.noteOf(match);
    if (notes.empty) {
      this.report(notes.closePos ?? match.pos, "The 'match' body must contain at least one declaration.");
    }
    const names = new Set<string>();
    let globs = 0;
    const segments = notes.segments ?? [];
    segments.forEach(({ segment, pos, namePos }, i) => {
      if (segment.kind === 'text') return;
      if (names.has(segment.name)) {
        this.report(namePos ?? pos, `Variable ${segment.name} already exists in the PathTemplate.`);
      }
      names.add(segment.name);
      this.variableName(segment.name, namePos ?? pos);
      if (segment.kind !== 'wildcard') return;
      if (++globs > 1) {
        this.report(
          pos,
          'Invalid glob match expression. Only one glob match is permitted in a match declaration path.',
        );
      } else if (version === '1' && i < segments.length - 1) {
        this.report(
          pos,
          'Invalid glob match expression. Glob matches are permitted as the last segment in a match declaration path.',
        );
      }
    });
  }

  /** One scope's function declarations; `scopes` resolves the functions they call (innermost first). */
  private functions(declared: FunctionDeclaration[], scopes: FunctionDeclaration[][]): void {
    const names = new Set<string>();
    for (const fn of declared) {
      const notes = this.noteOf(fn);
      const namePos = notes.namePos ?? fn.pos;
      if (names.has(fn.name)) this.reportSemantic(namePos, `Function ${fn.name} is already defined.`);
      names.add(fn.name);
      if (fn.params.length > LIMITS.functionParameters) {
        this.reportSemantic(
          namePos,
          `Maximum allowed function arguments of ${LIMITS.functionParameters} for function ${fn.name} is reached.`,
        );
      }
      const bound = new Set<string>();
      for (const param of notes.params ?? []) {
        if (bound.has(param.name))
          this.reportSemantic(param.pos, `Variable ${param.name} is already defined.`);
        bound.add(param.name);
        this.variableName(param.name, param.pos);
      }
      for (const binding of fn.bindings) {
        if (bound.has(binding.name)) {
          this.reportSemantic(
            binding.pos,
            `The identifier [${binding.name}] is already bound in the current scope.`,
          );
        }
        bound.add(binding.name);
        this.variableName(binding.name, binding.pos);
        this.expression(binding.value);
      }
      if (fn.bindings.length > LIMITS.functionBindings) {
        this.reportSemantic(
          fn.body.pos,
          'Maximum allowed variable count of 10 for a given function has been reached.',
        );
      }
      this.expression(fn.body);
    }
    this.callCycles(declared, scopes);
  }

  /**
   * Functions may not call themselves, directly or through others. A depth-first walk over this scope's
   * functions in declaration order reports each cycle once, at the function it was entered from. Functions of
   * outer scopes cannot call back into this one, so a cycle never leaves the scope it starts in.
   */
  private callCycles(declared: FunctionDeclaration[], scopes: FunctionDeclaration[][]): void {
    // Innermost scope wins; within a scope the first declaration (a second one is an error anyway).
    const visible = new Map<string, FunctionDeclaration>();
    for (const scope of [...scopes].reverse()) {
      for (const fn of [...scope].reverse()) visible.set(fn.name, fn);
    }
    const here = new Set(declared);
    for (const fn of declared) {
      const resolved = calledNames(fn).flatMap((name) => visible.get(name) ?? []);
      this.calls.set(fn, [...new Set(resolved)]);
    }
    const callees = new Map(declared.map((fn) => [fn, this.calls.get(fn)?.filter((f) => here.has(f))]));
    const state = new Map<FunctionDeclaration, 'open' | 'done'>();
    for (const root of declared) {
      if (state.has(root)) continue;
      // An explicit stack: a long chain of functions calling each other must not exhaust the call stack.
      const stack: { fn: FunctionDeclaration; next: number }[] = [{ fn: root, next: 0 }];
      state.set(root, 'open');
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as (typeof stack)[number];
        const callee = callees.get(frame.fn)?.[frame.next++];
        if (callee === undefined) {
          state.set(frame.fn, 'done');
          stack.pop();
        } else if (state.get(callee) === 'open') {
          const cycle = stack.slice(stack.findIndex((f) => f.fn === callee)).map((f) => f.fn);
          this.reportCycle(cycle);
        } else if (!state.has(callee)) {
          state.set(callee, 'open');
          stack.push({ fn: callee, next: 0 });
        }
      }
    }
  }

  private reportCycle(cycle: FunctionDeclaration[]): void {
    this.cycleFound = true;
    const first = cycle[0] as FunctionDeclaration;
    this.reportSemantic(
      this.noteOf(first).namePos ?? first.pos,
      cycle.length === 1
        ? 'Recursive call is not allowed.'
        : `Detected a call cycle between [${cycle.map((f) => f.name).join(',')}] functions.`,
    );
  }

  /**
   * A function may call the next at most 20 deep. Like the official emulator, this follows the call chains
   * from every function no function calls (in declaration order, callees in source order) and reports each
   * function a chain from it enters past the limit, once, at its name, with the chain that got there. Only
   * chains that can reach that far are followed, and each function once per depth, so a file of many
   * branching calls is checked in time proportional to its calls.
   */
  private callDepths(): void {
    const longest = LIMITS.callDepth + 1;
    // reaches[k]: the functions a chain of k more calls can start from (reaches[0]: every function).
    const reaches = [new Set(this.calls.keys())];
    for (let k = 1; k <= longest; k++) {
      const below = reaches[k - 1] as Set<FunctionDeclaration>;
      reaches.push(
        new Set([...this.calls].filter(([, callees]) => callees.some((c) => below.has(c))).map(([fn]) => fn)),
      );
    }
    const called = new Set([...this.calls.values()].flat());
    for (const root of this.calls.keys()) {
      if (called.has(root) || !reaches[longest]?.has(root)) continue;
      // seen[i]: the functions already entered as the i-th of a chain from this root.
      const seen = reaches.map(() => new Set<FunctionDeclaration>());
      // A chain is at most 22 functions long, so this recursion stays shallow.
      const enter = (chain: FunctionDeclaration[]) => {
        const fn = chain[chain.length - 1] as FunctionDeclaration;
        if (chain.length > longest) {
          const stack = chain
            .slice(0, -1)
            .map((f) => f.name)
            .join('->');
          this.reportSemantic(
            this.noteOf(fn).namePos ?? fn.pos,
            `Maximum allowed call depth of ${LIMITS.callDepth} is reached for [${stack}] call stack.`,
          );
          return;
        }
        const entered = seen[chain.length] as Set<FunctionDeclaration>;
        for (const callee of this.calls.get(fn) ?? []) {
          if (entered.has(callee) || !reaches[longest - chain.length]?.has(callee)) continue;
          entered.add(callee);
          enter([...chain, callee]);
        }
      };
      enter([root]);
    }
  }

  /** `math`, `timestamp`… name namespaces; no variable may take their name. */
  private variableName(name: string, pos: Position): void {
    if (PACKAGES.includes(name))
      this.report(pos, `${name} is a package and cannot be used as variable name.`);
  }

  /**
   * Walks an expression without recursion, checking depth, chain length, `is` types, literals and that a
   * package name is only used to call one of its functions (`math.abs(x)`, not `math` or `math.abs`).
   */
  private expression(root: Expression): void {
    const pending: { node: Expression; parentLevel: number; chain: number; calledOn?: true }[] = [
      { node: root, parentLevel: 0, chain: 0 },
    ];
    while (pending.length > 0) {
      const { node, parentLevel, chain, calledOn } = pending.pop() as (typeof pending)[number];
      const notes = this.notes.get(node);
      const parentheses = [...(notes?.parenthesis ?? [])].reverse();
      const limitedAt = LIMITS.expressionDepth - parentLevel - 1;
      if (limitedAt < parentheses.length) {
        this.report(parentheses[limitedAt] as Position, TOO_COMPLEX);
        continue;
      }
      const level = parentLevel + 1 + parentheses.length;
      if (level >= LIMITS.expressionDepth) {
        this.report(node.pos, TOO_COMPLEX);
        continue;
      }
      if (chain > LIMITS.chainLength) {
        this.report(node.pos, TOO_COMPLEX);
        continue;
      }
      this.checkNode(node, notes);
      if (node.kind === 'identifier' && !(calledOn && parentheses.length === 0)) {
        this.variableName(node.name, node.pos);
      }
      for (const child of children(node)) pending.push({ node: child, parentLevel: level, chain: 0 });
      const receiver = receiverOf(node);
      if (receiver) {
        const next = { node: receiver, parentLevel: level - 1, chain: chain + 1 };
        pending.push(node.kind === 'call' ? { ...next, calledOn: true } : next);
      }
    }
  }

  /** The checks that need one node only: literals, `is` types, path templates, constant patterns. */
  private checkNode(node: Expression, notes: Notes | undefined): void {
    switch (node.kind) {
      case 'int':
        if (node.value > INT_MAX || node.value < INT_MIN) {
          const digits = (node.value < 0n ? -node.value : node.value).toString();
          this.report(node.pos, `Invalid number literal ${notes?.negatedLiteral ? '-' : ''}${digits}.`);
        }
        return;
      case 'bytes':
        if (notes?.invalidBytes) this.report(node.pos, `Invalid bytes literal ${notes.invalidBytes}.`);
        return;
      case 'call':
        this.constantPattern(node);
        return;
      case 'path': {
        const names = new Set<string>();
        for (const { name, pos } of notes?.variables ?? []) {
          if (names.has(name)) this.report(pos, `Variable ${name} already exists in the PathTemplate.`);
          names.add(name);
          this.variableName(name, pos);
        }
        return;
      }
      case 'is':
        if (!(TYPE_NAMES as readonly string[]).includes(node.type)) {
          this.report(
            notes?.typeEnd ?? node.pos,
            `An unsupported type identifier was used with the 'is' operator. Received ${node.type}. Expected one of ${TYPE_NAMES.join(',')}`,
          );
        }
        return;
      default:
        return;
    }
  }

  /**
   * `s.matches('…')`, `s.split('…')` (and `s.replace('…')`, which then lacks its replacement): a constant
   * pattern given alone must be valid RE2. The official emulator checks exactly these one-argument calls on
   * anything but a namespace.
   */
  private constantPattern(call: Expression & { kind: 'call' }): void {
    const [pattern, ...rest] = call.args;
    const { callee } = call;
    if (callee.kind !== 'member' || !['matches', 'split', 'replace'].includes(callee.name)) return;
    if (callee.object.kind === 'identifier' && PACKAGES.includes(callee.object.name)) return;
    if (pattern?.kind !== 'string' || rest.length > 0) return;
    try {
      RE2JS.compile(pattern.value);
    } catch {
      // Reported at the argument, including any parentheses around it.
      const pos = this.notes.get(pattern)?.parenthesis?.at(-1) ?? pattern.pos;
      this.reportSemantic(pos, `Invalid regular expression pattern. Pattern: ${pattern.value}.`);
    }
  }

  private noteOf(node: object): Notes {
    return this.notes.get(node) ?? {};
  }

  private report(pos: Position, message: string): void {
    this.treeIssues.push({ line: pos.line, column: pos.column, message });
  }

  private reportSemantic(pos: Position, message: string): void {
    this.semanticIssues.push({ line: pos.line, column: pos.column, message });
  }
}

/** Method names are case-insensitive; unknown ones are ignored (the official emulator only warns). */
function allowedMethods(methods: string[]): RuleMethod[] {
  return methods.map((m) => m.toLowerCase()).filter((m): m is RuleMethod => RULE_METHODS.includes(m));
}

/** The sub-expressions of a node that sit one level deeper (the receiver of a chain does not). */
function children(node: Expression): Expression[] {
  switch (node.kind) {
    case 'path':
      return node.segments.flatMap((s) => ('expr' in s ? [s.expr] : []));
    case 'list':
      return node.items;
    case 'map':
      return node.entries.flatMap((e) => [e.key, e.value]);
    case 'index':
      return [node.index];
    case 'slice':
      return [node.start, node.end].filter((e): e is Expression => e !== null);
    case 'call':
      return node.args;
    case 'unary':
    case 'is':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    default:
      return [];
  }
}

/** The object a member access, index, slice or method call applies to. */
function receiverOf(node: Expression): Expression | null {
  switch (node.kind) {
    case 'member':
    case 'index':
    case 'slice':
      return node.object;
    case 'call':
      return node.callee.kind === 'member' ? node.callee.object : null;
    default:
      return null;
  }
}

/** Names of the functions a function calls by plain name (`f(x)`, not `x.f()`), in source order. */
function calledNames(fn: FunctionDeclaration): string[] {
  const calls: { name: string; pos: Position }[] = [];
  const pending: Expression[] = [fn.body, ...fn.bindings.map((b) => b.value)];
  while (pending.length > 0) {
    const node = pending.pop() as Expression;
    if (node.kind === 'call' && node.callee.kind === 'identifier')
      calls.push({ name: node.callee.name, pos: node.pos });
    for (const child of children(node)) pending.push(child);
    const receiver = receiverOf(node);
    if (receiver) pending.push(receiver);
  }
  calls.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  return calls.map((call) => call.name);
}

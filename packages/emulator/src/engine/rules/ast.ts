/**
 * The syntax tree of a Firestore Security Rules file, as the parser produces it and the evaluator walks it.
 * Positions are 1-based, as compile errors report them (`L3:14`).
 */

export interface Position {
  line: number;
  column: number;
}

interface Node {
  pos: Position;
}

export type UnaryOperator = '!' | '-';

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/** The names `x is T` accepts. */
export type TypeName =
  | 'bool'
  | 'bytes'
  | 'constraint'
  | 'duration'
  | 'float'
  | 'int'
  | 'latlng'
  | 'list'
  | 'map'
  | 'map_diff'
  | 'number'
  | 'path'
  | 'set'
  | 'string'
  | 'timestamp'
  /** Firestore vector embeddings: accepted by `is`, though no rules value has this type here. */
  | 'vector';

/** One segment of a path literal: fixed text, or `$(expr)` whose string value is the segment. */
export type PathLiteralSegment = { text: string } | { expr: Expression };

export type Expression =
  | (Node & { kind: 'null' })
  | (Node & { kind: 'bool'; value: boolean })
  /** Rules ints are 64-bit. */
  | (Node & { kind: 'int'; value: bigint })
  | (Node & { kind: 'float'; value: number })
  | (Node & { kind: 'string'; value: string })
  | (Node & { kind: 'bytes'; value: Uint8Array })
  /** `/databases/$(database)/documents/users/$(uid)` */
  | (Node & { kind: 'path'; segments: PathLiteralSegment[] })
  | (Node & { kind: 'list'; items: Expression[] })
  | (Node & { kind: 'map'; entries: { key: Expression; value: Expression }[] })
  | (Node & { kind: 'identifier'; name: string })
  /** `object.name` (field of a map, property of request/resource, or a namespace member such as `math.abs`). */
  | (Node & { kind: 'member'; object: Expression; name: string })
  /** `object[index]` */
  | (Node & { kind: 'index'; object: Expression; index: Expression })
  /** `object[start:end]` with either bound optional. */
  | (Node & { kind: 'slice'; object: Expression; start: Expression | null; end: Expression | null })
  /** `callee(args)`: callee is an identifier (a function or global), or a member (a method or namespace function). */
  | (Node & { kind: 'call'; callee: Expression; args: Expression[] })
  | (Node & { kind: 'unary'; operator: UnaryOperator; operand: Expression })
  | (Node & { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression })
  | (Node & { kind: 'is'; operand: Expression; type: TypeName })
  | (Node & { kind: 'conditional'; test: Expression; consequent: Expression; alternate: Expression });

export interface FunctionDeclaration extends Node {
  name: string;
  params: string[];
  /** `let` bindings in order; each sees the parameters and the earlier bindings. */
  bindings: { name: string; value: Expression; pos: Position }[];
  body: Expression;
}

/** The methods an `allow` names; `read` = get + list, `write` = create + update + delete. */
export type RuleMethod = 'get' | 'list' | 'create' | 'update' | 'delete' | 'read' | 'write';

export interface AllowStatement extends Node {
  methods: RuleMethod[];
  /** `allow read;` (no condition) allows unconditionally. */
  condition: Expression | null;
}

/** A segment of a `match` path: fixed text, `{name}` (one segment) or `{name=**}` (the rest of the path). */
export type MatchSegment =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'wildcard'; name: string };

export interface MatchBlock extends Node {
  path: MatchSegment[];
  functions: FunctionDeclaration[];
  allows: AllowStatement[];
  matches: MatchBlock[];
}

export interface ServiceBlock extends Node {
  /** `cloud.firestore` is the only service the emulator evaluates. */
  name: string;
  functions: FunctionDeclaration[];
  matches: MatchBlock[];
}

export interface RulesFile {
  /** `rules_version = '2'`; absent means version 1 (where `{x=**}` matches only at the end of a path). */
  version: '1' | '2';
  services: ServiceBlock[];
}

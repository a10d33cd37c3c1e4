/**
 * Evaluates rules expressions. Values are the value library's RulesValues, plus Symbolic values the query
 * prover puts in place of what a query leaves open (a document's fields, its id). Anything computed from a
 * symbolic value is symbolic unless the symbol itself decides it, so a condition holds for a query only when
 * it comes out `true` whatever the open values are.
 */
import type {
  BinaryOperator,
  Expression,
  FunctionDeclaration,
  PathLiteralSegment,
  Position,
  TypeName,
} from './ast.js';
import { RulesEvaluationError, type RulesPath, type RulesValue } from './value.js';
import {
  binary,
  callGlobal,
  callMethod,
  index,
  interpolatedSegments,
  isType,
  member,
  NAMESPACES,
  slice,
  truthy,
  typeOf,
  unary,
} from './values.js';

/**
 * A value only partly known. Subclasses decide what they can (a field the query pins to a value, a comparison
 * a range filter settles); everything else yields an Unknown carrying the reason, which becomes the denial.
 */
export abstract class Symbolic {
  abstract readonly reason: string;
  member(_name: string): EvalValue {
    return this.unknown();
  }
  /** `this op other` (or `other op this` when `symbolOnLeft` is false), if the symbol can decide it. */
  binary(_op: BinaryOperator, _other: RulesValue, _symbolOnLeft: boolean, _at: Position): EvalValue {
    return this.unknown();
  }
  method(_name: string, _args: RulesValue[]): EvalValue {
    return this.unknown();
  }
  /** `this is type`. */
  is(_type: TypeName): EvalValue {
    return this.unknown();
  }
  protected unknown(): Unknown {
    return new Unknown(this.reason);
  }
}

/** A value nothing is known about. */
export class Unknown extends Symbolic {
  constructor(readonly reason: string) {
    super();
  }
  protected override unknown(): Unknown {
    return this;
  }
}

export type EvalValue = RulesValue | Symbolic;

export const isSymbolic = (v: EvalValue): v is Symbolic => v instanceof Symbolic;

/** The document lookups `get`, `exists`, `getAfter`, `existsAfter` perform. */
export interface Lookups {
  /**
   * The document at `path` as `resource` shows it; `null` when a document the request concerns is absent; an
   * error when any other document does not exist or the budget is spent.
   */
  get(path: RulesPath, after: boolean, call: string): RulesValue;
  exists(path: RulesPath, after: boolean, call: string): boolean;
}

/** A bound on evaluation steps per request, so no rules file can make one request take unbounded time. */
export const MAX_STEPS = 100_000;

type Binding = { value: EvalValue } | { thunk: () => EvalValue };

/**
 * Variables and functions visible at one point: a match block's wildcards and functions, a function's
 * parameters and lets. Lookups walk outward; functions see the scope they were declared in, not the caller's.
 */
export class Scope {
  private readonly bindings = new Map<string, Binding>();
  constructor(
    readonly parent: Scope | null,
    readonly functions: readonly FunctionDeclaration[] = [],
  ) {}

  bind(name: string, value: EvalValue): this {
    this.bindings.set(name, { value });
    return this;
  }

  /** Binds `name` to a value computed on first use (a `let`), so an unused binding's error does no harm. */
  bindLazily(name: string, compute: () => EvalValue): void {
    const binding: Binding = {
      thunk: () => {
        const value = compute();
        this.bindings.set(name, { value });
        return value;
      },
    };
    this.bindings.set(name, binding);
  }

  lookup(name: string): EvalValue | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const binding = scope.bindings.get(name);
      if (binding) return 'value' in binding ? binding.value : binding.thunk();
    }
    return undefined;
  }

  findFunction(name: string): { declaration: FunctionDeclaration; scope: Scope } | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const declaration = scope.functions.find((f) => f.name === name);
      if (declaration) return { declaration, scope };
    }
    return undefined;
  }
}

const LOOKUP_FUNCTIONS = new Set(['get', 'exists', 'getAfter', 'existsAfter']);

const fail = (message: string): never => {
  throw new RulesEvaluationError(message);
};

/**
 * Evaluates expressions for one request; counts steps against a limit. Calls need no depth limit here: the
 * parser refuses files whose calls could nest deeper than Firestore allows.
 */
export class Evaluator {
  private steps = 0;

  constructor(private readonly lookups: Lookups) {}

  evaluate(expr: Expression, scope: Scope): EvalValue {
    if (++this.steps > MAX_STEPS) fail('Evaluation step limit exceeded.');
    switch (expr.kind) {
      case 'null':
        return null;
      case 'bool':
      case 'int':
      case 'float':
      case 'string':
        return expr.value;
      case 'bytes':
        return { type: 'bytes', bytes: expr.value };
      case 'path':
        return this.pathLiteral(expr.segments, scope);
      case 'list': {
        const items = expr.items.map((item) => this.evaluate(item, scope));
        return firstSymbolic(items) ?? { type: 'list', items: items as RulesValue[] };
      }
      case 'map':
        return this.mapLiteral(expr.entries, scope);
      case 'identifier': {
        const value = scope.lookup(expr.name);
        return value === undefined ? fail(`Variable not found error: Name: [${expr.name}].`) : value;
      }
      case 'member': {
        const object = this.evaluate(expr.object, scope);
        return isSymbolic(object) ? object.member(expr.name) : member(object, expr.name);
      }
      case 'index': {
        const object = this.evaluate(expr.object, scope);
        const key = this.evaluate(expr.index, scope);
        if (isSymbolic(key)) return key;
        if (isSymbolic(object))
          return typeof key === 'string' ? object.member(key) : new Unknown(object.reason);
        return index(object, key);
      }
      case 'slice': {
        const object = this.evaluate(expr.object, scope);
        const start = expr.start ? this.evaluate(expr.start, scope) : null;
        const end = expr.end ? this.evaluate(expr.end, scope) : null;
        return (
          firstSymbolic([object, start, end]) ??
          slice(object as RulesValue, start as RulesValue, end as RulesValue)
        );
      }
      case 'call':
        return this.call(expr.callee, expr.args, scope);
      case 'unary': {
        const operand = this.evaluate(expr.operand, scope);
        return isSymbolic(operand) ? operand : unary(expr.operator, operand);
      }
      case 'binary':
        if (expr.operator === '&&' || expr.operator === '||')
          return this.logical(expr.operator, expr.left, expr.right, scope);
        return this.binary(expr, this.evaluate(expr.left, scope), this.evaluate(expr.right, scope));
      case 'is': {
        const operand = this.evaluate(expr.operand, scope);
        return isSymbolic(operand) ? operand.is(expr.type) : isType(operand, expr.type);
      }
      case 'conditional': {
        const test = this.evaluate(expr.test, scope);
        if (isSymbolic(test)) return test;
        return this.evaluate(truthy(test) ? expr.consequent : expr.alternate, scope);
      }
    }
  }

  private binary(expr: Expression & { kind: 'binary' }, left: EvalValue, right: EvalValue): EvalValue {
    if (isSymbolic(left))
      return isSymbolic(right) ? left : left.binary(expr.operator, right, true, startOf(expr));
    if (isSymbolic(right)) return right.binary(expr.operator, left, false, startOf(expr));
    return binary(expr.operator, left, right);
  }

  /**
   * `&&` and `||` as Firestore evaluates them: left to right, and an operand that errors (or is unknown) is
   * forgiven when the other operand alone decides the result (`error || true` is true, `error && false` false).
   */
  private logical(op: '&&' | '||', left: Expression, right: Expression, scope: Scope): EvalValue {
    const decisive = op === '||';
    const first = this.attempt(left, scope);
    if (first.value === decisive) return decisive;
    const second = this.attempt(right, scope);
    if (second.value === decisive) return decisive;
    for (const side of [first, second]) {
      if ('error' in side) throw side.error;
      if (isSymbolic(side.value)) return side.value;
      if (typeof side.value !== 'boolean')
        fail(`Unsupported operation error. Received: ${op} on a non-bool value.`);
    }
    return !decisive;
  }

  private attempt(
    expr: Expression,
    scope: Scope,
  ): { value: EvalValue } | { value?: undefined; error: unknown } {
    try {
      return { value: this.evaluate(expr, scope) };
    } catch (error) {
      if (error instanceof RulesEvaluationError) return { error };
      throw error;
    }
  }

  private pathLiteral(segments: PathLiteralSegment[], scope: Scope): EvalValue {
    const out: string[] = [];
    for (const segment of segments) {
      if ('text' in segment) {
        out.push(segment.text);
        continue;
      }
      const value = this.evaluate(segment.expr, scope);
      if (isSymbolic(value)) return value;
      out.push(...interpolatedSegments(value));
    }
    return { type: 'path', segments: out };
  }

  private mapLiteral(entries: { key: Expression; value: Expression }[], scope: Scope): EvalValue {
    const map = new Map<string, RulesValue>();
    for (const entry of entries) {
      const key = this.evaluate(entry.key, scope);
      const value = this.evaluate(entry.value, scope);
      if (isSymbolic(key)) return key;
      if (isSymbolic(value)) return value;
      if (typeof key !== 'string') fail(`Type error. Received: [${typeOf(key)}] Expected: [string].`);
      map.set(key as string, value);
    }
    return { type: 'map', entries: map };
  }

  private call(callee: Expression, argExprs: Expression[], scope: Scope): EvalValue {
    const args = argExprs.map((a) => this.evaluate(a, scope));
    if (callee.kind === 'identifier') return this.callFunction(callee.name, args, scope);
    if (callee.kind !== 'member')
      return fail('Unsupported operation error. Only functions and methods can be called.');
    const namespace = callee.object.kind === 'identifier' ? callee.object.name : undefined;
    if (namespace && NAMESPACES.has(namespace) && scope.lookup(namespace) === undefined) {
      return firstSymbolic(args) ?? callGlobal(`${namespace}.${callee.name}`, args as RulesValue[]);
    }
    const receiver = this.evaluate(callee.object, scope);
    const unknownArg = firstSymbolic(args);
    if (isSymbolic(receiver)) return unknownArg ?? receiver.method(callee.name, args as RulesValue[]);
    return unknownArg ?? callMethod(receiver, callee.name, args as RulesValue[]);
  }

  private callFunction(name: string, args: EvalValue[], scope: Scope): EvalValue {
    const found = scope.findFunction(name);
    if (found) return this.callDeclared(found.declaration, args, found.scope);
    const unknownArg = firstSymbolic(args);
    if (unknownArg) return unknownArg;
    if (LOOKUP_FUNCTIONS.has(name)) return this.lookup(name, args as RulesValue[]);
    return callGlobal(name, args as RulesValue[]);
  }

  private callDeclared(fn: FunctionDeclaration, args: EvalValue[], declaredIn: Scope): EvalValue {
    if (args.length !== fn.params.length) {
      fail(`Function not found error: Name: [${fn.name}] with ${args.length} argument(s).`);
    }
    const local = new Scope(declaredIn);
    for (const [i, param] of fn.params.entries()) local.bind(param, args[i]);
    for (const binding of fn.bindings)
      local.bindLazily(binding.name, () => this.evaluate(binding.value, local));
    return this.evaluate(fn.body, local);
  }

  private lookup(name: string, args: RulesValue[]): RulesValue {
    const [path] = args;
    if (args.length !== 1 || path === null || typeof path !== 'object' || path.type !== 'path') {
      return fail(`Function not found error: Name: [${name}] expects one path argument.`);
    }
    const after = name.endsWith('After');
    return name.startsWith('get')
      ? this.lookups.get(path, after, name)
      : this.lookups.exists(path, after, name);
  }
}

/** Where an expression's text begins (a binary node sits at its operator); the official emulator reports this. */
function startOf(expr: Expression): Position {
  switch (expr.kind) {
    case 'binary':
      return startOf(expr.left);
    case 'member':
    case 'index':
    case 'slice':
      return startOf(expr.object);
    case 'call':
      return startOf(expr.callee);
    case 'is':
      return startOf(expr.operand);
    case 'conditional':
      return startOf(expr.test);
    default:
      return expr.pos;
  }
}

function firstSymbolic(values: EvalValue[]): Symbolic | undefined {
  return values.find(isSymbolic);
}

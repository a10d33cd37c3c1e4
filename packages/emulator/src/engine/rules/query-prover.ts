/**
 * "Rules are not filters": a query is allowed only when the `list` rules hold for every document it could
 * return, whatever the database holds. The prover turns the query into cases (one per disjunct of its where
 * clause, and per value of an `in` or `array-contains-any`) and evaluates the rules once per case with
 * `resource` standing for any document of that case: a field an equality pins is that value, a field a range
 * bounds decides comparisons against constants of the bound's type, and everything else is unknown. A
 * condition that depends on something unknown is not proven, so the query is denied.
 */
import {
  type FieldFilter,
  type Filter,
  formatFieldPath,
  isNaNValue,
  isNullValue,
  isPrefixPath,
  parseFieldPath,
  type StructuredQuery,
  type Value,
} from '@kindling/core';
import type { BinaryOperator, Position, TypeName } from './ast.js';
import { type EvalValue, isSymbolic, Symbolic, Unknown } from './evaluator.js';
import type { DocumentReader, QueryAccessRequest } from './index.js';
import { queryValue, requestValue, rulesPath, splitName } from './request.js';
import type { Globals, PathToken } from './ruleset.js';
import type { RulesValue } from './value.js';
import { compare, documentToResource, equals, fromFirestoreValue, member, typeOf } from './values.js';

/** One case to prove: the path its documents live at and the `request`/`resource` the rules see. */
export interface QueryCase {
  tokens: PathToken[];
  globals: Globals;
}

/** Beyond this many cases (disjuncts × `in` values) the prover proves the query as one case knowing nothing. */
export const MAX_CASES = 1_000;

interface Bound {
  value: RulesValue;
  inclusive: boolean;
}

/** What one case of the query guarantees about one field of every document it returns. */
interface FieldFacts {
  equals?: RulesValue;
  lower?: Bound;
  upper?: Bound;
  notEquals: RulesValue[];
  contains: RulesValue[];
}

type Leaf = {
  field: string;
  op: FieldFilter['op'] | 'IS_NULL' | 'IS_NAN' | 'IS_NOT_NULL' | 'IS_NOT_NAN';
  value?: Value;
};

const NAME_FIELD = '__name__';

/** The where clause as OR of ANDs of leaves. */
function disjuncts(filter: Filter | undefined): Leaf[][] {
  if (!filter) return [[]];
  if (filter.fieldFilter) {
    const { field, op, value } = filter.fieldFilter;
    return [[{ field: formatFieldPath(parseFieldPath(field.fieldPath)), op, value }]];
  }
  if (filter.unaryFilter) {
    const { field, op } = filter.unaryFilter;
    return [[{ field: formatFieldPath(parseFieldPath(field.fieldPath)), op }]];
  }
  const children = (filter.compositeFilter?.filters ?? []).map(disjuncts);
  if (filter.compositeFilter?.op === 'OR') return children.flat();
  return children.reduce<Leaf[][]>((acc, child) => acc.flatMap((a) => child.map((c) => [...a, ...c])), [[]]);
}

/** Splits `in` and `array-contains-any` into one leaf per value: each document matches one of them. */
function expandLists(conjunction: Leaf[]): Leaf[][] {
  return conjunction.reduce<Leaf[][]>(
    (acc, leaf) => {
      const split: Leaf['op'] | undefined =
        leaf.op === 'IN' ? 'EQUAL' : leaf.op === 'ARRAY_CONTAINS_ANY' ? 'ARRAY_CONTAINS' : undefined;
      if (!split || !leaf.value || !('arrayValue' in leaf.value)) return acc.map((a) => [...a, leaf]);
      const values = leaf.value.arrayValue.values ?? [];
      return acc.flatMap((a) => values.map((value) => [...a, { field: leaf.field, op: split, value }]));
    },
    [[]],
  );
}

function factsOf(conjunction: Leaf[]): Map<string, FieldFacts> {
  const facts = new Map<string, FieldFacts>();
  const at = (field: string) => {
    const f = facts.get(field) ?? { notEquals: [], contains: [] };
    facts.set(field, f);
    return f;
  };
  for (const { field, op, value } of conjunction) {
    // `__name__` filters pin the path instead; a raw `== null` or `== NaN` matches nothing, and the official
    // emulator proves nothing from it either.
    if (field === NAME_FIELD || (op === 'EQUAL' && value && (isNullValue(value) || isNaNValue(value))))
      continue;
    const f = at(field);
    const v = value === undefined ? null : fromFirestoreValue(value);
    switch (op) {
      case 'EQUAL':
        f.equals = v;
        break;
      case 'IS_NULL':
        f.equals = null;
        break;
      case 'IS_NAN':
        f.equals = Number.NaN;
        break;
      case 'NOT_EQUAL':
        f.notEquals.push(v, null);
        break;
      case 'NOT_IN':
        for (const item of value && 'arrayValue' in value ? (value.arrayValue.values ?? []) : []) {
          f.notEquals.push(fromFirestoreValue(item));
        }
        f.notEquals.push(null);
        break;
      case 'IS_NOT_NULL':
        f.notEquals.push(null);
        break;
      case 'IS_NOT_NAN':
        f.notEquals.push(Number.NaN, null);
        break;
      case 'ARRAY_CONTAINS':
        f.contains.push(v);
        break;
      case 'GREATER_THAN':
      case 'GREATER_THAN_OR_EQUAL':
        f.lower = { value: v, inclusive: op === 'GREATER_THAN_OR_EQUAL' };
        break;
      case 'LESS_THAN':
      case 'LESS_THAN_OR_EQUAL':
        f.upper = { value: v, inclusive: op === 'LESS_THAN_OR_EQUAL' };
        break;
    }
  }
  return facts;
}

const NOT_BOUND = 'Null value error.';
const UNREADABLE = 'Variable read error. Variable: [resource].';
const undefinedProperty = (name: string) => `Property ${name} is undefined on object.`;
const undecided = (at: Position) => `evaluation error at L${at.line}:${at.column}`;

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const includes = (list: RulesValue[], v: RulesValue) =>
  list.some((item) => safely(() => equals(item, v)) === true);

/** `x op y` with the operands swapped: `3 < f` is `f > 3`. */
const MIRRORED: Partial<Record<BinaryOperator, BinaryOperator>> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '==': '==',
  '!=': '!=',
};

/** A list argument's items, or undefined when the argument is not a list. */
function listItems(args: RulesValue[]): RulesValue[] | undefined {
  const [list] = args;
  if (args.length !== 1 || list === null || typeof list !== 'object' || list.type !== 'list')
    return undefined;
  return list.items;
}

/** `hasAll`/`hasAny` on a list or key set known to hold `present` (and maybe more). */
function provenHas(name: string, args: RulesValue[], present: (v: RulesValue) => boolean): true | undefined {
  const items = listItems(args);
  if (!items) return undefined;
  if (name === 'hasAny' && items.some(present)) return true;
  if (name === 'hasAll' && items.every(present)) return true;
  return undefined;
}

/**
 * A field the case bounds (a range filter) or constrains without pinning (`!=`, `not-in`, `array-contains`,
 * `is not null`). Comparisons against a constant are decided only when the bound is of the constant's exact
 * type (int with int, float with float), and `is` never, as the official emulator does (sound, if narrower
 * than what a range implies about the field's type).
 */
class ConstrainedField extends Symbolic {
  readonly reason = 'evaluation error';

  constructor(private readonly facts: FieldFacts) {
    super();
  }

  /** Whether the field certainly holds a value other than null: a range, `array-contains`, `!=`, `not-in`. */
  private get present(): boolean {
    const { lower, upper, contains, notEquals } = this.facts;
    return lower !== undefined || upper !== undefined || contains.length > 0 || notEquals.includes(null);
  }

  override binary(op: BinaryOperator, other: RulesValue, symbolOnLeft: boolean, at: Position): EvalValue {
    if (op === 'in' && !symbolOnLeft) {
      return includes(this.facts.contains, other) ? true : new Unknown(undecided(at));
    }
    const mirrored = symbolOnLeft ? op : MIRRORED[op];
    const decided = mirrored && this.decide(mirrored, other);
    return decided ?? new Unknown(undecided(at));
  }

  override method(name: string, args: RulesValue[]): EvalValue {
    return provenHas(name, args, (item) => includes(this.facts.contains, item)) ?? this.unknown();
  }

  /** True or false when every value the facts allow gives that answer; undefined otherwise. */
  private decide(op: BinaryOperator, c: RulesValue): boolean | undefined {
    const { lower, upper, notEquals } = this.facts;
    if (op === '==' || op === '!=') {
      const different = includes(notEquals, c) || (c === null && this.present);
      return different ? op === '!=' : undefined;
    }
    const comparable = (b: Bound | undefined) =>
      b !== undefined && safely(() => typeOf(b.value) === typeOf(c));
    const against = (b: Bound) => safely(() => compare(b.value, c));
    if ((op === '>' || op === '>=') && lower && comparable(lower)) {
      const order = against(lower);
      if (order !== undefined && (order > 0 || (order === 0 && (op === '>=' || !lower.inclusive))))
        return true;
    }
    if ((op === '<' || op === '<=') && upper && comparable(upper)) {
      const order = against(upper);
      if (order !== undefined && (order < 0 || (order === 0 && (op === '<=' || !upper.inclusive))))
        return true;
    }
    return undefined;
  }
}

/**
 * `size()` of a map or list known to hold at least `least` entries, and maybe more: a comparison with a number
 * is decided when every size from `least` up gives the same answer (`> 0` when `least` is 1; `< 1` is then
 * false), never otherwise (`== 1` stays unknown, since the document may hold more).
 */
class SizeAtLeast extends Symbolic {
  readonly reason = 'evaluation error';

  constructor(private readonly least: number) {
    super();
  }

  override binary(op: BinaryOperator, other: RulesValue, symbolOnLeft: boolean, at: Position): EvalValue {
    const mirrored = symbolOnLeft ? op : MIRRORED[op];
    const decided = mirrored && this.decide(mirrored, other);
    return decided ?? new Unknown(undecided(at));
  }

  private decide(op: BinaryOperator, c: RulesValue): boolean | undefined {
    if (typeof c !== 'bigint' && (typeof c !== 'number' || Number.isNaN(c))) return undefined;
    // The sign of least - c: every size s >= least is above c when this is positive, at least c when zero.
    const order = compare(BigInt(this.least), c);
    switch (op) {
      case '>':
      case '!=':
        return order > 0 ? true : undefined;
      case '<=':
      case '==':
        return order > 0 ? false : undefined;
      case '>=':
        return order >= 0 ? true : undefined;
      case '<':
        return order >= 0 ? false : undefined;
      default:
        return undefined;
    }
  }

  override is(type: TypeName): EvalValue {
    return type === 'int' || type === 'number';
  }
}

/**
 * `keys()` or `values()` of a map known to hold `least` entries and maybe others; `present` says which items
 * are certainly among them.
 */
class PartialList extends Symbolic {
  readonly reason = 'evaluation error';

  constructor(
    private readonly least: number,
    private readonly present: (item: RulesValue) => boolean,
  ) {
    super();
  }

  override binary(op: BinaryOperator, other: RulesValue, symbolOnLeft: boolean): EvalValue {
    return op === 'in' && !symbolOnLeft && this.present(other) ? true : this.unknown();
  }

  override method(name: string, args: RulesValue[]): EvalValue {
    if (name === 'size' && args.length === 0) return new SizeAtLeast(this.least);
    return provenHas(name, args, this.present) ?? this.unknown();
  }

  override is(type: TypeName): EvalValue {
    return type === 'list';
  }
}

/**
 * `resource.data` (or a map inside it) of any document of the case: a map holding at least the fields the
 * case constrains, and maybe others.
 */
class DocumentData extends Symbolic {
  readonly reason = 'evaluation error';

  constructor(
    private readonly facts: Map<string, FieldFacts>,
    private readonly prefix: string[],
  ) {
    super();
  }

  override member(name: string): EvalValue {
    const path = [...this.prefix, name];
    const facts = this.facts.get(formatFieldPath(path));
    if (facts) return 'equals' in facts ? (facts.equals as RulesValue) : new ConstrainedField(facts);
    const below = [...this.facts.keys()].some((field) => isPrefixPath(path, parseFieldPath(field)));
    return below ? new DocumentData(this.facts, path) : new Unknown(undefinedProperty(name));
  }

  /** Whether the map certainly has `key`: every fact implies its field exists. */
  private has(key: RulesValue): boolean {
    return typeof key === 'string' && !(this.member(key) instanceof Unknown);
  }

  /** How many keys the map certainly has: one per field (or map of fields) the case constrains in it. */
  private knownKeys(): number {
    const keys = new Set<string>();
    for (const field of this.facts.keys()) {
      const path = parseFieldPath(field);
      if (path.length > this.prefix.length && isPrefixPath(this.prefix, path)) {
        keys.add(path[this.prefix.length] as string);
      }
    }
    return keys.size;
  }

  override binary(op: BinaryOperator, other: RulesValue, symbolOnLeft: boolean): EvalValue {
    if (op === 'in' && !symbolOnLeft && this.has(other)) return true;
    if ((op === '==' || op === '!=') && other === null) return op === '!=';
    return this.unknown();
  }

  override method(name: string, args: RulesValue[]): EvalValue {
    if (args.length === 0) {
      if (name === 'size') return new SizeAtLeast(this.knownKeys());
      if (name === 'keys') return new PartialList(this.knownKeys(), (key) => this.has(key));
      if (name === 'values') return new PartialList(this.knownKeys(), () => false);
    }
    if (name !== 'get' || args.length !== 2) return this.unknown();
    const [key] = args;
    const path = typeof key === 'string' ? [key] : listItems([key]);
    if (!path?.length || !path.every((segment) => typeof segment === 'string')) return this.unknown();
    let value: EvalValue = this;
    for (const segment of path as string[]) {
      const from: EvalValue = value;
      value = isSymbolic(from)
        ? from.member(segment)
        : (safely(() => member(from, segment)) ?? this.unknown());
    }
    return value instanceof Unknown ? this.unknown() : value;
  }

  override is(type: TypeName): EvalValue {
    return type === 'map';
  }
}

/**
 * `resource`: any document of the case. It exists, so it is not null. Its `id` and `__name__` stay unknown even
 * when a `__name__` filter pins the document, as in the official emulator (the path's wildcards do bind).
 */
class QueriedDocument extends Symbolic {
  readonly reason = 'evaluation error';

  constructor(private readonly data: DocumentData) {
    super();
  }

  override member(name: string): EvalValue {
    return name === 'data' ? this.data : new Unknown(undefinedProperty(name));
  }

  override binary(op: BinaryOperator, other: RulesValue): EvalValue {
    if ((op === '==' || op === '!=') && other === null) return op === '!=';
    return this.unknown();
  }
}

/** The document name a case's `__name__ ==` filter pins, if any. */
function pinnedName(conjunction: Leaf[]): string | undefined {
  const leaf = conjunction.find((l) => l.field === NAME_FIELD && l.op === 'EQUAL');
  return leaf?.value && 'referenceValue' in leaf.value ? leaf.value.referenceValue : undefined;
}

/**
 * Splits the query into the cases to prove; each case's globals stand for any document it may return. A case
 * whose `__name__ ==` filter names one document is judged on that document as stored, as the official emulator
 * does (its other filters are not used, and a missing document denies).
 */
export function queryCases(request: QueryAccessRequest, reads: DocumentReader): QueryCase[] {
  const { query } = request;
  const { projectId, databaseId, path: parentPath } = splitName(request.parent);
  const selector = query.from?.[0];
  const collectionId = selector?.collectionId ?? '';
  const requestMap = requestValue({
    auth: request.auth,
    method: 'list',
    path: rulesPath(databaseId, [...parentPath, collectionId]),
    time: request.time,
    query: queryValue(query),
  });
  const split = disjuncts(query.where).flatMap(expandLists);
  // Past the cap, one case that knows nothing about the documents: still sound, only less precise.
  const cases = split.length > MAX_CASES ? [[]] : split;
  const collectionToken: PathToken =
    collectionId === '' ? { kind: 'id', value: new Unknown(NOT_BOUND) } : collectionId;
  const above: PathToken[] = selector?.allDescendants ? [{ kind: 'anyPrefix' }] : [];
  const base = [...rulesPath(databaseId, parentPath).segments, ...above, collectionToken];
  return cases.map((conjunction) => {
    const pinned = pinnedDocument(pinnedName(conjunction), request.parent, query);
    if (pinned) {
      const stored = reads.before(
        `projects/${projectId}/databases/${databaseId}/documents/${pinned.join('/')}`,
      );
      const resource = stored ? documentToResource(stored) : new Unknown(UNREADABLE);
      return { tokens: rulesPath(databaseId, pinned).segments, globals: { request: requestMap, resource } };
    }
    const tokens: PathToken[] = [...base, { kind: 'id', value: new Unknown(NOT_BOUND) }];
    const resource = new QueriedDocument(new DocumentData(factsOf(conjunction), []));
    return { tokens, globals: { request: requestMap, resource } };
  });
}

/** The path of the one document a `__name__ ==` filter selects, when it lies where the query reads. */
function pinnedDocument(
  name: string | undefined,
  parent: string,
  query: StructuredQuery,
): string[] | undefined {
  if (name === undefined || !name.startsWith(`${parent}/`)) return undefined;
  const relative = name.slice(parent.length + 1).split('/');
  const selector = query.from?.[0];
  const collection = relative[relative.length - 2];
  if (selector?.collectionId && collection !== selector.collectionId) return undefined;
  if (!selector?.allDescendants && relative.length !== 2) return undefined;
  return [...splitName(parent).path, ...relative];
}

import { getField, type Value } from '@kindling/core';
import type { Firestore } from './database.js';
import { FirestoreError } from './error.js';
import { type FieldPath, fieldPathFromArgument } from './field_path.js';
import { validatePositiveNumber, valueDescription } from './input_validation.js';
import { parsePath } from './path.js';
import {
  type BoundState,
  type CompositeFilterState,
  type FieldFilterState,
  type FilterState,
  flattenFilter,
  isCollectionGroupQuery,
  normalizedOrderBy,
  type OrderByDirection,
  type QueryState,
  type WhereFilterOp,
} from './query_state.js';
import { DocumentReference, Query } from './reference.js';
import { DocumentSnapshot } from './snapshot.js';
import type { DocumentData } from './types.js';
import { parseQueryValue } from './user_data_reader.js';

export type { OrderByDirection, WhereFilterOp };

export type QueryConstraintType =
  | 'where'
  | 'orderBy'
  | 'limit'
  | 'limitToLast'
  | 'startAt'
  | 'startAfter'
  | 'endAt'
  | 'endBefore';

/** Anything query() can apply. */
export abstract class AppliableConstraint {
  /** @internal */
  abstract _apply<A, D extends DocumentData>(query: Query<A, D>): Query<A, D>;
}

export abstract class QueryConstraint extends AppliableConstraint {
  abstract readonly type: QueryConstraintType;
}

function withState<A, D extends DocumentData>(query: Query<A, D>, changes: Partial<QueryState>): Query<A, D> {
  return new Query(query.firestore, query.converter, { ...query._query, ...changes });
}

export class QueryFieldFilterConstraint extends QueryConstraint {
  readonly type = 'where';

  /** @internal */
  constructor(
    private readonly _field: FieldPath,
    private readonly _op: WhereFilterOp,
    private readonly _value: unknown,
  ) {
    super();
  }

  _apply<A, D extends DocumentData>(query: Query<A, D>): Query<A, D> {
    const filter = this._parse(query);
    validateNewFieldFilter(query._query, filter);
    return withState(query, { filters: [...query._query.filters, filter] });
  }

  /** @internal */
  _parse(query: Query<any, any>): FieldFilterState {
    return {
      kind: 'field',
      field: this._field,
      op: this._op,
      value: filterValue(query, this._field, this._op, this._value),
    };
  }
}

export class QueryCompositeFilterConstraint extends AppliableConstraint {
  /** @internal */
  constructor(
    readonly type: 'or' | 'and',
    private readonly _constraints: QueryFilterConstraint[],
  ) {
    super();
  }

  /** @internal */
  _parse(query: Query<any, any>): FilterState {
    const parsed = this._constraints
      .map((c) => c._parse(query))
      .filter((f) => f.kind === 'field' || f.filters.length > 0);
    if (parsed.length === 1) return parsed[0];
    return { kind: 'composite', op: this.type, filters: parsed } satisfies CompositeFilterState;
  }

  _apply<A, D extends DocumentData>(query: Query<A, D>): Query<A, D> {
    const filter = this._parse(query);
    if (filter.kind === 'composite' && filter.filters.length === 0) return query;
    // Validate each flattened filter as if added one at a time, as Firebase does.
    let state = query._query;
    for (const sub of flattenFilter(filter)) {
      validateNewFieldFilter(state, sub);
      state = { ...state, filters: [...state.filters, sub] };
    }
    return withState(query, { filters: [...query._query.filters, filter] });
  }
}

export type QueryFilterConstraint = QueryFieldFilterConstraint | QueryCompositeFilterConstraint;

export function where(
  fieldPath: string | FieldPath,
  opStr: WhereFilterOp,
  value: unknown,
): QueryFieldFilterConstraint {
  return new QueryFieldFilterConstraint(fieldPathFromArgument('where', fieldPath), opStr, value);
}

function validateFilterConstraint(functionName: string, constraint: unknown): void {
  if (
    !(constraint instanceof QueryFieldFilterConstraint) &&
    !(constraint instanceof QueryCompositeFilterConstraint)
  ) {
    throw new FirestoreError(
      'invalid-argument',
      `Function ${functionName}() requires AppliableConstraints created with a call to 'where(...)', 'or(...)', or 'and(...)'.`,
    );
  }
}

export function or(...queryConstraints: QueryFilterConstraint[]): QueryCompositeFilterConstraint {
  for (const c of queryConstraints) validateFilterConstraint('or', c);
  return new QueryCompositeFilterConstraint('or', queryConstraints);
}

export function and(...queryConstraints: QueryFilterConstraint[]): QueryCompositeFilterConstraint {
  for (const c of queryConstraints) validateFilterConstraint('and', c);
  return new QueryCompositeFilterConstraint('and', queryConstraints);
}

export class QueryOrderByConstraint extends QueryConstraint {
  readonly type = 'orderBy';

  /** @internal */
  constructor(
    private readonly _field: FieldPath,
    private readonly _direction: OrderByDirection,
  ) {
    super();
  }

  _apply<A, D extends DocumentData>(query: Query<A, D>): Query<A, D> {
    if (query._query.startAt !== null) {
      throw new FirestoreError(
        'invalid-argument',
        'Invalid query. You must not call startAt() or startAfter() before calling orderBy().',
      );
    }
    if (query._query.endAt !== null) {
      throw new FirestoreError(
        'invalid-argument',
        'Invalid query. You must not call endAt() or endBefore() before calling orderBy().',
      );
    }
    const order = { field: this._field, dir: this._direction };
    return withState(query, { explicitOrderBy: [...query._query.explicitOrderBy, order] });
  }
}

export function orderBy(
  fieldPath: string | FieldPath,
  directionStr: OrderByDirection = 'asc',
): QueryOrderByConstraint {
  return new QueryOrderByConstraint(fieldPathFromArgument('orderBy', fieldPath), directionStr);
}

export class QueryLimitConstraint extends QueryConstraint {
  /** @internal */
  constructor(
    readonly type: 'limit' | 'limitToLast',
    private readonly _limit: number,
  ) {
    super();
  }

  _apply<A, D extends DocumentData>(query: Query<A, D>): Query<A, D> {
    return withState(query, { limit: this._limit, limitType: this.type === 'limit' ? 'first' : 'last' });
  }
}

export function limit(limit: number): QueryLimitConstraint {
  validatePositiveNumber('limit', limit);
  return new QueryLimitConstraint('limit', limit);
}

export function limitToLast(limit: number): QueryLimitConstraint {
  validatePositiveNumber('limitToLast', limit);
  return new QueryLimitConstraint('limitToLast', limit);
}

export class QueryStartAtConstraint extends QueryConstraint {
  /** @internal */
  constructor(
    readonly type: 'startAt' | 'startAfter',
    private readonly _docOrFields: unknown[],
    private readonly _inclusive: boolean,
  ) {
    super();
  }

  _apply<A, D extends DocumentData>(query: Query<A, D>): Query<A, D> {
    return withState(query, { startAt: boundFrom(query, this.type, this._docOrFields, this._inclusive) });
  }
}

export class QueryEndAtConstraint extends QueryConstraint {
  /** @internal */
  constructor(
    readonly type: 'endAt' | 'endBefore',
    private readonly _docOrFields: unknown[],
    private readonly _inclusive: boolean,
  ) {
    super();
  }

  _apply<A, D extends DocumentData>(query: Query<A, D>): Query<A, D> {
    return withState(query, { endAt: boundFrom(query, this.type, this._docOrFields, this._inclusive) });
  }
}

export function startAt<A, D extends DocumentData>(snapshot: DocumentSnapshot<A, D>): QueryStartAtConstraint;
export function startAt(...fieldValues: unknown[]): QueryStartAtConstraint;
export function startAt(...docOrFields: unknown[]): QueryStartAtConstraint {
  return new QueryStartAtConstraint('startAt', docOrFields, true);
}

export function startAfter<A, D extends DocumentData>(
  snapshot: DocumentSnapshot<A, D>,
): QueryStartAtConstraint;
export function startAfter(...fieldValues: unknown[]): QueryStartAtConstraint;
export function startAfter(...docOrFields: unknown[]): QueryStartAtConstraint {
  return new QueryStartAtConstraint('startAfter', docOrFields, false);
}

export function endAt<A, D extends DocumentData>(snapshot: DocumentSnapshot<A, D>): QueryEndAtConstraint;
export function endAt(...fieldValues: unknown[]): QueryEndAtConstraint;
export function endAt(...docOrFields: unknown[]): QueryEndAtConstraint {
  return new QueryEndAtConstraint('endAt', docOrFields, true);
}

export function endBefore<A, D extends DocumentData>(snapshot: DocumentSnapshot<A, D>): QueryEndAtConstraint;
export function endBefore(...fieldValues: unknown[]): QueryEndAtConstraint;
export function endBefore(...docOrFields: unknown[]): QueryEndAtConstraint {
  return new QueryEndAtConstraint('endBefore', docOrFields, false);
}

export type QueryNonFilterConstraint =
  | QueryOrderByConstraint
  | QueryLimitConstraint
  | QueryStartAtConstraint
  | QueryEndAtConstraint;

export function query<A, D extends DocumentData>(
  query: Query<A, D>,
  compositeFilter: QueryCompositeFilterConstraint,
  ...queryConstraints: QueryNonFilterConstraint[]
): Query<A, D>;
export function query<A, D extends DocumentData>(
  query: Query<A, D>,
  ...queryConstraints: QueryConstraint[]
): Query<A, D>;
export function query<A, D extends DocumentData>(
  query: Query<A, D>,
  queryConstraint?: QueryCompositeFilterConstraint | QueryConstraint,
  ...additionalQueryConstraints: Array<QueryConstraint | QueryNonFilterConstraint>
): Query<A, D> {
  const constraints: AppliableConstraint[] = [];
  if (queryConstraint instanceof AppliableConstraint) constraints.push(queryConstraint);
  constraints.push(...additionalQueryConstraints);
  const composites = constraints.filter((c) => c instanceof QueryCompositeFilterConstraint).length;
  const fields = constraints.filter((c) => c instanceof QueryFieldFilterConstraint).length;
  if (composites > 1 || (composites > 0 && fields > 0)) {
    throw new FirestoreError(
      'invalid-argument',
      'InvalidQuery. When using composite filters, you cannot use more than one filter at the top level. ' +
        'Consider nesting the multiple filters within an `and(...)` statement. For example: change ' +
        '`query(query, where(...), or(...))` to `query(query, and(where(...), or(...)))`.',
    );
  }
  for (const constraint of constraints) query = constraint._apply(query);
  return query;
}

// ---- validation and parsing shared by the constraints ----

function conflictingOps(op: WhereFilterOp): WhereFilterOp[] {
  switch (op) {
    case '!=':
      return ['!=', 'not-in'];
    case 'array-contains-any':
    case 'in':
      return ['not-in'];
    case 'not-in':
      return ['array-contains-any', 'in', 'not-in', '!='];
    default:
      return [];
  }
}

function validateNewFieldFilter(state: QueryState, filter: FieldFilterState): void {
  const conflicts = conflictingOps(filter.op);
  const found = state.filters.flatMap(flattenFilter).find((f) => conflicts.includes(f.op))?.op;
  if (found === undefined) return;
  if (found === filter.op) {
    throw new FirestoreError(
      'invalid-argument',
      `Invalid query. You cannot use more than one '${filter.op}' filter.`,
    );
  }
  throw new FirestoreError(
    'invalid-argument',
    `Invalid query. You cannot use '${filter.op}' filters with '${found}' filters.`,
  );
}

function validateDisjunctiveElements(value: unknown, op: WhereFilterOp): void {
  if (!Array.isArray(value) || value.length === 0) {
    throw new FirestoreError(
      'invalid-argument',
      `Invalid Query. A non-empty array is required for '${op}' filters.`,
    );
  }
}

function referenceName(db: Firestore, path: readonly string[]): Value {
  return { referenceValue: `${db._databaseName}/documents/${path.join('/')}` };
}

function documentIdValue(query: Query<any, any>, value: unknown): Value {
  const state = query._query;
  if (typeof value === 'string') {
    if (value === '') {
      throw new FirestoreError(
        'invalid-argument',
        'Invalid query. When querying with documentId(), you must provide a valid document ID, but it was an empty string.',
      );
    }
    if (!isCollectionGroupQuery(state) && value.indexOf('/') !== -1) {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid query. When querying a collection by documentId(), you must provide a plain document ID, but '${value}' contains a '/' character.`,
      );
    }
    const path = [...state.path, ...parsePath(value)];
    if (path.length % 2 !== 0) {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid query. When querying a collection group by documentId(), the value provided must result in a valid document path, but '${path.join('/')}' is not because it has an odd number of segments (${path.length}).`,
      );
    }
    return referenceName(query.firestore, path);
  }
  if (value instanceof DocumentReference) return referenceName(query.firestore, value._path);
  throw new FirestoreError(
    'invalid-argument',
    `Invalid query. When querying with documentId(), you must provide a valid string or a DocumentReference, but it was: ${valueDescription(value)}.`,
  );
}

function filterValue(query: Query<any, any>, field: FieldPath, op: WhereFilterOp, value: unknown): Value {
  if (field._isKeyField()) {
    if (op === 'array-contains' || op === 'array-contains-any') {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid Query. You can't perform '${op}' queries on documentId().`,
      );
    }
    if (op === 'in' || op === 'not-in') {
      validateDisjunctiveElements(value, op);
      return { arrayValue: { values: (value as unknown[]).map((v) => documentIdValue(query, v)) } };
    }
    return documentIdValue(query, value);
  }
  if (op === 'in' || op === 'not-in' || op === 'array-contains-any') validateDisjunctiveElements(value, op);
  return parseQueryValue(query.firestore, 'where', value, op === 'in' || op === 'not-in');
}

function boundFrom(
  query: Query<any, any>,
  methodName: string,
  docOrFields: unknown[],
  inclusive: boolean,
): BoundState {
  const first = docOrFields[0];
  if (first instanceof DocumentSnapshot) return boundFromDocument(query, methodName, first, inclusive);
  return boundFromFields(query, methodName, docOrFields, inclusive);
}

function boundFromDocument(
  query: Query<any, any>,
  methodName: string,
  snapshot: DocumentSnapshot<any, any>,
  inclusive: boolean,
): BoundState {
  const doc = snapshot._document;
  if (!doc) {
    throw new FirestoreError(
      'not-found',
      `Can't use a DocumentSnapshot that doesn't exist for ${methodName}().`,
    );
  }
  const position = normalizedOrderBy(query._query).map((order): Value => {
    if (order.field._isKeyField()) return referenceName(query.firestore, snapshot._path);
    const value = getField(doc.fields, order.field._segments);
    if (value === undefined) {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid query. You are trying to start or end a query using a document for which the field '${order.field._canonical()}' (used as the orderBy) does not exist.`,
      );
    }
    return value;
  });
  return { position, inclusive };
}

function boundFromFields(
  query: Query<any, any>,
  methodName: string,
  values: unknown[],
  inclusive: boolean,
): BoundState {
  const orders = query._query.explicitOrderBy;
  if (values.length > orders.length) {
    throw new FirestoreError(
      'invalid-argument',
      `Too many arguments provided to ${methodName}(). The number of arguments must be less than or equal to the number of orderBy() clauses`,
    );
  }
  const position = values.map((raw, i): Value => {
    if (!orders[i].field._isKeyField()) return parseQueryValue(query.firestore, methodName, raw);
    if (typeof raw !== 'string') {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid query. Expected a string for document ID in ${methodName}(), but got a ${typeof raw}`,
      );
    }
    const state = query._query;
    if (!isCollectionGroupQuery(state) && raw.indexOf('/') !== -1) {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid query. When querying a collection and ordering by documentId(), the value passed to ${methodName}() must be a plain document ID, but '${raw}' contains a slash.`,
      );
    }
    const path = [...state.path, ...parsePath(raw)];
    if (path.length % 2 !== 0) {
      throw new FirestoreError(
        'invalid-argument',
        `Invalid query. When querying a collection group and ordering by documentId(), the value passed to ${methodName}() must result in a valid document path, but '${path.join('/')}' is not because it contains an odd number of segments.`,
      );
    }
    return referenceName(query.firestore, path);
  });
  return { position, inclusive };
}

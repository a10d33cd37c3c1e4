import {
  type Cursor,
  compareUtf8,
  type Filter,
  type Order,
  type StructuredQuery,
  type Value,
} from '@kindling/core';
import { DOCUMENT_KEY_NAME, documentId, type FieldPath } from './field_path.js';

export type WhereFilterOp =
  | '<'
  | '<='
  | '=='
  | '!='
  | '>='
  | '>'
  | 'array-contains'
  | 'in'
  | 'array-contains-any'
  | 'not-in';

export type OrderByDirection = 'desc' | 'asc';

export interface FieldFilterState {
  kind: 'field';
  field: FieldPath;
  op: WhereFilterOp;
  value: Value;
}

export interface CompositeFilterState {
  kind: 'composite';
  op: 'and' | 'or';
  filters: FilterState[];
}

export type FilterState = FieldFilterState | CompositeFilterState;

export interface OrderState {
  field: FieldPath;
  dir: OrderByDirection;
}

export interface BoundState {
  position: Value[];
  inclusive: boolean;
}

/** What a Query means, independent of how the user built it (Firebase's core Query). */
export interface QueryState {
  /** A collection path, or for a collection group the parent document path (often empty). */
  path: readonly string[];
  collectionGroup: string | null;
  filters: readonly FilterState[];
  explicitOrderBy: readonly OrderState[];
  limit: number | null;
  limitType: 'first' | 'last';
  startAt: BoundState | null;
  endAt: BoundState | null;
}

export function newQueryState(path: readonly string[], collectionGroup: string | null = null): QueryState {
  return {
    path,
    collectionGroup,
    filters: [],
    explicitOrderBy: [],
    limit: null,
    limitType: 'first',
    startAt: null,
    endAt: null,
  };
}

export function flattenFilter(filter: FilterState): FieldFilterState[] {
  return filter.kind === 'field' ? [filter] : filter.filters.flatMap(flattenFilter);
}

const INEQUALITIES: readonly WhereFilterOp[] = ['<', '<=', '>', '>=', '!=', 'not-in'];

function compareSegments(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareUtf8(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * Explicit orders, then inequality fields not already ordered (sorted), then the document key — the implicit
 * orders take the last explicit direction. The client sends this full order, as Firebase does. Unlike core's
 * normalizeOrderBy (the server's rule), every inequality operator counts, whatever its value (`> null`,
 * `not-in [null]`), because that is what Firebase puts on the wire.
 */
export function normalizedOrderBy(query: QueryState): OrderState[] {
  const orders = [...query.explicitOrderBy];
  const seen = new Set(orders.map((o) => o.field._canonical()));
  const lastDir = orders.length > 0 ? orders[orders.length - 1].dir : 'asc';
  const inequalityFields = query.filters
    .flatMap(flattenFilter)
    .filter((f) => INEQUALITIES.includes(f.op) && !f.field._isKeyField())
    .map((f) => f.field)
    .sort((a, b) => compareSegments(a._segments, b._segments));
  for (const field of inequalityFields) {
    if (!seen.has(field._canonical())) {
      seen.add(field._canonical());
      orders.push({ field, dir: lastDir });
    }
  }
  if (!seen.has(DOCUMENT_KEY_NAME)) {
    orders.push({ field: documentId(), dir: lastDir });
  }
  return orders;
}

const OPERATORS: Record<WhereFilterOp, NonNullable<Filter['fieldFilter']>['op']> = {
  '<': 'LESS_THAN',
  '<=': 'LESS_THAN_OR_EQUAL',
  '==': 'EQUAL',
  '!=': 'NOT_EQUAL',
  '>=': 'GREATER_THAN_OR_EQUAL',
  '>': 'GREATER_THAN',
  'array-contains': 'ARRAY_CONTAINS',
  in: 'IN',
  'array-contains-any': 'ARRAY_CONTAINS_ANY',
  'not-in': 'NOT_IN',
};

const isNaNValue = (v: Value) =>
  'doubleValue' in v && (v.doubleValue === 'NaN' || Number.isNaN(v.doubleValue));
const isNullValue = (v: Value) => 'nullValue' in v;

function toFilter(filter: FilterState): Filter {
  if (filter.kind === 'composite') {
    const filters = filter.filters.map(toFilter);
    if (filters.length === 1) return filters[0];
    return { compositeFilter: { op: filter.op === 'and' ? 'AND' : 'OR', filters } };
  }
  const field = { fieldPath: filter.field._canonical() };
  if (filter.op === '==' || filter.op === '!=') {
    const negate = filter.op === '!=';
    if (isNaNValue(filter.value)) return { unaryFilter: { field, op: negate ? 'IS_NOT_NAN' : 'IS_NAN' } };
    if (isNullValue(filter.value)) return { unaryFilter: { field, op: negate ? 'IS_NOT_NULL' : 'IS_NULL' } };
  }
  return { fieldFilter: { field, op: OPERATORS[filter.op], value: filter.value } };
}

function toOrder(order: OrderState): Order {
  return {
    field: { fieldPath: order.field._canonical() },
    direction: order.dir === 'asc' ? 'ASCENDING' : 'DESCENDING',
  };
}

/**
 * The wire form: parent resource name and StructuredQuery. limitToLast queries are sent with orders flipped and
 * cursors swapped; the caller reverses the answer. Aggregations send only the explicit orders, as Firebase does.
 */
export function toStructuredQuery(
  query: QueryState,
  databaseName: string,
  orders: 'normalized' | 'explicit' = 'normalized',
): { parent: string; structuredQuery: StructuredQuery } {
  const isGroup = query.collectionGroup !== null;
  const parentPath = isGroup ? query.path : query.path.slice(0, -1);
  const parent = [`${databaseName}/documents`, ...parentPath].join('/');
  const structuredQuery: StructuredQuery = {
    from: [
      isGroup
        ? { collectionId: query.collectionGroup!, allDescendants: true }
        : { collectionId: query.path[query.path.length - 1] },
    ],
  };
  if (query.filters.length > 0) {
    structuredQuery.where = toFilter({ kind: 'composite', op: 'and', filters: [...query.filters] });
  }
  let orderBy = orders === 'normalized' ? normalizedOrderBy(query) : [...query.explicitOrderBy];
  let startAt = query.startAt;
  let endAt = query.endAt;
  if (query.limitType === 'last') {
    orderBy = orderBy.map((o) => ({ field: o.field, dir: o.dir === 'asc' ? 'desc' : 'asc' }));
    [startAt, endAt] = [endAt, startAt];
  }
  if (orderBy.length > 0) structuredQuery.orderBy = orderBy.map(toOrder);
  if (startAt) structuredQuery.startAt = toCursor(startAt, startAt.inclusive);
  if (endAt) structuredQuery.endAt = toCursor(endAt, !endAt.inclusive);
  if (query.limit !== null) structuredQuery.limit = query.limit;
  return { parent, structuredQuery };
}

function toCursor(bound: BoundState, before: boolean): Cursor {
  return { values: bound.position, before };
}

export function isCollectionGroupQuery(query: QueryState): boolean {
  return query.collectionGroup !== null;
}

/** Structural equality of two queries (what queryEqual compares). */
export function queryStateEquals(a: QueryState, b: QueryState): boolean {
  const key = (q: QueryState) =>
    JSON.stringify(q, (_k, v) => (v && typeof v === 'object' && '_segments' in v ? v._canonical() : v));
  return key(a) === key(b);
}

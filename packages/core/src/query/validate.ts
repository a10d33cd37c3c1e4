import {
  arrayValues,
  formatFieldPath,
  isArray,
  MAX_ID_BYTES,
  mapFields,
  parseDocumentName,
  parseParent,
  utf8Length,
  validateCollectionId,
} from '../model/index.js';
import type { Aggregation, Cursor, FieldFilter, Filter, StructuredQuery, Value } from '../protocol/v1.js';
import { Code, invalidArgument, StatusError } from '../status.js';
import { aggregatedFields, validateAggregations } from './aggregate.js';
import { canonicalPath, isKeyPath, KEY_FIELD, segmentsOf } from './field-path.js';
import { isNegation, type LeafFilter, leafFilters } from './filters.js';
import { compareSegments, directionOf, inequalityFields, normalizeOrderBy } from './normalize.js';
import { canonicalOperand } from './operand.js';
import { limitOf, offsetOf } from './paging.js';
import { checkQueryShape } from './shape.js';

/** Firestore's limits on a query's shape. */
export const QUERY_LIMITS = {
  inValues: 30,
  arrayContainsAnyValues: 30,
  notInValues: 10,
  disjunctions: 30,
  /** Filters (after expanding `in` and `array-contains-any`) + explicit orders + 1 for a document parent. */
  filtersAndOrders: 100,
} as const;

const FIELD_OPERATORS = new Set([
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'EQUAL',
  'NOT_EQUAL',
  'ARRAY_CONTAINS',
  'IN',
  'ARRAY_CONTAINS_ANY',
  'NOT_IN',
]);
const UNARY_OPERATORS = new Set(['IS_NAN', 'IS_NULL', 'IS_NOT_NAN', 'IS_NOT_NULL']);

const ARRAY_OPERAND_LIMITS: Partial<Record<FieldFilter['op'], number>> = {
  IN: QUERY_LIMITS.inValues,
  ARRAY_CONTAINS_ANY: QUERY_LIMITS.arrayContainsAnyValues,
  NOT_IN: QUERY_LIMITS.notInValues,
};

// How Firestore's messages name a reference value it cannot parse.
const REFERENCE = 'Resource name';

// Every reference inside a filter or cursor value must be a well-formed document name.
function checkReferences(value: Value): void {
  if ('referenceValue' in value) parseDocumentName(value.referenceValue, REFERENCE);
  else if (isArray(value)) arrayValues(value).forEach(checkReferences);
  else if ('mapValue' in value) Object.values(mapFields(value)).forEach(checkReferences);
}

function checkValue(value: Value | undefined): void {
  if (value == null || (typeof value === 'object' && Object.keys(value).length === 0)) {
    throw invalidArgument('Cannot convert firestore.v1.Value with type unset.');
  }
  canonicalOperand(value);
  checkReferences(value);
}

function checkKeyOperand(value: Value, database: string | undefined): void {
  if (!('referenceValue' in value)) throw invalidArgument('__key__ filter value must be a Key');
  const target = parseDocumentName(value.referenceValue, REFERENCE).database;
  if (database !== undefined && target !== database) {
    throw invalidArgument(
      `The request was for database '${database}' but was attempting to access database '${target}'`,
    );
  }
}

function checkFieldFilter(filter: FieldFilter, database: string | undefined): void {
  const segments = segmentsOf(filter.field);
  if (!FIELD_OPERATORS.has(filter.op)) throw invalidArgument('Unknown FieldFilter operator.');
  checkValue(filter.value);
  const limit = ARRAY_OPERAND_LIMITS[filter.op];
  if (limit !== undefined) {
    if (!isArray(filter.value)) throw invalidArgument(`'${filter.op}' requires an ArrayValue.`);
    const count = arrayValues(filter.value).length;
    if (count === 0) throw invalidArgument(`'${filter.op}' requires an non-empty ArrayValue.`);
    if (count > limit) throw invalidArgument(`'${filter.op}' supports up to ${limit} comparison values.`);
  }
  if (!isKeyPath(segments)) return;
  if (filter.op === 'ARRAY_CONTAINS' || filter.op === 'ARRAY_CONTAINS_ANY') {
    throw invalidArgument('the name __key__ is reserved');
  }
  const operands = limit === undefined ? [filter.value] : arrayValues(filter.value);
  for (const operand of operands) checkKeyOperand(operand, database);
}

function checkFilter(filter: Filter, database: string | undefined): void {
  if (filter.compositeFilter) {
    const { op, filters = [] } = filter.compositeFilter;
    if (op !== 'AND' && op !== 'OR') throw invalidArgument('Unsupported CompositeFilter operator.');
    if (op === 'OR' && filters.length === 0) {
      throw invalidArgument('Composite filter must have at least one sub-filter.');
    }
    for (const child of filters) checkFilter(child, database);
  } else if (filter.fieldFilter) {
    checkFieldFilter(filter.fieldFilter, database);
  } else if (filter.unaryFilter) {
    const segments = segmentsOf(filter.unaryFilter.field);
    if (!UNARY_OPERATORS.has(filter.unaryFilter.op)) throw invalidArgument('Unknown UnaryFilter operator.');
    if (isKeyPath(segments)) throw invalidArgument('__key__ filter value must be a Key');
  } else {
    throw invalidArgument('Unknown Filter type.');
  }
}

// Filters as Firestore counts them: `in` and `array-contains-any` count once per value, duplicates once.
function countFilters(leaves: LeafFilter[]): number {
  const keys = new Set<string>();
  for (const leaf of leaves) {
    const path = canonicalPath(leaf.filter.field);
    if (leaf.kind === 'unary') keys.add(JSON.stringify([path, leaf.filter.op]));
    else if (leaf.filter.op === 'IN' || leaf.filter.op === 'ARRAY_CONTAINS_ANY') {
      for (const v of arrayValues(leaf.filter.value)) keys.add(JSON.stringify([path, leaf.filter.op, v]));
    } else keys.add(JSON.stringify([path, leaf.filter.op, leaf.filter.value]));
  }
  return keys.size;
}

function usesOr(filter: Filter | undefined): boolean {
  if (!filter?.compositeFilter) return false;
  return filter.compositeFilter.op === 'OR' || (filter.compositeFilter.filters ?? []).some(usesOr);
}

// The most array-contains filters any one disjunct of the normal form holds; `array-contains-any` expands
// into one `array-contains` per disjunct.
function arrayContainsPerDisjunct(filter: Filter): number {
  if (filter.compositeFilter) {
    const counts = (filter.compositeFilter.filters ?? []).map(arrayContainsPerDisjunct);
    return filter.compositeFilter.op === 'OR' ? Math.max(0, ...counts) : counts.reduce((a, b) => a + b, 0);
  }
  const op = filter.fieldFilter?.op;
  return op === 'ARRAY_CONTAINS' || op === 'ARRAY_CONTAINS_ANY' ? 1 : 0;
}

// The number of disjuncts once the filter is in disjunctive normal form (`in` and `array-contains-any` expand
// into one disjunct per value). Like Firestore, give up as soon as a conjunction expands past twice the limit.
function disjunctionCount(filter: Filter): number {
  if (filter.compositeFilter) {
    const counts = (filter.compositeFilter.filters ?? []).map(disjunctionCount);
    if (filter.compositeFilter.op === 'OR') return counts.reduce((a, b) => a + b, 0);
    let product = 1;
    for (const count of counts) {
      product *= count;
      if (product > 2 * QUERY_LIMITS.disjunctions) {
        throw invalidArgument(
          `Too many disjunctions after normalization, the maximum is ${QUERY_LIMITS.disjunctions}`,
        );
      }
    }
    return product;
  }
  const op = filter.fieldFilter?.op;
  return op === 'IN' || op === 'ARRAY_CONTAINS_ANY' ? arrayValues(filter.fieldFilter!.value).length : 1;
}

function checkWhere(query: StructuredQuery, database: string | undefined, ancestor: boolean): void {
  const where = query.where;
  if (!where) return;
  checkFilter(where, database);
  const leaves = leafFilters(where);
  const filters = countFilters(leaves);
  const orders = query.orderBy?.length ?? 0;
  if (filters + orders + (ancestor ? 1 : 0) > QUERY_LIMITS.filtersAndOrders) {
    throw invalidArgument(
      `The query may not have more than ${QUERY_LIMITS.filtersAndOrders} filters + sort orders + ancestor total. ` +
        `Currently there are ${filters} filters, ${orders} sort orders, and ${ancestor ? 'one' : 'no'} ancestor filter.`,
    );
  }
  if (leaves.filter(isNegation).length > 1) {
    throw invalidArgument(
      "Only a single 'NOT_EQUAL', 'NOT_IN', 'IS_NOT_NAN', or 'IS_NOT_NULL' filter allowed per query.",
    );
  }
  const ops = new Set(leaves.map((leaf) => leaf.filter.op));
  if (ops.has('NOT_IN') && (ops.has('IN') || ops.has('ARRAY_CONTAINS_ANY') || usesOr(where))) {
    throw invalidArgument(
      "'NOT_IN' cannot be used in the same query with 'IN', 'ARRAY_CONTAINS_ANY' or 'OR'.",
    );
  }
  if (arrayContainsPerDisjunct(where) > 1) {
    throw invalidArgument("A maximum of 1 'ARRAY_CONTAINS' filter is allowed per disjunction.");
  }
  const disjunctions = disjunctionCount(where);
  if (disjunctions > QUERY_LIMITS.disjunctions) {
    throw invalidArgument(
      `Too many disjunctions after normalization. Result had ${disjunctions} disjunctions which is more than ` +
        `the maximum of ${QUERY_LIMITS.disjunctions}`,
    );
  }
  const keyEquality = leaves.some(
    (leaf) =>
      leaf.kind === 'field' &&
      (leaf.filter.op === 'EQUAL' || leaf.filter.op === 'IN') &&
      isKeyPath(segmentsOf(leaf.filter.field)),
  );
  const inequalities = inequalityFields(query);
  if (keyEquality && inequalities.length > 0 && !inequalities.some(isKeyPath)) {
    throw invalidArgument(
      'Equality on key is not allowed if there are other inequality fields and key does not appear in inequalities.',
    );
  }
}

function checkOrderBy(query: StructuredQuery): void {
  const seen = new Set<string>();
  for (const order of query.orderBy ?? []) {
    const path = canonicalPath(order.field);
    if (seen.has(path)) throw invalidArgument(`order by clause cannot contain duplicate fields ${path}`);
    seen.add(path);
  }
}

function checkCursorKeys(cursor: Cursor | undefined, keyIndex: number, database: string | undefined): void {
  const value = cursor?.values?.[keyIndex];
  if (value === undefined) return;
  if (!('referenceValue' in value)) {
    throw invalidArgument('Cursor __key__ value is not a document reference.');
  }
  if (database !== undefined && parseDocumentName(value.referenceValue, REFERENCE).database !== database) {
    throw invalidArgument('The cursor key is in a different database than the query');
  }
}

// Queries without a collection id ("kindless") and collection groups below a document can only scan by name.
function checkScope(query: StructuredQuery, ancestor: boolean): void {
  const selector = query.from?.[0];
  const groupBelowDocument = !!selector?.allDescendants && ancestor;
  const kindless = !selector?.collectionId;
  if (!kindless && !groupBelowDocument) return;
  const fieldFilter = leafFilters(query.where)
    .map((leaf) => segmentsOf(leaf.filter.field))
    .find((segments) => !isKeyPath(segments));
  const orders = (query.orderBy ?? []).map((o) => ({
    byKey: isKeyPath(segmentsOf(o.field)),
    direction: directionOf(o),
  }));
  if (groupBelowDocument) {
    if (fieldFilter || orders.some((o) => !o.byKey)) {
      throw invalidArgument('collection group queries are only allowed at the root parent');
    }
    if (orders.some((o) => o.direction === 'DESCENDING')) {
      throw new StatusError(
        Code.FAILED_PRECONDITION,
        "collection group queries are only allowed if they're at the root or they're an ascending primary key scan",
      );
    }
    return;
  }
  if (orders.some((o) => !o.byKey || o.direction === 'DESCENDING')) {
    throw invalidArgument('kind is required for all orders except __key__ ascending');
  }
  if (fieldFilter) throw invalidArgument(`kind is required for filter: ${formatFieldPath(fieldFilter)}`);
}

// Summed and averaged fields are read through an index ordered by them, which cannot follow `__name__`.
function checkAggregatedFields(query: StructuredQuery, aggregations: Aggregation[]): void {
  const keyOrdered =
    (query.orderBy ?? []).some((o) => isKeyPath(segmentsOf(o.field))) ||
    inequalityFields(query).some(isKeyPath);
  if (!keyOrdered) return;
  const ordered = new Set(normalizeOrderBy(query).map((o) => o.field.fieldPath));
  const late = new Map<string, string[]>();
  for (const segments of aggregatedFields(aggregations)) {
    const path = formatFieldPath(segments);
    if (!ordered.has(path)) late.set(path, segments);
  }
  if (late.size === 0) return;
  const paths = [...late.values()].sort(compareSegments).map(formatFieldPath);
  throw invalidArgument(
    `This query requires an index that has fields [${paths.join(', ')}] after __name__ and Firestore does not ` +
      'currently support such an index. Please try the query again with additional ordering on those fields.',
  );
}

/**
 * Refuses (INVALID_ARGUMENT, with the official emulator's messages) a query Firestore would not run. With the
 * query's `parent`, `__name__` operands and cursor keys are also checked to lie in the parent's database. With
 * `aggregations`, validates an aggregation query: the aggregations and how they combine with the query.
 */
export function validateQuery(query: StructuredQuery, parent?: string, aggregations?: Aggregation[]): void {
  checkQueryShape(query);
  if (aggregations) validateAggregations(aggregations);
  const database = parent === undefined ? undefined : parseParent(parent).database;
  const ancestor = parent !== undefined && parseParent(parent).path.length > 0;
  if ((query.from?.length ?? 0) > 1) {
    throw invalidArgument('StructuredQuery.from cannot have more than one collection selector.');
  }
  const collectionId = query.from?.[0]?.collectionId;
  if (collectionId) {
    if (utf8Length(collectionId) > MAX_ID_BYTES) {
      throw invalidArgument('The query kind is longer than 1500 bytes.');
    }
    validateCollectionId(collectionId);
  }
  const explicitOrders = query.orderBy?.length ?? 0;
  for (const cursor of [query.startAt, query.endAt]) {
    for (const value of cursor?.values ?? []) checkValue(value);
    if ((cursor?.values?.length ?? 0) > explicitOrders) throw invalidArgument('Cursor has too many values.');
  }
  if (offsetOf(query) < 0) throw invalidArgument('offset is negative');
  if ((limitOf(query) ?? 0) < 0) throw invalidArgument('limit is negative');
  for (const ref of query.select?.fields ?? []) segmentsOf(ref);
  checkOrderBy(query);
  checkWhere(query, database, ancestor);
  checkScope(query, ancestor);
  if (aggregations) checkAggregatedFields(query, aggregations);
  const orders = normalizeOrderBy(query);
  const keyIndex = orders.findIndex((o) => o.field.fieldPath === KEY_FIELD);
  if (keyIndex !== orders.length - 1) {
    throw invalidArgument('order by clause cannot contain more fields after the key');
  }
  checkCursorKeys(query.startAt, keyIndex, database);
  checkCursorKeys(query.endAt, keyIndex, database);
}

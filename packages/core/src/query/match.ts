import {
  arrayValues,
  compareValues,
  isArray,
  isNaNValue,
  isNullValue,
  typeOrder,
  valueEquals,
} from '../model/index.js';
import type { Document, FieldFilter, Filter, StructuredQuery, UnaryFilter, Value } from '../protocol/v1.js';
import { segmentsOf, valueAt } from './field-path.js';
import { isUnmatchable } from './filters.js';
import { storedForm } from './operand.js';

export type DocumentPredicate = (doc: Document) => boolean;

const matchableElements = (v: Value): Value[] => arrayValues(v).filter((e) => !isUnmatchable(e));

function rangeTest(op: FieldFilter['op']): (c: number) => boolean {
  switch (op) {
    case 'LESS_THAN':
      return (c) => c < 0;
    case 'LESS_THAN_OR_EQUAL':
      return (c) => c <= 0;
    case 'GREATER_THAN':
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}

/** Whether a field's value (undefined when the document lacks it) satisfies one field filter. */
function fieldTest(filter: FieldFilter): (v: Value | undefined) => boolean {
  const operand = storedForm(filter.value);
  switch (filter.op) {
    case 'EQUAL':
      if (isUnmatchable(operand)) return () => false;
      return (v) => v !== undefined && valueEquals(v, operand);
    case 'NOT_EQUAL':
      if (isNullValue(operand)) return () => false;
      // Nothing equals NaN, so `!= NaN` keeps every present non-null value, NaN included.
      if (isNaNValue(operand)) return (v) => v !== undefined && !isNullValue(v);
      return (v) => v !== undefined && !isNullValue(v) && !valueEquals(v, operand);
    case 'IN': {
      const candidates = matchableElements(operand);
      return (v) => v !== undefined && candidates.some((c) => valueEquals(v, c));
    }
    case 'NOT_IN': {
      if (arrayValues(operand).some(isNullValue)) return () => false;
      const excluded = matchableElements(operand);
      return (v) => v !== undefined && !isNullValue(v) && !excluded.some((c) => valueEquals(v, c));
    }
    case 'ARRAY_CONTAINS':
      if (isUnmatchable(operand)) return () => false;
      return (v) => v !== undefined && isArray(v) && arrayValues(v).some((e) => valueEquals(e, operand));
    case 'ARRAY_CONTAINS_ANY': {
      const candidates = matchableElements(operand);
      return (v) =>
        v !== undefined &&
        isArray(v) &&
        arrayValues(v).some((e) => candidates.some((c) => valueEquals(e, c)));
    }
    case 'LESS_THAN':
    case 'LESS_THAN_OR_EQUAL':
    case 'GREATER_THAN':
    case 'GREATER_THAN_OR_EQUAL': {
      if (isUnmatchable(operand)) return () => false;
      // Range filters never cross types, and NaN sits outside every numeric range.
      const type = typeOrder(operand);
      const test = rangeTest(filter.op);
      return (v) =>
        v !== undefined && !isNaNValue(v) && typeOrder(v) === type && test(compareValues(v, operand));
    }
    default:
      return () => false;
  }
}

function unaryTest(filter: UnaryFilter): (v: Value | undefined) => boolean {
  switch (filter.op) {
    case 'IS_NULL':
      return (v) => v !== undefined && isNullValue(v);
    case 'IS_NAN':
      return (v) => v !== undefined && isNaNValue(v);
    case 'IS_NOT_NULL':
      return (v) => v !== undefined && !isNullValue(v);
    case 'IS_NOT_NAN':
      return (v) => v !== undefined && !isNullValue(v) && !isNaNValue(v);
    default:
      return () => false;
  }
}

/**
 * A predicate for a where clause, built once per query so field paths are parsed once. A document without the
 * filtered field never matches, whatever the operator. Expects a query that passed validateQuery.
 */
export function compileFilter(filter: Filter | undefined): DocumentPredicate {
  if (!filter) return () => true;
  if (filter.compositeFilter) {
    const children = (filter.compositeFilter.filters ?? []).map(compileFilter);
    return filter.compositeFilter.op === 'OR'
      ? (doc) => children.some((child) => child(doc))
      : (doc) => children.every((child) => child(doc));
  }
  const leaf = filter.fieldFilter ?? filter.unaryFilter;
  if (!leaf) return () => false;
  const segments = segmentsOf(leaf.field);
  const test = filter.fieldFilter
    ? fieldTest(filter.fieldFilter)
    : unaryTest(filter.unaryFilter as UnaryFilter);
  return (doc) => test(valueAt(doc, segments));
}

/** Whether a document satisfies the query's where clause (scope, order and cursors are not considered). */
export function matchesFilters(doc: Document, query: StructuredQuery): boolean {
  return compileFilter(query.where)(doc);
}

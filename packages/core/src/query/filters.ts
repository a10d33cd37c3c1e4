import { arrayValues, isNaNValue, isNullValue } from '../model/index.js';
import type {
  FieldFilter,
  FieldOperator,
  Filter,
  UnaryFilter,
  UnaryOperator,
  Value,
} from '../protocol/v1.js';

/** A leaf of a where clause: a field filter or a unary filter. */
export type LeafFilter = { kind: 'field'; filter: FieldFilter } | { kind: 'unary'; filter: UnaryFilter };

/** Every leaf filter of a where clause, depth first, in the order written. */
export function leafFilters(filter: Filter | undefined): LeafFilter[] {
  const out: LeafFilter[] = [];
  const walk = (f: Filter) => {
    if (f.compositeFilter) for (const child of f.compositeFilter.filters ?? []) walk(child);
    else if (f.fieldFilter) out.push({ kind: 'field', filter: f.fieldFilter });
    else if (f.unaryFilter) out.push({ kind: 'unary', filter: f.unaryFilter });
  };
  if (filter) walk(filter);
  return out;
}

const RANGE_OPERATORS: ReadonlySet<FieldOperator> = new Set([
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
]);

// Firestore compares null and NaN operands like SQL: `== null`, `in [null]`, `< NaN` match nothing. Only the
// unary filters (IS_NULL, IS_NAN, ...) select them. Inside arrays and maps they compare by the total order.
export const isUnmatchable = (v: Value): boolean => isNullValue(v) || isNaNValue(v);

/**
 * Filters whose answer is ordered by their field (Firestore's "inequality" filters). A range, `!=` or `not-in`
 * that can match nothing (a null operand, or NaN for a range) is dropped by Firestore and orders nothing.
 */
export function isInequality(leaf: LeafFilter): boolean {
  if (leaf.kind === 'unary') return leaf.filter.op === 'IS_NOT_NULL' || leaf.filter.op === 'IS_NOT_NAN';
  const { op, value } = leaf.filter;
  if (RANGE_OPERATORS.has(op)) return !isUnmatchable(value);
  if (op === 'NOT_EQUAL') return !isNullValue(value);
  return op === 'NOT_IN' && !arrayValues(value).some(isNullValue);
}

/** The filters Firestore allows only one of per query. */
export function isNegation(leaf: LeafFilter): boolean {
  const op: FieldOperator | UnaryOperator = leaf.filter.op;
  return op === 'NOT_EQUAL' || op === 'NOT_IN' || op === 'IS_NOT_NAN' || op === 'IS_NOT_NULL';
}

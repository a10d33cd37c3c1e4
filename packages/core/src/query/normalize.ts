import { compareUtf8, formatFieldPath } from '../model/index.js';
import type { Direction, Order, StructuredQuery } from '../protocol/v1.js';
import { canonicalPath, isKeyPath, KEY_FIELD, segmentsOf } from './field-path.js';
import { isInequality, leafFilters } from './filters.js';

/** Orders field paths segment by segment, each in UTF-8 order. */
export function compareSegments(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareUtf8(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Any direction other than DESCENDING (absent, DIRECTION_UNSPECIFIED) sorts ascending, as Firestore does. */
export const directionOf = (order: Order): Direction =>
  order.direction === 'DESCENDING' ? 'DESCENDING' : 'ASCENDING';

/** The fields the where clause filters with inequalities, in canonical form, sorted by field path. */
export function inequalityFields(query: StructuredQuery): string[][] {
  const byPath = new Map<string, string[]>();
  for (const leaf of leafFilters(query.where)) {
    if (!isInequality(leaf)) continue;
    const segments = segmentsOf(leaf.filter.field);
    byPath.set(formatFieldPath(segments), segments);
  }
  return [...byPath.values()].sort(compareSegments);
}

/**
 * The order Firestore answers a query in: the explicit orders, then every inequality field not already ordered
 * (sorted by field path), then the `implied` fields not already ordered (sorted; an aggregation query's summed
 * and averaged fields), then `__name__` unless ordered explicitly. Implicit orders take the direction of the
 * last explicit order, ascending when there is none. Field paths come back in canonical form.
 */
export function normalizeOrderBy(query: StructuredQuery, implied: string[][] = []): Order[] {
  const orders: Order[] = [];
  const seen = new Set<string>();
  let direction: Direction = 'ASCENDING';
  for (const order of query.orderBy ?? []) {
    const path = canonicalPath(order.field);
    direction = directionOf(order);
    orders.push({ field: { fieldPath: path }, direction });
    seen.add(path);
  }
  for (const segments of [...inequalityFields(query), ...[...implied].sort(compareSegments)]) {
    const path = formatFieldPath(segments);
    if (seen.has(path) || isKeyPath(segments)) continue;
    orders.push({ field: { fieldPath: path }, direction });
    seen.add(path);
  }
  if (!seen.has(KEY_FIELD)) orders.push({ field: { fieldPath: KEY_FIELD }, direction });
  return orders;
}

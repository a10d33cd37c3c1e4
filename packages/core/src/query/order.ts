import { compareValues } from '../model/index.js';
import type { Cursor, Document, Order, Value } from '../protocol/v1.js';
import { segmentsOf, valueAt } from './field-path.js';
import { directionOf } from './normalize.js';

/** An order with its field path parsed once. */
export interface ResolvedOrder {
  segments: string[];
  descending: boolean;
}

export const resolveOrders = (orders: Order[]): ResolvedOrder[] =>
  orders.map((o) => ({ segments: segmentsOf(o.field), descending: directionOf(o) === 'DESCENDING' }));

/** Firestore leaves out documents that lack any field the query orders by. */
export const hasOrderFields = (doc: Document, orders: ResolvedOrder[]): boolean =>
  orders.every((o) => valueAt(doc, o.segments) !== undefined);

const directed = (c: number, descending: boolean) => (descending ? -c : c);

/** Compares two documents by the orders (which should end with `__name__`, making it total). */
export function documentComparator(orders: ResolvedOrder[]): (a: Document, b: Document) => number {
  return (a, b) => {
    for (const o of orders) {
      const c = compareValues(valueAt(a, o.segments) as Value, valueAt(b, o.segments) as Value);
      if (c !== 0) return directed(c, o.descending);
    }
    return 0;
  };
}

/** Where a document sorts relative to a cursor's position: < 0 before it, 0 at it, > 0 after it. */
function compareToCursor(doc: Document, cursor: Cursor, orders: ResolvedOrder[]): number {
  const values = cursor.values ?? [];
  for (let i = 0; i < values.length && i < orders.length; i++) {
    const c = compareValues(valueAt(doc, orders[i].segments) as Value, values[i]);
    if (c !== 0) return directed(c, orders[i].descending);
  }
  return 0;
}

/** Whether a document comes at or after `startAt` (after it when `before` is false: startAfter). */
export function afterStart(doc: Document, cursor: Cursor, orders: ResolvedOrder[]): boolean {
  const c = compareToCursor(doc, cursor, orders);
  return cursor.before ? c >= 0 : c > 0;
}

/** Whether a document comes at or before `endAt` (before it when `before` is true: endBefore). */
export function beforeEnd(doc: Document, cursor: Cursor, orders: ResolvedOrder[]): boolean {
  const c = compareToCursor(doc, cursor, orders);
  return cursor.before ? c < 0 : c <= 0;
}

import type { Cursor, Document, StructuredQuery } from '../protocol/v1.js';
import { firstInOrder } from './first-in-order.js';
import { compileFilter } from './match.js';
import { normalizeOrderBy } from './normalize.js';
import { storedForm } from './operand.js';
import { afterStart, beforeEnd, documentComparator, hasOrderFields, resolveOrders } from './order.js';
import { limitOf, offsetOf } from './paging.js';
import { project } from './project.js';
import { inScope } from './scope.js';

/** A query prepared once for many documents (field paths parsed, orders normalized). */
export interface CompiledQuery {
  /** In scope, matching the where clause, holding every ordered field, between the cursors. */
  matches(doc: Document): boolean;
  /** The query's order (normalized, so ties end on `__name__`). */
  compare(a: Document, b: Document): number;
}

/**
 * Prepares a query to test and order documents one by one, e.g. to decide whether a changed document belongs
 * to a listen target. Offset and limit are not part of membership. Expects a query that passed validateQuery.
 */
export function compileQuery(parent: string, query: StructuredQuery): CompiledQuery {
  const where = compileFilter(query.where);
  const orders = resolveOrders(normalizeOrderBy(query));
  const asStored = (cursor: Cursor | undefined) =>
    cursor && { ...cursor, values: (cursor.values ?? []).map(storedForm) };
  const startAt = asStored(query.startAt);
  const endAt = asStored(query.endAt);
  return {
    matches: (doc) =>
      inScope(parent, query.from, doc.name) &&
      hasOrderFields(doc, orders) &&
      where(doc) &&
      (!startAt || afterStart(doc, startAt, orders)) &&
      (!endAt || beforeEnd(doc, endAt, orders)),
    compare: documentComparator(orders),
  };
}

/** Whether a document is one a query can answer (ignoring offset and limit). */
export function matchesQuery(parent: string, query: StructuredQuery, doc: Document): boolean {
  return compileQuery(parent, query).matches(doc);
}

/**
 * Runs a structured query over a set of documents (any superset of its scope): scope, filters, order, cursors,
 * offset, limit, projection. Expects a query that passed validateQuery.
 */
export function executeQuery(parent: string, query: StructuredQuery, docs: Iterable<Document>): Document[] {
  const { matches, compare } = compileQuery(parent, query);
  const offset = offsetOf(query);
  const limit = limitOf(query);
  const matching = [...docs].filter(matches);
  const page =
    limit === undefined
      ? matching.sort(compare).slice(offset)
      : firstInOrder(matching, compare, offset + limit).slice(offset);
  return query.select ? page.map((doc) => project(doc, query.select)) : page;
}

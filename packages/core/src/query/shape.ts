import type { Aggregation, StructuredQuery } from '../protocol/v1.js';
import { invalidArgument } from '../status.js';

// Firestore parses requests strictly (proto3 JSON): a wrong JSON type or an unknown key refuses the whole request.
const invalidPayload = () => invalidArgument("Payload isn't valid for request.");

function object(v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidPayload();
  for (const key of Object.keys(v)) if (!keys.includes(key)) throw invalidPayload();
  return v as Record<string, unknown>;
}

function optional(v: unknown, check: (v: unknown) => void): void {
  if (v !== undefined && v !== null) check(v);
}

function list(v: unknown, each: (item: unknown) => void): void {
  if (!Array.isArray(v)) throw invalidPayload();
  v.forEach(each);
}

function scalar(type: 'string' | 'boolean') {
  return (v: unknown) => {
    if (typeof v !== type) throw invalidPayload();
  };
}

// int32 fields arrive as JSON numbers or decimal strings; Int32Value wrappers also as { value }.
function int32(v: unknown): void {
  const raw = typeof v === 'object' && v !== null && !Array.isArray(v) ? object(v, ['value']).value : v;
  const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidPayload();
}

// Values are checked by the model, which names the problem.
const value = (v: unknown) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidPayload();
};

const fieldReference = (v: unknown) => object(v, ['fieldPath']);

function filter(v: unknown): void {
  const f = object(v, ['compositeFilter', 'fieldFilter', 'unaryFilter']);
  optional(f.compositeFilter, (c) => {
    const composite = object(c, ['op', 'filters']);
    optional(composite.op, scalar('string'));
    optional(composite.filters, (filters) => list(filters, filter));
  });
  optional(f.fieldFilter, (ff) => {
    const field = object(ff, ['field', 'op', 'value']);
    optional(field.field, fieldReference);
    optional(field.op, scalar('string'));
    optional(field.value, value);
  });
  optional(f.unaryFilter, (u) => {
    const unary = object(u, ['op', 'field']);
    optional(unary.field, fieldReference);
    optional(unary.op, scalar('string'));
  });
}

function order(v: unknown): void {
  const o = object(v, ['field', 'direction']);
  optional(o.field, fieldReference);
  optional(o.direction, (d) => {
    if (d !== 'ASCENDING' && d !== 'DESCENDING' && d !== 'DIRECTION_UNSPECIFIED') throw invalidPayload();
  });
}

function cursor(v: unknown): void {
  const c = object(v, ['values', 'before']);
  optional(c.values, (values) => list(values, value));
  optional(c.before, scalar('boolean'));
}

/** Refuses a structured query that is not a well-formed StructuredQuery message, as Firestore does. */
export function checkQueryShape(query: StructuredQuery): void {
  const q = object(query, ['select', 'from', 'where', 'orderBy', 'startAt', 'endAt', 'offset', 'limit']);
  optional(q.select, (s) => optional(object(s, ['fields']).fields, (fields) => list(fields, fieldReference)));
  optional(q.from, (from) =>
    list(from, (selector) => {
      const s = object(selector, ['collectionId', 'allDescendants']);
      optional(s.collectionId, scalar('string'));
      optional(s.allDescendants, scalar('boolean'));
    }),
  );
  optional(q.where, filter);
  optional(q.orderBy, (orders) => list(orders, order));
  optional(q.startAt, cursor);
  optional(q.endAt, cursor);
  optional(q.offset, int32);
  optional(q.limit, int32);
}

/** Refuses aggregations that are not well-formed Aggregation messages, as Firestore does. */
export function checkAggregationsShape(aggregations: Aggregation[]): void {
  list(aggregations, (a) => {
    const aggregation = object(a, ['alias', 'count', 'sum', 'avg']);
    optional(aggregation.alias, scalar('string'));
    optional(aggregation.count, (c) => object(c, ['upTo']));
    optional(aggregation.sum, (s) => optional(object(s, ['field']).field, fieldReference));
    optional(aggregation.avg, (s) => optional(object(s, ['field']).field, fieldReference));
  });
}

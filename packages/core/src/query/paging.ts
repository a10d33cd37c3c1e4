import type { StructuredQuery } from '../protocol/v1.js';

// proto3 JSON renders Int32Value as a bare number, but a client speaking the gRPC-style JSON sends { value }.
function int32Of(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'object') return int32Of((raw as { value?: unknown }).value);
  return Number(raw);
}

/** A query's limit as a number, undefined when it has none. */
export const limitOf = (query: StructuredQuery): number | undefined => int32Of(query.limit);

/** A query's offset as a number (0 when absent). */
export const offsetOf = (query: StructuredQuery): number => int32Of(query.offset) ?? 0;

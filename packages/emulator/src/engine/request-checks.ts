import { invalidArgument } from '@kindling/core';

// Requests arrive as untrusted JSON: these checks turn a wrong shape into INVALID_ARGUMENT naming the field
// before any code relies on the shape.

const describe = (v: unknown): string =>
  Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`;

const fail = (field: string, expected: string, v: unknown) =>
  invalidArgument(`Invalid value at '${field}': expected ${expected}, got ${describe(v)}.`);

export function checkObject(v: unknown, field: string): asserts v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail(field, 'an object', v);
}

export function checkOptionalObject(v: unknown, field: string): void {
  if (v !== undefined) checkObject(v, field);
}

export function checkString(v: unknown, field: string): asserts v is string {
  if (typeof v !== 'string') throw fail(field, 'a string', v);
}

export function checkOptionalString(v: unknown, field: string): void {
  if (v !== undefined) checkString(v, field);
}

export function checkArray(v: unknown, field: string): asserts v is unknown[] {
  if (!Array.isArray(v)) throw fail(field, 'an array', v);
}

export function checkOptionalArray(v: unknown, field: string): void {
  if (v !== undefined) checkArray(v, field);
}

export function checkOptionalBoolean(v: unknown, field: string): void {
  if (v !== undefined && typeof v !== 'boolean') throw fail(field, 'a boolean', v);
}

/** An int32 field (proto3 JSON allows a number or a decimal string); undefined when absent. */
export function optionalInt32(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) {
    throw fail(field, 'a 32-bit integer', v);
  }
  return n;
}

export function checkStringArray(v: unknown, field: string): asserts v is string[] {
  checkArray(v, field);
  v.forEach((item, i) => {
    checkString(item, `${field}[${i}]`);
  });
}

/** A DocumentMask's field paths, or undefined when there is no mask. */
export function maskPaths(mask: unknown, field: string): string[] | undefined {
  if (mask === undefined) return undefined;
  checkObject(mask, field);
  if (mask.fieldPaths === undefined) return [];
  checkStringArray(mask.fieldPaths, `${field}.fieldPaths`);
  return mask.fieldPaths;
}

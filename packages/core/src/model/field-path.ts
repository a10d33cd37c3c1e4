import type { Value } from '../protocol/v1.js';
import { invalidArgument } from '../status.js';
import { utf8Length } from './utf8.js';

const SIMPLE_SEGMENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const RESERVED = /^__.*__$/;
/** Field paths may have at most this many segments. */
export const MAX_FIELD_PATH_SEGMENTS = 20;
// The official emulator refuses a 1,500-byte path with "longer than 1500 bytes", so 1,499 is the last one allowed.
const MAX_FIELD_PATH_BYTES = 1499;

function invalidPath(s: string) {
  return invalidArgument(
    `Invalid property path "${s}". Unquoted property paths must match regex ([a-zA-Z_][a-zA-Z_0-9]*), ` +
      'and quoted property paths must match regex (`(?:[^`\\\\]|(?:\\\\.))+`)',
  );
}

/** Splits a dotted field path with backquoted segments (escapes \` and \\) → INVALID_ARGUMENT when malformed. */
export function parseFieldPath(s: string): string[] {
  // proto3 reads an absent string as empty.
  if (s === undefined || s === '') throw invalidArgument('Invalid empty property path string.');
  if (typeof s !== 'string') {
    throw invalidArgument(`Invalid property path: expected a string, got ${JSON.stringify(s)}.`);
  }
  if (utf8Length(s) > MAX_FIELD_PATH_BYTES) throw invalidArgument('property path is longer than 1500 bytes.');
  const segments: string[] = [];
  let i = 0;
  while (true) {
    let segment = '';
    if (s[i] === '`') {
      i++;
      while (i < s.length && s[i] !== '`') {
        if (s[i] === '\\') {
          if (s[i + 1] !== '`' && s[i + 1] !== '\\') throw invalidPath(s);
          i++;
        }
        segment += s[i++];
      }
      if (i >= s.length || segment === '') throw invalidPath(s);
      i++;
    } else {
      const end = s.indexOf('.', i);
      segment = s.slice(i, end === -1 ? s.length : end);
      if (!SIMPLE_SEGMENT.test(segment)) throw invalidPath(s);
      i += segment.length;
    }
    segments.push(segment);
    if (i === s.length) break;
    if (s[i] !== '.') throw invalidPath(s);
    i++;
    if (i === s.length) throw invalidPath(s);
  }
  if (segments.length > MAX_FIELD_PATH_SEGMENTS) throw invalidArgument('paths must have at most 20 elements');
  const reserved = segments.findIndex((segment) => segment !== '__name__' && RESERVED.test(segment));
  if (reserved !== -1) {
    // Firestore names the path from the reserved segment on, unquoted, with `__name__` as `__key__`.
    const rest = segments.slice(reserved).map((segment) => (segment === '__name__' ? '__key__' : segment));
    throw invalidArgument(`Invalid reserved name in field path ${rest.join('.')}`);
  }
  // `__name__` alone names the document; inside a longer path it is reserved.
  if (segments.length > 1 && segments.includes('__name__'))
    throw invalidArgument('the name __key__ is reserved');
  return segments;
}

/** The canonical string of a field path: simple segments as they are, others backquoted and escaped. */
export function formatFieldPath(segments: string[]): string {
  return segments
    .map((s) => (SIMPLE_SEGMENT.test(s) ? s : `\`${s.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``))
    .join('.');
}

/** True when `prefix` equals `path` or is one of its ancestors. */
export function isPrefixPath(prefix: string[], path: string[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}

/** The value at a path, descending through maps only; undefined when any step is missing or not a map. */
export function getField(fields: Record<string, Value> | undefined, path: string[]): Value | undefined {
  let current: Record<string, Value> | undefined = fields;
  for (let i = 0; i < path.length; i++) {
    const value: Value | undefined =
      current && Object.hasOwn(current, path[i]) ? current[path[i]] : undefined;
    if (value === undefined || i === path.length - 1) return value;
    current = 'mapValue' in value ? (value.mapValue.fields ?? {}) : undefined;
  }
  return undefined;
}

/** A copy of `fields` with the value at `path` set, creating (or replacing non-map) parents as maps. */
export function setField(
  fields: Record<string, Value> | undefined,
  path: string[],
  value: Value,
): Record<string, Value> {
  const [head, ...rest] = path;
  const out = { ...fields };
  if (rest.length === 0) {
    out[head] = value;
    return out;
  }
  const child = out[head];
  const childFields = child && 'mapValue' in child ? child.mapValue.fields : undefined;
  out[head] = { mapValue: { fields: setField(childFields, rest, value) } };
  return out;
}

/** A copy of `fields` without the value at `path`; unchanged (same object) when there is nothing to delete. */
export function deleteField(
  fields: Record<string, Value> | undefined,
  path: string[],
): Record<string, Value> {
  const source = fields ?? {};
  const [head, ...rest] = path;
  if (!Object.hasOwn(source, head)) return source;
  if (rest.length === 0) {
    const { [head]: _removed, ...out } = source;
    return out;
  }
  const child = source[head];
  if (!('mapValue' in child)) return source;
  const childFields = child.mapValue.fields ?? {};
  const updated = deleteField(childFields, rest);
  if (updated === childFields) return source;
  // Firestore answers an empty map without `fields`.
  return { ...source, [head]: { mapValue: Object.keys(updated).length > 0 ? { fields: updated } : {} } };
}

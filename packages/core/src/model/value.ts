import type { LatLng, Value } from '../protocol/v1.js';
import { invalidArgument } from '../status.js';
import { compareBytes, decodeBase64, encodeBase64 } from './base64.js';
import { formatFieldPath } from './field-path.js';
import { outsideInt64 } from './int64.js';
import { hasJsonShape, type JsonShape } from './json-shape.js';
import { compareResourceNames } from './resource-name.js';
import { compareTimestampValues, formatTimestamp, parseTimestamp, truncateToMicros } from './timestamp.js';
import { compareUtf8 } from './utf8.js';

/** The kinds of Firestore values, one per `Value` key. A vector is a map tagged `__type__: "__vector__"`. */
export type ValueKind =
  | 'null'
  | 'boolean'
  | 'integer'
  | 'double'
  | 'timestamp'
  | 'string'
  | 'bytes'
  | 'reference'
  | 'geoPoint'
  | 'array'
  | 'map';

const KIND_BY_KEY: Record<string, ValueKind> = {
  nullValue: 'null',
  booleanValue: 'boolean',
  integerValue: 'integer',
  doubleValue: 'double',
  timestampValue: 'timestamp',
  stringValue: 'string',
  bytesValue: 'bytes',
  referenceValue: 'reference',
  geoPointValue: 'geoPoint',
  arrayValue: 'array',
  mapValue: 'map',
};

/** Firestore's cross-type order: each type sorts before every value of a later type. */
export const TypeOrder = {
  null: 0,
  boolean: 1,
  number: 2,
  timestamp: 3,
  string: 4,
  bytes: 5,
  reference: 6,
  geoPoint: 7,
  array: 8,
  vector: 9,
  map: 10,
} as const;

// Why `v` is not a Value with exactly one known type, or its kind.
function kindOrProblem(v: Value): ValueKind | { problem: string } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { problem: `expected an object with one value type, got ${JSON.stringify(v)}` };
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return { problem: 'no value type is set' };
  const kind = Object.hasOwn(KIND_BY_KEY, keys[0]) ? KIND_BY_KEY[keys[0]] : undefined;
  if (!kind) return { problem: `unknown value type "${keys[0]}"` };
  if (keys.length > 1) return { problem: `more than one value type (${keys.join(', ')})` };
  return kind;
}

/** The kind of a value, or INVALID_ARGUMENT when it has no known value key (or more than one). */
export function valueKind(v: Value): ValueKind {
  const kind = kindOrProblem(v);
  if (typeof kind === 'string') return kind;
  throw invalidArgument(`Invalid value: ${kind.problem}`);
}

export const isNullValue = (v: Value): v is { nullValue: null } => 'nullValue' in v;
export const isInteger = (v: Value): v is { integerValue: string } => 'integerValue' in v;
export const isDouble = (v: Value): v is { doubleValue: number } => 'doubleValue' in v;
export const isNumber = (v: Value): boolean => isInteger(v) || isDouble(v);
export const isArray = (v: Value): v is { arrayValue: { values?: Value[] } } => 'arrayValue' in v;
export const isMap = (v: Value): v is { mapValue: { fields?: Record<string, Value> } } => 'mapValue' in v;
export const isNaNValue = (v: Value): boolean => isDouble(v) && Number.isNaN(doubleOf(v));

/** A map of the shape Firestore uses for vector embeddings. */
export function isVector(v: Value): boolean {
  const type = isMap(v) ? v.mapValue.fields?.__type__ : undefined;
  return type !== undefined && 'stringValue' in type && type.stringValue === '__vector__';
}

export const arrayValues = (v: Value): Value[] => (isArray(v) ? (v.arrayValue.values ?? []) : []);
export const mapFields = (v: Value): Record<string, Value> => (isMap(v) ? (v.mapValue.fields ?? {}) : {});

/** The int64 of an integerValue (proto3 JSON allows it as a string or a number). */
export function integerOf(v: Value): bigint {
  return BigInt((v as { integerValue: string | number }).integerValue);
}

/** The double of a doubleValue; proto3 JSON spells NaN and the infinities (and may spell any double) as strings. */
export function doubleOf(v: Value): number {
  const d = (v as { doubleValue: number | string }).doubleValue;
  return typeof d === 'number' ? d : Number(d);
}

/** A number value as a JavaScript number (integers beyond 2^53 lose precision). */
export function toNumber(v: Value): number {
  return isInteger(v) ? Number(integerOf(v)) : doubleOf(v);
}

/** An array value in Firestore's own form: an empty array has no `values` key. */
export const arrayValue = (values: Value[]): Value => ({ arrayValue: values.length > 0 ? { values } : {} });

/** A map value in Firestore's own form: an empty map has no `fields` key. */
export const mapValue = (fields: Record<string, Value>): Value => ({
  mapValue: Object.keys(fields).length > 0 ? { fields } : {},
});

export const integerValue = (n: bigint | number): Value => ({ integerValue: BigInt(n).toString() });

export function doubleValue(n: number): Value {
  if (Number.isNaN(n)) return { doubleValue: 'NaN' };
  if (n === Number.POSITIVE_INFINITY) return { doubleValue: 'Infinity' };
  if (n === Number.NEGATIVE_INFINITY) return { doubleValue: '-Infinity' };
  return { doubleValue: n };
}

/** The name of a value's type for error messages, e.g. "integer", "map". */
export function typeName(v: Value): string {
  return isVector(v) ? 'vector' : valueKind(v);
}

export function typeOrder(v: Value): number {
  const kind = valueKind(v);
  switch (kind) {
    case 'integer':
    case 'double':
      return TypeOrder.number;
    case 'map':
      return isVector(v) ? TypeOrder.vector : TypeOrder.map;
    default:
      return TypeOrder[kind];
  }
}

const sign = (n: number | bigint): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

// Exact int64-vs-double comparison: converting the int to a double would call 2^53 + 1 equal to 2^53.
function compareIntegerToDouble(i: bigint, d: number): number {
  if (Number.isNaN(d)) return 1;
  if (d === Number.POSITIVE_INFINITY) return -1;
  if (d === Number.NEGATIVE_INFINITY) return 1;
  const floor = Math.floor(d);
  const c = sign(i - BigInt(floor));
  if (c !== 0 || floor === d) return c;
  // i equals floor(d) and d has a fraction, so i < d.
  return -1;
}

function compareDoubles(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNumbers(a: Value, b: Value): number {
  if (isInteger(a)) {
    return isInteger(b) ? compareIntegers(a, b) : compareIntegerToDouble(integerOf(a), doubleOf(b));
  }
  if (isInteger(b)) return 0 - compareIntegerToDouble(integerOf(b), doubleOf(a));
  return compareDoubles(doubleOf(a), doubleOf(b));
}

// Most int64s are safe JavaScript integers: comparing those as numbers spares parsing two BigInts per call.
function compareIntegers(a: { integerValue: string }, b: { integerValue: string }): number {
  const x = Number(a.integerValue);
  const y = Number(b.integerValue);
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return sign(x - y);
  return sign(integerOf(a) - integerOf(b));
}

function compareGeoPoints(a: LatLng, b: LatLng): number {
  return (
    compareDoubles(a.latitude ?? 0, b.latitude ?? 0) || compareDoubles(a.longitude ?? 0, b.longitude ?? 0)
  );
}

function compareArrays(a: Value[], b: Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

const sortedKeys = (fields: Record<string, Value>) => Object.keys(fields).sort(compareUtf8);

function compareMaps(a: Record<string, Value>, b: Record<string, Value>): number {
  const ak = sortedKeys(a);
  const bk = sortedKeys(b);
  const n = Math.min(ak.length, bk.length);
  for (let i = 0; i < n; i++) {
    const c = compareUtf8(ak[i], bk[i]) || compareValues(a[ak[i]], b[bk[i]]);
    if (c !== 0) return c;
  }
  return sign(ak.length - bk.length);
}

// Vectors order by dimension first, then element by element.
function compareVectors(a: Value, b: Value): number {
  const av = arrayValues(mapFields(a).value ?? { nullValue: null });
  const bv = arrayValues(mapFields(b).value ?? { nullValue: null });
  return sign(av.length - bv.length) || compareArrays(av, bv);
}

/** Firestore's total order over all values; -1, 0 or 1. */
export function compareValues(a: Value, b: Value): number {
  const ta = typeOrder(a);
  const tb = typeOrder(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case TypeOrder.null:
      return 0;
    case TypeOrder.boolean:
      return sign(
        Number((a as { booleanValue: boolean }).booleanValue) -
          Number((b as { booleanValue: boolean }).booleanValue),
      );
    case TypeOrder.number:
      return compareNumbers(a, b);
    case TypeOrder.timestamp:
      return compareTimestampValues(
        parseTimestamp((a as { timestampValue: string }).timestampValue),
        parseTimestamp((b as { timestampValue: string }).timestampValue),
      );
    case TypeOrder.string:
      return compareUtf8(
        (a as { stringValue: string }).stringValue,
        (b as { stringValue: string }).stringValue,
      );
    case TypeOrder.bytes:
      return compareBytes(
        decodeBase64((a as { bytesValue: string }).bytesValue),
        decodeBase64((b as { bytesValue: string }).bytesValue),
      );
    case TypeOrder.reference:
      return compareResourceNames(
        (a as { referenceValue: string }).referenceValue,
        (b as { referenceValue: string }).referenceValue,
      );
    case TypeOrder.geoPoint:
      return compareGeoPoints(
        (a as { geoPointValue: LatLng }).geoPointValue,
        (b as { geoPointValue: LatLng }).geoPointValue,
      );
    case TypeOrder.array:
      return compareArrays(arrayValues(a), arrayValues(b));
    case TypeOrder.vector:
      return compareVectors(a, b);
    default:
      return compareMaps(mapFields(a), mapFields(b));
  }
}

/** Equality as Firestore's queries see it: 1 == 1.0, NaN == NaN, -0.0 == 0.0, maps regardless of key order. */
export function valueEquals(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

function invalidValue(where: string | undefined, problem: string) {
  return invalidArgument(
    where ? `Invalid value for field '${where}': ${problem}` : `Invalid value: ${problem}`,
  );
}

function canonicalInteger(raw: unknown, where?: string): string {
  const ok =
    (typeof raw === 'string' && /^[-+]?\d+$/.test(raw)) ||
    (typeof raw === 'number' && Number.isSafeInteger(raw));
  const n = ok ? BigInt(raw as string | number) : undefined;
  if (n === undefined || outsideInt64(n)) {
    throw invalidValue(where, `integerValue ${JSON.stringify(raw)} is not a 64-bit integer`);
  }
  return n.toString();
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function canonicalDouble(raw: unknown, where?: string): Value {
  const special = raw === 'NaN' || raw === 'Infinity' || raw === '-Infinity';
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && (special || DECIMAL.test(raw))
        ? Number(raw)
        : undefined;
  // A decimal too large for a double is refused, not rounded to infinity.
  if (n === undefined || (!special && typeof raw === 'string' && !Number.isFinite(n))) {
    throw invalidValue(where, `doubleValue ${JSON.stringify(raw)} is not a number`);
  }
  // Firestore stores -0.0 as 0.0.
  return doubleValue(n === 0 ? 0 : n);
}

// Java's Double.toString, which Firestore's messages use: 91 → "91.0".
const javaDouble = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));

function canonicalCoordinate(raw: unknown, name: string, limit: number, where?: string): number {
  // proto3 JSON reads an absent or null field as its default, 0.
  const n =
    raw === undefined || raw === null
      ? 0
      : typeof raw === 'number'
        ? raw
        : typeof raw === 'string'
          ? Number(raw)
          : Number.NaN;
  if (!(n >= -limit && n <= limit)) {
    const problem = `Geo point ${name} '${javaDouble(n)}' outside permitted range ${javaDouble(-limit)} to ${javaDouble(limit)}.`;
    throw where ? invalidValue(where, problem) : invalidArgument(problem);
  }
  return n === 0 ? 0 : n;
}

function expectType(raw: unknown, type: JsonShape, key: string, where?: string): void {
  if (!hasJsonShape(raw, type))
    throw invalidValue(where, `${key} ${JSON.stringify(raw)} is not a JSON ${type}`);
}

function expectKeys(raw: unknown, allowed: string[], key: string, where?: string): void {
  const unknown = Object.keys(raw as object).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw invalidValue(where, `${key} has an unknown field "${unknown}"`);
}

/**
 * A value as Firestore stores and answers it: integers as canonical decimal strings, doubles as numbers (NaN and
 * the infinities as strings), timestamps truncated to microseconds in UTC, bytes as padded standard base64, empty arrays and maps without `values`/`fields`.
 * Throws INVALID_ARGUMENT (naming `where`, a field path, when given) for anything Firestore would refuse.
 * References are checked for shape only; resource-name validation belongs to the caller that knows the database.
 */
export function canonicalValue(v: Value, where?: string): Value {
  const kind = kindOrProblem(v);
  if (typeof kind !== 'string') throw invalidValue(where, kind.problem);
  const raw = (v as Record<string, unknown>)[Object.keys(v)[0]];
  switch (kind) {
    case 'null':
      if (raw !== null && raw !== 'NULL_VALUE' && raw !== 0) {
        throw invalidValue(where, `nullValue ${JSON.stringify(raw)} is not null`);
      }
      return { nullValue: null };
    case 'boolean':
      // Firestore's JSON parser also takes the strings "true" and "false".
      if (raw === 'true' || raw === 'false') return { booleanValue: raw === 'true' };
      if (typeof raw !== 'boolean') {
        throw invalidValue(where, `booleanValue ${JSON.stringify(raw)} is not a boolean`);
      }
      return { booleanValue: raw };
    case 'integer':
      return { integerValue: canonicalInteger(raw, where) };
    case 'double':
      return canonicalDouble(raw, where);
    case 'timestamp':
      expectType(raw, 'string', 'timestampValue', where);
      try {
        return { timestampValue: formatTimestamp(truncateToMicros(parseTimestamp(raw as string))) };
      } catch (e) {
        throw invalidValue(where, (e as Error).message);
      }
    case 'string':
      expectType(raw, 'string', 'stringValue', where);
      return { stringValue: raw as string };
    case 'bytes':
      expectType(raw, 'string', 'bytesValue', where);
      try {
        return { bytesValue: encodeBase64(decodeBase64(raw as string)) };
      } catch (e) {
        throw invalidValue(where, (e as Error).message);
      }
    case 'reference':
      expectType(raw, 'string', 'referenceValue', where);
      return { referenceValue: raw as string };
    case 'geoPoint': {
      expectType(raw, 'object', 'geoPointValue', where);
      expectKeys(raw, ['latitude', 'longitude'], 'geoPointValue', where);
      const g = raw as Partial<LatLng>;
      return {
        geoPointValue: {
          latitude: canonicalCoordinate(g.latitude, 'latitude', 90, where),
          longitude: canonicalCoordinate(g.longitude, 'longitude', 180, where),
        },
      };
    }
    case 'array': {
      expectType(raw, 'object', 'arrayValue', where);
      expectKeys(raw, ['values'], 'arrayValue', where);
      const values = ((raw as { values?: unknown }).values ?? []) as Value[];
      expectType(values, 'array', 'arrayValue.values', where);
      return arrayValue(
        values.map((item, i) => {
          const c = canonicalValue(item, where === undefined ? undefined : `${where}[${i}]`);
          if (isArray(c)) throw invalidValue(where, 'Cannot convert an array value in an array value.');
          return c;
        }),
      );
    }
    case 'map': {
      expectType(raw, 'object', 'mapValue', where);
      expectKeys(raw, ['fields'], 'mapValue', where);
      const fields = (raw as { fields?: unknown }).fields ?? {};
      expectType(fields, 'object', 'mapValue.fields', where);
      return mapValue(canonicalFields(fields as Record<string, Value>, where));
    }
  }
}

/** canonicalValue over every entry of a map (or a document's fields); `parent` names the enclosing field. */
export function canonicalFields(fields: Record<string, Value>, parent?: string): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(fields)) {
    const segment = formatFieldPath([key]);
    out[key] = canonicalValue(value, parent === undefined ? segment : `${parent}.${segment}`);
  }
  return out;
}

/**
 * True when two values are stored identically: same type and same value, so 1 and 1.0 differ (unlike
 * valueEquals) while map key order and timestamp spelling do not matter. Firestore uses this to tell a write
 * that changes nothing.
 */
export function identicalValues(a: Value, b: Value): boolean {
  const kind = valueKind(a);
  if (kind !== valueKind(b)) return false;
  switch (kind) {
    case 'integer':
      return integerOf(a) === integerOf(b);
    case 'double':
      return Object.is(doubleOf(a), doubleOf(b)) || doubleOf(a) === doubleOf(b);
    case 'array': {
      const av = arrayValues(a);
      const bv = arrayValues(b);
      return av.length === bv.length && av.every((item, i) => identicalValues(item, bv[i]));
    }
    case 'map':
      return identicalFields(mapFields(a), mapFields(b));
    default:
      return compareValues(a, b) === 0;
  }
}

/** identicalValues over two field maps (or two documents' fields). */
export function identicalFields(
  a: Record<string, Value> | undefined,
  b: Record<string, Value> | undefined,
): boolean {
  const ak = Object.keys(a ?? {});
  const bf = b ?? {};
  return (
    ak.length === Object.keys(bf).length &&
    ak.every((k) => Object.hasOwn(bf, k) && identicalValues(a![k], bf[k]))
  );
}

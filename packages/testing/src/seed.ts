import { Bytes, DocumentReference, GeoPoint, Timestamp } from '@kindling/client';
import { encodeBase64, formatTimestamp, timestampFromMillis, type Value, type Write } from '@kindling/core';

/** A document's data as `seed()` takes it: plain JavaScript values and the client's value classes. */
export type SeedData = Record<string, unknown>;

/** Seed input: document paths (`users/alice`, `rooms/r1/messages/m1`) to their data. */
export type SeedDocuments = Record<string, SeedData>;

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Firestore's proto3-JSON value for one seed value, as the client would write it. */
export function seedValue(value: unknown, documents: string, at: string): Value {
  if (value === null) return { nullValue: null };
  switch (typeof value) {
    case 'boolean':
      return { booleanValue: value };
    case 'string':
      return { stringValue: value };
    case 'bigint':
      return { integerValue: value.toString() };
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return { integerValue: String(value) };
      return { doubleValue: Number.isFinite(value) ? value : (String(value) as 'NaN') };
    case 'object':
      break;
    default:
      throw new TypeError(`seed: unsupported ${typeof value} at ${at}.`);
  }
  if (value instanceof Date) return { timestampValue: formatTimestamp(timestampFromMillis(value.getTime())) };
  if (value instanceof Timestamp) {
    return { timestampValue: formatTimestamp({ seconds: value.seconds, nanos: value.nanoseconds }) };
  }
  if (value instanceof GeoPoint)
    return { geoPointValue: { latitude: value.latitude, longitude: value.longitude } };
  if (value instanceof Bytes) return { bytesValue: value.toBase64() };
  if (value instanceof Uint8Array) return { bytesValue: encodeBase64(value) };
  if (value instanceof DocumentReference) return { referenceValue: `${documents}/${value.path}` };
  if (Array.isArray(value)) {
    return { arrayValue: { values: value.map((v, i) => seedValue(v, documents, `${at}[${i}]`)) } };
  }
  if (!isPlainObject(value)) {
    throw new TypeError(
      `seed: unsupported object at ${at} (use plain objects, Date or @kindling/client values).`,
    );
  }
  return { mapValue: { fields: seedFields(value as SeedData, documents, at) } };
}

function seedFields(data: SeedData, documents: string, at: string): Record<string, Value> {
  const fields: Record<string, Value> = {};
  for (const [key, v] of Object.entries(data)) {
    if (v !== undefined) fields[key] = seedValue(v, documents, at ? `${at}.${key}` : key);
  }
  return fields;
}

/** One write per document, replacing whatever is stored under its path in `documents` (…/documents). */
export function seedWrites(docs: SeedDocuments, documents: string): Write[] {
  return Object.entries(docs).map(([path, data]) => ({
    update: {
      name: `${documents}/${path.replace(/^\/+|\/+$/g, '')}`,
      fields: seedFields(data, documents, ''),
    },
  }));
}

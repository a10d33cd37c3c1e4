import type { Value } from '@kindling/core';
import { Bytes } from './bytes.js';
import type { Firestore } from './database.js';
import { GeoPoint } from './geo_point.js';
import { DocumentReference } from './reference.js';
import { parseTimestamp } from './serializer.js';
import type { DocumentData } from './types.js';

/** Converts stored values back into what Firebase's data() returns. */
export function convertValue(firestore: Firestore, value: Value): unknown {
  if ('nullValue' in value) return null;
  if ('booleanValue' in value) return value.booleanValue;
  if ('integerValue' in value) return Number(value.integerValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('timestampValue' in value) return parseTimestamp(value.timestampValue);
  if ('stringValue' in value) return value.stringValue;
  if ('bytesValue' in value) return Bytes.fromBase64String(value.bytesValue);
  if ('referenceValue' in value) return convertReference(firestore, value.referenceValue);
  if ('geoPointValue' in value) {
    return new GeoPoint(value.geoPointValue.latitude ?? 0, value.geoPointValue.longitude ?? 0);
  }
  if ('arrayValue' in value) return (value.arrayValue.values ?? []).map((v) => convertValue(firestore, v));
  if ('mapValue' in value) return convertFields(firestore, value.mapValue.fields);
  throw new Error(`Unknown value type: ${JSON.stringify(value)}`);
}

export function convertFields(firestore: Firestore, fields: Record<string, Value> | undefined): DocumentData {
  const result: DocumentData = {};
  for (const [key, value] of Object.entries(fields ?? {})) result[key] = convertValue(firestore, value);
  return result;
}

function convertReference(firestore: Firestore, name: string): DocumentReference {
  // projects/{p}/databases/{d}/documents/{path…}
  const segments = name.split('/');
  return new DocumentReference(firestore, null, segments.slice(5));
}

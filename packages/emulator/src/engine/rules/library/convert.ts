import { type Document, decodeBase64, parseTimestamp, type Value } from '@kindling/core';
import type { RulesMap, RulesPath, RulesValue } from '../value.js';
import { listOf, mapOf, pathOf } from './construct.js';
import { NANOS_PER_SECOND } from './time.js';

/** A stored Firestore value as rules see it: ints become bigint, references become paths, and so on. */
export function fromFirestoreValue(v: Value): RulesValue {
  if ('nullValue' in v) return null;
  if ('booleanValue' in v) return v.booleanValue;
  if ('integerValue' in v) return BigInt(v.integerValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('timestampValue' in v) {
    const t = parseTimestamp(v.timestampValue);
    return { type: 'timestamp', nanos: BigInt(t.seconds) * NANOS_PER_SECOND + BigInt(t.nanos) };
  }
  if ('stringValue' in v) return v.stringValue;
  if ('bytesValue' in v) return { type: 'bytes', bytes: decodeBase64(v.bytesValue) };
  if ('referenceValue' in v) return pathFromName(v.referenceValue);
  if ('geoPointValue' in v) {
    return {
      type: 'latlng',
      latitude: v.geoPointValue.latitude ?? 0,
      longitude: v.geoPointValue.longitude ?? 0,
    };
  }
  if ('arrayValue' in v) return listOf((v.arrayValue.values ?? []).map(fromFirestoreValue));
  return fieldsToMap(v.mapValue.fields);
}

function fieldsToMap(fields: Record<string, Value> | undefined): RulesMap {
  return mapOf(Object.entries(fields ?? {}).map(([k, v]) => [k, fromFirestoreValue(v)] as const));
}

/**
 * A document as the rules' `resource` (and `request.resource`, `get()`): a map with `data`, `id` and
 * `__name__` (the document's path).
 */
export function documentToResource(doc: Document): RulesMap {
  const name = pathFromName(doc.name);
  return mapOf([
    ['data', fieldsToMap(doc.fields)],
    ['id', name.segments[name.segments.length - 1] ?? ''],
    ['__name__', name],
  ]);
}

/**
 * The rules path of a resource name: `projects/p/databases/(default)/documents/users/a` becomes
 * `/databases/(default)/documents/users/a`, the form `request.path` and path literals have.
 */
export function pathFromName(name: string): RulesPath {
  const segments = name.split('/').filter((s) => s !== '');
  return pathOf(segments[0] === 'projects' && segments[2] === 'databases' ? segments.slice(2) : segments);
}

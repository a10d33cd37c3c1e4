import { doubleValue, parseTimestamp as parseRfc3339, type Value } from '@kindling/core';
import { Timestamp } from './timestamp.js';

/** A JS number as Firestore stores it: integers that are exactly representable stay integers. */
export function toNumberValue(value: number): Value {
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return { integerValue: String(value) };
  return toDoubleValue(value);
}

function toDoubleValue(value: number): Value {
  // JSON has no -0; Firebase spells it as a string, which proto3 JSON allows for any double.
  if (Object.is(value, -0)) return { doubleValue: '-0' } as unknown as Value;
  return doubleValue(value);
}

/**
 * RFC 3339 with nine fractional digits. Firebase always sends nine; core's formatTimestamp trims them, which
 * means the same instant but not the same bytes on the wire.
 */
export function formatTimestamp(timestamp: Timestamp): string {
  const iso = new Date(timestamp.seconds * 1000).toISOString();
  const untilSeconds = iso.replace(/\.\d*/, '').replace('Z', '');
  return `${untilSeconds}.${String(timestamp.nanoseconds).padStart(9, '0')}Z`;
}

export function parseTimestamp(text: string): Timestamp {
  const { seconds, nanos } = parseRfc3339(text);
  return new Timestamp(seconds, nanos);
}

import { invalidArgument } from '../status.js';
import { civilFromDays, daysFromCivil } from './civil-date.js';

/** A point in time as Firestore's google.protobuf.Timestamp holds it. */
export interface Timestamp {
  seconds: number;
  nanos: number;
}

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range Firestore accepts. */
const MIN_SECONDS = -62135596800;
const MAX_SECONDS = 253402300799;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** Parses an RFC 3339 timestamp (any offset, up to nanosecond precision) → INVALID_ARGUMENT when malformed. */
export function parseTimestamp(s: string): Timestamp {
  const m = typeof s === 'string' ? RFC3339.exec(s) : null;
  if (!m) throw invalidArgument(`Invalid timestamp: ${JSON.stringify(s)}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw invalidArgument(`Invalid timestamp: ${JSON.stringify(s)}`);
  }
  const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw invalidArgument(`Timestamp out of range (0001-01-01 to 9999-12-31): ${JSON.stringify(s)}`);
  }
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return { seconds, nanos };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as proto3 JSON prints timestamps. */
export function formatTimestamp(t: Timestamp): string {
  const days = Math.floor(t.seconds / 86400);
  const secOfDay = t.seconds - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const time = `${pad(Math.floor(secOfDay / 3600), 2)}:${pad(Math.floor((secOfDay % 3600) / 60), 2)}:${pad(secOfDay % 60, 2)}`;
  let fraction = '';
  if (t.nanos !== 0) {
    const digits = t.nanos % 1_000_000 === 0 ? 3 : t.nanos % 1000 === 0 ? 6 : 9;
    fraction = `.${pad(t.nanos, 9).slice(0, digits)}`;
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${fraction}Z`;
}

/** Firestore stores timestamps with microsecond precision and drops the rest. */
export function truncateToMicros(t: Timestamp): Timestamp {
  return { seconds: t.seconds, nanos: t.nanos - (t.nanos % 1000) };
}

export function compareTimestampValues(a: Timestamp, b: Timestamp): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  if (a.nanos !== b.nanos) return a.nanos < b.nanos ? -1 : 1;
  return 0;
}

/** Compares two RFC 3339 strings as instants (offsets and precision may differ). */
export function compareTimestamps(a: string, b: string): number {
  return compareTimestampValues(parseTimestamp(a), parseTimestamp(b));
}

/** The timestamp of a JavaScript millisecond clock reading, e.g. `Date.now()`. */
export function timestampFromMillis(millis: number): Timestamp {
  const seconds = Math.floor(millis / 1000);
  return { seconds, nanos: Math.round((millis - seconds * 1000) * 1_000_000) };
}

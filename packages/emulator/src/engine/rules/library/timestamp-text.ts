import { daysFromCivil } from '@kindling/core';
import type { RulesTimestamp } from '../value.js';
import { invalidTimestamp, NANOS_PER_SECOND, timestampOf } from './time.js';

// `yyyy-MM-dd'T'HH:mm:ss` read leniently, as Java's SimpleDateFormat does: any number of digits, whitespace
// before a field, fields that overflow roll over (month 13 is January of the next year), text after the
// seconds ignored.
const DATE_TIME = /^\s*(\d+)-\s*(\d+)-\s*(\d+)T\s*(\d+):\s*(\d+):\s*(\d+)/;
const JAVA_LONG = /^[+-]?\d+$/;
const MONTHS_LIMIT = 1_000_000n * 12n;

/**
 * `timestamp.value('2024-01-01T00:00:00Z')`: RFC 3339 read the way the official emulator reads it (protobuf's
 * Java Timestamps.parse): lenient date and time fields, the first 9 fractional digits (any further
 * characters ignored), then `Z` at the very end or a `±h:m` offset.
 */
export function parseTimestampText(text: string): RulesTimestamp {
  const t = text.indexOf('T');
  if (t < 0) throw invalidTimestamp();
  const zone = [text.indexOf('Z', t), text.indexOf('+', t), text.indexOf('-', t)].find((i) => i >= 0);
  if (zone === undefined) throw invalidTimestamp();
  const [secondsText, fraction = ''] = splitOnce(text.slice(0, zone), '.');
  const fields = DATE_TIME.exec(secondsText);
  if (!fields) throw invalidTimestamp();
  const [year, month, day, hour, minute, second] = fields.slice(1).map(BigInt);
  const months = year * 12n + month - 1n;
  // Far beyond year 9999 (only a huge offset could bring it back, which we do not follow).
  if (months > MONTHS_LIMIT) throw invalidTimestamp();
  const days = BigInt(daysFromCivil(Number(months / 12n), Number(months % 12n) + 1, 1)) + day - 1n;
  let seconds = ((days * 24n + hour) * 60n + minute) * 60n + second;
  if (text[zone] === 'Z') {
    if (zone !== text.length - 1) throw invalidTimestamp();
  } else {
    const offset = offsetSeconds(text.slice(zone + 1));
    seconds += text[zone] === '+' ? -offset : offset;
  }
  return timestampOf(seconds * NANOS_PER_SECOND + nanosOf(fraction));
}

function splitOnce(s: string, separator: string): [string, string?] {
  const at = s.indexOf(separator);
  return at < 0 ? [s] : [s.slice(0, at), s.slice(at + 1)];
}

/** The first 9 fractional digits, padded; whatever follows them is not read. */
function nanosOf(fraction: string): bigint {
  const digits = fraction.slice(0, 9);
  if (!/^\d*$/.test(digits)) throw invalidTimestamp();
  return BigInt(digits.padEnd(9, '0'));
}

/** `h:m`, each a Java long (so `01:-30` is half an hour). */
function offsetSeconds(offset: string): bigint {
  const [hours, minutes] = splitOnce(offset, ':');
  if (minutes === undefined || !JAVA_LONG.test(hours) || !JAVA_LONG.test(minutes)) throw invalidTimestamp();
  return (BigInt(hours) * 60n + BigInt(minutes)) * 60n;
}

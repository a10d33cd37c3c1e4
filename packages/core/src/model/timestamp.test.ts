import { describe, expect, it } from 'vitest';
import { catchStatus } from './catch-status.js';
import {
  compareTimestamps,
  formatTimestamp,
  parseTimestamp,
  timestampFromMillis,
  truncateToMicros,
} from './timestamp.js';

describe('timestamps', () => {
  it('parses RFC 3339 with any offset and precision', () => {
    expect(parseTimestamp('1970-01-01T00:00:00Z')).toEqual({ seconds: 0, nanos: 0 });
    expect(parseTimestamp('2024-02-29T12:34:56.123456789Z')).toEqual({
      seconds: 1709210096,
      nanos: 123456789,
    });
    expect(parseTimestamp('2024-01-01T01:00:00.1+01:00')).toEqual({ seconds: 1704067200, nanos: 100000000 });
    expect(parseTimestamp('1969-12-31T23:59:59.5Z')).toEqual({ seconds: -1, nanos: 500000000 });
    expect(parseTimestamp('0001-01-01T00:00:00Z')).toEqual({ seconds: -62135596800, nanos: 0 });
    expect(parseTimestamp('9999-12-31T23:59:59.999999999Z')).toEqual({
      seconds: 253402300799,
      nanos: 999999999,
    });
  });

  it('refuses malformed or out-of-range timestamps', () => {
    for (const bad of [
      '2024-13-01T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-01-01',
      '2024-01-01T24:00:00Z',
      'x',
    ]) {
      expect(catchStatus(() => parseTimestamp(bad))).toEqual({
        code: 3,
        message: `Invalid timestamp: ${JSON.stringify(bad)}`,
      });
    }
    expect(catchStatus(() => parseTimestamp('0001-01-01T00:00:00+00:01'))).toEqual({
      code: 3,
      message: 'Timestamp out of range (0001-01-01 to 9999-12-31): "0001-01-01T00:00:00+00:01"',
    });
  });

  it('formats in UTC with 0, 3, 6 or 9 fractional digits', () => {
    expect(formatTimestamp({ seconds: 0, nanos: 0 })).toBe('1970-01-01T00:00:00Z');
    expect(formatTimestamp({ seconds: 1704067200, nanos: 100000000 })).toBe('2024-01-01T00:00:00.100Z');
    expect(formatTimestamp({ seconds: 1704067200, nanos: 123456000 })).toBe('2024-01-01T00:00:00.123456Z');
    expect(formatTimestamp({ seconds: 1704067200, nanos: 1 })).toBe('2024-01-01T00:00:00.000000001Z');
    expect(formatTimestamp({ seconds: -62135596800, nanos: 0 })).toBe('0001-01-01T00:00:00Z');
    expect(formatTimestamp({ seconds: -1, nanos: 500000000 })).toBe('1969-12-31T23:59:59.500Z');
    expect(formatTimestamp({ seconds: 253402300799, nanos: 999999999 })).toBe(
      '9999-12-31T23:59:59.999999999Z',
    );
  });

  it('truncates to microseconds, compares instants, reads millisecond clocks', () => {
    expect(truncateToMicros({ seconds: 5, nanos: 123456789 })).toEqual({ seconds: 5, nanos: 123456000 });
    expect(compareTimestamps('2024-01-01T01:00:00+01:00', '2024-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2024-01-01T00:00:00.000000001Z', '2024-01-01T00:00:00Z')).toBe(1);
    expect(compareTimestamps('2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z')).toBe(-1);
    expect(timestampFromMillis(1704067200123)).toEqual({ seconds: 1704067200, nanos: 123000000 });
    expect(timestampFromMillis(-1)).toEqual({ seconds: -1, nanos: 999000000 });
  });
});

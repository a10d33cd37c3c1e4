import { describe, expect, it } from 'vitest';
import { evaluationError } from '../test-support.js';
import type { RulesValue } from '../value.js';
import { callGlobal, callMethod, equals, interpolatedSegments, listOf, pathOf, typeOf } from '../values.js';

// Expected values and messages below were read off the official Firestore emulator.

const fn = (name: string, ...args: RulesValue[]) => callGlobal(name, args);
const hex = (v: RulesValue) => callMethod(v, 'toHexString', []);

describe('lookup', () => {
  it('names unknown functions and namespaces like the official emulator', () => {
    expect(evaluationError(() => fn('bool', 'true'))).toBe('Function not found error: Name: [bool].');
    expect(evaluationError(() => fn('math.nope', 1n))).toBe('Function not found error: Name: [math.nope].');
    expect(evaluationError(() => fn('nope.abs', 1n))).toBe('Function not found error: Name: [nope.abs].');
    expect(evaluationError(() => fn('math.toString', 1n))).toBe(
      'Function not found error: Name: [math.toString].',
    );
  });
});

describe('conversions', () => {
  it('int() truncates floats (saturating like Java) and parses decimal strings', () => {
    expect(fn('int', 12n)).toBe(12n);
    expect(fn('int', 1.9)).toBe(1n);
    expect(fn('int', -1.9)).toBe(-1n);
    expect(fn('int', Number.NaN)).toBe(0n);
    expect(fn('int', Infinity)).toBe(9223372036854775807n);
    expect(fn('int', -Infinity)).toBe(-9223372036854775808n);
    expect(fn('int', 2 ** 63)).toBe(9223372036854775807n);
    expect(fn('int', '12')).toBe(12n);
    expect(fn('int', '+1')).toBe(1n);
    expect(fn('int', '-9223372036854775808')).toBe(-9223372036854775808n);
    for (const bad of ['1.5', ' 1', '0x10', '1e3', '9223372036854775808']) {
      expect(evaluationError(() => fn('int', bad))).toBe(
        `Type conversion error. Argument: [${bad}], From type: [string], To type: [int].`,
      );
    }
    expect(evaluationError(() => fn('int', true))).toBe(
      'Unsupported operation error. Received: int(bool). Expected: int(int), int(float), int(string).',
    );
  });

  it('float() converts ints and parses strings the way Java does', () => {
    expect(fn('float', 3n)).toBe(3);
    expect(typeOf(fn('float', 3n))).toBe('float');
    expect(fn('float', '1.5')).toBe(1.5);
    expect(fn('float', '1e3')).toBe(1000);
    expect(fn('float', ' 1')).toBe(1);
    expect(fn('float', '.5')).toBe(0.5);
    expect(fn('float', '5.')).toBe(5);
    expect(fn('float', '1d')).toBe(1);
    expect(fn('float', '0x1p3')).toBe(8);
    expect(fn('float', '0x1.8p1')).toBe(3);
    expect(fn('float', 'Infinity')).toBe(Infinity);
    expect(fn('float', 'NaN')).toBeNaN();
    expect(evaluationError(() => fn('float', 'inf'))).toBe(
      'Type conversion error. Argument: [inf], From type: [string], To type: [float].',
    );
    expect(evaluationError(() => fn('float', ''))).toContain('Argument: [],');
    expect(evaluationError(() => fn('float', null))).toBe(
      'Unsupported operation error. Received: float(null). Expected: float(int), float(float), float(string).',
    );
  });

  it('string() prints floats as Java does', () => {
    const cases: [number, string][] = [
      [2, '2.0'],
      [0.1, '0.1'],
      [-0, '-0.0'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [1000000, '1000000.0'],
      [10000000, '1.0E7'],
      [123456789, '1.23456789E8'],
      [12345678.9, '1.23456789E7'],
      [1 / 3, '0.3333333333333333'],
      [1e100, '1.0E100'],
      [-1.5e-7, '-1.5E-7'],
      [Infinity, 'Infinity'],
      [Number.NaN, 'NaN'],
    ];
    for (const [x, printed] of cases) expect(fn('string', x)).toBe(printed);
  });

  it('string() converts ints, bools, null, strings and paths only', () => {
    expect(fn('string', 9223372036854775807n)).toBe('9223372036854775807');
    expect(fn('string', true)).toBe('true');
    expect(fn('string', null)).toBe('null');
    expect(fn('string', 'x')).toBe('x');
    expect(fn('string', pathOf(['a', 'b c']))).toBe('/a/b c');
    expect(evaluationError(() => fn('string', listOf([1n])))).toBe(
      'Unsupported operation error. Received: string(list). Expected: string(int), string(float), string(null), string(string), string(bool), string(path).',
    );
  });

  it('interpolates any string() convertible value or a path into a path literal', () => {
    expect(interpolatedSegments('b/c')).toEqual(['b/c']);
    expect(interpolatedSegments(1.5)).toEqual(['1.5']);
    expect(interpolatedSegments(null)).toEqual(['null']);
    expect(interpolatedSegments(pathOf(['b', 'c']))).toEqual(['b', 'c']);
    expect(evaluationError(() => interpolatedSegments(listOf([1n])))).toContain('Received: string(list).');
  });

  it('path() parses a string, decoding percent escapes and refusing empty segments', () => {
    expect(fn('path', '/a/b')).toEqual(pathOf(['a', 'b']));
    expect(fn('path', 'a/b')).toEqual(pathOf(['a', 'b']));
    expect(fn('path', '/a%20b')).toEqual(pathOf(['a b']));
    expect(fn('path', '/a+b/%2F/%C3%A9')).toEqual(pathOf(['a b', '/', 'é']));
    expect(evaluationError(() => fn('path', '/a%zz'))).toBe(
      'Unable to decode a%zz to url. Error: URLDecoder: Illegal hex characters in escape (%) pattern.',
    );
    expect(evaluationError(() => fn('path', '/a%2'))).toBe(
      'Unable to decode a%2 to url. Error: URLDecoder: Incomplete trailing escape (%) pattern.',
    );
    expect(evaluationError(() => fn('path', ''))).toBe('Empty Path Template is not allowed.');
    expect(evaluationError(() => fn('path', 'a//b'))).toBe(
      'Invalid Path Template a//b. Empty segment is not allowed.',
    );
    expect(evaluationError(() => fn('path', '/a/b/'))).toBe(
      'Invalid Path Template /a/b/. Empty segment is not allowed.',
    );
    expect(evaluationError(() => fn('path', 1n))).toBe(
      'Unsupported operation error. Received: path(int). Expected: path(string).',
    );
  });

  it('debug() returns its first argument', () => {
    expect(fn('debug', 1n)).toBe(1n);
    expect(fn('debug', 1n, 2n)).toBe(1n);
    expect(evaluationError(() => fn('debug'))).toBe('Service call error. Function: [debug], Argument: [].');
  });
});

describe('math', () => {
  it('gives floats from ceil, floor, sqrt and pow, and ints from round', () => {
    expect(fn('math.abs', -1n)).toBe(1n);
    expect(fn('math.abs', -1.5)).toBe(1.5);
    expect(fn('math.abs', -9223372036854775808n)).toBe(-9223372036854775808n);
    expect(fn('math.ceil', 1.2)).toBe(2);
    expect(typeOf(fn('math.ceil', 1n))).toBe('float');
    expect(fn('math.floor', -1.2)).toBe(-2);
    expect(fn('math.round', 2.5)).toBe(3n);
    expect(fn('math.round', -2.5)).toBe(-2n);
    expect(fn('math.round', 0.49999999999999994)).toBe(0n);
    expect(fn('math.round', Number.NaN)).toBe(0n);
    expect(fn('math.round', 7n)).toBe(7n);
    expect(fn('math.sqrt', 4n)).toBe(2);
    expect(fn('math.sqrt', -1n)).toBeNaN();
    expect(fn('math.pow', 2n, 10n)).toBe(1024);
    expect(typeOf(fn('math.pow', 2n, 10n))).toBe('float');
    expect(fn('math.pow', 4n, 0.5)).toBe(2);
  });

  it('tests for NaN and infinities', () => {
    expect(fn('math.isNaN', Number.NaN)).toBe(true);
    expect(fn('math.isNaN', 1n)).toBe(false);
    expect(fn('math.isInfinite', -Infinity)).toBe(true);
    expect(fn('math.isInfinite', 100n)).toBe(false);
    expect(evaluationError(() => fn('math.abs', 'a'))).toBe(
      'Unsupported operation error. Received: math.abs(string). Expected: math.abs(int), math.abs(float).',
    );
  });
});

describe('hashing', () => {
  it('hashes strings as UTF-8 and bytes as they are', () => {
    expect(hex(fn('hashing.crc32', 'a'))).toBe('43BEB7E8');
    expect(
      equals(fn('hashing.crc32', { type: 'bytes', bytes: new Uint8Array([0x61]) }), fn('hashing.crc32', 'a')),
    ).toBe(true);
    expect(hex(fn('hashing.crc32c', 'a'))).toBe('3043D0C1');
    expect(hex(fn('hashing.md5', 'a'))).toBe('0CC175B9C0F1B6A831C399E269772661');
    expect(hex(fn('hashing.sha256', 'a'))).toBe(
      'CA978112CA1BBDCAFAC231B39A23DC4DA786EFF8147C4E72B9807785AFEE48BB',
    );
    expect(evaluationError(() => fn('hashing.sha256', 1n))).toBe(
      'Unsupported operation error. Received: hashing.sha256(int). Expected: hashing.sha256(bytes), hashing.sha256(string).',
    );
  });
});

describe('timestamp, duration and latlng namespaces', () => {
  it('builds timestamps from a date, epoch millis or RFC 3339', () => {
    expect(fn('timestamp.date', 1984n, 1n, 2n)).toEqual(fn('timestamp.value', 441849600000n));
    expect(fn('timestamp.value', '1970-01-01T00:00:01Z')).toEqual({
      type: 'timestamp',
      nanos: 1_000_000_000n,
    });
    expect(evaluationError(() => fn('timestamp.date', 2024n, 2n, 30n))).toBe(
      'Date is not valid. year: 2024, month: 2 day: 30.',
    );
    expect(evaluationError(() => fn('timestamp.date', 2024n, 13n, 1n))).toContain('Date is not valid.');
    expect(evaluationError(() => fn('timestamp.value', 'x'))).toMatch(/^Timestamp is not valid\./);
    expect(evaluationError(() => fn('timestamp.date', 10000n, 1n, 1n))).toBe(
      'Timestamp should be between 0001-01-01T00.00.00Z and 9999-12-31T23.59.59Z. year: 10000.',
    );
    expect(evaluationError(() => fn('timestamp.value', 253402300800000n))).toMatch(
      /^Timestamp is not valid\./,
    );
    expect(evaluationError(() => fn('timestamp.value', 1.5))).toBe(
      'Unsupported operation error. Received: timestamp.value(float). Expected: timestamp.value(int), timestamp.value(string).',
    );
  });

  it('reads RFC 3339 text as leniently as the official emulator', () => {
    const same = (a: string, b: string) => expect(fn('timestamp.value', a)).toEqual(fn('timestamp.value', b));
    same('2024-01-01T00:00:00+01:00', '2023-12-31T23:00:00Z');
    same('2024-01-01T00:00:00-00:30', '2024-01-01T00:30:00Z');
    same('2024-01-01T00:00:00+01:-30', '2023-12-31T23:30:00Z');
    same('2024-01-01T00:00:00+1:00', '2023-12-31T23:00:00Z');
    // Fields roll over.
    same('2024-13-01T00:00:00Z', '2025-01-01T00:00:00Z');
    same('2024-01-32T00:00:00Z', '2024-02-01T00:00:00Z');
    same('2024-01-00T00:00:00Z', '2023-12-31T00:00:00Z');
    same('2024-01-01T24:00:00Z', '2024-01-02T00:00:00Z');
    same('2024-01-01T00:00:60Z', '2024-01-01T00:01:00Z');
    // Any number of digits, whitespace before a field, text after the seconds.
    same('2024-1-1T0:0:0Z', '2024-01-01T00:00:00Z');
    same(' 2024-01-01T 00:00:00Z', '2024-01-01T00:00:00Z');
    same('2024-01-01T00:00:00xyzZ', '2024-01-01T00:00:00Z');
    same('2024-01-01T00:00:00.Z', '2024-01-01T00:00:00Z');
    expect(callMethod(fn('timestamp.value', '2024-01-01T00:00:00.1234567899aZ'), 'nanos', [])).toBe(
      123456789n,
    );
    expect(callMethod(fn('timestamp.value', '24-01-01T00:00:00Z'), 'year', [])).toBe(24n);
    for (const bad of [
      '2024-01-01T00:00:00',
      '2024-01-01t00:00:00z',
      '2024-01-01T00:00:00Z ',
      '2024-01-01 T00:00:00Z',
      '2024-01-01T00:00Z',
      '2024-01-01T00:00:00.12a4Z',
      '2024-01-01T00:00:00+0100',
      '2024-01-01T00:00:00+01:00:00',
      '+2024-01-01T00:00:00Z',
      `${'9'.repeat(400)}-01-01T00:00:00Z`,
    ]) {
      expect(evaluationError(() => fn('timestamp.value', bad))).toMatch(/^Timestamp is not valid\./);
    }
  });

  it('builds durations from a magnitude and unit, or from parts', () => {
    const nanos = (d: RulesValue) => (d as { nanos: bigint }).nanos;
    expect(nanos(fn('duration.value', 1n, 'w'))).toBe(604_800_000_000_000n);
    expect(equals(fn('duration.value', 1n, 'w'), fn('duration.value', 7n, 'd'))).toBe(true);
    expect(nanos(fn('duration.value', 3n, 'h'))).toBe(10_800_000_000_000n);
    expect(nanos(fn('duration.value', 2n, 'm'))).toBe(120_000_000_000n);
    expect(nanos(fn('duration.value', 2n, 'ms'))).toBe(2_000_000n);
    expect(nanos(fn('duration.value', 2n, 'ns'))).toBe(2n);
    expect(nanos(fn('duration.time', 1n, 2n, 3n, 4n))).toBe(3_723_000_000_004n);
    expect(nanos(fn('duration.abs', fn('duration.value', -10n, 's')))).toBe(10_000_000_000n);
    expect(evaluationError(() => fn('duration.value', 1n, 'x'))).toBe(
      'Invalid duration unit: [x]. Expected one of: w, d, h, m, s, ms, ns.',
    );
    expect(evaluationError(() => fn('duration.value', 1.5, 's'))).toBe(
      'Unsupported operation error. Received: duration.value(float, string). Expected: duration.value(int, string).',
    );
    expect(evaluationError(() => fn('duration.value', 315576000001n, 's'))).toMatch(
      /^Duration is not valid\./,
    );
  });

  it('builds latlngs within range', () => {
    expect(fn('latlng.value', 1n, 2.5)).toEqual({ type: 'latlng', latitude: 1, longitude: 2.5 });
    expect(evaluationError(() => fn('latlng.value', 91n, 0n))).toBe(
      'Latitude should be in [-90,90] range and longitude should be in [-180,180] range. latitude: 91.0, longitude: 0.0.',
    );
  });
});

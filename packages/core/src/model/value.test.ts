import { describe, expect, it } from 'vitest';
import type { Value } from '../protocol/v1.js';
import { catchStatus } from './catch-status.js';
import {
  canonicalFields,
  canonicalValue,
  compareValues,
  doubleValue,
  identicalFields,
  identicalValues,
  integerOf,
  isNaNValue,
  isNumber,
  isVector,
  toNumber,
  typeName,
  typeOrder,
  valueEquals,
  valueKind,
} from './value.js';

const int = (n: string | number): Value => ({ integerValue: String(n) });
const dbl = (n: number | 'NaN' | 'Infinity' | '-Infinity'): Value => ({ doubleValue: n });
const str = (s: string): Value => ({ stringValue: s });
const ts = (s: string): Value => ({ timestampValue: s });
const bytes = (s: string): Value => ({ bytesValue: s });
const ref = (s: string): Value => ({ referenceValue: `projects/p/databases/(default)/documents/${s}` });
const geo = (latitude: number, longitude: number): Value => ({ geoPointValue: { latitude, longitude } });
const arr = (...values: Value[]): Value => ({ arrayValue: { values } });
const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });
const vector = (...n: number[]): Value =>
  map({ __type__: str('__vector__'), value: arr(...n.map((x) => dbl(x))) });
const NULL: Value = { nullValue: null };

function expectError(fn: () => unknown, code: number, message: string) {
  expect(catchStatus(fn)).toEqual({ code, message });
}

/** Every list is in strictly ascending Firestore order. */
function expectAscending(values: Value[]) {
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      expect([i, j, compareValues(values[i], values[j])]).toEqual([i, j, Math.sign(i - j)]);
    }
  }
}

describe('typeOrder and compareValues', () => {
  it('orders types: null < bool < number < timestamp < string < bytes < reference < geopoint < array < vector < map', () => {
    const values = [
      NULL,
      { booleanValue: true },
      int(1),
      ts('2020-01-01T00:00:00Z'),
      str('a'),
      bytes('AA=='),
      ref('c/d'),
      geo(0, 0),
      arr(),
      vector(1),
      map({}),
    ];
    expect(values.map(typeOrder)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expectAscending(values);
  });

  it('orders booleans false < true', () => {
    expectAscending([{ booleanValue: false }, { booleanValue: true }]);
  });

  it('puts NaN first among numbers and compares ints and doubles numerically', () => {
    expectAscending([
      dbl('NaN'),
      dbl('-Infinity'),
      int('-9223372036854775808'),
      dbl(-1.5),
      int(-1),
      dbl(0.5),
      int(1),
      dbl(1.5),
      int('9007199254740992'),
      int('9007199254740993'),
      dbl(9007199254740994),
      int('9223372036854775807'),
      dbl(2 ** 63),
      dbl('Infinity'),
    ]);
  });

  it('treats 1 and 1.0, -0.0 and 0.0, NaN and NaN as equal', () => {
    expect(compareValues(int(1), dbl(1))).toBe(0);
    expect(compareValues(dbl(-0), dbl(0))).toBe(0);
    expect(compareValues(dbl(-0), int(0))).toBe(0);
    expect(compareValues(dbl('NaN'), dbl('NaN'))).toBe(0);
    expect(valueEquals(int(1), dbl(1))).toBe(true);
    expect(valueEquals(dbl('NaN'), dbl('NaN'))).toBe(true);
    expect(valueEquals(int(1), str('1'))).toBe(false);
    expect(valueEquals(int('9007199254740993'), dbl(9007199254740992))).toBe(false);
  });

  it('accepts integers as JSON numbers and doubles as strings', () => {
    expect(compareValues({ integerValue: 5 } as unknown as Value, dbl(5))).toBe(0);
    expect(compareValues({ doubleValue: '2.5' } as unknown as Value, dbl(2.5))).toBe(0);
  });

  it('orders timestamps as instants, by seconds then nanos, whatever the offset or precision', () => {
    expectAscending([
      ts('0001-01-01T00:00:00Z'),
      ts('1969-12-31T23:59:59.999999999Z'),
      ts('1970-01-01T00:00:00Z'),
      ts('1970-01-01T00:00:00.000000001Z'),
      ts('2020-01-01T00:00:00.1Z'),
      ts('9999-12-31T23:59:59.999999999Z'),
    ]);
    expect(compareValues(ts('2020-01-01T01:00:00+01:00'), ts('2020-01-01T00:00:00.000Z'))).toBe(0);
  });

  it('orders strings by UTF-8 bytes, not UTF-16 units', () => {
    // U+FFFD is one UTF-16 unit above the surrogates but its UTF-8 bytes sort before U+1F600's.
    expectAscending([str(''), str('A'), str('B'), str('a'), str('ab'), str('é'), str('\uFFFD'), str('😀')]);
  });

  it('orders bytes as unsigned bytes, then by length', () => {
    // AA== is [0x00], AAA= is [0x00,0x00], fw== is [0x7f], gA== is [0x80], _w (URL-safe) is [0xff].
    expectAscending([bytes(''), bytes('AA=='), bytes('AAA='), bytes('fw=='), bytes('gA=='), bytes('_w')]);
  });

  it('orders references segment by segment', () => {
    expectAscending([ref('a/b'), ref('a/b/c/d'), ref('a/ba'), ref('a-/b'), ref('b/a')]);
  });

  it('orders geopoints by latitude then longitude', () => {
    expectAscending([geo(-10, 100), geo(0, -100), geo(0, 0), geo(10, -180)]);
  });

  it('orders arrays element by element, then by length', () => {
    expectAscending([arr(), arr(NULL), arr(int(1)), arr(int(1), int(1)), arr(int(2)), arr(str('a'))]);
  });

  it('orders maps by sorted keys and values, then size', () => {
    expectAscending([
      map({}),
      map({ a: int(1) }),
      map({ a: int(1), b: int(0) }),
      map({ a: int(2) }),
      map({ b: int(0) }),
    ]);
    expect(compareValues(map({ a: int(1), b: int(2) }), map({ b: dbl(2), a: int(1) }))).toBe(0);
  });

  it('orders vectors by dimension, then elements', () => {
    expect(isVector(vector(1))).toBe(true);
    expectAscending([vector(), vector(9), vector(1, 2), vector(1, 3)]);
  });

  it('refuses a value with no known type', () => {
    expectError(() => typeOrder({} as Value), 3, 'Invalid value: no value type is set');
    expectError(
      () => typeOrder({ fooValue: 1 } as unknown as Value),
      3,
      'Invalid value: unknown value type "fooValue"',
    );
  });
});

describe('helpers', () => {
  it('classifies values', () => {
    expect(valueKind(int(1))).toBe('integer');
    expect(typeName(vector(1))).toBe('vector');
    expect(typeName(map({}))).toBe('map');
    expect(isNumber(dbl(1))).toBe(true);
    expect(isNumber(str('1'))).toBe(false);
    expect(isNaNValue(dbl('NaN'))).toBe(true);
    expect(isNaNValue(dbl(1))).toBe(false);
    expect(isNaNValue(int(1))).toBe(false);
    expect(integerOf(int('-9223372036854775808'))).toBe(-9223372036854775808n);
    expect(toNumber(dbl('-Infinity'))).toBe(Number.NEGATIVE_INFINITY);
    expect(toNumber(int(7))).toBe(7);
    expect(doubleValue(Number.NaN)).toEqual({ doubleValue: 'NaN' });
    expect(doubleValue(Number.POSITIVE_INFINITY)).toEqual({ doubleValue: 'Infinity' });
  });
});

describe('canonicalValue', () => {
  it('normalizes every type as Firestore stores it', () => {
    expect(
      canonicalFields({
        i: { integerValue: '007' },
        i2: { integerValue: 12 } as unknown as Value,
        d: dbl(-0),
        d2: { doubleValue: '1.5' } as unknown as Value,
        d3: dbl('Infinity'),
        t1: ts('2024-01-01T00:00:00.123456789Z'),
        t2: ts('2024-01-01T01:00:00.1+01:00'),
        t3: ts('2024-01-01T00:00:00.120Z'),
        b: bytes('-_8'),
        n: { nullValue: 'NULL_VALUE' },
        bt: { booleanValue: 'true' } as unknown as Value,
        g0: { geoPointValue: { latitude: null, longitude: -0 } } as unknown as Value,
        g: { geoPointValue: { latitude: 1 } } as Value,
        a: { arrayValue: {} },
        m: { mapValue: { fields: { x: int('+3') } } },
        e: { mapValue: { fields: {} } },
      }),
    ).toEqual({
      i: int(7),
      i2: int(12),
      d: dbl(0),
      d2: dbl(1.5),
      d3: dbl('Infinity'),
      t1: ts('2024-01-01T00:00:00.123456Z'),
      t2: ts('2024-01-01T00:00:00.100Z'),
      t3: ts('2024-01-01T00:00:00.120Z'),
      b: bytes('+/8='),
      n: NULL,
      bt: { booleanValue: true },
      g0: geo(0, 0),
      g: geo(1, 0),
      a: { arrayValue: {} },
      m: map({ x: int(3) }),
      e: { mapValue: {} },
    });
    expect(Object.is((canonicalValue(dbl(-0)) as { doubleValue: number }).doubleValue, 0)).toBe(true);
  });

  it('refuses malformed values, naming the field', () => {
    const bad = (v: unknown, problem: string) =>
      expectError(() => canonicalValue(v as Value, 'a.b'), 3, `Invalid value for field 'a.b': ${problem}`);
    bad({ integerValue: '1.5' }, 'integerValue "1.5" is not a 64-bit integer');
    bad(
      { integerValue: '9223372036854775808' },
      'integerValue "9223372036854775808" is not a 64-bit integer',
    );
    bad({ integerValue: '0x10' }, 'integerValue "0x10" is not a 64-bit integer');
    bad({ doubleValue: 'abc' }, 'doubleValue "abc" is not a number');
    bad({ doubleValue: '1e400' }, 'doubleValue "1e400" is not a number');
    bad({ geoPointValue: { latitude: 1, x: 2 } }, 'geoPointValue has an unknown field "x"');
    bad({ arrayValue: { x: 1 } }, 'arrayValue has an unknown field "x"');
    bad({ mapValue: { x: 1 } }, 'mapValue has an unknown field "x"');
    bad({ booleanValue: 'yes' }, 'booleanValue "yes" is not a boolean');
    bad({ nullValue: 5 }, 'nullValue 5 is not null');
    bad({ stringValue: 1 }, 'stringValue 1 is not a JSON string');
    bad({ mapValue: [] }, 'mapValue [] is not a JSON object');
    bad({ bytesValue: '@@' }, 'Invalid base64: "@@"');
    bad({ timestampValue: '2024-13-01T00:00:00Z' }, 'Invalid timestamp: "2024-13-01T00:00:00Z"');
    bad({ fooValue: 1 }, 'unknown value type "fooValue"');
    bad({}, 'no value type is set');
    bad(null, 'expected an object with one value type, got null');
    bad({ integerValue: '1', stringValue: 'x' }, 'more than one value type (integerValue, stringValue)');
    bad(
      { geoPointValue: { latitude: 91 } },
      "Geo point latitude '91.0' outside permitted range -90.0 to 90.0.",
    );
    bad(
      { geoPointValue: { latitude: 0, longitude: -180.5 } },
      "Geo point longitude '-180.5' outside permitted range -180.0 to 180.0.",
    );
    bad({ arrayValue: { values: [arr()] } }, 'Cannot convert an array value in an array value.');
    expectError(
      () => canonicalValue({ arrayValue: { values: [{ integerValue: 'x' }] } }, 'a'),
      3,
      `Invalid value for field 'a[0]': integerValue "x" is not a 64-bit integer`,
    );
    expectError(
      () => canonicalFields({ 'x-y': map({ c: { integerValue: 'x' } }) }),
      3,
      'Invalid value for field \'`x-y`.c\': integerValue "x" is not a 64-bit integer',
    );
    expectError(
      () => canonicalValue({ geoPointValue: { latitude: 'NaN' } } as unknown as Value),
      3,
      "Geo point latitude 'NaN' outside permitted range -90.0 to 90.0.",
    );
  });
});

describe('identicalValues', () => {
  it('tells stored representations apart by type, not map key order', () => {
    expect(identicalValues(int(1), dbl(1))).toBe(false);
    expect(identicalValues(int(1), { integerValue: 1 } as unknown as Value)).toBe(true);
    expect(identicalValues(dbl('NaN'), dbl('NaN'))).toBe(true);
    expect(identicalValues(arr(int(1)), arr(dbl(1)))).toBe(false);
    expect(identicalValues(arr(int(1)), arr(int(1), int(1)))).toBe(false);
    expect(identicalValues(map({ a: int(1), b: str('x') }), map({ b: str('x'), a: int(1) }))).toBe(true);
    expect(identicalValues(map({ a: int(1) }), map({ b: int(1) }))).toBe(false);
    expect(identicalValues(ts('2020-01-01T00:00:00Z'), ts('2020-01-01T00:00:00.000Z'))).toBe(true);
    expect(identicalFields(undefined, {})).toBe(true);
    expect(identicalFields({ a: NULL }, {})).toBe(false);
  });
});

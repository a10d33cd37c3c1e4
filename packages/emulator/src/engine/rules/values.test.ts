import { describe, expect, it } from 'vitest';
import { bytes, evaluationError, list, map, set } from './test-support.js';
import type { RulesValue } from './value.js';
import {
  binary,
  compare,
  documentToResource,
  equals,
  fromFirestoreValue,
  index,
  isType,
  member,
  pathFromName,
  pathOf,
  slice,
  truthy,
  typeOf,
  unary,
} from './values.js';

// Expected values and messages below were read off the official Firestore emulator.

const ts = (nanos: bigint): RulesValue => ({ type: 'timestamp', nanos });
const dur = (nanos: bigint): RulesValue => ({ type: 'duration', nanos });

describe('fromFirestoreValue', () => {
  it('converts every Firestore value type', () => {
    expect(fromFirestoreValue({ nullValue: 'NULL_VALUE' })).toBe(null);
    expect(fromFirestoreValue({ booleanValue: true })).toBe(true);
    expect(fromFirestoreValue({ integerValue: '9223372036854775807' })).toBe(9223372036854775807n);
    expect(fromFirestoreValue({ doubleValue: 1.5 })).toBe(1.5);
    expect(fromFirestoreValue({ doubleValue: 'NaN' })).toBeNaN();
    expect(fromFirestoreValue({ doubleValue: '-Infinity' })).toBe(-Infinity);
    expect(fromFirestoreValue({ stringValue: 'x' })).toBe('x');
    expect(fromFirestoreValue({ timestampValue: '1970-01-01T00:00:01.000000500Z' })).toEqual(
      ts(1_000_000_500n),
    );
    expect(fromFirestoreValue({ timestampValue: '1969-12-31T23:59:59.5Z' })).toEqual(ts(-500_000_000n));
    expect(fromFirestoreValue({ bytesValue: 'AQL/' })).toEqual(bytes(1, 2, 255));
    expect(fromFirestoreValue({ referenceValue: 'projects/p/databases/(default)/documents/a/b' })).toEqual(
      pathOf(['databases', '(default)', 'documents', 'a', 'b']),
    );
    expect(fromFirestoreValue({ geoPointValue: { latitude: 1.5, longitude: -2 } })).toEqual({
      type: 'latlng',
      latitude: 1.5,
      longitude: -2,
    });
    expect(
      fromFirestoreValue({
        arrayValue: {
          values: [{ integerValue: '1' }, { mapValue: { fields: { a: { stringValue: 'b' } } } }],
        },
      }),
    ).toEqual(list(1n, map({ a: 'b' })));
    expect(fromFirestoreValue({ arrayValue: {} })).toEqual(list());
    expect(fromFirestoreValue({ mapValue: {} })).toEqual(map({}));
  });

  it('turns a document into resource with data, id and __name__', () => {
    const resource = documentToResource({
      name: 'projects/p/databases/(default)/documents/users/alice',
      fields: { age: { integerValue: '30' } },
    });
    expect(resource).toEqual(
      map({
        data: map({ age: 30n }),
        id: 'alice',
        __name__: pathOf(['databases', '(default)', 'documents', 'users', 'alice']),
      }),
    );
    expect(member(documentToResource({ name: 'projects/p/databases/d/documents/c/x' }), 'data')).toEqual(
      map({}),
    );
  });

  it('keeps a name without the projects prefix as it is', () => {
    expect(pathFromName('/databases/d/documents/a')).toEqual(pathOf(['databases', 'd', 'documents', 'a']));
  });
});

describe('types', () => {
  it('names each type and answers `is`', () => {
    const samples: [RulesValue, string][] = [
      [null, 'null'],
      [true, 'bool'],
      [1n, 'int'],
      [1.5, 'float'],
      ['s', 'string'],
      [bytes(1), 'bytes'],
      [list(), 'list'],
      [map({}), 'map'],
      [set(), 'set'],
      [pathOf(['a']), 'path'],
      [ts(0n), 'timestamp'],
      [dur(0n), 'duration'],
      [{ type: 'latlng', latitude: 0, longitude: 0 }, 'latlng'],
      [{ type: 'map_diff', left: map({}), right: map({}) }, 'map_diff'],
    ];
    for (const [value, name] of samples) expect(typeOf(value)).toBe(name);
    expect(isType(1n, 'number')).toBe(true);
    expect(isType(1.5, 'number')).toBe(true);
    expect(isType('1', 'number')).toBe(false);
    expect(isType(1n, 'float')).toBe(false);
    expect(isType(null, 'map')).toBe(false);
  });
});

describe('equality', () => {
  it('promotes int and float only at the top', () => {
    expect(equals(1n, 1.0)).toBe(true);
    expect(equals(list(1n), list(1.0))).toBe(false);
    expect(equals(map({ a: 1n }), map({ a: 1.0 }))).toBe(false);
    expect(equals(map({ a: list(1n) }), map({ a: list(1n) }))).toBe(true);
    expect(equals(list(0.0), list(-0.0))).toBe(false);
    expect(equals(0.0, -0.0)).toBe(true);
    expect(equals(Number.NaN, Number.NaN)).toBe(false);
  });

  it('compares different types as unequal, never as an error', () => {
    expect(equals('a', 1n)).toBe(false);
    expect(equals(true, 1n)).toBe(false);
    expect(equals(null, null)).toBe(true);
    expect(binary('!=', null, 1n)).toBe(true);
  });

  it('compares sets loosely and regardless of order', () => {
    expect(equals(set(1n, 2n), set(2n, 1n, 1n))).toBe(true);
    expect(equals(set(1.0), set(1n))).toBe(true);
    expect(equals(set(list(1n)), set(list(1.0)))).toBe(true);
    expect(set(1n, 1.0).items).toEqual([1n]);
    expect(equals(set(1n, 2n), list(1n, 2n))).toBe(false);
  });

  it('compares lists in order, and bytes, paths, timestamps, durations, latlngs by value', () => {
    expect(equals(list(1n, 2n), list(2n, 1n))).toBe(false);
    expect(equals(bytes(1, 2), bytes(1, 2))).toBe(true);
    expect(equals(pathOf(['a', 'b']), pathOf(['a', 'b']))).toBe(true);
    expect(equals(pathOf(['a', 'b']), pathOf(['a']))).toBe(false);
    expect(equals(ts(5n), ts(5n))).toBe(true);
    expect(equals(ts(5n), dur(5n))).toBe(false);
    expect(
      equals({ type: 'latlng', latitude: 1, longitude: 2 }, { type: 'latlng', latitude: 1, longitude: 2 }),
    ).toBe(true);
  });

  it('never finds two map diffs equal', () => {
    const diff: RulesValue = { type: 'map_diff', left: map({ a: 1n }), right: map({ a: 1n }) };
    expect(equals(diff, diff)).toBe(false);
  });
});

describe('ordering', () => {
  it('orders numbers (mixed), strings by UTF-16 units, bytes, durations and timestamps', () => {
    expect(binary('<', 1n, 1.5)).toBe(true);
    expect(binary('<=', 1n, 1.0)).toBe(true);
    expect(binary('>', 2n, 1n)).toBe(true);
    expect(binary('<', 'Z', 'a')).toBe(true);
    expect(binary('<', '\uE000', '😀')).toBe(false);
    expect(binary('<', bytes(0x61, 0x62), bytes(0x61, 0x63))).toBe(true);
    expect(binary('>=', ts(2n), ts(2n))).toBe(true);
    expect(binary('<', dur(-1n), dur(0n))).toBe(true);
  });

  it('makes every comparison with NaN false', () => {
    for (const op of ['<', '<=', '>', '>='] as const) expect(binary(op, Number.NaN, 1n)).toBe(false);
    expect(compare(Number.NaN, Number.NaN)).toBeNaN();
  });

  it('refuses to order anything else', () => {
    expect(evaluationError(() => binary('<', 1n, 'a'))).toBe(
      'Unsupported operation error. Received: int < string. Expected: string < string, bytes < bytes, int < int, float < float, duration < duration, timestamp < timestamp, constraint < any, any < constraint.',
    );
    expect(evaluationError(() => binary('>=', true, false))).toContain('Received: bool >= bool.');
    expect(evaluationError(() => binary('<', list(1n), list(2n)))).toContain('Received: list < list.');
    expect(evaluationError(() => binary('<', null, 1n))).toContain('Received: null < int.');
  });
});

describe('arithmetic', () => {
  it('computes with ints, truncating division and remainder like Java', () => {
    expect(binary('+', 2n, 3n)).toBe(5n);
    expect(binary('-', 2n, 3n)).toBe(-1n);
    expect(binary('*', -4n, 3n)).toBe(-12n);
    expect(binary('/', 5n, 2n)).toBe(2n);
    expect(binary('/', -5n, 2n)).toBe(-2n);
    expect(binary('%', -5n, 3n)).toBe(-2n);
  });

  it('errors on int overflow and division by zero, but wraps INT64_MIN / -1 as Firestore does', () => {
    const range = 'Integer value is out of the [-9223372036854775808, 9223372036854775807] range.';
    expect(evaluationError(() => binary('+', 9223372036854775807n, 1n))).toBe(range);
    expect(evaluationError(() => binary('*', 9223372036854775807n, 2n))).toBe(range);
    expect(evaluationError(() => unary('-', -9223372036854775808n))).toBe(range);
    expect(evaluationError(() => binary('/', 1n, 0n))).toBe('Divide by zero error.');
    expect(evaluationError(() => binary('%', 1n, 0n))).toBe('Divide by zero error.');
    expect(binary('/', -9223372036854775808n, -1n)).toBe(-9223372036854775808n);
    expect(binary('%', -9223372036854775808n, -1n)).toBe(0n);
  });

  it('computes with floats, int operands promoted', () => {
    expect(binary('+', 1n, 1.5)).toBe(2.5);
    expect(typeOf(binary('+', 1n, 1.0))).toBe('float');
    expect(binary('/', 1n, 2.0)).toBe(0.5);
    expect(binary('/', 1.0, 0n)).toBe(Infinity);
    expect(binary('%', 5.5, 2n)).toBe(1.5);
    expect(binary('%', 5.0, 0n)).toBeNaN();
  });

  it('concatenates strings and does time arithmetic', () => {
    expect(binary('+', 'a', 'b')).toBe('ab');
    expect(binary('+', dur(1n), dur(2n))).toEqual(dur(3n));
    expect(binary('+', dur(1n), ts(2n))).toEqual(ts(3n));
    expect(binary('+', ts(2n), dur(1n))).toEqual(ts(3n));
    expect(binary('-', ts(5n), dur(1n))).toEqual(ts(4n));
    expect(binary('-', ts(1_000_000_000n), ts(0n))).toEqual(dur(1_000_000_000n));
    expect(binary('-', dur(1n), dur(3n))).toEqual(dur(-2n));
    expect(unary('-', dur(3n))).toEqual(dur(-3n));
  });

  it('keeps timestamps and durations in their protobuf ranges', () => {
    const maxTimestamp = 253_402_300_799_999_999_999n;
    expect(evaluationError(() => binary('+', ts(maxTimestamp), dur(1n)))).toMatch(
      /^Timestamp is not valid\./,
    );
    expect(evaluationError(() => binary('+', dur(315_576_000_000_999_999_999n), dur(1n)))).toMatch(
      /^Duration is not valid\./,
    );
  });

  it('names the operand types it cannot combine', () => {
    expect(evaluationError(() => binary('+', 'a', 1n))).toBe(
      'Unsupported operation error. Received: string + int. Expected: int + int, float + float, string + string, duration + duration, duration + timestamp, timestamp + duration.',
    );
    expect(evaluationError(() => binary('+', list(1n), list(2n)))).toContain('Received: list + list.');
    expect(evaluationError(() => binary('-', dur(1n), ts(0n)))).toBe(
      'Unsupported operation error. Received: duration - timestamp. Expected: int - int, float - float, duration - duration, timestamp - duration, timestamp - timestamp.',
    );
    expect(evaluationError(() => binary('*', 'a', 2n))).toBe(
      'Unsupported operation error. Received: string * int. Expected: int * int, float * float.',
    );
    expect(evaluationError(() => binary('/', dur(1n), 2n))).toContain('Received: duration / int.');
    expect(evaluationError(() => binary('%', 'a', 1n))).toContain('Expected: int % int, float % float.');
  });
});

describe('unary, truthiness and logic', () => {
  it('negates bools and numbers only', () => {
    expect(unary('!', false)).toBe(true);
    expect(unary('-', 1.5)).toBe(-1.5);
    expect(evaluationError(() => unary('!', null))).toBe(
      'Unsupported operation error. Received: !null. Expected: !bool.',
    );
    expect(evaluationError(() => unary('-', 'a'))).toBe(
      'Unsupported operation error. Received: -string. Expected: -int, -float, -duration.',
    );
  });

  it('takes only booleans as conditions', () => {
    expect(truthy(true)).toBe(true);
    expect(truthy(false)).toBe(false);
    expect(evaluationError(() => truthy(1n))).toBe('Type error. Received: [int] Expected: [bool].');
    expect(evaluationError(() => truthy(null))).toBe('Type error. Received: [null] Expected: [bool].');
    expect(binary('&&', true, false)).toBe(false);
    expect(binary('||', false, true)).toBe(true);
    expect(evaluationError(() => binary('&&', true, 1n))).toBe(
      'Type error. Received: [int] Expected: [bool].',
    );
  });
});

describe('in', () => {
  it('finds list items of the same type, set members loosely, map keys', () => {
    expect(binary('in', 1n, list(1n, 2n))).toBe(true);
    expect(binary('in', 1n, list(1.0))).toBe(false);
    expect(binary('in', list(1n, 2n), list(list(1n, 2n)))).toBe(true);
    expect(binary('in', null, list(null))).toBe(true);
    expect(binary('in', 1n, set(1.0))).toBe(true);
    expect(binary('in', 'a', map({ a: 1n }))).toBe(true);
    expect(binary('in', 'b', map({ a: 1n }))).toBe(false);
  });

  it('refuses other containers and non-string map keys', () => {
    expect(evaluationError(() => binary('in', 1n, map({ '1': 2n })))).toBe(
      'Unsupported operation error. Received: map.in(int). Expected: map.in(string).',
    );
    expect(evaluationError(() => binary('in', 'a', 'abc'))).toBe('Function not found error: Name: [in].');
    expect(evaluationError(() => binary('in', 'a', pathOf(['a'])))).toBe(
      'Function not found error: Name: [in].',
    );
    expect(evaluationError(() => binary('in', 'a', null))).toBe('Null value error.');
  });
});

describe('member and index', () => {
  const m = map({ a: 1n, nested: map({ b: 'x' }) });

  it('reads map fields by name or key, and errors on missing ones', () => {
    expect(member(m, 'a')).toBe(1n);
    expect(member(member(m, 'nested'), 'b')).toBe('x');
    expect(index(m, 'a')).toBe(1n);
    expect(evaluationError(() => member(m, 'b'))).toBe('Property b is undefined on object.');
    expect(evaluationError(() => index(m, 'b'))).toBe('Property b is undefined on object.');
    expect(evaluationError(() => index(m, 1n))).toBe(
      'Unsupported operation error. Received: map[int]. Expected: map[string].',
    );
  });

  it('errors on members of null and of non-maps', () => {
    expect(evaluationError(() => member(null, 'a'))).toBe('Null value error.');
    expect(evaluationError(() => index(null, 0n))).toBe('Null value error.');
    expect(evaluationError(() => member('a', 'b'))).toBe(
      'Type error. Received: [string] Expected: [map,path].',
    );
    expect(evaluationError(() => member(pathOf(['a']), 'x'))).toBe('Property x is undefined on object.');
  });

  it('indexes lists, strings and paths from 0, without negative indexes', () => {
    expect(index(list(1n, 2n, 3n), 2n)).toBe(3n);
    expect(index('abc', 0n)).toBe('a');
    expect(index('😀', 0n)).toBe('\uD83D');
    expect(index(pathOf(['a', 'b']), 1n)).toBe('b');
    expect(evaluationError(() => index(list(1n, 2n, 3n), -1n))).toBe(
      'Index out of bound error. Index: [-1] , size: [3].',
    );
    expect(evaluationError(() => index('abc', 3n))).toBe('Index out of bound error. Index: [3] , size: [3].');
    expect(evaluationError(() => index(list(1n), 1.0))).toBe(
      'Unsupported operation error. Received: list[float]. Expected: list[int].',
    );
    expect(evaluationError(() => index(1n, 0n))).toBe('Function not found error: Name: [[]].');
    expect(evaluationError(() => index(bytes(1), 0n))).toBe('Function not found error: Name: [[]].');
  });

  it('refuses to index an unbound variable of a path template', () => {
    expect(evaluationError(() => index(pathOf(['a', '{x}']), 1n))).toBe(
      'Variable x is not bound in path template.',
    );
  });
});

describe('slice', () => {
  const abc = list(1n, 2n, 3n);

  it('slices lists, strings and paths, end exclusive', () => {
    expect(slice(abc, 1n, null)).toEqual(list(2n, 3n));
    expect(slice(abc, null, 2n)).toEqual(list(1n, 2n));
    expect(slice(abc, null, null)).toEqual(abc);
    expect(slice(abc, 1n, 1n)).toEqual(list());
    expect(slice('abcdef', 1n, 3n)).toBe('bc');
    expect(slice(pathOf(['a', 'b']), 1n, null)).toEqual(pathOf(['b']));
  });

  it('requires the first and last index taken to exist, as the official emulator', () => {
    expect(evaluationError(() => slice(abc, -2n, null))).toBe(
      'Index out of bound error. Index: [-2] , size: [3].',
    );
    expect(evaluationError(() => slice(abc, 3n, null))).toBe(
      'Index out of bound error. Index: [3] , size: [3].',
    );
    expect(evaluationError(() => slice(abc, 0n, 9n))).toBe(
      'Index out of bound error. Index: [8] , size: [3].',
    );
    expect(evaluationError(() => slice(abc, 0n, 0n))).toBe(
      'Index out of bound error. Index: [-1] , size: [3].',
    );
    expect(evaluationError(() => slice(abc, 2n, 1n))).toBe(
      'Illegal range error. From index: [2] , To index: [1].',
    );
    expect(evaluationError(() => slice('abc', 3n, null))).toBe(
      'Index out of bound error. Index: [3] , size: [3].',
    );
  });

  it('takes int bounds only, and only on lists, strings and paths', () => {
    expect(evaluationError(() => slice(abc, 1n, 2.0))).toBe(
      'Unsupported operation error. Received: list[int:float]. Expected: list[null:null], list[null:int], list[int:null], list[int:int].',
    );
    expect(evaluationError(() => slice(map({}), 0n, 1n))).toBe('Function not found error: Name: [@range].');
    expect(evaluationError(() => slice(null, 0n, 1n))).toBe('Null value error.');
  });
});

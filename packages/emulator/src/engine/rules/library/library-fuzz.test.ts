import { describe, expect, it } from 'vitest';
import { random as prng } from '../../test-support.js';
import type { BinaryOperator } from '../ast.js';
import { RulesEvaluationError, type RulesValue } from '../value.js';
import {
  binary,
  callGlobal,
  callMethod,
  compare,
  equals,
  index,
  listOf,
  mapOf,
  member,
  pathOf,
  setOf,
  slice,
  truthy,
  unary,
} from '../values.js';

// Random values through every operator, method and function: each call returns a value or throws a
// RulesEvaluationError (which denies), never another exception.

const CASES = 30_000;

const random = prng(4);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const INTS = [0n, 1n, -1n, 2n, 7n, 9223372036854775807n, -9223372036854775808n, 86400000n, 253402300800000n];
const FLOATS = [0, -0, 1.5, -2.5, Number.NaN, Infinity, -Infinity, 1e308, 5e-324, 2 ** 63, 0.1];
const STRINGS = [
  '',
  'a',
  'abc',
  'a/b',
  '😀',
  '\uD83D',
  '(',
  '.*',
  '$1',
  '\\',
  '%zz',
  '{x}',
  'w',
  'ms',
  '1e3',
  ' 7 ',
];
const NAMES = ['a', 'b', 'data', 'x', '__proto__', 'constructor', 'toString', ''];

function value(depth = 0): RulesValue {
  const kind = Math.floor(random() * (depth > 2 ? 9 : 14));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(INTS);
    case 3:
      return pick(FLOATS);
    case 4:
      return pick(STRINGS);
    case 5:
      return {
        type: 'bytes',
        bytes: new Uint8Array(Array.from({ length: pick([0, 1, 3]) }, () => pick([0, 97, 255]))),
      };
    case 6:
      return { type: 'timestamp', nanos: pick([0n, -1n, 253402300799999999999n, -62135596800000000000n]) };
    case 7:
      return { type: 'duration', nanos: pick([0n, -1n, 1_500_000_000n, 315576000000999999999n]) };
    case 8:
      return { type: 'latlng', latitude: pick([0, 90, -45.5]), longitude: pick([0, 180, 10]) };
    case 9:
      return listOf(Array.from({ length: pick([0, 1, 3]) }, () => value(depth + 1)));
    case 10:
      return mapOf(Array.from({ length: pick([0, 1, 3]) }, () => [pick(NAMES), value(depth + 1)] as const));
    case 11:
      return setOf(Array.from({ length: pick([0, 2]) }, () => value(depth + 1)));
    case 12:
      return pathOf(Array.from({ length: pick([0, 1, 3]) }, () => pick(['a', '{x}', '{y=**}', 'b c'])));
    default: {
      const left = mapOf([[pick(NAMES), value(depth + 1)]]);
      return { type: 'map_diff', left, right: mapOf([[pick(NAMES), value(depth + 1)]]) };
    }
  }
}

const OPERATORS: BinaryOperator[] = [
  '||',
  '&&',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  '+',
  '-',
  '*',
  '/',
  '%',
];
const METHODS = [
  ...['lower', 'upper', 'matches', 'replace', 'size', 'split', 'toUtf8', 'trim'],
  ...['concat', 'hasAll', 'hasAny', 'hasOnly', 'join', 'removeAll', 'toSet'],
  ...['diff', 'get', 'keys', 'values', 'difference', 'intersection', 'union'],
  ...['addedKeys', 'removedKeys', 'changedKeys', 'unchangedKeys', 'affectedKeys', 'bind'],
  ...['date', 'day', 'dayOfWeek', 'dayOfYear', 'hours', 'minutes', 'month', 'nanos', 'seconds', 'time'],
  ...[
    'toMillis',
    'year',
    'distance',
    'latitude',
    'longitude',
    'toBase64',
    'toHexString',
    'nope',
    'constructor',
  ],
];
const FUNCTIONS = [
  ...['int', 'float', 'string', 'path', 'debug', 'bool', 'constructor', 'hasOwnProperty'],
  ...['math.abs', 'math.ceil', 'math.floor', 'math.round', 'math.sqrt', 'math.pow', 'math.isNaN'],
  ...['math.isInfinite', 'hashing.crc32', 'hashing.crc32c', 'hashing.md5', 'hashing.sha256'],
  ...['timestamp.date', 'timestamp.value', 'duration.abs', 'duration.time', 'duration.value', 'latlng.value'],
  ...['math.constructor', 'nope.abs'],
];

const args = () => Array.from({ length: pick([0, 1, 1, 2, 2, 3, 4]) }, () => value(1));

const CALLS: (() => unknown)[] = [
  () => binary(pick(OPERATORS), value(), value()),
  () => unary(pick(['!', '-'] as const), value()),
  () => truthy(value()),
  () => member(value(), pick(NAMES)),
  () => index(value(), value(2)),
  () => slice(value(), pick([null, ...INTS.slice(0, 4)]), pick([null, ...INTS.slice(0, 4), 1.5])),
  () => callMethod(value(), pick(METHODS), args()),
  () => callGlobal(pick(FUNCTIONS), args()),
  () => equals(value(), value()),
  () => compare(value(), value()),
];

describe('value library fuzz', () => {
  it(`answers ${CASES} random calls with a value or a RulesEvaluationError`, () => {
    const crashes: string[] = [];
    let errors = 0;
    for (let i = 0; i < CASES; i++) {
      const call = pick(CALLS);
      try {
        call();
      } catch (e) {
        if (e instanceof RulesEvaluationError) errors++;
        else crashes.push(`${call.toString().slice(6, 60)}: ${e}`);
      }
    }
    expect(crashes.slice(0, 10)).toEqual([]);
    // Both outcomes occur, so the cases exercise more than type errors.
    expect(errors).toBeGreaterThan(CASES / 10);
    expect(errors).toBeLessThan(CASES);
  });
});

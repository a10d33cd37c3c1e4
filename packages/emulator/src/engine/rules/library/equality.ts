import { compareBytes } from '@kindling/core';
import type { RulesMap, RulesValue } from '../value.js';
import { unsupported } from './errors.js';
import { Membership } from './membership.js';
import { templateVariable } from './path-template.js';
import { typeOf } from './types.js';

// Firestore compares in four ways, all observed on the official emulator:
// - `==` promotes int/float at the top only: `1 == 1.0` and `0.0 == -0.0`, but `[1] != [1.0]`;
// - between list or map items (deep), types must match and so must the sign of a zero: `[0.0] != [-0.0]`,
//   and NaN equals nothing (`[NaN] != [NaN]`);
// - `in` on a list and the list methods (hasAny, removeAll…) need the same type, then compare like `==`:
//   `1 in [1.0]` is false, `-0.0 in [0.0]` true;
// - sets and map diffs compare numbers by value, NaN included, deep: `[[1]].toSet() == [[1.0]].toSet()`,
//   `[NaN, NaN].toSet()` has one item, and a field changed from 1 to 1.0 is not in `changedKeys()`.

const isNumber = (v: RulesValue): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';

/** The `==` operator. */
export function equals(a: RulesValue, b: RulesValue): boolean {
  if (isNumber(a) && isNumber(b)) return typeof a === typeof b ? a === b : Number(a) === Number(b);
  return strictEquals(a, b);
}

/** Equality of items inside lists and maps: same type, same value, same sign of zero. */
function strictEquals(a: RulesValue, b: RulesValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b && Object.is(a, b);
  return structurallyEqual(a, b, strictEquals);
}

/** Whether a list holds `item` (`in`, hasAll…): same type, then `==`. */
export function sameTypeEquals(a: RulesValue, b: RulesValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return strictEquals(a, b);
}

/** Items indexed for `in` and the list methods (same-type equality). */
export const listMembership = (items: Iterable<RulesValue> = []) =>
  new Membership(sameTypeEquals, false, items);

/** Items indexed as set members (loose equality). */
export const setMembership = (items: Iterable<RulesValue> = []) => new Membership(looseEquals, true, items);

/** Equality of set members and map-diff values: numbers compare by value (NaN equals NaN), deep. */
export function looseEquals(a: RulesValue, b: RulesValue): boolean {
  if (isNumber(a) && isNumber(b)) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
    return Number(a) === Number(b) || (Number.isNaN(Number(a)) && Number.isNaN(Number(b)));
  }
  return structurallyEqual(a, b, looseEquals);
}

function structurallyEqual(
  a: RulesValue,
  b: RulesValue,
  item: (x: RulesValue, y: RulesValue) => boolean,
): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  switch (a.type) {
    case 'list':
      return (
        b.type === 'list' && sameLength(a.items, b.items) && a.items.every((x, i) => item(x, b.items[i]))
      );
    case 'map':
      return b.type === 'map' && mapsEqual(a, b, item);
    case 'set': {
      if (b.type !== 'set' || !sameLength(a.items, b.items)) return false;
      // Both hold distinct items, so the same size and a ⊆ b make them equal.
      const members = setMembership(b.items);
      return a.items.every((x) => members.has(x));
    }
    case 'bytes':
      return b.type === 'bytes' && sameLength(a.bytes, b.bytes) && a.bytes.every((x, i) => x === b.bytes[i]);
    case 'path':
      // A template with a variable still unbound (`path('/a/{x}')`) equals nothing, as on the official emulator.
      return (
        b.type === 'path' &&
        sameLength(a.segments, b.segments) &&
        a.segments.every((s, i) => s === b.segments[i] && templateVariable(s) === null)
      );
    case 'timestamp':
    case 'duration':
      return b.type === a.type && a.nanos === b.nanos;
    case 'latlng':
      return b.type === 'latlng' && a.latitude === b.latitude && a.longitude === b.longitude;
    case 'map_diff':
      // The official emulator never finds two diffs equal.
      return false;
  }
}

const sameLength = (a: ArrayLike<unknown>, b: ArrayLike<unknown>) => a.length === b.length;

function mapsEqual(a: RulesMap, b: RulesMap, item: (x: RulesValue, y: RulesValue) => boolean): boolean {
  if (a.entries.size !== b.entries.size) return false;
  for (const [key, value] of a.entries) {
    const other = b.entries.get(key);
    if (other === undefined || !item(value, other)) return false;
  }
  return true;
}

const ORDERED = [
  'string < string',
  'bytes < bytes',
  'int < int',
  'float < float',
  'duration < duration',
  'timestamp < timestamp',
  'constraint < any',
  'any < constraint',
];

/**
 * Orders two values where rules allow `<`: numbers (int and float mixed), strings (by UTF-16 units, as the
 * official emulator), bytes, durations, timestamps. NaN compares as NaN, so every comparison with it is false.
 * Anything else throws, naming `operator` in the message.
 */
export function compare(a: RulesValue, b: RulesValue, operator = '<'): number {
  if (isNumber(a) && isNumber(b)) {
    // int against float promotes the int, as Java does; NaN is unordered.
    return typeof a === typeof b ? order(a, b) : order(Number(a), Number(b));
  }
  if (typeof a === 'string' && typeof b === 'string') return order(a, b);
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    if (a.type === 'bytes' && b.type === 'bytes') return compareBytes(a.bytes, b.bytes);
    if ((a.type === 'timestamp' || a.type === 'duration') && b.type === a.type) {
      return order(a.nanos, b.nanos);
    }
  }
  throw unsupported(
    `${typeOf(a)} ${operator} ${typeOf(b)}`,
    ORDERED.map((s) => s.replace('<', operator)),
  );
}

function order<T extends bigint | number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN;
}

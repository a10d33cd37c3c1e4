import { compareUtf8 } from '@kindling/core';
import type { RulesMap, RulesMapDiff, RulesValue } from '../../value.js';
import { listOf, setOf } from '../construct.js';
import { looseEquals } from '../equality.js';
import { typeError } from '../errors.js';
import { fn, type MethodTable } from '../signature.js';
import { typeOf } from '../types.js';

/**
 * `map.get(['a', 'b'], d)` walks nested maps; any missing step (or a non-map on the way) gives `d`. Each step
 * must be a string.
 */
function lookup(map: RulesMap, key: RulesValue, fallback: RulesValue): RulesValue {
  if (typeof key === 'string') return map.entries.get(key) ?? fallback;
  let current: RulesValue = map;
  for (const step of (key as { items: RulesValue[] }).items) {
    if (typeof step !== 'string') throw typeError(typeOf(step), ['string']);
    if (current === null || typeof current !== 'object' || current.type !== 'map') return fallback;
    const next: RulesValue | undefined = current.entries.get(step);
    if (next === undefined) return fallback;
    current = next;
  }
  return current;
}

// keys() is sorted by code point; values() keeps the map's own order (both as the official emulator answers).
const sortedKeys = (m: RulesMap) => [...m.entries.keys()].sort(compareUtf8);

export const mapMethods: MethodTable<RulesMap> = {
  diff: fn(
    ['map'],
    (left, [right]) => ({ type: 'map_diff', left, right: right as RulesMap }) satisfies RulesMapDiff,
  ),
  get: {
    overloads: [
      ['string', 'any'],
      ['list', 'any'],
    ],
    run: (m, [key, fallback]) => lookup(m, key, fallback),
  },
  keys: fn([], (m) => listOf(sortedKeys(m))),
  size: fn([], (m) => BigInt(m.entries.size)),
  values: fn([], (m) => listOf([...m.entries.values()])),
};

/** Keys of the diff's receiver map (`left`) against its argument (`right`), compared loosely. */
function keysWhere(d: RulesMapDiff, keep: (inLeft: boolean, inRight: boolean, same: boolean) => boolean) {
  const keys = new Set([...d.left.entries.keys(), ...d.right.entries.keys()]);
  const chosen = [...keys].filter((k) => {
    const l = d.left.entries.get(k);
    const r = d.right.entries.get(k);
    return keep(l !== undefined, r !== undefined, l !== undefined && r !== undefined && looseEquals(l, r));
  });
  return setOf(chosen.sort(compareUtf8));
}

export const mapDiffMethods: MethodTable<RulesMapDiff> = {
  addedKeys: fn([], (d) => keysWhere(d, (l, r) => l && !r)),
  removedKeys: fn([], (d) => keysWhere(d, (l, r) => !l && r)),
  changedKeys: fn([], (d) => keysWhere(d, (l, r, same) => l && r && !same)),
  unchangedKeys: fn([], (d) => keysWhere(d, (l, r, same) => l && r && same)),
  affectedKeys: fn([], (d) => keysWhere(d, (l, r, same) => !(l && r && same))),
};

import { compareUtf8 } from '@kindling/core';
import type { RulesValue } from '../value.js';

/**
 * Items indexed for membership tests, so `toSet()`, `hasAll()`, `removeAll()` and set algebra stay linear on
 * lists of thousands of items. Items hash to a bucket by a key coarser than the equality (ints and floats
 * share keys when `unifyNumbers`, a zero's sign is ignored); the equality itself decides within a bucket.
 */
export class Membership {
  private readonly buckets = new Map<string, RulesValue[]>();

  /** `unifyNumbers`: whether `same` may find an int equal to a float. */
  constructor(
    private readonly same: (a: RulesValue, b: RulesValue) => boolean,
    private readonly unifyNumbers: boolean,
    items: Iterable<RulesValue> = [],
  ) {
    for (const item of items) this.add(item);
  }

  /** Adds `item` unless an equal one is there; true when added. */
  add(item: RulesValue): boolean {
    const key = bucketKey(item, this.unifyNumbers);
    const bucket = this.buckets.get(key);
    if (bucket === undefined) {
      this.buckets.set(key, [item]);
      return true;
    }
    if (bucket.some((x) => this.same(x, item))) return false;
    bucket.push(item);
    return true;
  }

  has(item: RulesValue): boolean {
    return this.buckets.get(bucketKey(item, this.unifyNumbers))?.some((x) => this.same(x, item)) ?? false;
  }
}

let mapDiffs = 0;

function bucketKey(v: RulesValue, unifyNumbers: boolean): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean':
      return v ? 't' : 'f';
    case 'bigint':
      return unifyNumbers ? `d${Number(v)}` : `i${v}`;
    case 'number':
      // String(-0) is '0': both zeros share a bucket.
      return unifyNumbers ? `d${v}` : `f${v}`;
    case 'string':
      return `s${JSON.stringify(v)}`;
  }
  const inner = (x: RulesValue) => bucketKey(x, unifyNumbers);
  switch (v.type) {
    case 'list':
      return `l[${v.items.map(inner).join(',')}]`;
    case 'set':
      // Order-free, and always by value: sets compare loosely wherever they are.
      return `e[${v.items
        .map((x) => bucketKey(x, true))
        .sort()
        .join(',')}]`;
    case 'map':
      return `m{${[...v.entries.keys()]
        .sort(compareUtf8)
        .map((k) => `${JSON.stringify(k)}:${inner(v.entries.get(k) ?? null)}`)
        .join(',')}}`;
    case 'bytes':
      return `y${v.bytes.join('.')}`;
    case 'path':
      return `p${JSON.stringify(v.segments)}`;
    case 'timestamp':
    case 'duration':
      return `${v.type[0]}${v.nanos}`;
    case 'latlng':
      return `g${v.latitude},${v.longitude}`;
    case 'map_diff':
      // Equal to nothing, itself included.
      return `x${mapDiffs++}`;
  }
}

import { RulesEvaluationError, type RulesValue } from '../value.js';
import { listOf, pathOf } from './construct.js';
import {
  functionNotFound,
  illegalRange,
  indexOutOfBounds,
  nullValue,
  propertyUndefined,
  typeError,
  unsupported,
} from './errors.js';
import { templateVariable } from './path-template.js';
import { typeOf } from './types.js';

/** `v.name`: a map's field; a missing field is an error (use `name in map` or `map.get` to test). */
export function member(v: RulesValue, name: string): RulesValue {
  if (v === null) throw nullValue();
  if (typeof v === 'object' && v.type === 'map') {
    const field = v.entries.get(name);
    if (field === undefined) throw propertyUndefined(name);
    return field;
  }
  // Paths take the member syntax but have no named members.
  if (typeof v === 'object' && v.type === 'path') throw propertyUndefined(name);
  throw typeError(typeOf(v), ['map', 'path']);
}

/** `v[i]`: a list item, a string's UTF-16 unit, a path segment (all by int, no negatives) or a map field. */
export function index(v: RulesValue, i: RulesValue): RulesValue {
  if (v === null) throw nullValue();
  if (typeof v === 'string') return v[position(i, v.length, 'string')];
  if (typeof v === 'object') {
    switch (v.type) {
      case 'list':
        return v.items[position(i, v.items.length, 'list')];
      case 'path': {
        if (typeof i === 'string') return member(v, i);
        const segment = v.segments[position(i, v.segments.length, 'path')];
        const variable = templateVariable(segment);
        if (variable)
          throw new RulesEvaluationError(`Variable ${variable.name} is not bound in path template.`);
        return segment;
      }
      case 'map':
        if (typeof i !== 'string') throw unsupported(`map[${typeOf(i)}]`, ['map[string]']);
        return member(v, i);
    }
  }
  throw functionNotFound('[]');
}

function position(i: RulesValue, size: number, type: string): number {
  if (typeof i !== 'bigint') throw unsupported(`${type}[${typeOf(i)}]`, [`${type}[int]`]);
  if (i < 0n || i >= BigInt(size)) throw indexOutOfBounds(i, size);
  return Number(i);
}

/**
 * `v[start:end]` of a list, string or path, end exclusive. As on the official emulator, the first and the
 * last index taken must both exist, so an empty result only comes from `[k:k]` inside the value.
 */
export function slice(v: RulesValue, start: RulesValue, end: RulesValue): RulesValue {
  if (v === null) throw nullValue();
  if (typeof v === 'string') {
    const [from, to] = bounds(v.length, start, end, 'string');
    return v.slice(from, to);
  }
  if (typeof v === 'object' && v.type === 'list') {
    const [from, to] = bounds(v.items.length, start, end, 'list');
    return listOf(v.items.slice(from, to));
  }
  if (typeof v === 'object' && v.type === 'path') {
    const [from, to] = bounds(v.segments.length, start, end, 'path');
    return pathOf(v.segments.slice(from, to));
  }
  throw functionNotFound('@range');
}

function bounds(size: number, start: RulesValue, end: RulesValue, type: string): [number, number] {
  if ((start !== null && typeof start !== 'bigint') || (end !== null && typeof end !== 'bigint')) {
    throw unsupported(
      `${type}[${typeOf(start)}:${typeOf(end)}]`,
      ['null:null', 'null:int', 'int:null', 'int:int'].map((b) => `${type}[${b}]`),
    );
  }
  const from = start ?? 0n;
  const to = end ?? BigInt(size);
  if (from < 0n || from >= BigInt(size)) throw indexOutOfBounds(from, size);
  if (to - 1n < 0n || to - 1n >= BigInt(size)) throw indexOutOfBounds(to - 1n, size);
  if (from > to) throw illegalRange(from, to);
  return [Number(from), Number(to)];
}

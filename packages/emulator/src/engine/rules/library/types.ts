import type { TypeName } from '../ast.js';
import type { RulesValue } from '../value.js';

/** The concrete type of a value, as error messages name it (`int`, `map`, `null`…). */
export type ValueType = Exclude<TypeName, 'number' | 'constraint'> | 'null';

export function typeOf(v: RulesValue): ValueType {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    default:
      return v.type;
  }
}

/**
 * `v is T`: `number` accepts int and float; `constraint` only exists inside the query prover. `v is set` is
 * false even for a set, as on the official emulator.
 */
export function isType(v: RulesValue, t: TypeName): boolean {
  const actual = typeOf(v);
  if (t === 'number') return actual === 'int' || actual === 'float';
  return actual === t && t !== 'set';
}

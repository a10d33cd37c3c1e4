import { arrayValues, canonicalValue, isArray, isMap, mapFields } from '../model/index.js';
import type { Value } from '../protocol/v1.js';

/**
 * A query operand in the form Firestore stores values (integers canonical, timestamps cut to microseconds, …);
 * INVALID_ARGUMENT when malformed. Unlike document values, operands may nest arrays in arrays (`in [[1]]`).
 */
export function canonicalOperand(v: Value): Value {
  if (isArray(v)) return { arrayValue: { values: arrayValues(v).map(canonicalOperand) } };
  if (isMap(v)) {
    const fields = Object.entries(mapFields(v)).map(([k, field]) => [k, canonicalOperand(field)]);
    return { mapValue: { fields: Object.fromEntries(fields) } };
  }
  return canonicalValue(v);
}

/**
 * The operand a filter or cursor compares with. The official emulator stores array and map operands (so `in`,
 * `not-in` and `array-contains-any` lists too) as it stores documents, timestamps cut to microseconds, but
 * compares a scalar as sent: `in [t + 500ns]` matches t where `== t + 500ns` does not.
 */
export const storedForm = (v: Value): Value => (isArray(v) || isMap(v) ? canonicalOperand(v) : v);

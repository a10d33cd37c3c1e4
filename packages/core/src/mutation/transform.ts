import { formatFieldPath, getField, isPrefixPath, parseFieldPath, setField } from '../model/field-path.js';
import { INT64_MAX, INT64_MIN, outsideInt64 } from '../model/int64.js';
import { hasJsonShape } from '../model/json-shape.js';
import { formatTimestamp, parseTimestamp } from '../model/timestamp.js';
import {
  arrayValue,
  arrayValues,
  canonicalValue,
  compareNumbers,
  doubleValue,
  integerOf,
  isArray,
  isInteger,
  isNaNValue,
  isNumber,
  toNumber,
  valueEquals,
} from '../model/value.js';
import type { ArrayValue, FieldTransform, Value } from '../protocol/v1.js';
import { invalidArgument } from '../status.js';

/** Firestore refuses more field transforms than this on one document in one write. */
export const MAX_FIELD_TRANSFORMS = 500;

const OPERATIONS = [
  'setToServerValue',
  'increment',
  'maximum',
  'minimum',
  'appendMissingElements',
  'removeAllFromArray',
] as const;
type Operation = (typeof OPERATIONS)[number];

/** The one operation a field transform sets → INVALID_ARGUMENT when it sets none or several. */
export function transformOperation(t: FieldTransform): Operation {
  const set = OPERATIONS.filter((op) => t[op] !== undefined);
  if (set.length === 0) throw invalidArgument('Operation type must be specified for field transformation.');
  if (set.length > 1) {
    throw invalidArgument(`A field transformation must set exactly one operation, got ${set.join(', ')}.`);
  }
  return set[0];
}

function checkNumericOperand(v: Value | undefined): void {
  if (!v || !isNumber(canonicalValue(v))) throw invalidArgument('Input must be int64 or double.');
}

function checkArrayOperand(a: ArrayValue | undefined, where: string): void {
  canonicalValue({ arrayValue: a ?? {} }, where);
}

/**
 * Checks a list of field transforms as Firestore does: valid paths (not `__name__`), one operation each with a
 * valid operand, no transform of a field together with one of its nested fields, at most 500.
 */
export function validateFieldTransforms(transforms: FieldTransform[]): void {
  if (!hasJsonShape(transforms, 'array')) {
    throw invalidArgument(
      `Invalid field transforms: expected a JSON array, got ${JSON.stringify(transforms)}.`,
    );
  }
  if (transforms.length > MAX_FIELD_TRANSFORMS) {
    throw invalidArgument(
      `A document cannot be written because it has ${transforms.length} field transforms, more than the maximum of ${MAX_FIELD_TRANSFORMS}.`,
    );
  }
  const paths: string[][] = [];
  for (const t of transforms) {
    if (!hasJsonShape(t, 'object')) {
      throw invalidArgument(`Invalid field transform: expected a JSON object, got ${JSON.stringify(t)}.`);
    }
    const path = parseFieldPath(t.fieldPath);
    if (path.length === 1 && path[0] === '__name__')
      throw invalidArgument('Field transforms cannot target __name__.');
    switch (transformOperation(t)) {
      case 'setToServerValue':
        if (t.setToServerValue !== 'REQUEST_TIME') {
          throw invalidArgument('ServerValue type must be specified for set_to_server_value transformation.');
        }
        break;
      case 'increment':
        checkNumericOperand(t.increment);
        break;
      case 'maximum':
        checkNumericOperand(t.maximum);
        break;
      case 'minimum':
        checkNumericOperand(t.minimum);
        break;
      case 'appendMissingElements':
        checkArrayOperand(t.appendMissingElements, t.fieldPath);
        break;
      case 'removeAllFromArray':
        checkArrayOperand(t.removeAllFromArray, t.fieldPath);
        break;
    }
    paths.push(path);
  }
  for (const a of paths) {
    for (const b of paths) {
      if (a.length < b.length && isPrefixPath(a, b)) {
        throw invalidArgument(
          `Cannot transform property ${formatFieldPath(a)} and its nested property at the same time.`,
        );
      }
    }
  }
}

function increment(current: Value | undefined, operand: Value): Value {
  if (!current || !isNumber(current)) return operand;
  if (isInteger(current) && isInteger(operand)) {
    // Firestore saturates at the int64 bounds instead of overflowing.
    const sum = integerOf(current) + integerOf(operand);
    return { integerValue: (outsideInt64(sum) ? (sum < 0n ? INT64_MIN : INT64_MAX) : sum).toString() };
  }
  return doubleValue(toNumber(current) + toNumber(operand));
}

// NaN wins over any number for both maximum and minimum; equal numbers keep the stored value (and its type).
function extremum(current: Value | undefined, operand: Value, sign: 1 | -1): Value {
  if (!current || !isNumber(current)) return operand;
  if (isNaNValue(current)) return current;
  if (isNaNValue(operand)) return operand;
  return compareNumbers(operand, current) * sign > 0 ? operand : current;
}

function union(current: Value | undefined, elements: Value[]): Value {
  const values = current && isArray(current) ? [...arrayValues(current)] : [];
  for (const e of elements) {
    if (!values.some((v) => valueEquals(v, e))) values.push(e);
  }
  return arrayValue(values);
}

function removeAll(current: Value | undefined, elements: Value[]): Value {
  const values = current && isArray(current) ? arrayValues(current) : [];
  return arrayValue(values.filter((v) => !elements.some((e) => valueEquals(v, e))));
}

const NULL_RESULT: Value = { nullValue: null };

// REQUEST_TIME is "the time at which the server processed the request, with millisecond precision" (the proto's
// words); the commit time, truncated, gives every server timestamp in one commit the same value.
function requestTime(commitTime: string): Value {
  const t = parseTimestamp(commitTime);
  return { timestampValue: formatTimestamp({ seconds: t.seconds, nanos: t.nanos - (t.nanos % 1_000_000) }) };
}

/**
 * Applies validated field transforms in order to `fields`; returns the new fields and one result per transform
 * (the new value, or null for the array transforms, as Firestore answers).
 */
export function applyFieldTransforms(
  fields: Record<string, Value>,
  transforms: FieldTransform[],
  commitTime: string,
): { fields: Record<string, Value>; results: Value[] } {
  const results: Value[] = [];
  for (const t of transforms) {
    const path = parseFieldPath(t.fieldPath);
    const current = getField(fields, path);
    let value: Value;
    let result: Value;
    switch (transformOperation(t)) {
      case 'setToServerValue':
        value = result = requestTime(commitTime);
        break;
      case 'increment':
        value = result = increment(current, canonicalValue(t.increment!));
        break;
      case 'maximum':
        value = result = extremum(current, canonicalValue(t.maximum!), 1);
        break;
      case 'minimum':
        value = result = extremum(current, canonicalValue(t.minimum!), -1);
        break;
      case 'appendMissingElements':
        value = union(current, arrayValues(canonicalValue({ arrayValue: t.appendMissingElements! })));
        result = NULL_RESULT;
        break;
      case 'removeAllFromArray':
        value = removeAll(current, arrayValues(canonicalValue({ arrayValue: t.removeAllFromArray! })));
        result = NULL_RESULT;
        break;
    }
    fields = setField(fields, path, value);
    results.push(result);
  }
  return { fields, results };
}

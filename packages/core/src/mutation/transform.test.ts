import { describe, expect, it } from 'vitest';
import { catchStatus } from '../model/catch-status.js';
import type { FieldTransform, Value } from '../protocol/v1.js';
import { applyFieldTransforms, validateFieldTransforms } from './transform.js';

const int = (n: number | string): Value => ({ integerValue: String(n) });
const dbl = (n: number | 'NaN' | 'Infinity'): Value => ({ doubleValue: n });
const str = (s: string): Value => ({ stringValue: s });
// Firestore's own form: an empty array has no `values`.
const arr = (...values: Value[]): Value => ({ arrayValue: values.length > 0 ? { values } : {} });
const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });
const NULL: Value = { nullValue: null };
const T = '2026-11-28T03:06:46.842292Z';

/** Applies one transform to field x holding `current` (absent when undefined); results as the emulator gave them. */
function one(current: Value | undefined, t: Omit<FieldTransform, 'fieldPath'>) {
  const { fields, results } = applyFieldTransforms(
    current ? { x: current } : {},
    [{ fieldPath: 'x', ...t }],
    T,
  );
  return { x: fields.x, result: results[0] };
}

describe('increment', () => {
  it('adds ints exactly and saturates at the int64 bounds', () => {
    expect(one(int(2), { increment: int(3) })).toEqual({ x: int(5), result: int(5) });
    expect(one(int('9223372036854775800'), { increment: int(100) }).x).toEqual(int('9223372036854775807'));
    expect(one(int('-9223372036854775800'), { increment: int(-100) }).x).toEqual(int('-9223372036854775808'));
  });

  it('gives a double when either side is a double', () => {
    expect(one(int(1), { increment: dbl(1.5) }).x).toEqual(dbl(2.5));
    expect(one(dbl(1.5), { increment: int(1) }).x).toEqual(dbl(2.5));
    expect(one(int(1), { increment: dbl(1) }).x).toEqual(dbl(2));
    expect(one(dbl('NaN'), { increment: int(1) }).x).toEqual(dbl('NaN'));
    expect(one(int(1), { increment: dbl('Infinity') }).x).toEqual(dbl('Infinity'));
    expect(one(int('9007199254740993'), { increment: dbl(0) }).x).toEqual(dbl(9007199254740992));
  });

  it('sets the operand on a missing or non-numeric field', () => {
    expect(one(undefined, { increment: int(3) })).toEqual({ x: int(3), result: int(3) });
    expect(one(str('s'), { increment: dbl(3) })).toEqual({ x: dbl(3), result: dbl(3) });
  });
});

describe('maximum and minimum', () => {
  it('keeps the stored value (and its type) when equal', () => {
    expect(one(int(1), { maximum: dbl(1) }).x).toEqual(int(1));
    expect(one(dbl(1), { maximum: int(1) }).x).toEqual(dbl(1));
    expect(one(int(1), { minimum: dbl(1) }).x).toEqual(int(1));
  });

  it('picks the larger or smaller number across types', () => {
    expect(one(int(1), { maximum: int(5) })).toEqual({ x: int(5), result: int(5) });
    expect(one(int(1), { minimum: dbl(0.5) })).toEqual({ x: dbl(0.5), result: dbl(0.5) });
    expect(one(int(7), { minimum: int(9) }).x).toEqual(int(7));
  });

  it('lets NaN win either way', () => {
    expect(one(dbl('NaN'), { maximum: int(1) }).x).toEqual(dbl('NaN'));
    expect(one(int(1), { maximum: dbl('NaN') }).x).toEqual(dbl('NaN'));
    expect(one(dbl('NaN'), { minimum: int(1) }).x).toEqual(dbl('NaN'));
    expect(one(int(1), { minimum: dbl('NaN') }).x).toEqual(dbl('NaN'));
  });

  it('sets the operand on a missing or non-numeric field', () => {
    expect(one(undefined, { maximum: int(5) }).x).toEqual(int(5));
    expect(one(str('s'), { minimum: int(5) }).x).toEqual(int(5));
  });
});

describe('array transforms', () => {
  it('appends only missing elements, by Firestore equality, answering null', () => {
    expect(
      one(arr(int(1), str('a')), { appendMissingElements: { values: [dbl(1), str('b'), str('b')] } }),
    ).toEqual({
      x: arr(int(1), str('a'), str('b')),
      result: NULL,
    });
    expect(one(arr(dbl('NaN')), { appendMissingElements: { values: [dbl('NaN')] } }).x).toEqual(
      arr(dbl('NaN')),
    );
    expect(one(arr(int(1), int(1)), { appendMissingElements: { values: [int(1), int(2)] } }).x).toEqual(
      arr(int(1), int(1), int(2)),
    );
    expect(
      one(arr(map({ a: int(1), b: int(2) })), {
        appendMissingElements: { values: [map({ b: dbl(2), a: int(1) })] },
      }).x,
    ).toEqual(arr(map({ a: int(1), b: int(2) })));
    expect(one(str('s'), { appendMissingElements: { values: [int(1)] } }).x).toEqual(arr(int(1)));
    expect(one(undefined, { appendMissingElements: { values: [int(1), int(1)] } }).x).toEqual(arr(int(1)));
    expect(one(undefined, { appendMissingElements: {} }).x).toEqual(arr());
  });

  it('removes every equal element, answering null', () => {
    expect(one(arr(int(1), dbl(1), str('a'), int(1)), { removeAllFromArray: { values: [int(1)] } })).toEqual({
      x: arr(str('a')),
      result: NULL,
    });
    expect(one(arr(dbl('NaN'), int(2)), { removeAllFromArray: { values: [dbl('NaN')] } }).x).toEqual(
      arr(int(2)),
    );
    expect(one(arr(dbl(-0)), { removeAllFromArray: { values: [dbl(0)] } }).x).toEqual(arr());
    expect(one(str('s'), { removeAllFromArray: { values: [int(1)] } }).x).toEqual(arr());
    expect(one(undefined, { removeAllFromArray: { values: [int(1)] } }).x).toEqual(arr());
  });
});

describe('applyFieldTransforms', () => {
  it('sets server timestamps to the commit time in milliseconds and works on nested and quoted paths', () => {
    const { fields, results } = applyFieldTransforms(
      { m: int(1) },
      [
        { fieldPath: 'm.`y z`', increment: int(1) },
        { fieldPath: 'm.x', setToServerValue: 'REQUEST_TIME' },
      ],
      '2026-11-28T03:06:46.842292123Z',
    );
    expect(fields).toEqual({
      m: map({ 'y z': int(1), x: { timestampValue: '2026-11-28T03:06:46.842Z' } }),
    });
    expect(results).toEqual([int(1), { timestampValue: '2026-11-28T03:06:46.842Z' }]);
  });

  it('applies repeated transforms of one field in order', () => {
    const { fields, results } = applyFieldTransforms(
      {},
      [
        { fieldPath: 'm', increment: int(1) },
        { fieldPath: 'm', increment: int(1) },
      ],
      T,
    );
    expect(fields).toEqual({ m: int(2) });
    expect(results).toEqual([int(1), int(2)]);
  });

  it('canonicalizes operands', () => {
    expect(one(undefined, { increment: { integerValue: '007' } }).x).toEqual(int(7));
  });
});

describe('validateFieldTransforms', () => {
  const check = (transforms: FieldTransform[]) => catchStatus(() => validateFieldTransforms(transforms));

  it('accepts valid transforms, up to 500', () => {
    expect(
      check(Array.from({ length: 500 }, (_, i) => ({ fieldPath: `f${i}`, increment: int(1) }))),
    ).toBeUndefined();
    expect(check([{ fieldPath: 'a', appendMissingElements: { values: [int(1)] } }])).toBeUndefined();
  });

  it('refuses what Firestore refuses, with its messages', () => {
    expect(check(Array.from({ length: 501 }, (_, i) => ({ fieldPath: `f${i}`, increment: int(1) })))).toEqual(
      {
        code: 3,
        message:
          'A document cannot be written because it has 501 field transforms, more than the maximum of 500.',
      },
    );
    expect(check([{ fieldPath: 'x', increment: str('s') }])).toEqual({
      code: 3,
      message: 'Input must be int64 or double.',
    });
    expect(check([{ fieldPath: 'x', maximum: arr() }])).toEqual({
      code: 3,
      message: 'Input must be int64 or double.',
    });
    expect(check([{ fieldPath: 'x', minimum: { integerValue: 'x' } }])?.code).toBe(3);
    expect(check([{ fieldPath: 'x', setToServerValue: 'SERVER_VALUE_UNSPECIFIED' }])).toEqual({
      code: 3,
      message: 'ServerValue type must be specified for set_to_server_value transformation.',
    });
    expect(check([{ fieldPath: 'x' }])).toEqual({
      code: 3,
      message: 'Operation type must be specified for field transformation.',
    });
    expect(check([{ fieldPath: 'x', increment: int(1), maximum: int(1) }])).toEqual({
      code: 3,
      message: 'A field transformation must set exactly one operation, got increment, maximum.',
    });
    expect(
      check([
        { fieldPath: 'm', increment: int(1) },
        { fieldPath: 'm.x', increment: int(1) },
      ]),
    ).toEqual({ code: 3, message: 'Cannot transform property m and its nested property at the same time.' });
    expect(check([{ fieldPath: 'a-b', increment: int(1) }])?.message).toMatch(
      /^Invalid property path "a-b"\./,
    );
    expect(check([{ increment: int(1) } as FieldTransform])).toEqual({
      code: 3,
      message: 'Invalid empty property path string.',
    });
    expect(check([{ fieldPath: '', increment: int(1) }])).toEqual({
      code: 3,
      message: 'Invalid empty property path string.',
    });
    expect(check([{ fieldPath: '__name__', increment: int(1) }])).toEqual({
      code: 3,
      message: 'Field transforms cannot target __name__.',
    });
    expect(check([{ fieldPath: 'x', appendMissingElements: { values: [arr()] } }])).toEqual({
      code: 3,
      message: "Invalid value for field 'x': Cannot convert an array value in an array value.",
    });
  });
});

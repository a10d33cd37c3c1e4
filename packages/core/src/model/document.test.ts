import { describe, expect, it } from 'vitest';
import type { Document, Value } from '../protocol/v1.js';
import { catchStatus } from './catch-status.js';
import { documentNameSize, documentSize, validateDocument, valueSize } from './document.js';

const DB = 'projects/demo-x/databases/(default)/documents';
const str = (s: string): Value => ({ stringValue: s });
const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });
const arr = (...values: Value[]): Value => ({ arrayValue: { values } });
const NULL: Value = { nullValue: null };

function nested(levels: number, alternate = false): Value {
  let v: Value = NULL;
  for (let k = 0; k < levels; k++) v = alternate && k % 2 === 0 ? arr(v) : map({ a: v });
  return v;
}

describe('documentSize', () => {
  it('follows the storage-size rules (the documented users/jeff/tasks/my_task_id example is 44 bytes)', () => {
    expect(documentNameSize(`${DB}/users/jeff/tasks/my_task_id`)).toBe(44);
    // Numeric ids are integers of 8 bytes: the official emulator takes t of 48,512 characters here, not 48,513.
    expect(documentNameSize(`${DB}/c/__id12345__`)).toBe(26);
    const numeric = (x: number): Document => ({
      name: `${DB}/c/__id12345__`,
      fields: { s: str('a'.repeat(1_000_000)), t: str('a'.repeat(x)) },
    });
    expect(documentSize(numeric(48512))).toBe(1_048_576);
    expect(
      documentSize({
        name: `${DB}/users/jeff/tasks/my_task_id`,
        fields: {
          type: str('Personal'),
          done: { booleanValue: false },
          priority: { integerValue: '1' },
          description: str('Learn Cloud Firestore'),
        },
      }),
    ).toBe(147);
  });

  it('sizes every value type', () => {
    expect(
      [
        NULL,
        { booleanValue: true },
        { integerValue: '1' },
        { doubleValue: 1.5 },
        { timestampValue: '2020-01-01T00:00:00Z' },
        { geoPointValue: { latitude: 0, longitude: 0 } },
        str('é'),
        { bytesValue: 'AQID' },
        { referenceValue: `${DB}/c/d` },
        arr({ integerValue: '1' }, str('ab')),
        map({ ab: { booleanValue: true } }),
      ].map(valueSize),
    ).toEqual([1, 1, 8, 8, 8, 16, 3, 3, 20, 11, 4]);
  });
});

describe('validateDocument', () => {
  const check = (fields: Record<string, Value>, name = `${DB}/c/d`) =>
    catchStatus(() => validateDocument({ name, fields }));

  it('accepts up to exactly 1 MiB (the largest document the official emulator takes)', () => {
    const doc: Document = {
      name: `${DB}/c/big2`,
      fields: { s: str('a'.repeat(1_000_000)), t: str('a'.repeat(48515)) },
    };
    expect(documentSize(doc)).toBe(1_048_576);
    expect(catchStatus(() => validateDocument(doc))).toBeUndefined();
    expect(check({ s: str('a'.repeat(1_000_000)), t: str('a'.repeat(48516)) }, `${DB}/c/big2`)).toEqual({
      code: 3,
      message: `Document "${DB}/c/big2" cannot be written because its size (1,048,577 bytes) exceeds the maximum allowed size of 1,048,576 bytes.`,
    });
  });

  it('puts the limit where the official emulator does for maps and arrays of every type', () => {
    const inMap = (x: number): Document => ({
      name: `${DB}/c/big4`,
      fields: { m: map({ k: str('a'.repeat(1_000_000)), j: str('a'.repeat(x)) }) },
    });
    expect(documentSize(inMap(48513))).toBe(1_048_576);
    expect(documentSize(inMap(48514))).toBe(1_048_577);
    const inArray = (x: number): Document => ({
      name: `${DB}/c/big4`,
      fields: {
        a: arr(
          str('a'.repeat(1_000_000)),
          { integerValue: '1' },
          { doubleValue: 1.5 },
          { booleanValue: true },
          NULL,
          { referenceValue: `${DB}/c/d` },
          { timestampValue: '2020-01-01T00:00:00Z' },
          { geoPointValue: { latitude: 1, longitude: 1 } },
          { bytesValue: 'AQID' },
        ),
        s: str('a'.repeat(x)),
      },
    });
    expect(catchStatus(() => validateDocument(inArray(48450)))).toBeUndefined();
    expect(catchStatus(() => validateDocument(inArray(48451)))?.code).toBe(3);
  });

  it('limits single strings and bytes to 1,048,487 bytes', () => {
    expect(check({ s: str('a'.repeat(1_048_487)) })).toBeUndefined();
    expect(check({ s: str('a'.repeat(1_048_488)) })).toEqual({
      code: 3,
      message: 'The value of property "s" is longer than 1048487 bytes.',
    });
    expect(check({ m: map({ 'x y': arr(str('a'.repeat(1_048_488))) }) })).toEqual({
      code: 3,
      message: 'The value of property "m.`x y`[0]" is longer than 1048487 bytes.',
    });
  });

  it('allows 20 levels of maps and arrays, not 21', () => {
    expect(check({ i: nested(20) })).toBeUndefined();
    expect(check({ i: nested(20, true) })).toBeUndefined();
    expect(check({ i: nested(21) })).toEqual({
      code: 3,
      message: `Property i${'.a'.repeat(20)} contains an invalid nested entity: maps and arrays nest more than 20 levels deep.`,
    });
    expect(check({ i: nested(21, true) })?.code).toBe(3);
  });

  it('refuses empty and reserved field names', () => {
    expect(check({ '': NULL })).toEqual({ code: 3, message: 'The property.name is the empty string.' });
    expect(check({ __x__: NULL })).toEqual({ code: 3, message: 'field name __x__ is reserved' });
    expect(check({ __name__: NULL })).toEqual({ code: 3, message: 'field name __name__ is reserved' });
    expect(check({ m: map({ __x__: NULL }) })).toEqual({
      code: 3,
      message: "field name '__x__' is reserved.",
    });
    expect(check({ m: map({ '': NULL }) })).toEqual({
      code: 3,
      message: 'Property m contains an invalid nested entity: an empty field name.',
    });
    expect(
      check({ 'a.b': NULL, v: map({ __type__: str('__vector__'), value: arr({ doubleValue: 1 }) }) }),
    ).toBeUndefined();
  });

  it('checks vectors as the official emulator does', () => {
    const vector = (values: Value[], extra: Record<string, Value> = {}) =>
      map({ __type__: str('__vector__'), value: arr(...values), ...extra });
    const d = (n: number | 'NaN'): Value => ({ doubleValue: n });
    expect(check({ v: vector(Array(2048).fill(d(1))) })).toBeUndefined();
    const bad = (v: Value, message: string) => expect(check({ v })).toEqual({ code: 3, message });
    bad(vector([]), 'Cannot have a zero length vector.');
    bad(vector(Array(2049).fill(d(1))), 'Vectors must be at most 2048 dimensions.');
    bad(vector([{ integerValue: '1' }]), "Vector must only contain values of type 'double'");
    bad(vector([d('NaN')]), 'Vector cannot contain NaN values.');
    bad(vector([d(1)], { x: NULL }), 'Vector Value map has extraneous entries.');
    bad(map({ __type__: str('__vector__') }), "Vector map is missing key 'value'.");
    bad(
      map({ __type__: str('__vector__'), value: { integerValue: '1' } }),
      'Vector Value type must be an array.',
    );
    bad(map({ __type__: { integerValue: '1' } }), 'Field __type__ is not a string.');
    bad(map({ __type__: str('other') }), "field name '__type__' is reserved.");
  });

  it('refuses invalid values and references, naming the field', () => {
    expect(check({ i: { integerValue: '1.5' } })).toEqual({
      code: 3,
      message: `Invalid value for field 'i': integerValue "1.5" is not a 64-bit integer`,
    });
    expect(check({ r: { referenceValue: `${DB}/c/${'a'.repeat(1501)}` } })).toEqual({
      code: 3,
      message: 'The key path element name is longer than 1500 bytes.',
    });
    expect(check({ r: { referenceValue: 'bad' } })).toEqual({
      code: 3,
      message: 'Resource name "bad" lacks "projects" at index 0.',
    });
    expect(check({ r: { referenceValue: `${DB}/a` } })).toEqual({
      code: 3,
      message: `Resource name "${DB}/a" lacks "/" at index 47.`,
    });
  });

  it('refuses fields that are not an object', () => {
    expect(
      catchStatus(() =>
        validateDocument({ name: `${DB}/c/d`, fields: [] as unknown as Record<string, Value> }),
      ),
    ).toEqual({
      code: 3,
      message: `Invalid document "${DB}/c/d": fields must be a JSON object, got [].`,
    });
  });

  it('refuses a bad document name', () => {
    expect(check({}, `${DB}/c`)).toEqual({
      code: 3,
      message: `Document name "${DB}/c" lacks "/" at index 47.`,
    });
    expect(check({}, `${DB}/c/${'a'.repeat(1501)}`)).toEqual({
      code: 3,
      message: 'The key path element name is longer than 1500 bytes.',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Value } from '../protocol/v1.js';
import { catchStatus } from './catch-status.js';
import {
  deleteField,
  formatFieldPath,
  getField,
  isPrefixPath,
  parseFieldPath,
  setField,
} from './field-path.js';

const int = (n: number): Value => ({ integerValue: String(n) });
const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });

const REGEX_HINT =
  'Unquoted property paths must match regex ([a-zA-Z_][a-zA-Z_0-9]*), and quoted property paths must match regex (`(?:[^`\\\\]|(?:\\\\.))+`)';

describe('parseFieldPath', () => {
  it('splits simple and backquoted segments', () => {
    expect(parseFieldPath('a')).toEqual(['a']);
    expect(parseFieldPath('a.b_1.C')).toEqual(['a', 'b_1', 'C']);
    expect(parseFieldPath('`a.b`.c')).toEqual(['a.b', 'c']);
    expect(parseFieldPath('`a\\`b`')).toEqual(['a`b']);
    expect(parseFieldPath('`a\\\\b`')).toEqual(['a\\b']);
    expect(parseFieldPath('`é`.`x y`')).toEqual(['é', 'x y']);
    expect(parseFieldPath('__name__')).toEqual(['__name__']);
    expect(parseFieldPath(Array(20).fill('a').join('.'))).toHaveLength(20);
    expect(parseFieldPath('a'.repeat(1499))).toEqual(['a'.repeat(1499)]);
  });

  it('refuses malformed paths with the official emulator messages', () => {
    for (const bad of [
      'a-b',
      'a..b',
      '1a',
      'a b',
      '`a',
      'a`b`',
      '`a\\x`',
      '``',
      'a.',
      '.a',
      'é',
      'a.`b',
      '`a`b',
    ]) {
      expect(catchStatus(() => parseFieldPath(bad))).toEqual({
        code: 3,
        message: `Invalid property path "${bad}". ${REGEX_HINT}`,
      });
    }
    expect(catchStatus(() => parseFieldPath(5 as unknown as string))).toEqual({
      code: 3,
      message: 'Invalid property path: expected a string, got 5.',
    });
    expect(catchStatus(() => parseFieldPath(''))).toEqual({
      code: 3,
      message: 'Invalid empty property path string.',
    });
    expect(catchStatus(() => parseFieldPath('a.__x__'))).toEqual({
      code: 3,
      message: 'Invalid reserved name in field path __x__',
    });
    expect(catchStatus(() => parseFieldPath('`__x__`'))).toEqual({
      code: 3,
      message: 'Invalid reserved name in field path __x__',
    });
    expect(catchStatus(() => parseFieldPath('`__y__`.`a\\\\b`.`a.b`'))).toEqual({
      code: 3,
      message: 'Invalid reserved name in field path __y__.a\\b.a.b',
    });
    expect(catchStatus(() => parseFieldPath('__name__.`__y__`.__name__'))).toEqual({
      code: 3,
      message: 'Invalid reserved name in field path __y__.__key__',
    });
    expect(catchStatus(() => parseFieldPath('a.__name__'))).toEqual({
      code: 3,
      message: 'the name __key__ is reserved',
    });
    expect(catchStatus(() => parseFieldPath('a'.repeat(1500)))).toEqual({
      code: 3,
      message: 'property path is longer than 1500 bytes.',
    });
    expect(catchStatus(() => parseFieldPath(Array(21).fill('a').join('.')))).toEqual({
      code: 3,
      message: 'paths must have at most 20 elements',
    });
  });
});

describe('formatFieldPath', () => {
  it('backquotes and escapes only segments that need it', () => {
    expect(formatFieldPath(['a', 'b_1'])).toBe('a.b_1');
    expect(formatFieldPath(['a.b', 'c'])).toBe('`a.b`.c');
    expect(formatFieldPath(['a`b', 'c\\d', '1x', ''])).toBe('`a\\`b`.`c\\\\d`.`1x`.``');
  });

  it('round-trips through parseFieldPath', () => {
    for (const segments of [['a'], ['a.b', 'x y'], ['a`b\\c'], ['é', '1']]) {
      expect(parseFieldPath(formatFieldPath(segments))).toEqual(segments);
    }
  });
});

describe('getField / setField / deleteField', () => {
  const fields = { a: map({ b: int(1), c: map({ d: int(2) }) }), x: int(3) };

  it('reads through maps only', () => {
    expect(getField(fields, ['a', 'b'])).toEqual(int(1));
    expect(getField(fields, ['a', 'c', 'd'])).toEqual(int(2));
    expect(getField(fields, ['a'])).toEqual(fields.a);
    expect(getField(fields, ['x', 'y'])).toBeUndefined();
    expect(getField(fields, ['a', 'z'])).toBeUndefined();
    expect(getField(undefined, ['a'])).toBeUndefined();
    expect(getField({}, ['toString'])).toBeUndefined();
    expect(getField({ a: { mapValue: {} } }, ['a', 'b'])).toBeUndefined();
  });

  it('sets without touching the input, creating or replacing parents', () => {
    const before = structuredClone(fields);
    expect(setField(fields, ['a', 'c', 'e'], int(9))).toEqual({
      a: map({ b: int(1), c: map({ d: int(2), e: int(9) }) }),
      x: int(3),
    });
    expect(setField(fields, ['x', 'y'], int(9))).toEqual({ a: fields.a, x: map({ y: int(9) }) });
    expect(setField(undefined, ['p', 'q'], int(1))).toEqual({ p: map({ q: int(1) }) });
    expect(fields).toEqual(before);
  });

  it('deletes without touching the input', () => {
    const before = structuredClone(fields);
    expect(deleteField(fields, ['a', 'c', 'd'])).toEqual({
      a: map({ b: int(1), c: { mapValue: {} } }),
      x: int(3),
    });
    expect(deleteField(fields, ['x'])).toEqual({ a: fields.a });
    expect(deleteField(fields, ['x', 'y'])).toBe(fields);
    expect(deleteField(fields, ['nope'])).toBe(fields);
    expect(deleteField(undefined, ['a'])).toEqual({});
    expect(fields).toEqual(before);
  });

  it('knows prefixes', () => {
    expect(isPrefixPath(['a'], ['a', 'b'])).toBe(true);
    expect(isPrefixPath(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(isPrefixPath(['a', 'b'], ['a'])).toBe(false);
    expect(isPrefixPath(['a'], ['ab'])).toBe(false);
  });
});

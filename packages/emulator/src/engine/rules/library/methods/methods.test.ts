import { describe, expect, it } from 'vitest';
import { bytes, evaluationError, list, map, set } from '../../test-support.js';
import type { RulesValue } from '../../value.js';
import { binary, callGlobal, callMethod, equals, listOf, pathOf } from '../../values.js';

// Expected values and messages below were read off the official Firestore emulator.

const call = (receiver: RulesValue, name: string, ...args: RulesValue[]) => callMethod(receiver, name, args);
const ms = (millis: number) => callGlobal('timestamp.value', [BigInt(millis)]);
const duration = (magnitude: number, unit: string) => callGlobal('duration.value', [BigInt(magnitude), unit]);

describe('dispatch', () => {
  it('names unknown methods, wrong arities and argument types like the official emulator', () => {
    expect(evaluationError(() => call('a', 'foo'))).toBe('Function not found error: Name: [foo].');
    expect(evaluationError(() => call(1n, 'size'))).toBe('Function not found error: Name: [size].');
    expect(evaluationError(() => call(pathOf(['a']), 'size'))).toBe(
      'Function not found error: Name: [size].',
    );
    expect(evaluationError(() => call(list(1n), 'size', 1n))).toBe(
      'Incorrect number of arguments. Received: 1. Expected: list.size().',
    );
    expect(evaluationError(() => call(list('a'), 'join'))).toBe(
      'Incorrect number of arguments. Received: 0. Expected: list.join(string).',
    );
    expect(evaluationError(() => call('abc', 'matches', 1n))).toBe(
      'Unsupported operation error. Received: string.matches(int). Expected: string.matches(string).',
    );
    expect(evaluationError(() => call(null, 'size'))).toBe('Null value error.');
  });

  it('does not treat Object.prototype names as methods', () => {
    expect(evaluationError(() => call('a', 'toString'))).toBe('Function not found error: Name: [toString].');
    expect(evaluationError(() => call(map({}), 'constructor'))).toBe(
      'Function not found error: Name: [constructor].',
    );
  });
});

describe('string', () => {
  it('changes the case of ASCII letters only', () => {
    expect(call('ABC123', 'lower')).toBe('abc123');
    expect(call('abc', 'upper')).toBe('ABC');
    expect(call('ÉÀ', 'lower')).toBe('ÉÀ');
    expect(call('ß', 'upper')).toBe('ß');
  });

  it('matches the whole string with RE2 syntax', () => {
    expect(call('user@domain.com', 'matches', '.*@domain[.]com')).toBe(true);
    expect(call('abc', 'matches', 'b')).toBe(false);
    expect(call('abc', 'matches', '(?i)ABC')).toBe(true);
    expect(call('a\nb', 'matches', 'a.b')).toBe(false);
    expect(call('😀', 'matches', '.')).toBe(true);
    expect(evaluationError(() => call('abc', 'matches', '('))).toBe(
      'Invalid regular expression pattern. Pattern: (.',
    );
    // RE2 has no backreferences.
    expect(evaluationError(() => call('aa', 'matches', '(a)\\1'))).toMatch(/^Invalid regular expression/);
  });

  it('replaces every match, expanding group references and backslash escapes', () => {
    expect(call('banana', 'replace', 'a', 'o')).toBe('bonono');
    expect(call('foo@test.com', 'replace', '.', '-')).toBe('------------');
    expect(call('banana', 'replace', 'a(n)', '$1')).toBe('bnna');
    expect(call('banana', 'replace', 'a(n)', '$0')).toBe('banana');
    expect(call('banana', 'replace', 'a(n)', '$10')).toBe('bn0n0a');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a rules replacement string naming a group
    expect(call('banana', 'replace', 'a(?P<x>n)', '${x}')).toBe('bnna');
    expect(call('banana', 'replace', 'a(n)', '\\1')).toBe('b11a');
    expect(call('banana', 'replace', 'an', '\\\\')).toBe('b\\\\a');
    expect(call('banana', 'replace', 'a(n)', '$x')).toBe('b$x$xa');
    expect(call('banana', 'replace', 'an', '$')).toBe('b$$a');
    expect(call('banana', 'replace', 'a(n)', 'x\\')).toBe('bx\\x\\a');
    expect(call('banana', 'replace', '', '-')).toBe('-b-a-n-a-n-a-');
    expect(evaluationError(() => call('banana', 'replace', 'a(n)', '$9'))).toBe(
      'No group 9 in the regular expression.',
    );
  });

  it('splits around matches, dropping trailing empty strings', () => {
    expect(call('a/b/c', 'split', '/')).toEqual(list('a', 'b', 'c'));
    expect(call('a,b,,', 'split', ',')).toEqual(list('a', 'b'));
    expect(call(',a', 'split', ',')).toEqual(list('', 'a'));
    expect(call('a,,b', 'split', ',')).toEqual(list('a', '', 'b'));
    expect(call(',', 'split', ',')).toEqual(list(''));
    expect(call('', 'split', ',')).toEqual(list(''));
    expect(call('abc', 'split', '')).toEqual(list('', 'a', 'b', 'c'));
    expect(call('a1b22c', 'split', '[0-9]+')).toEqual(list('a', 'b', 'c'));
  });

  it('finds empty matches between the halves of a surrogate pair, as the official emulator', () => {
    expect(call('😀', 'split', '')).toEqual(list('', '\uD83D', '\uDE00'));
    expect(call('😀', 'replace', '', '-')).toBe('-\uD83D-\uDE00-');
    expect(call('a😀', 'replace', '.', 'x')).toBe('xx');
  });

  it('sizes in UTF-16 units, trims like Java, encodes UTF-8', () => {
    expect(call('abc', 'size')).toBe(3n);
    expect(call('é', 'size')).toBe(1n);
    expect(call('😀', 'size')).toBe(2n);
    expect(call('\t a \n', 'trim')).toBe('a');
    expect(call('\u0001a', 'trim')).toBe('a');
    expect(call('\u00a0a', 'trim')).toBe('\u00a0a');
    expect(call('é', 'toUtf8')).toEqual(bytes(0xc3, 0xa9));
  });
});

describe('list', () => {
  const abc = list('a', 'b', 'c');

  it('answers membership questions with same-type equality', () => {
    expect(call(abc, 'hasAll', list('a', 'c'))).toBe(true);
    expect(call(abc, 'hasAll', list('a', 'd'))).toBe(false);
    expect(call(abc, 'hasAny', list('d', 'c'))).toBe(true);
    expect(call(abc, 'hasAny', list())).toBe(false);
    expect(call(abc, 'hasOnly', list('a', 'b', 'c', 'd'))).toBe(true);
    expect(call(abc, 'hasOnly', list('a'))).toBe(false);
    expect(call(list(1n, 2n), 'hasAll', list(1.0))).toBe(false);
    expect(call(list(0.0), 'hasAny', list(-0.0))).toBe(true);
    expect(evaluationError(() => call(abc, 'hasAll', set('a')))).toBe(
      'Unsupported operation error. Received: list.hasAll(set). Expected: list.hasAll(list).',
    );
  });

  it('concatenates, removes, joins, sizes and converts to a set', () => {
    expect(call(list(1n, 2n), 'concat', list(3n))).toEqual(list(1n, 2n, 3n));
    expect(call(list(1n, 1n, 2n), 'removeAll', list(1n))).toEqual(list(2n));
    expect(call(list(1n, 2n), 'removeAll', list(1.0))).toEqual(list(1n, 2n));
    expect(call(abc, 'join', '-')).toBe('a-b-c');
    expect(call(list(1n, 2.5, null, true), 'join', ',')).toBe('1,2.5,null,true');
    expect(call(abc, 'size')).toBe(3n);
    expect(equals(call(list(1n, 2n, 1n), 'toSet'), set(2n, 1n))).toBe(true);
    expect(evaluationError(() => call(list(1n), 'concat', set(1n)))).toContain(
      'Expected: list.concat(list).',
    );
  });
});

describe('large collections', () => {
  it('indexes items, so membership over tens of thousands of items stays linear', () => {
    const n = 50_000;
    const ints = listOf(Array.from({ length: n }, (_, i) => BigInt(i)));
    const floats = listOf(Array.from({ length: n }, (_, i) => i + 0.0));
    expect(call(call(ints, 'toSet'), 'size')).toBe(BigInt(n));
    expect(equals(call(ints, 'toSet'), call(floats, 'toSet'))).toBe(true);
    expect(call(call(ints, 'toSet'), 'hasAll', floats)).toBe(true);
    expect(call(ints, 'hasAll', ints)).toBe(true);
    expect(call(ints, 'hasAny', floats)).toBe(false);
    expect(call(call(ints, 'removeAll', ints), 'size')).toBe(0n);
  });
});

describe('set', () => {
  const s12 = set(1n, 2n);

  it('does set algebra with sets only', () => {
    expect(equals(call(s12, 'union', set(3n)), set(1n, 2n, 3n))).toBe(true);
    expect(equals(call(s12, 'intersection', set(2n, 3n)), set(2n))).toBe(true);
    expect(equals(call(s12, 'difference', set(2n)), set(1n))).toBe(true);
    expect(call(s12, 'size')).toBe(2n);
    expect(evaluationError(() => call(s12, 'union', list(3n)))).toBe(
      'Unsupported operation error. Received: set.union(list). Expected: set.union(set).',
    );
  });

  it('answers membership questions about a list or a set, comparing numbers by value', () => {
    expect(call(s12, 'hasAll', list(1.0))).toBe(true);
    expect(call(s12, 'hasAll', set(1n, 2n))).toBe(true);
    expect(call(s12, 'hasAny', list(3n))).toBe(false);
    expect(call(s12, 'hasOnly', list(1n, 2n, 3n))).toBe(true);
    expect(call(s12, 'hasOnly', set(1n))).toBe(false);
  });
});

describe('map', () => {
  const m = map({ b: 1n, a: 2n });

  it('lists keys sorted and values in the map order', () => {
    expect(call(m, 'keys')).toEqual(list('a', 'b'));
    expect(call(map({ b: 1n, B: 2n, a: 3n }), 'keys')).toEqual(list('B', 'a', 'b'));
    // By code point: U+E000 sorts before U+1F600 (whose first UTF-16 unit is smaller).
    expect(call(map({ '😀': 1n, '\uE000': 2n }), 'keys')).toEqual(list('\uE000', '😀'));
    expect(call(m, 'values')).toEqual(list(1n, 2n));
    expect(call(m, 'size')).toBe(2n);
  });

  it('gets a field or a default, also along a path of keys', () => {
    const nested = map({ a: map({ b: 2n }), c: 1n });
    expect(call(m, 'get', 'a', 0n)).toBe(2n);
    expect(call(m, 'get', 'z', 0n)).toBe(0n);
    expect(call(nested, 'get', list('a', 'b'), 0n)).toBe(2n);
    expect(call(nested, 'get', list('a', 'x'), 0n)).toBe(0n);
    expect(call(nested, 'get', list('c', 'x'), 0n)).toBe(0n);
    expect(call(nested, 'get', list(), 0n)).toBe(nested);
    expect(evaluationError(() => call(nested, 'get', list(1n), 0n))).toBe(
      'Type error. Received: [int] Expected: [string].',
    );
    expect(evaluationError(() => call(m, 'get', 1n, 0n))).toBe(
      'Unsupported operation error. Received: map.get(int, int). Expected: map.get(string, any), map.get(list, any).',
    );
  });

  it('diffs against another map', () => {
    const diff = call(map({ a: 1n, c: 1n, d: list(1n) }), 'diff', map({ b: 1n, c: 1.0, d: list(1.0) }));
    expect(equals(call(diff, 'addedKeys'), set('a'))).toBe(true);
    expect(equals(call(diff, 'removedKeys'), set('b'))).toBe(true);
    expect(equals(call(diff, 'changedKeys'), set())).toBe(true);
    expect(equals(call(diff, 'unchangedKeys'), set('c', 'd'))).toBe(true);
    expect(equals(call(diff, 'affectedKeys'), set('a', 'b'))).toBe(true);
    const changed = call(map({ a: 1n, c: 1n }), 'diff', map({ b: 1n, c: 2n }));
    expect(equals(call(changed, 'affectedKeys'), set('a', 'b', 'c'))).toBe(true);
    expect(equals(call(changed, 'changedKeys'), set('c'))).toBe(true);
    expect(evaluationError(() => call(m, 'diff', 1n))).toBe(
      'Unsupported operation error. Received: map.diff(int). Expected: map.diff(map).',
    );
  });
});

describe('path', () => {
  it('binds the variables of a path template', () => {
    const template = callGlobal('path', ['/a/{x}/c']);
    expect(call(template, 'bind', map({ x: 'y' }))).toEqual(pathOf(['a', 'y', 'c']));
    expect(call(template, 'bind', map({ x: 1n }))).toEqual(pathOf(['a', '1', 'c']));
    expect(equals(call(template, 'bind', map({})), template)).toBe(false);
    expect(evaluationError(() => call(template, 'bind', map({ x: '' })))).toBe(
      'Cannot bind empty value to path template variable x.',
    );
    expect(evaluationError(() => call(template, 'bind', map({ x: 'y', q: 'z' })))).toBe(
      'Variable(s) q do not exist in the path template.',
    );
    const rest = callGlobal('path', ['/a/{x=**}']);
    expect(call(rest, 'bind', map({ x: pathOf(['y', 'z']) }))).toEqual(pathOf(['a', 'y', 'z']));
    expect(evaluationError(() => call(rest, 'bind', map({ x: 'y/z' })))).toBe(
      'Type error. Received: [string] Expected: [path].',
    );
  });
});

describe('timestamp and duration', () => {
  // 2024-05-06T07:08:09.123Z, a Monday.
  const t = ms(1714979289123);

  it('reads the UTC calendar fields', () => {
    expect(call(t, 'year')).toBe(2024n);
    expect(call(t, 'month')).toBe(5n);
    expect(call(t, 'day')).toBe(6n);
    expect(call(t, 'hours')).toBe(7n);
    expect(call(t, 'minutes')).toBe(8n);
    expect(call(t, 'seconds')).toBe(9n);
    expect(call(t, 'nanos')).toBe(123_000_000n);
    expect(call(t, 'dayOfWeek')).toBe(1n);
    expect(call(t, 'dayOfYear')).toBe(127n);
    expect(call(t, 'toMillis')).toBe(1714979289123n);
    expect(call(ms(0), 'dayOfWeek')).toBe(4n);
    expect(call(callGlobal('timestamp.date', [2024n, 2n, 29n]), 'dayOfYear')).toBe(60n);
  });

  it('handles instants before the epoch', () => {
    const before = ms(-1);
    expect(call(before, 'year')).toBe(1969n);
    expect(call(before, 'seconds')).toBe(59n);
    expect(call(before, 'nanos')).toBe(999_000_000n);
    expect(call(before, 'toMillis')).toBe(-1n);
  });

  it('splits into date and time of day', () => {
    expect(call(ms(90_000_000), 'date')).toEqual(ms(86_400_000));
    expect(call(ms(3_723_004), 'time')).toEqual(duration(3_723_004, 'ms'));
    expect(evaluationError(() => call(t, 'year', 1n))).toBe(
      'Incorrect number of arguments. Received: 1. Expected: timestamp.year().',
    );
  });

  it('gives a duration its signed seconds and nanos', () => {
    expect(call(duration(-1500, 'ms'), 'seconds')).toBe(-1n);
    expect(call(duration(-1500, 'ms'), 'nanos')).toBe(-500_000_000n);
    expect(call(duration(90, 'm'), 'seconds')).toBe(5400n);
    expect(binary('-', ms(1000), ms(0))).toEqual(duration(1, 's'));
  });
});

describe('latlng and bytes', () => {
  it('measures great-circle distances in meters', () => {
    const origin = callGlobal('latlng.value', [0n, 0n]);
    const distance = call(origin, 'distance', callGlobal('latlng.value', [0n, 1n])) as number;
    expect(distance).toBeGreaterThan(111195.08);
    expect(distance).toBeLessThan(111195.09);
    expect(call(callGlobal('latlng.value', [1n, 2.5]), 'latitude')).toBe(1);
    expect(call(callGlobal('latlng.value', [1n, 2.5]), 'longitude')).toBe(2.5);
  });

  it('encodes bytes as URL-safe base64 and upper-case hex', () => {
    expect(call(bytes(0xfb, 0xef, 0xbe), 'toBase64')).toBe('----');
    expect(call(bytes(0xfb), 'toBase64')).toBe('-w==');
    expect(call(bytes(0x00, 0x01, 0xaa, 0xff), 'toHexString')).toBe('0001AAFF');
    expect(call(bytes(1, 2, 3), 'size')).toBe(3n);
  });
});

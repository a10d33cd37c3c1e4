/**
 * The expression language, one case per document id: `allow get: if id == '<case>' && <expression>` for
 * each case, so one rules file holds them all. A true expression allows the read; a false one, or one whose
 * evaluation fails (type errors, overflow, a missing key), denies it.
 */
import { Bytes, GeoPoint, Timestamp } from 'firebase/firestore/lite';
import { type Outcome, type RulesGroup, rulesFile, user } from '../scenario.js';

type Case = [name: string, expression: string, expected: Outcome];

/** Every case reads `expr/<case>`, a document holding one value of each type for `resource.data`. */
const SAMPLE = {
  n: 7,
  f: 2.5,
  s: 'Hello, World',
  list: ['a', 'b', 'c'],
  map: { a: 1, nested: { b: 2 } },
  at: Timestamp.fromMillis(Date.UTC(2024, 1, 29, 12, 30, 15, 250)),
  bytes: Bytes.fromUint8Array(new Uint8Array([1, 2, 255])),
  where: new GeoPoint(48.8584, 2.2945),
  none: null,
  yes: true,
};

const operators: Case[] = [
  [
    'int-arithmetic',
    '1 + 2 * 3 == 7 && (1 + 2) * 3 == 9 && 7 / 2 == 3 && 7 % 3 == 1 && 10 - 4 - 3 == 3',
    'allowed',
  ],
  ['int-division-truncates-toward-zero', '-7 / 2 == -3 && -7 % 3 == -1', 'allowed'],
  ['float-arithmetic', '7.0 / 2 == 3.5 && 0.5 + 0.25 == 0.75 && 1 == 1.0 && 2.5 * 2 == 5', 'allowed'],
  ['int-overflow-is-an-error', '9223372036854775807 + 1 != 0', 'denied'],
  ['int-division-by-zero-is-an-error', '1 / 0 == 0', 'denied'],
  ['unary-minus-and-not', '-(3) < 0 && !false && !!true', 'allowed'],
  ['string-comparisons', "'abc' < 'abd' && 'b' > 'a' && 'a' <= 'a' && 'B' < 'a'", 'allowed'],
  ['mixed-number-comparisons', '1 < 1.5 && 2.0 >= 2 && 3 > 2.9', 'allowed'],
  ['or-short-circuits-an-error', 'true || 1 / 0 == 0', 'allowed'],
  ['and-short-circuits-an-error', '!(false && 1 / 0 == 0)', 'allowed'],
  // As in CEL, `||` and `&&` absorb an error on either side when the other side decides.
  ['error-on-the-left-of-or-is-absorbed', '1 / 0 == 0 || true', 'allowed'],
  ['error-and-true-denies', '1 / 0 == 0 && true', 'denied'],
  ['in-list-and-map', "'b' in ['a', 'b'] && 'k' in {'k': 1} && !('z' in ['a'])", 'allowed'],
  [
    'is-types',
    "1 is int && 1.5 is float && 1 is number && 'x' is string && [1] is list && {'a': 1} is map && true is bool && request.time is timestamp",
    'allowed',
  ],
  ['is-false-for-other-types', "'1' is int", 'denied'],
  ['in-set', "'a' in ['a', 'b'].toSet() && !('c' in ['a'].toSet())", 'allowed'],
  [
    'is-more-types',
    "duration.value(1, 's') is duration && latlng.value(1, 2) is latlng && request.path is path && b'a' is bytes && {'a': 1}.diff({}) is map_diff && request.auth.token is map",
    'allowed',
  ],
  ['ternary', "(1 > 2 ? 'a' : 'b') == 'b' && (true ? 1 : 1 / 0) == 1", 'allowed'],
  [
    'list-and-map-indexing',
    "[10, 20, 30][1] == 20 && {'a': {'b': 2}}['a']['b'] == 2 && {'a': 1}.a == 1",
    'allowed',
  ],
  ['list-index-out-of-range-is-an-error', '[1, 2][5] == 1', 'denied'],
  ['missing-map-key-is-an-error', "{'a': 1}.b == 1", 'denied'],
  [
    'list-slices',
    '[1, 2, 3, 4][1:3] == [2, 3] && [1, 2, 3][1:] == [2, 3] && [1, 2, 3][:1] == [1]',
    'allowed',
  ],
  ['string-indexing-and-slices', "'abc'[1] == 'b' && 'abcdef'[1:3] == 'bc'", 'allowed'],
  [
    'path-indexing',
    "request.path[3] == 'expr' && request.path[4] == id && (/databases/$(database)/documents/x/y)[4] == 'y'",
    'allowed',
  ],
  ['string-concatenation', "'ab' + 'cd' == 'abcd' && resource.data.s + '!' == 'Hello, World!'", 'allowed'],
  [
    'equality-across-types',
    "resource.data.n != '7' && [1, 2] != [2, 1] && {'a': 1, 'b': 2} == {'b': 2, 'a': 1} && null == null",
    'allowed',
  ],
  ['comparing-unlike-types-is-an-error', 'resource.data.n < resource.data.s', 'denied'],
  ['non-bool-condition-denies', 'resource.data.s', 'denied'],
  [
    'conversions',
    "int('42') == 42 && float('1.5') == 1.5 && string(42) == '42' && int(3.9) == 3 && string(true) == 'true' && float(2) == 2.0",
    'allowed',
  ],
];

const methods: Case[] = [
  [
    'string-methods',
    "'Hello'.lower() == 'hello' && 'Hello'.upper() == 'HELLO' && 'Hello'.size() == 5 && 'a,b'.split(',') == ['a', 'b'] && '  x '.trim() == 'x'",
    'allowed',
  ],
  [
    'string-replace-uses-regex',
    "'aXbXc'.replace('X', '-') == 'a-b-c' && 'a1b22'.replace('[0-9]+', '#') == 'a#b#'",
    'allowed',
  ],
  [
    'string-matches-whole-string',
    "'abc123'.matches('[a-z]+[0-9]+') && !'abc123x'.matches('[a-z]+[0-9]+') && !'xabc'.matches('abc')",
    'allowed',
  ],
  [
    'string-matches-re2-classes',
    "'user_42@example.com'.matches('^[\\\\w.]+@example\\\\.com$') && 'Zürich'.matches('\\\\pL+')",
    'allowed',
  ],
  ['string-matches-bad-regex-is-an-error', "'a'.matches(resource.data.s + '(')", 'denied'],
  ['string-to-utf8', "'é'.toUtf8().size() == 2 && 'abc'.toUtf8() == b'abc'", 'allowed'],
  [
    'list-methods',
    "[1, 2, 3].hasAny([3, 4]) && [1, 2].hasAll([1]) && [1, 2].hasOnly([1, 2, 3]) && ['a', 'b'].join('-') == 'a-b' && [1, 2, 3].size() == 3",
    'allowed',
  ],
  ['list-has-only-fails', '[1, 4].hasOnly([1, 2])', 'denied'],
  ['list-has-any-fails', "['x'].hasAny(['y', 'z'])", 'denied'],
  [
    'list-set-conversions',
    '[1, 1, 2].toSet().size() == 2 && [1, 2, 3].removeAll([2]) == [1, 3] && [1, 2].concat([3]) == [1, 2, 3]',
    'allowed',
  ],
  [
    'map-methods',
    "{'a': 1, 'b': 2}.keys().hasAll(['a', 'b']) && {'a': 1}.values() == [1] && {'a': 1}.size() == 1 && {'a': 1}.get('z', 5) == 5 && {'a': {'b': 3}}.get(['a', 'b'], 0) == 3",
    'allowed',
  ],
  [
    'map-diff',
    "{'a': 1, 'b': 2, 'd': 0}.diff({'a': 1, 'b': 3, 'c': 4}).affectedKeys() == ['b', 'c', 'd'].toSet() && {'a': 1, 'b': 2}.diff({'a': 1, 'b': 3, 'c': 4}).changedKeys() == ['b'].toSet()",
    'allowed',
  ],
  [
    'map-diff-added-removed-unchanged',
    "{'a': 1, 'r': 0}.diff({'a': 1, 'n': 2}).addedKeys() == ['r'].toSet() && {'a': 1, 'r': 0}.diff({'a': 1, 'n': 2}).removedKeys() == ['n'].toSet() && {'a': 1, 'r': 0}.diff({'a': 1}).unchangedKeys() == ['a'].toSet()",
    'allowed',
  ],
  [
    'set-methods',
    "['a', 'b'].toSet().union(['c'].toSet()).size() == 3 && ['a', 'b'].toSet().intersection(['b'].toSet()) == ['b'].toSet() && ['a', 'b'].toSet().difference(['a'].toSet()) == ['b'].toSet() && ['a'].toSet().hasAny(['a'])",
    'allowed',
  ],
  [
    'timestamp-namespace',
    'timestamp.date(2024, 2, 29).dayOfYear() == 60 && timestamp.value(0).year() == 1970 && timestamp.date(2024, 3, 15).month() == 3 && timestamp.date(2024, 3, 15).day() == 15',
    'allowed',
  ],
  [
    'timestamp-day-of-week',
    'timestamp.date(2024, 1, 1).dayOfWeek() == 1 && timestamp.date(2024, 1, 7).dayOfWeek() == 7',
    'allowed',
  ],
  [
    'timestamp-accessors-on-stored-value',
    'resource.data.at.hours() == 12 && resource.data.at.minutes() == 30 && resource.data.at.seconds() == 15 && resource.data.at.nanos() == 250000000 && resource.data.at.toMillis() == 1709209815250',
    'allowed',
  ],
  [
    'timestamp-date-and-time',
    'resource.data.at.date() == timestamp.date(2024, 2, 29) && resource.data.at.time() == duration.time(12, 30, 15, 250000000)',
    'allowed',
  ],
  [
    'stored-timestamp-before-request-time',
    'resource.data.at < request.time && request.time - resource.data.at > duration.value(1, "d")',
    'allowed',
  ],
  [
    'request-time-is-now',
    'request.time > timestamp.date(2025, 1, 1) && request.time < timestamp.date(2100, 1, 1)',
    'allowed',
  ],
  [
    'durations',
    "duration.value(90, 's').seconds() == 90 && duration.time(1, 30, 0, 0) == duration.value(90, 'm') && duration.abs(duration.value(-5, 's')) == duration.value(5, 's') && duration.value(1500, 'ms').nanos() == 500000000",
    'allowed',
  ],
  [
    'timestamp-duration-arithmetic',
    "timestamp.value(1000) + duration.value(1, 's') == timestamp.value(2000) && timestamp.value(5000) - timestamp.value(2000) == duration.value(3, 's')",
    'allowed',
  ],
  [
    'math',
    'math.abs(-3) == 3 && math.ceil(1.2) == 2 && math.floor(1.8) == 1 && math.round(2.5) == 3 && math.sqrt(16) == 4 && math.pow(2, 10) == 1024',
    'allowed',
  ],
  ['math-on-floats', 'math.abs(-2.5) == 2.5 && int(-3.9) == -3 && math.floor(-0.5) == -1', 'allowed'],
  ['math-nan', 'math.isNaN(math.sqrt(-1)) && !math.isNaN(1.0)', 'allowed'],
  [
    'hashing',
    "hashing.md5('hello') == hashing.md5(b'hello') && hashing.sha256('abc').toHexString() == 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD' && hashing.md5('hello').toHexString() == '5D41402ABC4B2A76B9719D911017C592'",
    'allowed',
  ],
  // The CRCs are 4 bytes, least significant first.
  [
    'hashing-crc',
    "hashing.crc32('hello').toHexString() == '86A61036' && hashing.crc32c('hello').toHexString() == '4CBB719A'",
    'allowed',
  ],
  // toBase64 uses the URL-safe alphabet, padded.
  [
    'bytes-to-base64-is-url-safe',
    "hashing.sha256('abc').toBase64() == 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0=' && b'\\xfb\\xff'.toBase64() == '-_8='",
    'allowed',
  ],
  [
    'latlng',
    'latlng.value(1.5, 2).latitude() == 1.5 && latlng.value(1.5, 2).longitude() == 2 && latlng.value(0, 0).distance(latlng.value(0, 1)) > 111000 && latlng.value(0, 0).distance(latlng.value(0, 1)) < 112000',
    'allowed',
  ],
  ['latlng-stored', 'resource.data.where.latitude() == 48.8584 && resource.data.where is latlng', 'allowed'],
  [
    'bytes',
    "b'abc'.size() == 3 && b'abc'.toBase64() == 'YWJj' && b'\\x01\\xff'.toHexString() == '01FF' && resource.data.bytes == b'\\x01\\x02\\xff' && resource.data.bytes.size() == 3",
    'allowed',
  ],
  [
    'stored-values',
    "resource.data.n == 7 && resource.data.f == 2.5 && resource.data.s.size() == 12 && resource.data.list[2] == 'c' && resource.data.map.nested.b == 2 && resource.data.none == null && resource.data.yes",
    'allowed',
  ],
  [
    'stored-types',
    'resource.data.n is int && resource.data.f is float && resource.data.bytes is bytes && resource.data.at is timestamp && resource.data.map is map',
    'allowed',
  ],
  ['missing-stored-field-is-an-error', 'resource.data.absent == null', 'denied'],
  [
    'path-literals',
    "path('/databases/' + database + '/documents/expr/path-literals') == /databases/$(database)/documents/expr/$(id) && request.path == /databases/$(database)/documents/expr/$(id)",
    'allowed',
  ],
  [
    'resource-name-and-id',
    "resource.__name__ == /databases/$(database)/documents/expr/$(id) && resource.id == 'resource-name-and-id'",
    'allowed',
  ],
  ['database-wildcard', "database == '(default)'", 'allowed'],
  [
    'token-standard-claims',
    "request.auth.token.aud == 'demo-rules' && request.auth.token.user_id == 'alice' && request.auth.token.iss == 'https://securetoken.google.com/demo-rules'",
    'allowed',
  ],
  [
    'request-method',
    "request.method == 'get' && request.auth.uid == 'alice' && request.auth.token.sub == 'alice'",
    'allowed',
  ],
];

/** Corners where the official emulator was asked rather than guessed (its answers are the expectations). */
const corners: Case[] = [
  ['int-multiplication-overflow-is-an-error', '9223372036854775807 * 2 != 0', 'denied'],
  ['int-min-literal', '-9223372036854775808 < 0', 'allowed'],
  ['modulo-signs-and-floats', '-7 % -3 == -1 && 7.5 % 2 == 1.5', 'allowed'],
  ['int-modulo-by-zero-is-an-error', '5 % 0 == 0', 'denied'],
  ['float-division-by-zero-is-infinity', '1.0 / 0 > 100.0', 'allowed'],
  ['negative-list-index-is-an-error', '[1, 2, 3][-1] == 3', 'denied'],
  ['null-in-list', 'null in [null]', 'allowed'],
  // 1 == 1.0, but inside a map or a list an int and a float are different values.
  ['nested-int-and-float-in-maps-differ', "{'a': 1} == {'a': 1.0}", 'denied'],
  ['nested-int-and-float-in-lists-differ', '[1] == [1.0]', 'denied'],
  ['int-parsing-is-strict', "int('  5') == 5 || int('0x10') == 16", 'denied'],
  // Floats print as Java's Double.toString does.
  [
    'float-to-string',
    "string(1.0) == '1.0' && string(2.5) == '2.5' && string(10000000.0) == '1.0E7' && string(0.0001) == '1.0E-4' && string(0.001) == '0.001' && string(float(3)) == '3.0'",
    'allowed',
  ],
  ['int-of-a-huge-float-saturates', "int(float('1e19')) == 9223372036854775807", 'allowed'],
  // split takes a regular expression and drops trailing empty strings.
  [
    'string-split-uses-regex',
    "'a-b_c'.split('[-_]') == ['a', 'b', 'c'] && 'a1b2'.split('[0-9]') == ['a', 'b'] && 'a,b,,c'.split(',') == ['a', 'b', '', 'c']",
    'allowed',
  ],
  // size() counts UTF-16 code units.
  [
    'string-size-counts-utf16-units',
    "'😀'.size() == 2 && 'Straße'.size() == 6 && '😀'.toUtf8().size() == 4",
    'allowed',
  ],
  ['string-upper-keeps-sharp-s', "'ß'.upper() == 'ß'", 'allowed'],
  ['string-replace-group-references', "'aXbXc'.replace('X', '$0$0') == 'aXXbXXc'", 'allowed'],
  ['string-matches-is-case-sensitive', "'abc'.matches('ABC')", 'denied'],
  [
    'duration-units',
    "duration.value(1, 'w') == duration.value(7, 'd') && duration.value(1, 'h') == duration.value(3600, 's') && duration.value(1, 'ns').nanos() == 1",
    'allowed',
  ],
  ['invalid-date-is-an-error', 'timestamp.date(2024, 13, 1) is timestamp', 'denied'],
  ['invalid-latlng-is-an-error', 'latlng.value(91, 0) is latlng', 'denied'],
  ['math-round-half-up', 'math.round(-2.5) == -2 && math.round(2.5) == 3', 'allowed'],
];

const cases = [...operators, ...methods, ...corners];

export const expressions: RulesGroup = {
  name: 'expressions',
  rules: rulesFile(
    `    match /expr/{id} {
${cases.map(([name, expression]) => `      allow get: if id == '${name}' && (${expression});`).join('\n')}
    }`,
  ),
  scenarios: cases.map(([name, , expected]) => ({
    name,
    caller: user('alice'),
    seed: { [`expr/${name}`]: SAMPLE },
    op: (fs, db) => fs.getDoc(fs.doc(db, `expr/${name}`)),
    expected,
  })),
};

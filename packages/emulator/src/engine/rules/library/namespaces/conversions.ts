import { INT64_MAX, INT64_MIN } from '@kindling/core';
import type { RulesValue } from '../../value.js';
import { RulesEvaluationError } from '../../value.js';
import { pathOf } from '../construct.js';
import { conversionError } from '../errors.js';
import { javaTrim, toRulesString } from '../format.js';
import { fn, type MethodTable } from '../signature.js';
import { saturatingInt } from './math.js';

// Java's Long.parseLong and Double.parseDouble syntax, which the official emulator's int() and float() use.
const INT_SYNTAX = /^[+-]?[0-9]+$/;
const FLOAT_SYNTAX = /^[+-]?(NaN|Infinity|([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?)$/;

function parseInt64(s: string): bigint {
  const n = INT_SYNTAX.test(s) ? BigInt(s) : null;
  if (n === null || n < INT64_MIN || n > INT64_MAX) throw conversionError(s, 'string', 'int');
  return n;
}

// Java also reads hexadecimal floats: 0x1.8p1 is 3.0.
const HEX_FLOAT_SYNTAX = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)[fFdD]?$/;

function parseFloat64(s: string): number {
  const body = javaTrim(s);
  if (FLOAT_SYNTAX.test(body)) return Number(body.replace(/[fFdD]$/, ''));
  const hex = HEX_FLOAT_SYNTAX.exec(body);
  if (hex && hex[2] + hex[3] !== '') {
    const [, sign, whole, fraction, exponent] = hex;
    const mantissa = Number.parseInt(`${whole}${fraction}` || '0', 16);
    const value = mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
    return sign === '-' ? -value : value;
  }
  throw conversionError(s, 'string', 'float');
}

/** `path('/users/a%20b')`: a leading `/` is optional, segments are URL-decoded, none may be empty. */
function parsePath(s: string): RulesValue {
  if (s === '') throw new RulesEvaluationError('Empty Path Template is not allowed.');
  const segments = (s.startsWith('/') ? s.slice(1) : s).split('/');
  if (segments.some((segment) => segment === '')) {
    throw new RulesEvaluationError(`Invalid Path Template ${s}. Empty segment is not allowed.`);
  }
  return pathOf(segments.map(urlDecode));
}

const utf8 = new TextDecoder();

/** Java's URLDecoder (UTF-8), as the official emulator decodes path() segments: `+` is a space. */
function urlDecode(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; ) {
    if (segment[i] !== '%') {
      out += segment[i] === '+' ? ' ' : segment[i];
      i++;
      continue;
    }
    // A run of %XX escapes is one UTF-8 byte sequence.
    const bytes: number[] = [];
    while (segment[i] === '%') {
      const hex = segment.slice(i + 1, i + 3);
      if (hex.length < 2) throw undecodable(segment, 'Incomplete trailing escape (%) pattern');
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        throw undecodable(segment, 'Illegal hex characters in escape (%) pattern');
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    }
    out += utf8.decode(new Uint8Array(bytes));
  }
  return out;
}

const undecodable = (segment: string, problem: string) =>
  new RulesEvaluationError(`Unable to decode ${segment} to url. Error: URLDecoder: ${problem}.`);

const numberOrString = [['int'], ['float'], ['string']] as const;

export const conversions: MethodTable<null> = {
  int: {
    overloads: numberOrString,
    run: (_, [v]) => (typeof v === 'string' ? parseInt64(v) : typeof v === 'number' ? saturatingInt(v) : v),
  },
  float: {
    overloads: numberOrString,
    run: (_, [v]) => (typeof v === 'string' ? parseFloat64(v) : Number(v as bigint | number)),
  },
  string: {
    overloads: [['int'], ['float'], ['null'], ['string'], ['bool'], ['path']],
    run: (_, [v]) => toRulesString(v),
  },
  path: fn(['string'], (_, [s]) => parsePath(s as string)),
};

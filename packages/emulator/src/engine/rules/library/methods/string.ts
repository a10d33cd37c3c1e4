import type { RulesValue } from '../../value.js';
import { listOf } from '../construct.js';
import { javaTrim } from '../format.js';
import { matchesWhole, replaceAll, splitAll } from '../regex.js';
import { fn, type MethodTable } from '../signature.js';

// The official emulator changes the case of ASCII letters only ('É'.lower() is 'É').
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

const utf8 = new TextEncoder();

export const stringMethods: MethodTable<string> = {
  lower: fn([], (s) => asciiLower(s)),
  upper: fn([], (s) => asciiUpper(s)),
  /** Whole-string RE2 match. */
  matches: fn(['string'], (s, [re]) => matchesWhole(s, re as string)),
  replace: fn(['string', 'string'], (s, [re, sub]) => replaceAll(s, re as string, sub as string)),
  /** Counts UTF-16 units, as the official emulator: '😀'.size() is 2. */
  size: fn([], (s) => BigInt(s.length)),
  split: fn(['string'], (s, [re]) => listOf(splitAll(s, re as string))),
  toUtf8: fn([], (s) => ({ type: 'bytes', bytes: utf8.encode(s) }) satisfies RulesValue),
  trim: fn([], (s) => javaTrim(s)),
};

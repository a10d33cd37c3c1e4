import type { RulesValue } from '../value.js';
import { unsupported } from './errors.js';
import { typeOf } from './types.js';

/**
 * A float as Java's Double.toString prints it (what the official emulator's `string(x)` gives): at least
 * one decimal (`2.0`), and computerized scientific notation outside [1e-3, 1e7) (`1.0E7`, `1.23456789E8`).
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(x);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  // Shortest round-tripping digits, then Java's layout: d.ddd…E±n with at least one fractional digit. (The
  // official emulator's JDK 17 prints a few rare doubles with extra digits: 1e23 as 9.999999999999999E22.)
  const [mantissa, exponent] = x.toExponential().split('e');
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${Number(exponent)}`;
}

/** Java's String.trim: strips every char up to U+0020 from both ends, and no other whitespace. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

const STRING_FROM = ['int', 'float', 'null', 'string', 'bool', 'path'];

/** `string(v)`: ints, floats, null, strings, bools and paths (`/a/b`) convert; nothing else does. */
export function toRulesString(v: RulesValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'number':
      return formatFloat(v);
  }
  if (v.type === 'path') return `/${v.segments.join('/')}`;
  throw unsupported(
    `string(${typeOf(v)})`,
    STRING_FROM.map((t) => `string(${t})`),
  );
}

/**
 * The segments `$(v)` contributes to a path literal: a path splices in its segments, anything else becomes
 * one segment as `string(v)` prints it (`/a/$(1.5)` is `/a/1.5`, `/a/$(null)` is `/a/null`).
 */
export function interpolatedSegments(v: RulesValue): string[] {
  if (v !== null && typeof v === 'object' && v.type === 'path') return v.segments;
  return [toRulesString(v)];
}

import { encodeBase64 } from '@kindling/core';
import type { RulesBytes } from '../../value.js';
import { fn, type MethodTable } from '../signature.js';

export const bytesMethods: MethodTable<RulesBytes> = {
  size: fn([], (b) => BigInt(b.bytes.length)),
  /** The URL-safe alphabet, padded: b'\xFB\xEF\xBE' is '----'. */
  toBase64: fn([], (b) => encodeBase64(b.bytes).replace(/\+/g, '-').replace(/\//g, '_')),
  toHexString: fn([], (b) =>
    Array.from(b.bytes, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(''),
  ),
};

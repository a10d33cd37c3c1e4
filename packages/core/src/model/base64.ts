import { invalidArgument } from '../status.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
// proto3 JSON parsers accept the URL-safe alphabet too.
DECODE.set('-', 62);
DECODE.set('_', 63);

/** Decodes standard or URL-safe base64, padded or not; Buffer and atob are not available everywhere. */
export function decodeBase64(s: string): Uint8Array {
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1 || s.length - body.length > 2)
    throw invalidArgument(`Invalid base64: ${JSON.stringify(s)}`);
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of body) {
    const v = DECODE.get(c);
    if (v === undefined) throw invalidArgument(`Invalid base64: ${JSON.stringify(s)}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Standard, padded base64, as Firestore answers bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

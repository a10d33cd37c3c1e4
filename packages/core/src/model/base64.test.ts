import { describe, expect, it } from 'vitest';
import { compareBytes, decodeBase64, encodeBase64 } from './base64.js';
import { catchStatus } from './catch-status.js';

describe('base64', () => {
  it('decodes standard and URL-safe, padded or not', () => {
    expect([...decodeBase64('')]).toEqual([]);
    expect([...decodeBase64('AA==')]).toEqual([0]);
    expect([...decodeBase64('AAE=')]).toEqual([0, 1]);
    expect([...decodeBase64('AQID')]).toEqual([1, 2, 3]);
    expect([...decodeBase64('+/8=')]).toEqual([251, 255]);
    expect([...decodeBase64('-_8')]).toEqual([251, 255]);
  });

  it('encodes padded standard base64', () => {
    expect(encodeBase64(new Uint8Array([]))).toBe('');
    expect(encodeBase64(new Uint8Array([0]))).toBe('AA==');
    expect(encodeBase64(new Uint8Array([0, 1]))).toBe('AAE=');
    expect(encodeBase64(new Uint8Array([1, 2, 3]))).toBe('AQID');
    expect(encodeBase64(new Uint8Array([251, 255]))).toBe('+/8=');
  });

  it('refuses what is not base64', () => {
    for (const bad of ['@@', 'A', 'AAAAA', 'A===']) {
      expect(catchStatus(() => decodeBase64(bad))).toEqual({
        code: 3,
        message: `Invalid base64: ${JSON.stringify(bad)}`,
      });
    }
  });

  it('compares unsigned, then by length', () => {
    expect(compareBytes(new Uint8Array([0x7f]), new Uint8Array([0x80]))).toBe(-1);
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(-1);
    expect(compareBytes(new Uint8Array([2]), new Uint8Array([1, 9]))).toBe(1);
    expect(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(0);
  });
});

import { decodeBase64, encodeBase64 } from '@kindling/core';

/** Immutable bytes; stored on the wire as base64. */
export class Bytes {
  readonly #bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /**
   * Decodes as Firebase does in Node (Buffer's decoder): characters outside the alphabet are skipped and
   * decoding stops at the first '=', so no string is refused.
   */
  static fromBase64String(base64: string): Bytes {
    let clean = base64.split('=')[0].replace(/[^A-Za-z0-9+/_-]/g, '');
    if (clean.length % 4 === 1) clean = clean.slice(0, -1); // six lone bits make no byte
    return new Bytes(decodeBase64(clean));
  }

  static fromUint8Array(array: Uint8Array): Bytes {
    return new Bytes(new Uint8Array(array));
  }

  toBase64(): string {
    return encodeBase64(this.#bytes);
  }

  toUint8Array(): Uint8Array {
    return new Uint8Array(this.#bytes);
  }

  toString(): string {
    return `Bytes(base64: ${this.toBase64()})`;
  }

  isEqual(other: Bytes): boolean {
    const a = this.#bytes;
    const b = other.#bytes;
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }

  toJSON(): object {
    return { type: 'firestore/bytes/1.0', bytes: this.toBase64() };
  }
}

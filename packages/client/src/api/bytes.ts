import { decodeBase64, encodeBase64 } from '@kindling/core';
import { FirestoreError } from './error.js';

/** Immutable bytes; stored on the wire as base64. */
export class Bytes {
  readonly #bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  static fromBase64String(base64: string): Bytes {
    try {
      return new Bytes(decodeBase64(base64));
    } catch (e) {
      throw new FirestoreError('invalid-argument', `Failed to construct data from Base64 string: ${e}`);
    }
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

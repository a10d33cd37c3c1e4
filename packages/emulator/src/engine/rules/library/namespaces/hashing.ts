import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import CRC32 from 'crc-32';
import CRC32C from 'crc-32/crc32c.js';
import type { RulesBytes, RulesValue } from '../../value.js';
import type { Callable, MethodTable } from '../signature.js';

const utf8 = new TextEncoder();

const input = (v: RulesValue) => (typeof v === 'string' ? utf8.encode(v) : (v as RulesBytes).bytes);

/** The CRC as 4 bytes, least significant first (as the official emulator answers). */
function littleEndian(crc: number): RulesBytes {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, crc, true);
  return { type: 'bytes', bytes };
}

/** A hash of a string's UTF-8 bytes or of bytes. */
const hash = (digest: (data: Uint8Array) => RulesBytes): Callable<null> => ({
  overloads: [['bytes'], ['string']],
  run: (_, [v]) => digest(input(v)),
});

export const hashing: MethodTable<null> = {
  crc32: hash((data) => littleEndian(CRC32.buf(data))),
  crc32c: hash((data) => littleEndian(CRC32C.buf(data))),
  md5: hash((data) => ({ type: 'bytes', bytes: md5(data) })),
  sha256: hash((data) => ({ type: 'bytes', bytes: sha256(data) })),
};

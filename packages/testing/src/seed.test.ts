import { Bytes, doc, GeoPoint, getFirestore, initializeApp, Timestamp } from '@kindling/client';
import { describe, expect, it } from 'vitest';
import { seedValue, seedWrites } from './seed.js';

const documents = 'projects/p/databases/(default)/documents';
const value = (v: unknown) => seedValue(v, documents, 'f');

describe('seed values', () => {
  it('maps plain JavaScript values as the client writes them', () => {
    expect(value(null)).toEqual({ nullValue: null });
    expect(value(true)).toEqual({ booleanValue: true });
    expect(value('s')).toEqual({ stringValue: 's' });
    expect(value(3)).toEqual({ integerValue: '3' });
    expect(value(2n ** 60n)).toEqual({ integerValue: '1152921504606846976' });
    expect(value(1.5)).toEqual({ doubleValue: 1.5 });
    expect(value(-0)).toEqual({ doubleValue: -0 });
    expect(value(Number.NaN)).toEqual({ doubleValue: 'NaN' });
    expect(value(-Infinity)).toEqual({ doubleValue: '-Infinity' });
    expect(value([1, 'a'])).toEqual({
      arrayValue: { values: [{ integerValue: '1' }, { stringValue: 'a' }] },
    });
    expect(value({ a: { b: 1 }, skipped: undefined })).toEqual({
      mapValue: { fields: { a: { mapValue: { fields: { b: { integerValue: '1' } } } } } },
    });
  });

  it('maps dates, bytes and the client value classes', () => {
    expect(value(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toEqual({
      timestampValue: '2024-01-02T03:04:05.006Z',
    });
    expect(value(new Timestamp(1, 500))).toEqual({ timestampValue: '1970-01-01T00:00:01.000000500Z' });
    expect(value(new GeoPoint(1.5, -2))).toEqual({ geoPointValue: { latitude: 1.5, longitude: -2 } });
    expect(value(new Uint8Array([1, 2, 255]))).toEqual({ bytesValue: 'AQL/' });
    expect(value(Bytes.fromUint8Array(new Uint8Array([0])))).toEqual({ bytesValue: 'AA==' });
    const ref = doc(getFirestore(initializeApp({ projectId: 'p' }, 'seed-ref')), 'users/u1');
    expect(value(ref)).toEqual({ referenceValue: `${documents}/users/u1` });
  });

  it('names the field of a value it cannot store', () => {
    expect(() => seedValue({ a: [1, () => 0] }, documents, '')).toThrow(
      'seed: unsupported function at a[1].',
    );
    expect(() => seedValue({ m: new Map() }, documents, '')).toThrow('unsupported object at m');
  });

  it('writes each document whole under the database', () => {
    expect(seedWrites({ '/users/a/': { n: 1 }, 'rooms/r/messages/m': {} }, documents)).toEqual([
      { update: { name: `${documents}/users/a`, fields: { n: { integerValue: '1' } } } },
      { update: { name: `${documents}/rooms/r/messages/m`, fields: {} } },
    ]);
  });
});

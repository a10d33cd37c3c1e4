import { describe, expect, it } from 'vitest';
import type { Value } from '../protocol/v1.js';
import { compareResourceNames } from './resource-name.js';
import { compareValues } from './value.js';

/**
 * 80 random values of every type, in the order the official Firestore emulator answered
 * `orderBy('v')` over documents d00…d79 holding them (ties broken by document id).
 */
describe('the total order recorded from the official emulator', () => {
  it('sorts the same way', () => {
    const ids = Object.keys(RECORDED);
    const sorted = [...ids]
      .reverse()
      .sort((a, b) => compareValues(RECORDED[a], RECORDED[b]) || compareResourceNames(a, b));
    expect(sorted).toEqual(ids);
  });
});

const RECORDED: Record<string, Value> = {
  d10: { nullValue: null },
  d20: { nullValue: null },
  d40: { nullValue: null },
  d73: { nullValue: null },
  d33: { booleanValue: false },
  d37: { booleanValue: true },
  d42: { booleanValue: true },
  d34: { integerValue: '-2' },
  d08: { doubleValue: 0.0 },
  d22: { doubleValue: 1.5 },
  d21: { integerValue: '2' },
  d12: { integerValue: '9223372036854775807' },
  d48: { integerValue: '9223372036854775807' },
  d00: { doubleValue: 9.3e18 },
  d15: { timestampValue: '0001-01-01T00:00:00Z' },
  d35: { timestampValue: '0001-01-01T00:00:00Z' },
  d14: { timestampValue: '1970-01-01T00:00:00Z' },
  d41: { timestampValue: '1970-01-01T00:00:00Z' },
  d28: { timestampValue: '2020-01-01T00:00:00.000001Z' },
  d76: { timestampValue: '2020-01-01T00:00:00.000001Z' },
  d27: { stringValue: '' },
  d57: { stringValue: '' },
  d59: { stringValue: '' },
  d69: { stringValue: 'B' },
  d77: { stringValue: 'B' },
  d19: { stringValue: 'a' },
  d25: { stringValue: 'a\u0000' },
  d63: { stringValue: 'é' },
  d66: { stringValue: 'é' },
  d47: { stringValue: '�' },
  d70: { stringValue: '�' },
  d72: { bytesValue: '' },
  d44: { bytesValue: 'AAA=' },
  d55: { bytesValue: 'AAA=' },
  d36: { bytesValue: 'AQI=' },
  d49: { bytesValue: 'fw==' },
  d58: { bytesValue: 'gA==' },
  d60: { bytesValue: 'gA==' },
  d17: { bytesValue: '/w==' },
  d53: { bytesValue: '/w==' },
  d31: { referenceValue: 'projects/demo-x/databases/(default)/documents/a/é' },
  d50: { referenceValue: 'projects/demo-x/databases/(default)/documents/a/é' },
  d04: { referenceValue: 'projects/demo-x/databases/(default)/documents/a-/b' },
  d05: { geoPointValue: { latitude: -10, longitude: -100 } },
  d01: { geoPointValue: { latitude: -10, longitude: 0 } },
  d75: { geoPointValue: { latitude: -10, longitude: 100 } },
  d09: { geoPointValue: { latitude: 0, longitude: 100 } },
  d24: { geoPointValue: { latitude: 0, longitude: 100 } },
  d51: { geoPointValue: { latitude: 0, longitude: 100 } },
  d56: { geoPointValue: { latitude: 0, longitude: 100 } },
  d03: { arrayValue: { values: [] } },
  d13: { arrayValue: { values: [] } },
  d16: { arrayValue: { values: [{ nullValue: null }, { nullValue: null }] } },
  d02: { arrayValue: { values: [{ integerValue: '1' }] } },
  d38: { arrayValue: { values: [{ integerValue: '1' }, { nullValue: null }] } },
  d43: { arrayValue: { values: [{ integerValue: '1' }, { doubleValue: 1.5 }] } },
  d52: { arrayValue: { values: [{ integerValue: '1' }, { stringValue: 'a' }] } },
  d18: { arrayValue: { values: [{ doubleValue: 1.5 }] } },
  d26: { arrayValue: { values: [{ doubleValue: 1.5 }] } },
  d45: { arrayValue: { values: [{ doubleValue: 1.5 }] } },
  d68: { arrayValue: { values: [{ doubleValue: 1.5 }] } },
  d61: { arrayValue: { values: [{ doubleValue: 1.5 }, { integerValue: '1' }] } },
  d74: { arrayValue: { values: [{ doubleValue: 1.5 }, { stringValue: 'a' }] } },
  d71: { arrayValue: { values: [{ stringValue: 'a' }] } },
  d79: { arrayValue: { values: [{ stringValue: 'a' }] } },
  d46: {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values: [{ doubleValue: 2 }] } },
      },
    },
  },
  d54: {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values: [{ doubleValue: 2 }] } },
      },
    },
  },
  d29: {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values: [{ doubleValue: 1 }, { doubleValue: 1 }] } },
      },
    },
  },
  d64: {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values: [{ doubleValue: 1 }, { doubleValue: 1 }] } },
      },
    },
  },
  d39: {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values: [{ doubleValue: 2 }, { doubleValue: 1 }] } },
      },
    },
  },
  d06: {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values: [{ doubleValue: 2 }, { doubleValue: 2 }] } },
      },
    },
  },
  d07: { mapValue: { fields: {} } },
  d11: { mapValue: { fields: {} } },
  d65: { mapValue: { fields: {} } },
  d78: { mapValue: { fields: { a: { integerValue: '1' } } } },
  d32: { mapValue: { fields: { a: { stringValue: 'a' } } } },
  d62: { mapValue: { fields: { é: { stringValue: 'a' }, b: { doubleValue: 'NaN' } } } },
  d30: { mapValue: { fields: { é: { integerValue: '1' }, b: { integerValue: '1' } } } },
  d67: { mapValue: { fields: { é: { doubleValue: 'NaN' } } } },
  d23: { mapValue: { fields: { é: { stringValue: 'a' } } } },
};

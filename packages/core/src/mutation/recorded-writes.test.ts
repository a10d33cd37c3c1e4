import { describe, expect, it } from 'vitest';
import type { Document, Value, Write } from '../protocol/v1.js';
import { StatusError } from '../status.js';
import { applyWrite, validateWrite } from './write.js';

/**
 * Random writes (masks, transforms of every kind, preconditions, deletes, legacy transform writes) recorded
 * against the official Firestore emulator: the stored document before, the write, and what the emulator
 * answered. Replaying them through validateWrite + applyWrite must give the same document, transform results,
 * error status, and the same choice of keeping the previous updateTime when nothing changed.
 * Server timestamps are compared by type only: the emulator stamps them slightly before its commit time.
 */
interface RecordedWrite {
  before: Document | null;
  write: Write;
  commitTime: string;
  expect:
    | { error: string }
    | {
        fields: Record<string, Value> | null | undefined;
        transformResults: Value[];
        keptUpdateTime: boolean;
      };
}

const FIXED_TIMESTAMP = '2020-01-01T00:00:00.123456Z';

// Server timestamps differ between the two; every other timestamp in these cases is FIXED_TIMESTAMP.
function maskServerTimes(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v ?? null, (k, x) => (k === 'timestampValue' && x !== FIXED_TIMESTAMP ? 'T' : x)),
  );
}

function replay(c: RecordedWrite) {
  try {
    validateWrite(c.write, 'projects/demo-x/databases/(default)');
    const { document, transformResults } = applyWrite(c.before, c.write, c.commitTime);
    return maskServerTimes({
      fields: document ? (document.fields ?? {}) : null,
      transformResults,
      keptUpdateTime: document !== null && c.before !== null && document.updateTime === c.before.updateTime,
    });
  } catch (e) {
    if (e instanceof StatusError) return { error: e.status };
    throw e;
  }
}

describe('writes recorded from the official emulator', () => {
  it.each(CASES.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    expect(replay(c)).toEqual(maskServerTimes(c.expect));
  });
});

const CASES: RecordedWrite[] = [
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d0',
      fields: { b: { integerValue: '-9223372036854775808' } },
      createTime: '2026-11-28T03:13:39.407650Z',
      updateTime: '2026-11-28T03:13:39.407650Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d0',
        fieldTransforms: [
          {
            fieldPath: 'c',
            removeAllFromArray: {
              values: [{ doubleValue: 0.5 }, { stringValue: 'b' }, { integerValue: '-9223372036854775808' }],
            },
          },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:39.414263Z',
    expect: {
      fields: { b: { integerValue: '-9223372036854775808' }, c: { arrayValue: {} } },
      transformResults: [{ nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d1',
      fields: { b: { mapValue: {} } },
      createTime: '2026-11-28T03:13:39.425726Z',
      updateTime: '2026-11-28T03:13:39.425726Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d1' },
    commitTime: '2026-11-28T03:13:39.431513Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d2',
        fields: {
          b: {
            mapValue: {
              fields: {
                c: {
                  arrayValue: {
                    values: [
                      { timestampValue: '2020-01-01T00:00:00.123456Z' },
                      { stringValue: 'a' },
                      { nullValue: null },
                    ],
                  },
                },
                b: { booleanValue: true },
              },
            },
          },
          a: { doubleValue: 3.0 },
        },
      },
      updateMask: { fieldPaths: ['a', 'a.b', 'b.c'] },
    },
    commitTime: '2026-11-28T03:13:39.441725Z',
    expect: {
      fields: {
        a: { doubleValue: 3.0 },
        b: {
          mapValue: {
            fields: {
              c: {
                arrayValue: {
                  values: [
                    { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    { stringValue: 'a' },
                    { nullValue: null },
                  ],
                },
              },
            },
          },
        },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: null,
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d3',
        fieldTransforms: [
          { fieldPath: 'c', increment: { integerValue: '1' } },
          {
            fieldPath: 'c',
            appendMissingElements: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] },
          },
          { fieldPath: 'b.c', minimum: { integerValue: '9223372036854775807' } },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:39.452046Z',
    expect: {
      fields: {
        b: { mapValue: { fields: { c: { integerValue: '9223372036854775807' } } } },
        c: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
      },
      transformResults: [{ integerValue: '1' }, { nullValue: null }, { integerValue: '9223372036854775807' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d4',
      fields: { c: { timestampValue: '2020-01-01T00:00:00.123456Z' }, b: { mapValue: {} } },
      createTime: '2026-11-28T03:13:39.470526Z',
      updateTime: '2026-11-28T03:13:39.470526Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d4',
        fields: { c: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      },
      updateMask: { fieldPaths: [] },
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d5',
      fields: { b: { booleanValue: false } },
      createTime: '2026-11-28T03:13:39.486138Z',
      updateTime: '2026-11-28T03:13:39.486138Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d5',
        fieldTransforms: [
          { fieldPath: 'b', maximum: { integerValue: '9223372036854775807' } },
          { fieldPath: 'c.a', setToServerValue: 'REQUEST_TIME' },
        ],
      },
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d6',
      fields: {
        a: {
          mapValue: {
            fields: {
              b: { integerValue: '-9223372036854775808' },
              c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
              a: {
                mapValue: {
                  fields: {
                    c: { stringValue: 'x' },
                    b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    a: { booleanValue: true },
                  },
                },
              },
            },
          },
        },
        b: { doubleValue: 'NaN' },
        c: { arrayValue: { values: [{ booleanValue: false }] } },
      },
      createTime: '2026-11-28T03:13:39.503926Z',
      updateTime: '2026-11-28T03:13:39.503926Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d6',
        fieldTransforms: [{ fieldPath: 'b', maximum: { doubleValue: 0.0 } }],
      },
      currentDocument: { exists: true },
    },
    commitTime: '2026-11-28T03:13:39.557442Z',
    expect: {
      fields: {
        a: {
          mapValue: {
            fields: {
              b: { integerValue: '-9223372036854775808' },
              c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
              a: {
                mapValue: {
                  fields: {
                    c: { stringValue: 'x' },
                    b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    a: { booleanValue: true },
                  },
                },
              },
            },
          },
        },
        b: { doubleValue: 'NaN' },
        c: { arrayValue: { values: [{ booleanValue: false }] } },
      },
      transformResults: [{ doubleValue: 'NaN' }],
      keptUpdateTime: true,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d7',
      fields: {
        a: { mapValue: {} },
        c: { booleanValue: false },
        b: { integerValue: '-9223372036854775808' },
      },
      createTime: '2026-11-28T03:13:39.563668Z',
      updateTime: '2026-11-28T03:13:39.563668Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d7',
        fields: {
          c: {
            arrayValue: {
              values: [
                { booleanValue: true },
                { timestampValue: '2020-01-01T00:00:00.123456Z' },
                { booleanValue: false },
              ],
            },
          },
        },
      },
    },
    commitTime: '2026-11-28T03:13:39.567895Z',
    expect: {
      fields: {
        c: {
          arrayValue: {
            values: [
              { booleanValue: true },
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { booleanValue: false },
            ],
          },
        },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d8',
      fields: { a: { doubleValue: -1.5 }, c: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:39.573598Z',
      updateTime: '2026-11-28T03:13:39.573598Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d8',
        fields: { a: { nullValue: null }, b: { arrayValue: { values: [] } } },
      },
      updateMask: { fieldPaths: ['a', 'c', 'c.b'] },
      updateTransforms: [{ fieldPath: 'b.a', setToServerValue: 'REQUEST_TIME' }],
    },
    commitTime: '2026-11-28T03:13:39.577275Z',
    expect: {
      fields: {
        a: { nullValue: null },
        b: { mapValue: { fields: { a: { timestampValue: '2026-11-28T03:13:39.576Z' } } } },
      },
      transformResults: [{ timestampValue: '2026-11-28T03:13:39.576Z' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d9',
      fields: {
        b: {
          mapValue: {
            fields: {
              a: { mapValue: { fields: { a: { doubleValue: 'NaN' }, c: { booleanValue: false } } } },
            },
          },
        },
        c: { doubleValue: 3.0 },
        a: { integerValue: '-3' },
      },
      createTime: '2026-11-28T03:13:39.583639Z',
      updateTime: '2026-11-28T03:13:39.583639Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d9',
        fields: { a: { mapValue: { fields: {} } }, c: { stringValue: '' } },
      },
      updateMask: { fieldPaths: ['a'] },
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d10',
      fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:39.593201Z',
      updateTime: '2026-11-28T03:13:39.593201Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d10',
        fieldTransforms: [
          {
            fieldPath: 'c.b',
            removeAllFromArray: {
              values: [
                { booleanValue: false },
                { timestampValue: '2020-01-01T00:00:00.123456Z' },
                { doubleValue: 'Infinity' },
              ],
            },
          },
          { fieldPath: 'b', minimum: { integerValue: '3' } },
          { fieldPath: 'c', setToServerValue: 'REQUEST_TIME' },
        ],
      },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d11',
      fields: {
        c: { integerValue: '9223372036854775807' },
        b: {
          mapValue: {
            fields: {
              b: { arrayValue: { values: [{ integerValue: '9223372036854775807' }, { doubleValue: 3.0 }] } },
              c: { arrayValue: {} },
            },
          },
        },
        a: { mapValue: {} },
      },
      createTime: '2026-11-28T03:13:39.602969Z',
      updateTime: '2026-11-28T03:13:39.602969Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d11',
        fields: { b: { nullValue: null } },
      },
      updateMask: { fieldPaths: ['a', 'c'] },
    },
    commitTime: '2026-11-28T03:13:39.606933Z',
    expect: {
      fields: {
        b: {
          mapValue: {
            fields: {
              b: { arrayValue: { values: [{ integerValue: '9223372036854775807' }, { doubleValue: 3.0 }] } },
              c: { arrayValue: {} },
            },
          },
        },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d12',
      fields: {
        a: {
          mapValue: {
            fields: {
              c: { booleanValue: true },
              a: { mapValue: {} },
              b: {
                mapValue: {
                  fields: { a: { booleanValue: true }, b: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
                },
              },
            },
          },
        },
        b: { integerValue: '-3' },
        c: { booleanValue: true },
      },
      createTime: '2026-11-28T03:13:39.615186Z',
      updateTime: '2026-11-28T03:13:39.615186Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d12', fields: {} },
      updateTransforms: [{ fieldPath: 'a.c', maximum: { integerValue: '9223372036854775807' } }],
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d13',
      fields: { a: { stringValue: 'b' } },
      createTime: '2026-11-28T03:13:39.627049Z',
      updateTime: '2026-11-28T03:13:39.627049Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d13',
        fields: { c: { mapValue: { fields: {} } }, a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      },
      updateMask: { fieldPaths: ['b.c'] },
      updateTransforms: [
        { fieldPath: 'b.a', removeAllFromArray: { values: [{ stringValue: 'a' }] } },
        { fieldPath: 'a.b', appendMissingElements: { values: [] } },
      ],
    },
    commitTime: '2026-11-28T03:13:39.631332Z',
    expect: {
      fields: {
        a: { mapValue: { fields: { b: { arrayValue: {} } } } },
        b: { mapValue: { fields: { a: { arrayValue: {} } } } },
      },
      transformResults: [{ nullValue: null }, { nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d14',
      fields: { a: { mapValue: {} } },
      createTime: '2026-11-28T03:13:39.636858Z',
      updateTime: '2026-11-28T03:13:39.636858Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d14',
        fields: { c: { stringValue: 'a' } },
      },
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d15',
        fields: { a: { nullValue: null } },
      },
      updateMask: { fieldPaths: ['b.a'] },
    },
    commitTime: '2026-11-28T03:13:39.646113Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d16',
      createTime: '2026-11-28T03:13:39.651257Z',
      updateTime: '2026-11-28T03:13:39.651257Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d16',
        fieldTransforms: [
          { fieldPath: 'a', maximum: { integerValue: '-9223372036854775808' } },
          { fieldPath: 'b', minimum: { doubleValue: 2.0 } },
          { fieldPath: 'a', increment: { doubleValue: 'NaN' } },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:39.669310Z',
    expect: {
      fields: { a: { doubleValue: 'NaN' }, b: { doubleValue: 2.0 } },
      transformResults: [
        { integerValue: '-9223372036854775808' },
        { doubleValue: 2.0 },
        { doubleValue: 'NaN' },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d17',
      createTime: '2026-11-28T03:13:39.677367Z',
      updateTime: '2026-11-28T03:13:39.677367Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d17',
        fields: {
          b: { stringValue: 'a' },
          c: { booleanValue: false },
          a: { mapValue: { fields: { a: { arrayValue: { values: [{ nullValue: null }] } } } } },
        },
      },
      updateMask: { fieldPaths: ['a', 'b.a', 'c.b'] },
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d18',
      createTime: '2026-11-28T03:13:39.688991Z',
      updateTime: '2026-11-28T03:13:39.688991Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d18',
        fields: { a: { mapValue: { fields: {} } } },
      },
    },
    commitTime: '2026-11-28T03:13:39.700519Z',
    expect: { fields: { a: { mapValue: {} } }, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d19',
      createTime: '2026-11-28T03:13:39.708272Z',
      updateTime: '2026-11-28T03:13:39.708272Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d19' },
    commitTime: '2026-11-28T03:13:39.712719Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d20',
      fields: {
        a: {
          mapValue: {
            fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' }, c: { doubleValue: 0.5 } },
          },
        },
        c: {
          mapValue: {
            fields: {
              c: {
                mapValue: {
                  fields: {
                    c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    b: { stringValue: 'a' },
                    a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                  },
                },
              },
              b: { arrayValue: { values: [{ stringValue: '' }, { nullValue: null }, { stringValue: 'x' }] } },
              a: { arrayValue: {} },
            },
          },
        },
      },
      createTime: '2026-11-28T03:13:39.748400Z',
      updateTime: '2026-11-28T03:13:39.748400Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d20',
        fields: { b: { stringValue: 'a' } },
      },
      updateMask: { fieldPaths: ['b.a'] },
      currentDocument: { exists: true },
    },
    commitTime: '2026-11-28T03:13:39.753807Z',
    expect: {
      fields: {
        a: {
          mapValue: {
            fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' }, c: { doubleValue: 0.5 } },
          },
        },
        c: {
          mapValue: {
            fields: {
              c: {
                mapValue: {
                  fields: {
                    c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    b: { stringValue: 'a' },
                    a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                  },
                },
              },
              b: { arrayValue: { values: [{ stringValue: '' }, { nullValue: null }, { stringValue: 'x' }] } },
              a: { arrayValue: {} },
            },
          },
        },
      },
      transformResults: [],
      keptUpdateTime: true,
    },
  },
  {
    before: null,
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d21',
        fieldTransforms: [
          { fieldPath: 'a.b', setToServerValue: 'REQUEST_TIME' },
          { fieldPath: 'b.b', appendMissingElements: { values: [{ stringValue: 'x' }] } },
          { fieldPath: 'a.b', appendMissingElements: { values: [] } },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:39.760525Z',
    expect: {
      fields: {
        a: { mapValue: { fields: { b: { arrayValue: {} } } } },
        b: { mapValue: { fields: { b: { arrayValue: { values: [{ stringValue: 'x' }] } } } } },
      },
      transformResults: [
        { timestampValue: '2026-11-28T03:13:39.759Z' },
        { nullValue: null },
        { nullValue: null },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d22',
      fields: {
        b: {
          mapValue: {
            fields: {
              a: {
                mapValue: {
                  fields: { c: { nullValue: null }, b: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
                },
              },
              b: { integerValue: '0' },
              c: { arrayValue: {} },
            },
          },
        },
        a: { stringValue: 'b' },
      },
      createTime: '2026-11-28T03:13:39.766270Z',
      updateTime: '2026-11-28T03:13:39.766270Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d22',
        fields: {
          b: { arrayValue: { values: [{ stringValue: 'b' }, { integerValue: '1' }] } },
          a: { mapValue: { fields: { a: { nullValue: null } } } },
        },
      },
      updateTransforms: [
        { fieldPath: 'b.a', appendMissingElements: { values: [{ doubleValue: 'Infinity' }] } },
        { fieldPath: 'c', maximum: { doubleValue: 'NaN' } },
      ],
    },
    commitTime: '2026-11-28T03:13:39.777977Z',
    expect: {
      fields: {
        a: { mapValue: { fields: { a: { nullValue: null } } } },
        b: { mapValue: { fields: { a: { arrayValue: { values: [{ doubleValue: 'Infinity' }] } } } } },
        c: { doubleValue: 'NaN' },
      },
      transformResults: [{ nullValue: null }, { doubleValue: 'NaN' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d23',
      fields: { a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:39.785953Z',
      updateTime: '2026-11-28T03:13:39.785953Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d23', fields: {} },
      updateMask: { fieldPaths: ['a', 'b'] },
      updateTransforms: [
        {
          fieldPath: 'a',
          appendMissingElements: {
            values: [
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { nullValue: null },
              { integerValue: '-9223372036854775808' },
            ],
          },
        },
      ],
    },
    commitTime: '2026-11-28T03:13:39.790193Z',
    expect: {
      fields: {
        a: {
          arrayValue: {
            values: [
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { nullValue: null },
              { integerValue: '-9223372036854775808' },
            ],
          },
        },
      },
      transformResults: [{ nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d24',
      createTime: '2026-11-28T03:13:39.795754Z',
      updateTime: '2026-11-28T03:13:39.795754Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d24',
        fields: { b: { stringValue: 'b' }, c: { doubleValue: 0.0 } },
      },
      updateMask: { fieldPaths: ['a.b'] },
      updateTransforms: [{ fieldPath: 'c', increment: { integerValue: '-3' } }],
    },
    commitTime: '2026-11-28T03:13:39.799849Z',
    expect: {
      fields: { c: { integerValue: '-3' } },
      transformResults: [{ integerValue: '-3' }],
      keptUpdateTime: false,
    },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d25',
        fields: {
          a: { mapValue: { fields: { a: { integerValue: '-1' } } } },
          c: { mapValue: { fields: { a: { stringValue: 'x' }, c: { integerValue: '2' } } } },
        },
      },
      updateTransforms: [
        { fieldPath: 'c', minimum: { integerValue: '-9223372036854775808' } },
        { fieldPath: 'a.b', increment: { doubleValue: 0.5 } },
      ],
      currentDocument: { exists: true },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'NOT_FOUND' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d26',
      fields: { c: { integerValue: '9223372036854775807' }, b: { stringValue: '' } },
      createTime: '2026-11-28T03:13:39.822153Z',
      updateTime: '2026-11-28T03:13:39.822153Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d26',
        fieldTransforms: [
          { fieldPath: 'c', maximum: { integerValue: '9223372036854775807' } },
          { fieldPath: 'b', maximum: { doubleValue: 'NaN' } },
        ],
      },
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d27',
      fields: { c: { integerValue: '9223372036854775807' } },
      createTime: '2026-11-28T03:13:39.841519Z',
      updateTime: '2026-11-28T03:13:39.841519Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d27',
        fields: {
          c: { arrayValue: { values: [{ booleanValue: true }, { nullValue: null }, { stringValue: 'a' }] } },
        },
      },
      updateMask: { fieldPaths: ['c'] },
    },
    commitTime: '2026-11-28T03:13:39.845924Z',
    expect: {
      fields: {
        c: { arrayValue: { values: [{ booleanValue: true }, { nullValue: null }, { stringValue: 'a' }] } },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d28',
      fields: {
        c: { arrayValue: { values: [{ nullValue: null }] } },
        b: { stringValue: 'b' },
        a: { stringValue: 'x' },
      },
      createTime: '2026-11-28T03:13:39.851247Z',
      updateTime: '2026-11-28T03:13:39.851247Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d28',
        fields: { b: { nullValue: null }, a: { nullValue: null }, c: { integerValue: '0' } },
      },
      updateTransforms: [
        { fieldPath: 'a', setToServerValue: 'REQUEST_TIME' },
        { fieldPath: 'a', setToServerValue: 'REQUEST_TIME' },
        { fieldPath: 'c.c', increment: { doubleValue: 'Infinity' } },
      ],
      currentDocument: { exists: true },
    },
    commitTime: '2026-11-28T03:13:39.854493Z',
    expect: {
      fields: {
        b: { nullValue: null },
        a: { timestampValue: '2026-11-28T03:13:39.854Z' },
        c: { mapValue: { fields: { c: { doubleValue: 'Infinity' } } } },
      },
      transformResults: [
        { timestampValue: '2026-11-28T03:13:39.854Z' },
        { timestampValue: '2026-11-28T03:13:39.854Z' },
        { doubleValue: 'Infinity' },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d29',
      createTime: '2026-11-28T03:13:39.875495Z',
      updateTime: '2026-11-28T03:13:39.875495Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d29',
        fields: { a: { nullValue: null } },
      },
      updateMask: { fieldPaths: ['a'] },
    },
    commitTime: '2026-11-28T03:13:39.888270Z',
    expect: { fields: { a: { nullValue: null } }, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d30',
      fields: {
        a: { arrayValue: { values: [{ booleanValue: true }, { stringValue: 'b' }] } },
        b: {
          mapValue: {
            fields: {
              b: {
                mapValue: {
                  fields: { c: { integerValue: '-9223372036854775808' }, b: { stringValue: 'b' } },
                },
              },
            },
          },
        },
        c: { booleanValue: true },
      },
      createTime: '2026-11-28T03:13:39.903723Z',
      updateTime: '2026-11-28T03:13:39.903723Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d30',
        fields: { c: { stringValue: 'b' }, b: { stringValue: '' } },
      },
      updateMask: { fieldPaths: ['a', 'b'] },
    },
    commitTime: '2026-11-28T03:13:39.926871Z',
    expect: {
      fields: { c: { booleanValue: true }, b: { stringValue: '' } },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d31',
      fields: { c: { integerValue: '9223372036854775807' }, a: { stringValue: 'a' } },
      createTime: '2026-11-28T03:13:39.966023Z',
      updateTime: '2026-11-28T03:13:39.966023Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d31' },
    commitTime: '2026-11-28T03:13:39.973650Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d32',
      createTime: '2026-11-28T03:13:39.982739Z',
      updateTime: '2026-11-28T03:13:39.982739Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d32' },
    commitTime: '2026-11-28T03:13:40.075982Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d33',
      fields: { c: { mapValue: {} }, b: { mapValue: {} }, a: { integerValue: '3' } },
      createTime: '2026-11-28T03:13:40.118623Z',
      updateTime: '2026-11-28T03:13:40.118623Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d33',
        fields: { a: { booleanValue: false } },
      },
      updateTransforms: [
        { fieldPath: 'b', setToServerValue: 'REQUEST_TIME' },
        { fieldPath: 'c', appendMissingElements: { values: [] } },
      ],
    },
    commitTime: '2026-11-28T03:13:40.122481Z',
    expect: {
      fields: {
        a: { booleanValue: false },
        b: { timestampValue: '2026-11-28T03:13:40.122Z' },
        c: { arrayValue: {} },
      },
      transformResults: [{ timestampValue: '2026-11-28T03:13:40.122Z' }, { nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d34',
      fields: {
        a: { arrayValue: {} },
        c: {
          mapValue: {
            fields: {
              c: {
                arrayValue: {
                  values: [
                    { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    { booleanValue: false },
                    { stringValue: '' },
                  ],
                },
              },
              a: { doubleValue: -1.5 },
            },
          },
        },
        b: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
      },
      createTime: '2026-11-28T03:13:40.132449Z',
      updateTime: '2026-11-28T03:13:40.132449Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d34',
        fields: { a: { stringValue: 'a' } },
      },
      updateTransforms: [{ fieldPath: 'c.c', setToServerValue: 'REQUEST_TIME' }],
    },
    commitTime: '2026-11-28T03:13:40.140818Z',
    expect: {
      fields: {
        a: { stringValue: 'a' },
        c: { mapValue: { fields: { c: { timestampValue: '2026-11-28T03:13:40.140Z' } } } },
      },
      transformResults: [{ timestampValue: '2026-11-28T03:13:40.140Z' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d35',
      createTime: '2026-11-28T03:13:40.149798Z',
      updateTime: '2026-11-28T03:13:40.149798Z',
    },
    write: {
      delete: 'projects/demo-x/databases/(default)/documents/fz/d35',
      currentDocument: { updateTime: '2026-11-28T03:13:40.149798Z' },
    },
    commitTime: '2026-11-28T03:13:40.157904Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d36',
      fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:40.166731Z',
      updateTime: '2026-11-28T03:13:40.166731Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d36' },
    commitTime: '2026-11-28T03:13:40.175807Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d37',
        fields: { a: { arrayValue: { values: [] } } },
      },
      updateMask: { fieldPaths: [] },
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d38',
      fields: {
        b: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }, { stringValue: 'a' }] } },
      },
      createTime: '2026-11-28T03:13:40.203979Z',
      updateTime: '2026-11-28T03:13:40.203979Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d38',
        fields: { b: { booleanValue: true }, c: { doubleValue: 'NaN' } },
      },
      updateMask: { fieldPaths: [] },
      updateTransforms: [{ fieldPath: 'c', minimum: { doubleValue: 0.5 } }],
      currentDocument: { updateTime: '2026-11-28T03:13:40.203979Z' },
    },
    commitTime: '2026-11-28T03:13:40.214672Z',
    expect: {
      fields: {
        b: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }, { stringValue: 'a' }] } },
        c: { doubleValue: 0.5 },
      },
      transformResults: [{ doubleValue: 0.5 }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d39',
      fields: { b: { booleanValue: false } },
      createTime: '2026-11-28T03:13:40.223750Z',
      updateTime: '2026-11-28T03:13:40.223750Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d39',
        fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      },
      updateMask: { fieldPaths: ['c'] },
    },
    commitTime: '2026-11-28T03:13:40.229873Z',
    expect: { fields: { b: { booleanValue: false } }, transformResults: [], keptUpdateTime: true },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d40',
      fields: { b: { nullValue: null }, a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:40.296462Z',
      updateTime: '2026-11-28T03:13:40.296462Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d40', fields: {} },
      updateMask: { fieldPaths: [] },
      updateTransforms: [
        { fieldPath: 'b.c', removeAllFromArray: { values: [{ nullValue: null }] } },
        { fieldPath: 'b', maximum: { integerValue: '-9223372036854775808' } },
      ],
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d41',
      fields: {
        c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        b: { booleanValue: true },
        a: {
          mapValue: {
            fields: {
              c: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
              a: { mapValue: { fields: { c: { booleanValue: false } } } },
              b: {
                mapValue: {
                  fields: {
                    a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    b: { integerValue: '9223372036854775807' },
                  },
                },
              },
            },
          },
        },
      },
      createTime: '2026-11-28T03:13:40.333787Z',
      updateTime: '2026-11-28T03:13:40.333787Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d41',
        fields: { a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      },
      updateMask: { fieldPaths: ['a', 'b'] },
      updateTransforms: [
        {
          fieldPath: 'a.a',
          appendMissingElements: {
            values: [
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { integerValue: '9223372036854775807' },
              { integerValue: '9223372036854775807' },
            ],
          },
        },
        { fieldPath: 'c', maximum: { integerValue: '-9223372036854775808' } },
      ],
    },
    commitTime: '2026-11-28T03:13:40.337954Z',
    expect: {
      fields: {
        a: {
          mapValue: {
            fields: {
              a: {
                arrayValue: {
                  values: [
                    { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    { integerValue: '9223372036854775807' },
                  ],
                },
              },
            },
          },
        },
        c: { integerValue: '-9223372036854775808' },
      },
      transformResults: [{ nullValue: null }, { integerValue: '-9223372036854775808' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d42',
      fields: { c: { mapValue: {} } },
      createTime: '2026-11-28T03:13:40.345413Z',
      updateTime: '2026-11-28T03:13:40.345413Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d42' },
    commitTime: '2026-11-28T03:13:40.349587Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d43',
      fields: {
        a: { arrayValue: { values: [{ booleanValue: true }, { nullValue: null }, { nullValue: null }] } },
        c: { arrayValue: { values: [{ integerValue: '9223372036854775807' }] } },
      },
      createTime: '2026-11-28T03:13:40.359775Z',
      updateTime: '2026-11-28T03:13:40.359775Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d43',
        fields: { a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      },
    },
    commitTime: '2026-11-28T03:13:40.363037Z',
    expect: {
      fields: { a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d44',
      fields: {
        b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        a: {
          arrayValue: {
            values: [
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { doubleValue: 'NaN' },
              { stringValue: 'a' },
            ],
          },
        },
        c: { stringValue: 'b' },
      },
      createTime: '2026-11-28T03:13:40.373082Z',
      updateTime: '2026-11-28T03:13:40.373082Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d44',
        fields: {
          b: {
            mapValue: {
              fields: {
                b: { mapValue: { fields: { a: { doubleValue: 'Infinity' }, b: { booleanValue: true } } } },
                a: { doubleValue: 1.0 },
              },
            },
          },
          a: {
            arrayValue: {
              values: [
                { booleanValue: true },
                { booleanValue: true },
                { timestampValue: '2020-01-01T00:00:00.123456Z' },
              ],
            },
          },
          c: { booleanValue: false },
        },
      },
      updateMask: { fieldPaths: ['c'] },
      currentDocument: { exists: true },
    },
    commitTime: '2026-11-28T03:13:40.382100Z',
    expect: {
      fields: {
        b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        a: {
          arrayValue: {
            values: [
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { doubleValue: 'NaN' },
              { stringValue: 'a' },
            ],
          },
        },
        c: { booleanValue: false },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d45',
      fields: { b: { integerValue: '9223372036854775807' } },
      createTime: '2026-11-28T03:13:40.390219Z',
      updateTime: '2026-11-28T03:13:40.390219Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d45',
        fields: { b: { mapValue: { fields: {} } } },
      },
      updateMask: { fieldPaths: ['c.b', 'c.c'] },
    },
    commitTime: '2026-11-28T03:13:40.394607Z',
    expect: {
      fields: { b: { integerValue: '9223372036854775807' } },
      transformResults: [],
      keptUpdateTime: true,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d46',
      fields: { c: { mapValue: {} }, a: { stringValue: 'a' } },
      createTime: '2026-11-28T03:13:40.400657Z',
      updateTime: '2026-11-28T03:13:40.400657Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d46',
        fields: {
          b: {
            arrayValue: {
              values: [
                { timestampValue: '2020-01-01T00:00:00.123456Z' },
                { doubleValue: 'NaN' },
                { stringValue: 'b' },
              ],
            },
          },
          a: { booleanValue: true },
          c: { arrayValue: { values: [{ nullValue: null }, { stringValue: '' }] } },
        },
      },
      updateMask: { fieldPaths: ['b.c', 'b.b'] },
    },
    commitTime: '2026-11-28T03:13:40.407271Z',
    expect: {
      fields: { c: { mapValue: {} }, a: { stringValue: 'a' } },
      transformResults: [],
      keptUpdateTime: true,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d47',
      createTime: '2026-11-28T03:13:40.414808Z',
      updateTime: '2026-11-28T03:13:40.414808Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d47' },
    commitTime: '2026-11-28T03:13:40.417818Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d48',
      fields: { c: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:40.422766Z',
      updateTime: '2026-11-28T03:13:40.422766Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d48', fields: {} },
      updateMask: { fieldPaths: ['a', 'a.c'] },
      updateTransforms: [{ fieldPath: 'c.c', minimum: { integerValue: '-2' } }],
    },
    commitTime: '2026-11-28T03:13:40.430552Z',
    expect: {
      fields: { c: { mapValue: { fields: { c: { integerValue: '-2' } } } } },
      transformResults: [{ integerValue: '-2' }],
      keptUpdateTime: false,
    },
  },
  {
    before: null,
    write: {
      delete: 'projects/demo-x/databases/(default)/documents/fz/d49',
      currentDocument: { exists: true },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'NOT_FOUND' },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d50',
        fields: { c: { timestampValue: '2020-01-01T00:00:00.123456Z' }, a: { mapValue: { fields: {} } } },
      },
      updateMask: { fieldPaths: ['b'] },
    },
    commitTime: '2026-11-28T03:13:40.452815Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d51',
      createTime: '2026-11-28T03:13:40.458735Z',
      updateTime: '2026-11-28T03:13:40.458735Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d51', fields: {} },
      updateMask: { fieldPaths: [] },
    },
    commitTime: '2026-11-28T03:13:40.464927Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: true },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d52',
      fields: { b: { stringValue: 'b' } },
      createTime: '2026-11-28T03:13:40.487195Z',
      updateTime: '2026-11-28T03:13:40.487195Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d52',
        fields: { b: { doubleValue: 'Infinity' }, a: { nullValue: null }, c: { nullValue: null } },
      },
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d53',
      fields: { c: { booleanValue: false }, a: { integerValue: '-9223372036854775808' } },
      createTime: '2026-11-28T03:13:40.541489Z',
      updateTime: '2026-11-28T03:13:40.541489Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d53',
        fields: { b: { arrayValue: { values: [] } } },
      },
      updateMask: { fieldPaths: ['b', 'a.c'] },
    },
    commitTime: '2026-11-28T03:13:40.553965Z',
    expect: {
      fields: {
        c: { booleanValue: false },
        a: { integerValue: '-9223372036854775808' },
        b: { arrayValue: {} },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d54',
      fields: {
        b: { doubleValue: 'NaN' },
        a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
      },
      createTime: '2026-11-28T03:13:40.564038Z',
      updateTime: '2026-11-28T03:13:40.564038Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d54',
        fields: { b: { integerValue: '0' } },
      },
      updateMask: { fieldPaths: ['a', 'c.c'] },
    },
    commitTime: '2026-11-28T03:13:40.568435Z',
    expect: {
      fields: { b: { doubleValue: 'NaN' }, c: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d55',
      fields: {
        a: {
          mapValue: {
            fields: { c: { arrayValue: { values: [{ nullValue: null }, { booleanValue: true }] } } },
          },
        },
      },
      createTime: '2026-11-28T03:13:40.579145Z',
      updateTime: '2026-11-28T03:13:40.579145Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d55',
        fields: { a: { nullValue: null } },
      },
      updateMask: { fieldPaths: [] },
      updateTransforms: [
        { fieldPath: 'a', minimum: { integerValue: '-9223372036854775808' } },
        { fieldPath: 'a', increment: { integerValue: '9223372036854775807' } },
      ],
    },
    commitTime: '2026-11-28T03:13:40.582784Z',
    expect: {
      fields: { a: { integerValue: '-1' } },
      transformResults: [{ integerValue: '-9223372036854775808' }, { integerValue: '-1' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d56',
      createTime: '2026-11-28T03:13:40.590902Z',
      updateTime: '2026-11-28T03:13:40.590902Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d56',
        fields: { c: { stringValue: 'a' }, a: { nullValue: null }, b: { mapValue: { fields: {} } } },
      },
      updateMask: { fieldPaths: ['b.a', 'a.c'] },
    },
    commitTime: '2026-11-28T03:13:40.617120Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: true },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d57',
        fields: {
          a: { arrayValue: { values: [] } },
          c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
          b: { booleanValue: false },
        },
      },
      updateTransforms: [
        { fieldPath: 'b.b', increment: { integerValue: '9223372036854775807' } },
        { fieldPath: 'a', setToServerValue: 'REQUEST_TIME' },
      ],
    },
    commitTime: '2026-11-28T03:13:40.682847Z',
    expect: {
      fields: {
        c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        a: { timestampValue: '2026-11-28T03:13:40.681Z' },
        b: { mapValue: { fields: { b: { integerValue: '9223372036854775807' } } } },
      },
      transformResults: [
        { integerValue: '9223372036854775807' },
        { timestampValue: '2026-11-28T03:13:40.681Z' },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d58',
      fields: {
        a: {
          mapValue: {
            fields: {
              c: { doubleValue: 'Infinity' },
              a: {
                mapValue: {
                  fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' }, a: { stringValue: 'a' } },
                },
              },
            },
          },
        },
      },
      createTime: '2026-11-28T03:13:40.799647Z',
      updateTime: '2026-11-28T03:13:40.799647Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d58', fields: {} },
      updateMask: { fieldPaths: ['b.a', 'b'] },
      updateTransforms: [
        { fieldPath: 'b.a', minimum: { integerValue: '9223372036854775807' } },
        { fieldPath: 'a', removeAllFromArray: { values: [] } },
      ],
    },
    commitTime: '2026-11-28T03:13:40.807010Z',
    expect: {
      fields: {
        a: { arrayValue: {} },
        b: { mapValue: { fields: { a: { integerValue: '9223372036854775807' } } } },
      },
      transformResults: [{ integerValue: '9223372036854775807' }, { nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d59',
      fields: { a: { stringValue: 'b' }, b: { doubleValue: 'NaN' } },
      createTime: '2026-11-28T03:13:40.817759Z',
      updateTime: '2026-11-28T03:13:40.817759Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d59',
        fields: { a: { mapValue: { fields: {} } }, c: { booleanValue: false }, b: { nullValue: null } },
      },
      updateMask: { fieldPaths: ['a.b', 'b'] },
      updateTransforms: [
        { fieldPath: 'a', maximum: { doubleValue: 3.0 } },
        { fieldPath: 'c', increment: { integerValue: '9223372036854775807' } },
        { fieldPath: 'a.a', maximum: { doubleValue: 3.0 } },
      ],
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d60',
      createTime: '2026-11-28T03:13:40.988878Z',
      updateTime: '2026-11-28T03:13:40.988878Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d60',
        fieldTransforms: [{ fieldPath: 'c.a', setToServerValue: 'REQUEST_TIME' }],
      },
    },
    commitTime: '2026-11-28T03:13:41.008960Z',
    expect: {
      fields: { c: { mapValue: { fields: { a: { timestampValue: '2026-11-28T03:13:41.006Z' } } } } },
      transformResults: [{ timestampValue: '2026-11-28T03:13:41.006Z' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d61',
      fields: {
        a: {
          arrayValue: {
            values: [{ nullValue: null }, { booleanValue: false }, { integerValue: '-9223372036854775808' }],
          },
        },
      },
      createTime: '2026-11-28T03:13:41.038131Z',
      updateTime: '2026-11-28T03:13:41.038131Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d61',
        fields: {
          a: {
            mapValue: {
              fields: {
                c: { integerValue: '9223372036854775807' },
                b: { booleanValue: true },
                a: { doubleValue: 2.0 },
              },
            },
          },
        },
      },
    },
    commitTime: '2026-11-28T03:13:41.048141Z',
    expect: {
      fields: {
        a: {
          mapValue: {
            fields: {
              c: { integerValue: '9223372036854775807' },
              b: { booleanValue: true },
              a: { doubleValue: 2.0 },
            },
          },
        },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d62',
      fields: {
        c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        a: { integerValue: '2' },
        b: { booleanValue: true },
      },
      createTime: '2026-11-28T03:13:41.061974Z',
      updateTime: '2026-11-28T03:13:41.061974Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d62',
        fieldTransforms: [{ fieldPath: 'b', maximum: { doubleValue: 'NaN' } }],
      },
    },
    commitTime: '2026-11-28T03:13:41.071752Z',
    expect: {
      fields: {
        c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        a: { integerValue: '2' },
        b: { doubleValue: 'NaN' },
      },
      transformResults: [{ doubleValue: 'NaN' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d63',
      fields: { a: { doubleValue: 'NaN' }, b: { booleanValue: false } },
      createTime: '2026-11-28T03:13:41.082326Z',
      updateTime: '2026-11-28T03:13:41.082326Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d63',
        fields: { a: { stringValue: 'b' }, c: { booleanValue: true } },
      },
      updateTransforms: [
        { fieldPath: 'b.c', minimum: { integerValue: '0' } },
        { fieldPath: 'b', maximum: { integerValue: '-9223372036854775808' } },
        { fieldPath: 'a.b', maximum: { integerValue: '-9223372036854775808' } },
      ],
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d64',
      createTime: '2026-11-28T03:13:41.099004Z',
      updateTime: '2026-11-28T03:13:41.099004Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d64', fields: {} },
      updateMask: { fieldPaths: [] },
    },
    commitTime: '2026-11-28T03:13:41.108874Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: true },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d65',
        fields: { c: { stringValue: '' } },
      },
      updateMask: { fieldPaths: ['a', 'b', 'c.c'] },
      updateTransforms: [
        { fieldPath: 'b', appendMissingElements: { values: [{ nullValue: null }] } },
        { fieldPath: 'c.c', increment: { integerValue: '9223372036854775807' } },
        { fieldPath: 'c.b', minimum: { integerValue: '-9223372036854775808' } },
      ],
    },
    commitTime: '2026-11-28T03:13:41.118791Z',
    expect: {
      fields: {
        b: { arrayValue: { values: [{ nullValue: null }] } },
        c: {
          mapValue: {
            fields: {
              b: { integerValue: '-9223372036854775808' },
              c: { integerValue: '9223372036854775807' },
            },
          },
        },
      },
      transformResults: [
        { nullValue: null },
        { integerValue: '9223372036854775807' },
        { integerValue: '-9223372036854775808' },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d66',
        fields: {
          b: { booleanValue: true },
          a: { mapValue: { fields: { c: { booleanValue: true }, b: { nullValue: null } } } },
        },
      },
      updateMask: { fieldPaths: ['a', 'b.b', 'c.c'] },
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: null,
    write: { update: { name: 'projects/demo-x/databases/(default)/documents/fz/d67', fields: {} } },
    commitTime: '2026-11-28T03:13:41.145919Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d68',
      fields: { a: { booleanValue: true }, c: { nullValue: null }, b: { booleanValue: true } },
      createTime: '2026-11-28T03:13:41.160918Z',
      updateTime: '2026-11-28T03:13:41.160918Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d68',
        fieldTransforms: [
          { fieldPath: 'a', increment: { integerValue: '9223372036854775807' } },
          { fieldPath: 'a.c', increment: { doubleValue: 1.0 } },
          { fieldPath: 'b', minimum: { integerValue: '-1' } },
        ],
      },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d69',
      fields: { b: { integerValue: '0' } },
      createTime: '2026-11-28T03:13:41.178464Z',
      updateTime: '2026-11-28T03:13:41.178464Z',
    },
    write: {
      delete: 'projects/demo-x/databases/(default)/documents/fz/d69',
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d70',
      fields: {
        b: { stringValue: '' },
        c: { mapValue: { fields: { a: { integerValue: '-9223372036854775808' } } } },
        a: { doubleValue: 'Infinity' },
      },
      createTime: '2026-11-28T03:13:41.203512Z',
      updateTime: '2026-11-28T03:13:41.203512Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d70',
        fields: {
          b: { booleanValue: true },
          a: {
            arrayValue: {
              values: [
                { timestampValue: '2020-01-01T00:00:00.123456Z' },
                { integerValue: '9223372036854775807' },
                { booleanValue: false },
              ],
            },
          },
          c: { nullValue: null },
        },
      },
      updateTransforms: [{ fieldPath: 'c', minimum: { integerValue: '3' } }],
    },
    commitTime: '2026-11-28T03:13:41.217743Z',
    expect: {
      fields: {
        b: { booleanValue: true },
        a: {
          arrayValue: {
            values: [
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { integerValue: '9223372036854775807' },
              { booleanValue: false },
            ],
          },
        },
        c: { integerValue: '3' },
      },
      transformResults: [{ integerValue: '3' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d71',
      createTime: '2026-11-28T03:13:41.242744Z',
      updateTime: '2026-11-28T03:13:41.242744Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d71',
        fieldTransforms: [
          { fieldPath: 'c', setToServerValue: 'REQUEST_TIME' },
          { fieldPath: 'b', increment: { doubleValue: 'NaN' } },
          { fieldPath: 'b', setToServerValue: 'REQUEST_TIME' },
        ],
      },
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d72',
        fields: {
          c: {
            mapValue: {
              fields: {
                a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                c: {
                  mapValue: {
                    fields: { a: { doubleValue: 'Infinity' }, b: { integerValue: '9223372036854775807' } },
                  },
                },
              },
            },
          },
          b: { stringValue: '' },
          a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        },
      },
      currentDocument: { exists: true },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'NOT_FOUND' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d73',
      fields: { b: { doubleValue: 'NaN' } },
      createTime: '2026-11-28T03:13:41.289231Z',
      updateTime: '2026-11-28T03:13:41.289231Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d73',
        fields: { c: { mapValue: { fields: { c: { arrayValue: { values: [] } } } } } },
      },
      updateMask: { fieldPaths: ['a.a'] },
    },
    commitTime: '2026-11-28T03:13:41.296069Z',
    expect: { fields: { b: { doubleValue: 'NaN' } }, transformResults: [], keptUpdateTime: true },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d74',
      fields: {
        a: { mapValue: { fields: { c: { stringValue: '' } } } },
        b: { booleanValue: false },
        c: { integerValue: '9223372036854775807' },
      },
      createTime: '2026-11-28T03:13:41.312675Z',
      updateTime: '2026-11-28T03:13:41.312675Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d74',
        fields: {
          a: {
            mapValue: {
              fields: {
                a: { stringValue: 'a' },
                c: { mapValue: { fields: { b: { nullValue: null }, a: { stringValue: 'b' } } } },
                b: { mapValue: { fields: {} } },
              },
            },
          },
          c: {
            mapValue: {
              fields: {
                b: { booleanValue: false },
                a: {
                  mapValue: {
                    fields: {
                      b: { stringValue: 'a' },
                      c: { doubleValue: 'Infinity' },
                      a: { stringValue: '' },
                    },
                  },
                },
                c: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
              },
            },
          },
          b: {
            mapValue: {
              fields: {
                a: { mapValue: { fields: { a: { stringValue: '' } } } },
                b: { nullValue: null },
                c: { mapValue: { fields: { b: { booleanValue: false }, a: { stringValue: 'a' } } } },
              },
            },
          },
        },
      },
      updateMask: { fieldPaths: [] },
      updateTransforms: [
        {
          fieldPath: 'a.a',
          appendMissingElements: {
            values: [
              { nullValue: null },
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { doubleValue: 'Infinity' },
            ],
          },
        },
        { fieldPath: 'a', setToServerValue: 'REQUEST_TIME' },
        { fieldPath: 'a', maximum: { integerValue: '0' } },
      ],
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d75',
      createTime: '2026-11-28T03:13:41.332Z',
      updateTime: '2026-11-28T03:13:41.332Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d75',
        fields: {
          a: { booleanValue: false },
          b: { doubleValue: 'Infinity' },
          c: {
            mapValue: {
              fields: {
                a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                b: { arrayValue: { values: [{ nullValue: null }] } },
              },
            },
          },
        },
      },
      updateMask: { fieldPaths: ['b.c', 'b'] },
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d76',
      fields: { c: { nullValue: null }, b: { doubleValue: 'Infinity' } },
      createTime: '2026-11-28T03:13:41.342668Z',
      updateTime: '2026-11-28T03:13:41.342668Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d76', fields: {} },
      updateTransforms: [
        { fieldPath: 'c.a', maximum: { integerValue: '-9223372036854775808' } },
        { fieldPath: 'b.c', maximum: { integerValue: '0' } },
        { fieldPath: 'a', maximum: { doubleValue: 'NaN' } },
      ],
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d77',
      fields: {
        a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        c: {
          mapValue: {
            fields: {
              a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
              c: { integerValue: '9223372036854775807' },
              b: { integerValue: '9223372036854775807' },
            },
          },
        },
        b: { arrayValue: { values: [{ stringValue: 'x' }, { booleanValue: true }] } },
      },
      createTime: '2026-11-28T03:13:41.370898Z',
      updateTime: '2026-11-28T03:13:41.370898Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d77',
        fields: {
          b: { integerValue: '-9223372036854775808' },
          a: { mapValue: { fields: { a: { stringValue: '' }, b: { stringValue: 'a' } } } },
          c: {
            arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }, { nullValue: null }] },
          },
        },
      },
      updateMask: { fieldPaths: ['c.a', 'b'] },
      updateTransforms: [
        { fieldPath: 'b', minimum: { integerValue: '-9223372036854775808' } },
        { fieldPath: 'a.a', appendMissingElements: { values: [] } },
        { fieldPath: 'b', maximum: { doubleValue: 'Infinity' } },
      ],
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d78',
      fields: {
        b: { mapValue: { fields: { b: { doubleValue: -1.5 } } } },
        a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
      },
      createTime: '2026-11-28T03:13:41.392347Z',
      updateTime: '2026-11-28T03:13:41.392347Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d78',
        fieldTransforms: [
          { fieldPath: 'a.c', minimum: { integerValue: '-9223372036854775808' } },
          { fieldPath: 'c', increment: { doubleValue: -1.5 } },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:41.398720Z',
    expect: {
      fields: {
        b: { mapValue: { fields: { b: { doubleValue: -1.5 } } } },
        a: { mapValue: { fields: { c: { integerValue: '-9223372036854775808' } } } },
        c: { doubleValue: -1.5 },
      },
      transformResults: [{ integerValue: '-9223372036854775808' }, { doubleValue: -1.5 }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d79',
      fields: { b: { doubleValue: 'Infinity' }, a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:41.405231Z',
      updateTime: '2026-11-28T03:13:41.405231Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d79',
        fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      },
      updateMask: { fieldPaths: [] },
    },
    commitTime: '2026-11-28T03:13:41.408575Z',
    expect: {
      fields: { b: { doubleValue: 'Infinity' }, a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      transformResults: [],
      keptUpdateTime: true,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d80',
      fields: { a: { integerValue: '9223372036854775807' } },
      createTime: '2026-11-28T03:13:41.415160Z',
      updateTime: '2026-11-28T03:13:41.415160Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d80',
        fields: {
          b: { booleanValue: true },
          c: {
            mapValue: {
              fields: {
                b: { mapValue: { fields: { c: { booleanValue: true } } } },
                c: { arrayValue: { values: [{ nullValue: null }, { stringValue: '' }] } },
              },
            },
          },
          a: { doubleValue: 'NaN' },
        },
      },
      updateTransforms: [{ fieldPath: 'a.c', increment: { doubleValue: 2.0 } }],
    },
    commitTime: '2026-11-28T03:13:41.419681Z',
    expect: {
      fields: {
        b: { booleanValue: true },
        c: {
          mapValue: {
            fields: {
              b: { mapValue: { fields: { c: { booleanValue: true } } } },
              c: { arrayValue: { values: [{ nullValue: null }, { stringValue: '' }] } },
            },
          },
        },
        a: { mapValue: { fields: { c: { doubleValue: 2.0 } } } },
      },
      transformResults: [{ doubleValue: 2.0 }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d81',
      fields: { c: { mapValue: { fields: { c: { mapValue: {} } } } } },
      createTime: '2026-11-28T03:13:41.497789Z',
      updateTime: '2026-11-28T03:13:41.497789Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d81' },
    commitTime: '2026-11-28T03:13:41.505259Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d82',
      fields: {
        c: { mapValue: { fields: { a: { mapValue: {} } } } },
        b: { stringValue: 'b' },
        a: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
      },
      createTime: '2026-11-28T03:13:41.510842Z',
      updateTime: '2026-11-28T03:13:41.510842Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d82',
        fieldTransforms: [{ fieldPath: 'c', increment: { integerValue: '9223372036854775807' } }],
      },
    },
    commitTime: '2026-11-28T03:13:41.514148Z',
    expect: {
      fields: {
        b: { stringValue: 'b' },
        a: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
        c: { integerValue: '9223372036854775807' },
      },
      transformResults: [{ integerValue: '9223372036854775807' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d83',
      fields: { b: { arrayValue: {} }, c: { mapValue: {} } },
      createTime: '2026-11-28T03:13:41.520980Z',
      updateTime: '2026-11-28T03:13:41.520980Z',
    },
    write: { update: { name: 'projects/demo-x/databases/(default)/documents/fz/d83', fields: {} } },
    commitTime: '2026-11-28T03:13:41.529610Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d84',
      fields: {
        c: {
          arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }, { nullValue: null }] },
        },
        a: { arrayValue: { values: [{ doubleValue: 'NaN' }, { stringValue: 'b' }] } },
        b: { arrayValue: { values: [{ nullValue: null }] } },
      },
      createTime: '2026-11-28T03:13:41.534946Z',
      updateTime: '2026-11-28T03:13:41.534946Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d84',
        fields: {
          a: {
            arrayValue: {
              values: [{ doubleValue: 'NaN' }, { timestampValue: '2020-01-01T00:00:00.123456Z' }],
            },
          },
          b: { nullValue: null },
        },
      },
      updateMask: { fieldPaths: [] },
    },
    commitTime: '2026-11-28T03:13:41.554582Z',
    expect: {
      fields: {
        c: {
          arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }, { nullValue: null }] },
        },
        a: { arrayValue: { values: [{ doubleValue: 'NaN' }, { stringValue: 'b' }] } },
        b: { arrayValue: { values: [{ nullValue: null }] } },
      },
      transformResults: [],
      keptUpdateTime: true,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d85',
      fields: { a: { stringValue: '' }, b: { mapValue: {} }, c: { mapValue: {} } },
      createTime: '2026-11-28T03:13:41.567962Z',
      updateTime: '2026-11-28T03:13:41.567962Z',
    },
    write: {
      delete: 'projects/demo-x/databases/(default)/documents/fz/d85',
      currentDocument: { updateTime: '2026-11-28T03:13:41.567962Z' },
    },
    commitTime: '2026-11-28T03:13:41.572740Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: null,
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d86' },
    commitTime: '2026-11-28T03:13:41.577127Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d87',
      createTime: '2026-11-28T03:13:41.601910Z',
      updateTime: '2026-11-28T03:13:41.601910Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d87',
        fieldTransforms: [
          { fieldPath: 'c', increment: { doubleValue: 'Infinity' } },
          { fieldPath: 'c.c', minimum: { integerValue: '9223372036854775807' } },
          {
            fieldPath: 'c.b',
            removeAllFromArray: {
              values: [
                { integerValue: '9223372036854775807' },
                { stringValue: '' },
                { integerValue: '-9223372036854775808' },
              ],
            },
          },
        ],
      },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d88',
      fields: { c: { stringValue: 'b' } },
      createTime: '2026-11-28T03:13:41.620274Z',
      updateTime: '2026-11-28T03:13:41.620274Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d88',
        fields: { c: { doubleValue: 'NaN' }, b: { booleanValue: true } },
      },
      updateTransforms: [
        {
          fieldPath: 'c',
          appendMissingElements: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] },
        },
      ],
    },
    commitTime: '2026-11-28T03:13:41.657837Z',
    expect: {
      fields: {
        b: { booleanValue: true },
        c: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
      },
      transformResults: [{ nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: null,
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d89',
        fields: {
          b: { doubleValue: 'Infinity' },
          c: {
            mapValue: {
              fields: {
                c: { mapValue: { fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' } } } },
                a: { arrayValue: { values: [{ booleanValue: false }, { nullValue: null }] } },
                b: { arrayValue: { values: [{ doubleValue: 0.5 }] } },
              },
            },
          },
        },
      },
      updateMask: { fieldPaths: ['b.a'] },
      updateTransforms: [
        { fieldPath: 'a', maximum: { integerValue: '-9223372036854775808' } },
        {
          fieldPath: 'a.c',
          appendMissingElements: {
            values: [
              { stringValue: 'a' },
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { stringValue: 'b' },
            ],
          },
        },
      ],
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d90',
      fields: {
        c: {
          mapValue: {
            fields: {
              a: { arrayValue: {} },
              c: {
                mapValue: {
                  fields: {
                    b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    c: { integerValue: '9223372036854775807' },
                    a: { nullValue: null },
                  },
                },
              },
            },
          },
        },
      },
      createTime: '2026-11-28T03:13:41.709942Z',
      updateTime: '2026-11-28T03:13:41.709942Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d90',
        fields: {
          b: { nullValue: null },
          a: { mapValue: { fields: {} } },
          c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        },
      },
      updateMask: { fieldPaths: [] },
    },
    commitTime: '2026-11-28T03:13:41.715677Z',
    expect: {
      fields: {
        c: {
          mapValue: {
            fields: {
              a: { arrayValue: {} },
              c: {
                mapValue: {
                  fields: {
                    b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
                    c: { integerValue: '9223372036854775807' },
                    a: { nullValue: null },
                  },
                },
              },
            },
          },
        },
      },
      transformResults: [],
      keptUpdateTime: true,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d91',
      createTime: '2026-11-28T03:13:41.730815Z',
      updateTime: '2026-11-28T03:13:41.730815Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d91',
        fields: { a: { integerValue: '-9223372036854775808' } },
      },
      updateMask: { fieldPaths: ['b.a'] },
      updateTransforms: [
        { fieldPath: 'c.a', appendMissingElements: { values: [] } },
        { fieldPath: 'b', minimum: { integerValue: '-9223372036854775808' } },
        { fieldPath: 'c.b', increment: { doubleValue: 'NaN' } },
      ],
    },
    commitTime: '2026-11-28T03:13:41.750094Z',
    expect: {
      fields: {
        b: { integerValue: '-9223372036854775808' },
        c: { mapValue: { fields: { a: { arrayValue: {} }, b: { doubleValue: 'NaN' } } } },
      },
      transformResults: [
        { nullValue: null },
        { integerValue: '-9223372036854775808' },
        { doubleValue: 'NaN' },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d92',
      fields: {
        a: { booleanValue: false },
        b: { arrayValue: { values: [{ integerValue: '9223372036854775807' }] } },
      },
      createTime: '2026-11-28T03:13:41.761287Z',
      updateTime: '2026-11-28T03:13:41.761287Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d92',
        fields: {
          c: { stringValue: 'a' },
          a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
          b: { integerValue: '-3' },
        },
      },
      updateMask: { fieldPaths: ['b'] },
      updateTransforms: [
        {
          fieldPath: 'c',
          removeAllFromArray: {
            values: [
              { nullValue: null },
              { timestampValue: '2020-01-01T00:00:00.123456Z' },
              { nullValue: null },
            ],
          },
        },
        { fieldPath: 'a', increment: { integerValue: '3' } },
        { fieldPath: 'a', increment: { integerValue: '0' } },
      ],
    },
    commitTime: '2026-11-28T03:13:41.771079Z',
    expect: {
      fields: { b: { integerValue: '-3' }, a: { integerValue: '3' }, c: { arrayValue: {} } },
      transformResults: [{ nullValue: null }, { integerValue: '3' }, { integerValue: '3' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d93',
      fields: { a: { mapValue: { fields: { c: { mapValue: {} } } } }, c: { arrayValue: {} } },
      createTime: '2026-11-28T03:13:41.779782Z',
      updateTime: '2026-11-28T03:13:41.779782Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d93',
        fieldTransforms: [
          {
            fieldPath: 'b.a',
            removeAllFromArray: {
              values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }, { booleanValue: true }],
            },
          },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:41.783551Z',
    expect: {
      fields: {
        a: { mapValue: { fields: { c: { mapValue: {} } } } },
        c: { arrayValue: {} },
        b: { mapValue: { fields: { a: { arrayValue: {} } } } },
      },
      transformResults: [{ nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d94',
      fields: { a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:41.792641Z',
      updateTime: '2026-11-28T03:13:41.792641Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d94',
        fields: { b: { stringValue: 'b' } },
      },
      updateMask: { fieldPaths: ['a', 'c'] },
      updateTransforms: [
        { fieldPath: 'b', minimum: { doubleValue: 'NaN' } },
        { fieldPath: 'c', maximum: { integerValue: '1' } },
        { fieldPath: 'b.b', increment: { doubleValue: -1.5 } },
      ],
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d95',
      createTime: '2026-11-28T03:13:41.813783Z',
      updateTime: '2026-11-28T03:13:41.813783Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d95',
        fields: { a: { integerValue: '-9223372036854775808' } },
      },
      updateMask: { fieldPaths: [] },
      updateTransforms: [{ fieldPath: 'a.a', minimum: { doubleValue: 'NaN' } }],
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d96',
      fields: { a: { nullValue: null }, c: { mapValue: {} }, b: { integerValue: '9223372036854775807' } },
      createTime: '2026-11-28T03:13:41.851730Z',
      updateTime: '2026-11-28T03:13:41.851730Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d96',
        fields: {
          a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
          b: { mapValue: { fields: { c: { stringValue: 'a' } } } },
        },
      },
      currentDocument: { updateTime: '2026-11-28T03:13:41.851730Z' },
    },
    commitTime: '2026-11-28T03:13:41.862930Z',
    expect: {
      fields: {
        a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        b: { mapValue: { fields: { c: { stringValue: 'a' } } } },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d97',
      fields: { c: { arrayValue: { values: [{ doubleValue: 'NaN' }] } }, a: { doubleValue: 0.0 } },
      createTime: '2026-11-28T03:13:41.875202Z',
      updateTime: '2026-11-28T03:13:41.875202Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d97',
        fieldTransforms: [
          { fieldPath: 'b', appendMissingElements: { values: [] } },
          { fieldPath: 'c.a', increment: { doubleValue: 0.0 } },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:41.879299Z',
    expect: {
      fields: {
        a: { doubleValue: 0.0 },
        b: { arrayValue: {} },
        c: { mapValue: { fields: { a: { doubleValue: 0.0 } } } },
      },
      transformResults: [{ nullValue: null }, { doubleValue: 0.0 }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d98',
      createTime: '2026-11-28T03:13:41.891395Z',
      updateTime: '2026-11-28T03:13:41.891395Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d98',
        fields: { a: { stringValue: 'x' } },
      },
    },
    commitTime: '2026-11-28T03:13:41.895201Z',
    expect: { fields: { a: { stringValue: 'x' } }, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d99',
      fields: {
        a: {
          arrayValue: { values: [{ nullValue: null }, { doubleValue: 'Infinity' }, { booleanValue: true }] },
        },
      },
      createTime: '2026-11-28T03:13:41.908274Z',
      updateTime: '2026-11-28T03:13:41.908274Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d99' },
    commitTime: '2026-11-28T03:13:41.921777Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d100',
      fields: { c: { nullValue: null }, a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      createTime: '2026-11-28T03:13:41.942823Z',
      updateTime: '2026-11-28T03:13:41.942823Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d100',
        fields: {
          a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
          b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
          c: { nullValue: null },
        },
      },
      updateMask: { fieldPaths: ['a', 'a.a'] },
      updateTransforms: [
        { fieldPath: 'b', removeAllFromArray: { values: [] } },
        { fieldPath: 'c.b', setToServerValue: 'REQUEST_TIME' },
      ],
    },
    commitTime: '2026-11-28T03:13:41.949799Z',
    expect: {
      fields: {
        a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        b: { arrayValue: {} },
        c: { mapValue: { fields: { b: { timestampValue: '2026-11-28T03:13:41.949Z' } } } },
      },
      transformResults: [{ nullValue: null }, { timestampValue: '2026-11-28T03:13:41.949Z' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d101',
      createTime: '2026-11-28T03:13:41.962212Z',
      updateTime: '2026-11-28T03:13:41.962212Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d101',
        fields: { c: { stringValue: '' } },
      },
      updateMask: { fieldPaths: ['c.a', 'a.b', 'b'] },
      updateTransforms: [
        { fieldPath: 'b.a', minimum: { integerValue: '9223372036854775807' } },
        { fieldPath: 'c.a', minimum: { doubleValue: 'Infinity' } },
        { fieldPath: 'b.c', removeAllFromArray: { values: [{ integerValue: '9223372036854775807' }] } },
      ],
      currentDocument: { exists: false },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'ALREADY_EXISTS' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d102',
      fields: { a: { booleanValue: false } },
      createTime: '2026-11-28T03:13:41.981488Z',
      updateTime: '2026-11-28T03:13:41.981488Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d102',
        fields: { b: { booleanValue: true }, c: { doubleValue: -1.5 } },
      },
      updateMask: { fieldPaths: ['c.c'] },
      updateTransforms: [
        { fieldPath: 'c', setToServerValue: 'REQUEST_TIME' },
        { fieldPath: 'a.b', setToServerValue: 'REQUEST_TIME' },
      ],
    },
    commitTime: '2026-11-28T03:13:41.987956Z',
    expect: {
      fields: {
        a: { mapValue: { fields: { b: { timestampValue: '2026-11-28T03:13:41.987Z' } } } },
        c: { timestampValue: '2026-11-28T03:13:41.987Z' },
      },
      transformResults: [
        { timestampValue: '2026-11-28T03:13:41.987Z' },
        { timestampValue: '2026-11-28T03:13:41.987Z' },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d103',
      fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' }, c: { booleanValue: true } },
      createTime: '2026-11-28T03:13:41.999605Z',
      updateTime: '2026-11-28T03:13:41.999605Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d103',
        fields: {
          b: { mapValue: { fields: {} } },
          c: { nullValue: null },
          a: { arrayValue: { values: [{ timestampValue: '2020-01-01T00:00:00.123456Z' }] } },
        },
      },
      updateTransforms: [
        { fieldPath: 'a.a', minimum: { integerValue: '-9223372036854775808' } },
        { fieldPath: 'b', maximum: { doubleValue: 'Infinity' } },
      ],
    },
    commitTime: '2026-11-28T03:13:42.010900Z',
    expect: {
      fields: {
        c: { nullValue: null },
        a: { mapValue: { fields: { a: { integerValue: '-9223372036854775808' } } } },
        b: { doubleValue: 'Infinity' },
      },
      transformResults: [{ integerValue: '-9223372036854775808' }, { doubleValue: 'Infinity' }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d104',
      fields: {
        c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        a: { stringValue: 'b' },
        b: {
          mapValue: {
            fields: {
              a: { arrayValue: {} },
              b: { mapValue: { fields: { c: { doubleValue: 'Infinity' } } } },
              c: {
                mapValue: {
                  fields: { b: { nullValue: null }, a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
                },
              },
            },
          },
        },
      },
      createTime: '2026-11-28T03:13:42.024876Z',
      updateTime: '2026-11-28T03:13:42.024876Z',
    },
    write: {
      transform: {
        document: 'projects/demo-x/databases/(default)/documents/fz/d104',
        fieldTransforms: [
          { fieldPath: 'a', removeAllFromArray: { values: [{ stringValue: '' }, { stringValue: 'b' }] } },
          { fieldPath: 'a', removeAllFromArray: { values: [] } },
        ],
      },
    },
    commitTime: '2026-11-28T03:13:42.032945Z',
    expect: {
      fields: {
        c: { timestampValue: '2020-01-01T00:00:00.123456Z' },
        b: {
          mapValue: {
            fields: {
              a: { arrayValue: {} },
              b: { mapValue: { fields: { c: { doubleValue: 'Infinity' } } } },
              c: {
                mapValue: {
                  fields: { b: { nullValue: null }, a: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
                },
              },
            },
          },
        },
        a: { arrayValue: {} },
      },
      transformResults: [{ nullValue: null }, { nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d105',
      createTime: '2026-11-28T03:13:42.055365Z',
      updateTime: '2026-11-28T03:13:42.055365Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d105',
        fields: { a: { timestampValue: '2020-01-01T00:00:00.123456Z' }, c: { doubleValue: 'NaN' } },
      },
      updateMask: { fieldPaths: ['b.a', 'c.b', 'c'] },
      updateTransforms: [
        { fieldPath: 'b', increment: { doubleValue: 'Infinity' } },
        {
          fieldPath: 'c',
          appendMissingElements: {
            values: [
              { doubleValue: 3.0 },
              { integerValue: '-9223372036854775808' },
              { doubleValue: 'Infinity' },
            ],
          },
        },
      ],
    },
    commitTime: '2026-11-28T03:13:42.062358Z',
    expect: {
      fields: {
        b: { doubleValue: 'Infinity' },
        c: {
          arrayValue: {
            values: [
              { doubleValue: 3.0 },
              { integerValue: '-9223372036854775808' },
              { doubleValue: 'Infinity' },
            ],
          },
        },
      },
      transformResults: [{ doubleValue: 'Infinity' }, { nullValue: null }],
      keptUpdateTime: false,
    },
  },
  {
    before: null,
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d106', fields: {} },
      updateTransforms: [
        {
          fieldPath: 'c.a',
          appendMissingElements: { values: [{ booleanValue: true }, { nullValue: null }] },
        },
      ],
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d107',
      fields: {
        a: { arrayValue: { values: [{ stringValue: '' }, { booleanValue: true }] } },
        b: { arrayValue: { values: [{ stringValue: '' }] } },
        c: { integerValue: '-9223372036854775808' },
      },
      createTime: '2026-11-28T03:13:42.088278Z',
      updateTime: '2026-11-28T03:13:42.088278Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d107',
        fields: {
          b: { mapValue: { fields: { c: { nullValue: null }, a: { booleanValue: false } } } },
          c: { arrayValue: { values: [] } },
        },
      },
      currentDocument: { updateTime: '2026-11-28T03:13:42.088278Z' },
    },
    commitTime: '2026-11-28T03:13:42.103108Z',
    expect: {
      fields: {
        b: { mapValue: { fields: { c: { nullValue: null }, a: { booleanValue: false } } } },
        c: { arrayValue: {} },
      },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d108',
      fields: {
        c: { arrayValue: { values: [{ integerValue: '-1' }] } },
        b: { booleanValue: true },
        a: { doubleValue: 'NaN' },
      },
      createTime: '2026-11-28T03:13:42.135039Z',
      updateTime: '2026-11-28T03:13:42.135039Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d108',
        fields: { c: { stringValue: '' } },
      },
      updateTransforms: [
        { fieldPath: 'a', minimum: { doubleValue: 'Infinity' } },
        { fieldPath: 'c.b', setToServerValue: 'REQUEST_TIME' },
        { fieldPath: 'c', setToServerValue: 'REQUEST_TIME' },
      ],
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'INVALID_ARGUMENT' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d109',
      fields: {
        a: { arrayValue: { values: [{ stringValue: 'b' }] } },
        b: { integerValue: '9223372036854775807' },
        c: { doubleValue: 'NaN' },
      },
      createTime: '2026-11-28T03:13:42.157672Z',
      updateTime: '2026-11-28T03:13:42.157672Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d109' },
    commitTime: '2026-11-28T03:13:42.164570Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d110',
      fields: {
        a: { mapValue: { fields: { c: { timestampValue: '2020-01-01T00:00:00.123456Z' } } } },
        c: { booleanValue: true },
        b: {
          mapValue: {
            fields: {
              c: { stringValue: 'x' },
              b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
              a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
            },
          },
        },
      },
      createTime: '2026-11-28T03:13:42.200084Z',
      updateTime: '2026-11-28T03:13:42.200084Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d110', fields: {} },
      updateMask: { fieldPaths: ['a'] },
      updateTransforms: [
        { fieldPath: 'a', setToServerValue: 'REQUEST_TIME' },
        { fieldPath: 'c', setToServerValue: 'REQUEST_TIME' },
      ],
      currentDocument: { updateTime: '2026-11-28T03:13:42.200084Z' },
    },
    commitTime: '2026-11-28T03:13:42.240117Z',
    expect: {
      fields: {
        b: {
          mapValue: {
            fields: {
              c: { stringValue: 'x' },
              b: { timestampValue: '2020-01-01T00:00:00.123456Z' },
              a: { timestampValue: '2020-01-01T00:00:00.123456Z' },
            },
          },
        },
        a: { timestampValue: '2026-11-28T03:13:42.224Z' },
        c: { timestampValue: '2026-11-28T03:13:42.224Z' },
      },
      transformResults: [
        { timestampValue: '2026-11-28T03:13:42.224Z' },
        { timestampValue: '2026-11-28T03:13:42.224Z' },
      ],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d111',
      createTime: '2026-11-28T03:13:42.290112Z',
      updateTime: '2026-11-28T03:13:42.290112Z',
    },
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d111', fields: {} },
      updateMask: { fieldPaths: ['a.c'] },
      currentDocument: { updateTime: '2001-01-01T00:00:00.5Z' },
    },
    commitTime: '2026-01-01T00:00:00Z',
    expect: { error: 'FAILED_PRECONDITION' },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d112',
      createTime: '2026-11-28T03:13:42.322904Z',
      updateTime: '2026-11-28T03:13:42.322904Z',
    },
    write: { update: { name: 'projects/demo-x/databases/(default)/documents/fz/d112', fields: {} } },
    commitTime: '2026-11-28T03:13:42.330578Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: true },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d113',
      fields: {
        a: {
          mapValue: {
            fields: {
              a: { integerValue: '-9223372036854775808' },
              c: { integerValue: '-2' },
              b: { stringValue: 'b' },
            },
          },
        },
      },
      createTime: '2026-11-28T03:13:42.346492Z',
      updateTime: '2026-11-28T03:13:42.346492Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d113',
        fields: { a: { stringValue: 'a' }, b: { mapValue: { fields: {} } } },
      },
      updateMask: { fieldPaths: ['b.b'] },
    },
    commitTime: '2026-11-28T03:13:42.353984Z',
    expect: {
      fields: {
        a: {
          mapValue: {
            fields: {
              a: { integerValue: '-9223372036854775808' },
              c: { integerValue: '-2' },
              b: { stringValue: 'b' },
            },
          },
        },
      },
      transformResults: [],
      keptUpdateTime: true,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d114',
      createTime: '2026-11-28T03:13:42.378695Z',
      updateTime: '2026-11-28T03:13:42.378695Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d114' },
    commitTime: '2026-11-28T03:13:42.386145Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d115',
      createTime: '2026-11-28T03:13:42.412342Z',
      updateTime: '2026-11-28T03:13:42.412342Z',
    },
    write: { delete: 'projects/demo-x/databases/(default)/documents/fz/d115' },
    commitTime: '2026-11-28T03:13:42.490925Z',
    expect: { fields: null, transformResults: [], keptUpdateTime: false },
  },
  {
    before: null,
    write: {
      update: { name: 'projects/demo-x/databases/(default)/documents/fz/d116', fields: {} },
      updateMask: { fieldPaths: ['a', 'c', 'b'] },
    },
    commitTime: '2026-11-28T03:13:42.501250Z',
    expect: { fields: {}, transformResults: [], keptUpdateTime: false },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d117',
      fields: { b: { integerValue: '0' } },
      createTime: '2026-11-28T03:13:42.507048Z',
      updateTime: '2026-11-28T03:13:42.507048Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d117',
        fields: { c: { timestampValue: '2020-01-01T00:00:00.123456Z' } },
      },
      updateMask: { fieldPaths: ['a.a', 'a.b'] },
    },
    commitTime: '2026-11-28T03:13:42.517536Z',
    expect: { fields: { b: { integerValue: '0' } }, transformResults: [], keptUpdateTime: true },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d118',
      fields: { c: { mapValue: {} } },
      createTime: '2026-11-28T03:13:42.541900Z',
      updateTime: '2026-11-28T03:13:42.541900Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d118',
        fields: {
          b: { booleanValue: true },
          a: { mapValue: { fields: {} } },
          c: { mapValue: { fields: {} } },
        },
      },
    },
    commitTime: '2026-11-28T03:13:42.545883Z',
    expect: {
      fields: { b: { booleanValue: true }, a: { mapValue: {} }, c: { mapValue: {} } },
      transformResults: [],
      keptUpdateTime: false,
    },
  },
  {
    before: {
      name: 'projects/demo-x/databases/(default)/documents/fz/d119',
      createTime: '2026-11-28T03:13:42.560737Z',
      updateTime: '2026-11-28T03:13:42.560737Z',
    },
    write: {
      update: {
        name: 'projects/demo-x/databases/(default)/documents/fz/d119',
        fields: { b: { timestampValue: '2020-01-01T00:00:00.123456Z' }, c: { mapValue: { fields: {} } } },
      },
      updateTransforms: [
        { fieldPath: 'a', appendMissingElements: { values: [{ doubleValue: 'Infinity' }] } },
        { fieldPath: 'b.c', increment: { doubleValue: -1.5 } },
      ],
    },
    commitTime: '2026-11-28T03:13:42.588148Z',
    expect: {
      fields: {
        c: { mapValue: {} },
        a: { arrayValue: { values: [{ doubleValue: 'Infinity' }] } },
        b: { mapValue: { fields: { c: { doubleValue: -1.5 } } } },
      },
      transformResults: [{ nullValue: null }, { doubleValue: -1.5 }],
      keptUpdateTime: false,
    },
  },
];

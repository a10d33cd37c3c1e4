import type { ServerFrame } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { frameText } from './frame-text.js';

const document = {
  name: 'projects/p/databases/(default)/documents/c/d',
  fields: { s: { stringValue: 'quote " and \u2028' }, n: { integerValue: '1' } },
  createTime: '2026-01-01T00:00:00Z',
  updateTime: '2026-01-01T00:00:01Z',
};

describe('frameText', () => {
  it('writes listen document changes exactly as JSON.stringify would parse back', () => {
    const frames: ServerFrame[] = [
      {
        type: 'listen',
        seq: 7,
        response: { documentChange: { document, targetIds: [1, 2], removedTargetIds: [3] } },
      },
      { type: 'listen', seq: 8, response: { documentChange: { document } } },
      { type: 'listen', seq: 9, response: { documentChange: { document, targetIds: [] } } },
      {
        type: 'listen',
        seq: 10,
        response: { targetChange: { targetChangeType: 'NO_CHANGE', readTime: 't' } },
      },
      { type: 'pong', seq: 11 },
    ];
    for (const frame of frames) expect(JSON.parse(frameText(frame))).toEqual(frame);
  });

  it('reuses a shared response for consecutive frames, each with its own seq', () => {
    const marker = {
      targetChange: { targetChangeType: 'NO_CHANGE' as const, readTime: 't', resumeToken: 'r' },
    };
    const other = { targetChange: { targetChangeType: 'CURRENT' as const, targetIds: [1] } };
    const frames: ServerFrame[] = [
      { type: 'listen', seq: 1, response: marker },
      { type: 'listen', seq: 2, response: marker },
      { type: 'listen', seq: 3, response: other },
      { type: 'listen', seq: 4, response: marker },
    ];
    for (const frame of frames) expect(JSON.parse(frameText(frame))).toEqual(frame);
  });

  it('serializes a document shared by many frames once', () => {
    const shared = { ...document };
    const a = frameText({
      type: 'listen',
      seq: 1,
      response: { documentChange: { document: shared, targetIds: [1] } },
    });
    shared.name = 'changed after the first frame';
    const b = frameText({
      type: 'listen',
      seq: 2,
      response: { documentChange: { document: shared, targetIds: [2] } },
    });
    expect(JSON.parse(b).response.documentChange.document.name).toBe(
      JSON.parse(a).response.documentChange.document.name,
    );
  });
});

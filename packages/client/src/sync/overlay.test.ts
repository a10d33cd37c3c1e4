import type { Document, Write } from '@kindling/core';
import { describe, expect, it } from 'vitest';
import { initializeApp } from '../api/app.js';
import { getFirestore } from '../api/database.js';
import { DocumentSnapshot, SnapshotMetadata } from '../api/snapshot.js';
import type { Timestamp } from '../api/timestamp.js';
import { overlayDocument, type PendingBatch } from './overlay.js';

const NAME = 'projects/p/databases/(default)/documents/c/d';
const base: Document = {
  name: NAME,
  fields: { at: { stringValue: 'before' }, n: { integerValue: '1' } },
  createTime: '2025-01-01T00:00:00Z',
  updateTime: '2025-01-01T00:00:00Z',
};
const stamp: Write = {
  update: { name: NAME, fields: {} },
  updateMask: { fieldPaths: [] },
  updateTransforms: [{ fieldPath: 'at', setToServerValue: 'REQUEST_TIME' }],
};
const batch = (id: number, writes: Write[], commitTime?: string): PendingBatch => ({
  id,
  writes,
  localWriteTime: '2025-01-01T00:00:05Z',
  ...(commitTime ? { commitTime } : {}),
});

describe('overlayDocument', () => {
  it('applies pending writes in order and records pending server timestamps', () => {
    const increment: Write = {
      update: { name: NAME, fields: {} },
      updateMask: { fieldPaths: [] },
      updateTransforms: [{ fieldPath: 'n', increment: { integerValue: '2' } }],
    };
    const result = overlayDocument(NAME, base, [batch(1, [stamp]), batch(2, [increment])]);
    expect(result.pending).toBe(true);
    expect(result.document?.fields).toEqual({
      at: { timestampValue: '2025-01-01T00:00:05Z' },
      n: { integerValue: '3' },
    });
    expect([...result.serverTimestamps]).toEqual([['at', { stringValue: 'before' }]]);
  });

  it('reads an acknowledged server timestamp at its commit time, no longer pending', () => {
    const result = overlayDocument(NAME, base, [batch(1, [stamp], '2025-01-01T00:00:07Z')]);
    expect(result.pending).toBe(false);
    expect(result.document?.fields?.at).toEqual({ timestampValue: '2025-01-01T00:00:07Z' });
    expect(result.serverTimestamps.size).toBe(0);
  });

  it('skips a write whose precondition fails locally, and deletes', () => {
    const create: Write = { ...stamp, currentDocument: { exists: false } };
    expect(overlayDocument(NAME, base, [batch(1, [create])]).document).toBe(base);
    expect(overlayDocument(NAME, base, [batch(1, [{ delete: NAME }])]).document).toBeNull();
  });
});

describe('pending server timestamps in snapshots', () => {
  it('read as null, the local estimate or the previous value', () => {
    const db = getFirestore(initializeApp({ projectId: 'p' }, 'overlay-test'));
    const { document, serverTimestamps } = overlayDocument(NAME, base, [batch(1, [stamp])]);
    const snap = new DocumentSnapshot(
      db,
      ['c', 'd'],
      document,
      null,
      new SnapshotMetadata(true, false),
      serverTimestamps,
    );
    expect(snap.data()).toEqual({ at: null, n: 1 });
    expect(snap.get('at', { serverTimestamps: 'previous' })).toBe('before');
    const estimate = snap.data({ serverTimestamps: 'estimate' })!.at as Timestamp;
    expect(estimate.toMillis()).toBe(Date.parse('2025-01-01T00:00:05Z'));
  });
});

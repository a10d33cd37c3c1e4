import {
  applyWrite,
  type Document,
  getField,
  parseFieldPath,
  type Value,
  type Write,
  writeTarget,
} from '@kindling/core';

/** A local write batch not yet reflected in the watch stream. */
export interface PendingBatch {
  readonly id: number;
  readonly writes: readonly Write[];
  /** When the write was made locally (RFC 3339): what pending server timestamps estimate. */
  readonly localWriteTime: string;
  /** Set once the server acknowledged the commit. */
  commitTime?: string;
}

/** Field paths (canonical, dotted) of a document's pending server timestamps → the value each replaced. */
export type PendingServerTimestamps = ReadonlyMap<string, Value | undefined>;

export interface OverlaidDocument {
  /** The document as the local writes leave it; null when they delete it. */
  document: Document | null;
  /** Whether an unacknowledged write touches it (Firebase's hasLocalMutations). */
  pending: boolean;
  serverTimestamps: PendingServerTimestamps;
}

const NO_TIMESTAMPS: PendingServerTimestamps = new Map();

/** Names of the documents a batch writes. */
export function batchTargets(batch: PendingBatch): string[] {
  return batch.writes.map(writeTarget);
}

/**
 * Applies the batches touching `name`, in order, to its synced version (`base`, null when unknown or missing), as
 * core applies them on the server. An acknowledged batch is applied at its commit time, so its server timestamps
 * read exactly; an unacknowledged one at its local time, with those fields recorded as pending. A write whose
 * precondition fails locally is skipped, as Firebase does (the server will decide).
 */
export function overlayDocument(
  name: string,
  base: Document | null,
  batches: readonly PendingBatch[],
): OverlaidDocument {
  let document = base;
  let pending = false;
  let serverTimestamps: Map<string, Value | undefined> | null = null;
  for (const batch of batches) {
    for (const write of batch.writes) {
      if (writeTarget(write) !== name) continue;
      const time = batch.commitTime ?? batch.localWriteTime;
      let next: Document | null;
      try {
        next = applyWrite(document, write, time).document;
      } catch {
        continue;
      }
      if (!batch.commitTime) pending = true;
      serverTimestamps = trackServerTimestamps(serverTimestamps, document, write, next, !batch.commitTime);
      document = next;
    }
  }
  return { document, pending, serverTimestamps: serverTimestamps ?? NO_TIMESTAMPS };
}

function trackServerTimestamps(
  tracked: Map<string, Value | undefined> | null,
  before: Document | null,
  write: Write,
  after: Document | null,
  pending: boolean,
): Map<string, Value | undefined> | null {
  if (after === null) return null;
  const result = new Map<string, Value | undefined>();
  // Fields this write replaced are no longer pending server timestamps; the others carry over.
  for (const [path, previous] of tracked ?? []) {
    const segments = parseFieldPath(path);
    if (getField(after.fields, segments) === getField(before?.fields, segments)) result.set(path, previous);
  }
  const transforms = write.updateTransforms ?? write.transform?.fieldTransforms ?? [];
  for (const t of transforms) {
    if (t.setToServerValue !== 'REQUEST_TIME') continue;
    if (!pending) {
      result.delete(t.fieldPath);
      continue;
    }
    // A server timestamp over a pending one keeps the value from before either.
    const previous = tracked?.has(t.fieldPath)
      ? tracked.get(t.fieldPath)
      : getField(before?.fields, parseFieldPath(t.fieldPath));
    result.set(t.fieldPath, previous);
  }
  return result.size > 0 ? result : null;
}

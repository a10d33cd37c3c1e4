import type { Document } from '@kindling/core';
import type { DocumentReader } from './rules/index.js';

/**
 * A reader of the current database that remembers what a rules check read through it (lookups with get and
 * exists, the documents judged), so a listener can tell later whether the check would still decide the same.
 */
export function recordingReader(current: DocumentReader): {
  reads: DocumentReader;
  /** Whether every document read then is unchanged now. */
  unchanged(): boolean;
} {
  const seen = new Map<string, Document | null>();
  const read = (name: string): Document | null => {
    const doc = current.before(name);
    seen.set(name, doc);
    return doc;
  };
  return {
    reads: { before: read, after: read },
    unchanged: () => {
      for (const [name, doc] of seen) {
        if (current.before(name)?.updateTime !== doc?.updateTime) return false;
      }
      return true;
    },
  };
}

import type { Document } from '@kindling/core';

/** One document changed by a commit: its state before and after (null when it did not / does not exist). */
export interface DocumentChangeRecord {
  name: string;
  before: Document | null;
  after: Document | null;
}

export interface CommitRecord {
  /** The database version the commit produced (1, 2, 3 … per database). */
  version: number;
  commitTime: string;
  changes: DocumentChangeRecord[];
}

export type CommitListener = (commit: CommitRecord) => void;

/**
 * The latest commits of one database, oldest first, at most `capacity` of them. The realtime layer resumes a
 * listener from a version by replaying `since(version)`; when the log no longer reaches back that far it must
 * re-send the target's full result instead.
 */
export class CommitLog {
  private readonly records: CommitRecord[] = [];
  private readonly listeners = new Set<CommitListener>();

  constructor(readonly capacity = 1000) {}

  append(record: CommitRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    for (const listener of [...this.listeners]) listener(record);
  }

  /** Commits after `version`, or undefined when some of them have already left the log. */
  since(version: number): CommitRecord[] | undefined {
    const first = this.records[0];
    if (!first) return [];
    if (version < first.version - 1) return undefined;
    return this.records.filter((r) => r.version > version);
  }

  /** Calls `listener` after each commit, synchronously and in commit order; returns the unsubscribe function. */
  subscribe(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

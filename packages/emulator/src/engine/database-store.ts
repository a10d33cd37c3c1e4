import type { Document } from '@kindling/core';
import { type Micros, microsToTimestamp } from './clock.js';
import { CommitLog, type CommitRecord, type DocumentChangeRecord } from './commit-log.js';

/** One state of a document: written by commit `version`; null when the document did not exist from then on. */
interface DocumentVersion {
  version: number;
  doc: Document | null;
}

/** A document as some version of the database sees it, with the commit version that last changed it. */
export interface VersionedDocument {
  name: string;
  doc: Document | null;
  /** The version that wrote this state (0 when the document was never written). */
  changedAt: number;
}

export interface DatabaseStoreOptions {
  commitLogSize?: number;
  /** How long superseded document versions stay readable, in microseconds. */
  retention: Micros;
}

/**
 * The in-memory MVCC store of one database (`projects/p/databases/d`): every document keeps its recent versions
 * so reads at an earlier version (a readTime, a read-only transaction) see the database as it was.
 */
export class DatabaseStore {
  /** The version of the latest commit; 0 before the first. */
  version = 0;
  readonly log: CommitLog;
  private readonly docs = new Map<string, DocumentVersion[]>();
  /** commitTimes[v] is the time of commit v; commitTimes[0] the store's creation. */
  private readonly commitTimes: Micros[];

  constructor(
    readonly name: string,
    createdAt: Micros,
    private readonly options: DatabaseStoreOptions,
  ) {
    this.commitTimes = [createdAt];
    this.log = new CommitLog(options.commitLogSize);
  }

  /** The newest version committed at or before `micros`. */
  versionAt(micros: Micros): number {
    let lo = 0;
    let hi = this.version;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.commitTimes[mid] <= micros) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  get(name: string, version = this.version): VersionedDocument {
    const versions = this.docs.get(name);
    if (versions) {
      for (let i = versions.length - 1; i >= 0; i--) {
        const v = versions[i];
        if (v.version <= version) return { name, doc: v.doc, changedAt: v.version };
      }
    }
    return { name, doc: null, changedAt: 0 };
  }

  /** Every document that exists at `version`, in no particular order. */
  *documents(version = this.version): Iterable<Document> {
    for (const name of this.docs.keys()) {
      const { doc } = this.get(name, version);
      if (doc) yield doc;
    }
  }

  /**
   * Applies one commit's final document states (all checks done) as version `this.version + 1`, logs it and
   * tells the log's subscribers. Returns the record.
   */
  apply(commitTime: Micros, states: Map<string, Document | null>): CommitRecord {
    const version = this.version + 1;
    const changes: DocumentChangeRecord[] = [];
    for (const [name, after] of states) {
      const before = this.get(name).doc;
      // A write that changed nothing keeps the document's updateTime and is no change at all.
      if (before === after || (before && after && before.updateTime === after.updateTime)) continue;
      const versions = this.docs.get(name) ?? [];
      if (versions.length === 0) this.docs.set(name, versions);
      versions.push({ version, doc: after });
      changes.push({ name, before, after });
    }
    this.version = version;
    this.commitTimes.push(commitTime);
    this.prune(commitTime, states.keys());
    const record: CommitRecord = { version, commitTime: microsToTimestamp(commitTime), changes };
    this.log.append(record);
    return record;
  }

  /** Deletes every document (one commit, so listeners see the deletes) and forgets all history. */
  clear(commitTime: Micros): CommitRecord {
    const states = new Map<string, Document | null>();
    for (const doc of this.documents()) states.set(doc.name, null);
    const record = this.apply(commitTime, states);
    this.docs.clear();
    return record;
  }

  /** The oldest time a read may ask for: older versions may have been dropped. */
  oldestReadable(now: Micros): Micros {
    return now - this.options.retention;
  }

  // Keeps, per written document, the versions a read within the retention window may still need.
  private prune(now: Micros, names: Iterable<string>): void {
    const horizon = this.versionAt(this.oldestReadable(now));
    for (const name of names) {
      const versions = this.docs.get(name);
      if (!versions) continue;
      let keepFrom = 0;
      while (keepFrom + 1 < versions.length && versions[keepFrom + 1].version <= horizon) keepFrom++;
      if (keepFrom > 0) versions.splice(0, keepFrom);
      if (versions.length === 1 && versions[0].doc === null && versions[0].version <= horizon)
        this.docs.delete(name);
    }
  }
}

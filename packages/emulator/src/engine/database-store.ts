import type { Document, StructuredQuery } from '@kindling/core';
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

/**
 * The collection id whose documents are a query's candidates (see `DatabaseStore.documents`); undefined when
 * the query reads every child collection (no selector or an empty id, as the official emulator allows).
 */
export const queryCollectionId = (query: StructuredQuery): string | undefined =>
  query.from?.[0]?.collectionId || undefined;

/** The state a document's versions give it at `version`: the newest written at or before it. */
function stateAt(versions: DocumentVersion[] | undefined, version: number): DocumentVersion | undefined {
  if (!versions) return undefined;
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i].version <= version) return versions[i];
  return undefined;
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
  /** The names in `docs` by collection id: a query's candidates are its collection's documents only. */
  private readonly byCollection = new Map<string, Set<string>>();
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
    const state = stateAt(this.docs.get(name), version);
    return state ? { name, doc: state.doc, changedAt: state.version } : { name, doc: null, changedAt: 0 };
  }

  /**
   * Every document that exists at `version`, in no particular order; with `collectionId`, only the documents of
   * collections with that id (at any depth).
   */
  *documents(version = this.version, collectionId?: string): Iterable<Document> {
    const names = collectionId === undefined ? this.docs.keys() : (this.byCollection.get(collectionId) ?? []);
    for (const name of names) {
      const doc = stateAt(this.docs.get(name), version)?.doc;
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
      let versions = this.docs.get(name);
      if (!versions) {
        versions = [];
        this.docs.set(name, versions);
        this.indexed(name).add(name);
      }
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
    this.byCollection.clear();
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
      if (versions.length === 1 && versions[0].doc === null && versions[0].version <= horizon) {
        this.docs.delete(name);
        this.indexed(name).delete(name);
      }
    }
  }

  // The index entry of a document name's collection id (the segment before its own id).
  private indexed(name: string): Set<string> {
    const end = name.lastIndexOf('/');
    const collectionId = name.slice(name.lastIndexOf('/', end - 1) + 1, end);
    let names = this.byCollection.get(collectionId);
    if (!names) {
      names = new Set();
      this.byCollection.set(collectionId, names);
    }
    return names;
  }
}

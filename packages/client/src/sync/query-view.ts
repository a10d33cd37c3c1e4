import { type Document, executeQuery, type StructuredQuery } from '@kindling/core';
import { batchTargets, overlayDocument, type PendingBatch, type PendingServerTimestamps } from './overlay.js';
import { type DocumentComparator, diffViews, type ViewChange } from './view-changes.js';

/** What a view shows: a query's result (limitToLast already flipped for the server) or one document. */
export type ViewTarget =
  | {
      kind: 'query';
      parent: string;
      /** The query as the server runs it. */
      structuredQuery: StructuredQuery;
      /** limitToLast: the server answers the last documents in reverse; the view puts them back in order. */
      reversed: boolean;
      /** The order the application sees. */
      compare: DocumentComparator;
    }
  | { kind: 'document'; name: string };

/** The synced state of a view's server target. */
export interface SyncedState {
  documents: ReadonlyMap<string, Document>;
  /** The server said CURRENT, and the connection has not dropped since. */
  current: boolean;
  /** Before the first sync: an equal target synced earlier, so even an empty cached result is worth raising. */
  hasCachedResults?: boolean;
  /**
   * Up-to-date documents other targets hold. Firebase's view reads the whole local cache, so one of them can
   * refill a limit window a local write shrank; until the server confirms it, it is in limbo (fromCache).
   */
  cached?: ReadonlyMap<string, Document>;
}

/** The synced version of a document any target holds (the client's stand-in for Firebase's cache). */
export type KnownDocument = (name: string) => Document | undefined;

const NOTHING_KNOWN: KnownDocument = () => undefined;

/** A snapshot a listener receives (Firebase's ViewSnapshot). */
export interface ViewSnapshot {
  docs: readonly Document[];
  /** The previous view's documents; null for a listener's first snapshot. */
  oldDocs: readonly Document[] | null;
  changes: readonly ViewChange[];
  /** Names of documents in the view with unacknowledged local writes. */
  mutated: ReadonlySet<string>;
  serverTimestamps: ReadonlyMap<string, PendingServerTimestamps>;
  fromCache: boolean;
  hasPendingWrites: boolean;
  /** The order of `docs`, which docChanges() indices follow. */
  compare: DocumentComparator;
  /** Metadata-only changes were dropped because the listener did not ask for them. */
  excludesMetadataChanges: boolean;
}

interface ViewState {
  docs: Document[];
  mutated: Set<string>;
  serverTimestamps: Map<string, PendingServerTimestamps>;
  fromCache: boolean;
}

const byName: DocumentComparator = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * One listener's view: the synced documents with the pending local writes applied, evaluated by core's query
 * engine, diffed against the previous view, and filtered by Firebase's rules for when a snapshot is raised.
 */
export class QueryView {
  #state: ViewState = { docs: [], mutated: new Set(), serverTimestamps: new Map(), fromCache: true };
  #raised: ViewSnapshot | null = null;

  constructor(
    readonly target: ViewTarget,
    readonly includeMetadataChanges: boolean,
    /** A `source: 'cache'` listener: no server target, so nothing to wait for before the first snapshot. */
    readonly cacheOnly = false,
  ) {}

  /** The documents of the last computed view (raised or not). */
  get docs(): readonly Document[] {
    return this.#state.docs;
  }

  get compare(): DocumentComparator {
    return this.target.kind === 'query' ? this.target.compare : byName;
  }

  /** Computes the next view; returns the snapshot to raise, or null when Firebase would raise none. */
  update(
    synced: SyncedState,
    batches: readonly PendingBatch[],
    offline: boolean,
    known: KnownDocument = NOTHING_KNOWN,
  ): ViewSnapshot | null {
    const next = this.#compute(synced, batches, offline, known);
    const previous = this.#state;
    this.#state = next;
    if (!this.#raised) {
      // Firebase holds back the first snapshot until it is synced, unless there is something to show, the
      // query had results cached before, or the client is offline (then an empty snapshot from cache).
      const worthRaising = next.docs.length > 0 || synced.hasCachedResults || offline || this.cacheOnly;
      if (next.fromCache && !worthRaising) return null;
      return this.#raise({
        docs: next.docs,
        oldDocs: null,
        changes: next.docs.map((doc) => ({ type: 'added', doc })),
        mutated: next.mutated,
        serverTimestamps: next.serverTimestamps,
        fromCache: next.fromCache,
        hasPendingWrites: next.mutated.size > 0,
        compare: this.compare,
        excludesMetadataChanges: !this.includeMetadataChanges,
      });
    }
    let changes = diffViews(previous.docs, previous.mutated, next.docs, next.mutated, this.compare);
    const syncStateChanged = previous.fromCache !== next.fromCache;
    if (changes.length === 0 && !syncStateChanged) return null;
    if (!this.includeMetadataChanges) changes = changes.filter((c) => c.type !== 'metadata');
    const snapshot: ViewSnapshot = {
      docs: next.docs,
      oldDocs: previous.docs,
      changes,
      mutated: next.mutated,
      serverTimestamps: next.serverTimestamps,
      fromCache: next.fromCache,
      hasPendingWrites: next.mutated.size > 0,
      compare: this.compare,
      excludesMetadataChanges: !this.includeMetadataChanges,
    };
    if (changes.length > 0) return this.#raise(snapshot);
    const pendingChanged = this.#raised.hasPendingWrites !== snapshot.hasPendingWrites;
    if ((syncStateChanged || pendingChanged) && this.includeMetadataChanges) return this.#raise(snapshot);
    return null;
  }

  #raise(snapshot: ViewSnapshot): ViewSnapshot {
    this.#raised = snapshot;
    return snapshot;
  }

  #compute(
    synced: SyncedState,
    batches: readonly PendingBatch[],
    offline: boolean,
    known: KnownDocument,
  ): ViewState {
    const touched = new Set(batches.flatMap(batchTargets));
    // Other targets' documents stand in for Firebase's cache before this target syncs, and refill a window that
    // local writes shrank. Once synced with nothing pending, the server's result is the truth: without limbo
    // listens, a cached document the server left out could otherwise stay in the view.
    const useCache = !synced.current || touched.size > 0;
    const merged = new Map<string, Document | null>(useCache ? (synced.cached ?? []) : []);
    for (const [name, document] of synced.documents) merged.set(name, document);
    const pending = new Set<string>();
    const serverTimestamps = new Map<string, PendingServerTimestamps>();
    for (const name of touched) {
      if (this.target.kind === 'document' && name !== this.target.name) continue;
      // A local write to a document outside this result can bring it in: start from what another target knows.
      const base = synced.documents.get(name) ?? known(name) ?? null;
      const overlaid = overlayDocument(name, base, batches);
      merged.set(name, overlaid.document);
      if (overlaid.pending) pending.add(name);
      if (overlaid.serverTimestamps.size > 0) serverTimestamps.set(name, overlaid.serverTimestamps);
    }
    const present = [...merged.values()].filter((d): d is Document => d !== null);
    let docs: Document[];
    if (this.target.kind === 'document') {
      docs = present.filter((d) => d.name === (this.target as { name: string }).name);
    } else {
      docs = executeQuery(this.target.parent, this.target.structuredQuery, present);
      if (this.target.reversed) docs.reverse();
    }
    const inView = new Set(docs.map((d) => d.name));
    const mutated = new Set([...pending].filter((n) => inView.has(n)));
    for (const name of serverTimestamps.keys()) if (!inView.has(name)) serverTimestamps.delete(name);
    const inLimbo = docs.some((d) => !synced.documents.has(d.name) && !touched.has(d.name));
    return { docs, mutated, serverTimestamps, fromCache: !synced.current || offline || inLimbo };
  }
}

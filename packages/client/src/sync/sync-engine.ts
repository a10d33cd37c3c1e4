import {
  compareTimestamps,
  type Document,
  formatTimestamp,
  inScope,
  type Target,
  timestampFromMillis,
  type Write,
} from '@kindling/core';
import { Observable, Subject, type Subscription } from 'rxjs';
import { FirestoreError } from '../api/error.js';
import { DocumentCache } from './document-cache.js';
import { batchTargets, type PendingBatch } from './overlay.js';
import type { ConnectionState, NetworkPort, SyncedRemoteEvent, WatchPort, WritePort } from './ports.js';
import { QueryView, type SyncedState, type ViewSnapshot, type ViewTarget } from './query-view.js';
import { detachedTarget, type SharedTarget, TargetRegistry } from './target-registry.js';

interface Listener {
  readonly view: QueryView;
  readonly shared: SharedTarget;
  next(snapshot: ViewSnapshot): void;
  error(error: FirestoreError): void;
}

/**
 * The client's realtime core for one Firestore instance: shared server targets, one view per listener, and the
 * queue of local writes overlaid on every view until the watch stream reflects them (latency compensation).
 */
export class SyncEngine {
  readonly #registry: TargetRegistry;
  readonly #listeners = new Set<Listener>();
  readonly #batches: PendingBatch[] = [];
  readonly #cache = new DocumentCache();
  #freshDocuments: ReadonlyMap<string, Document> | null = null;
  readonly #settled = new Map<PendingBatch, Promise<void>>();
  readonly #inSync = new Subject<void>();
  readonly #subscriptions: Subscription[] = [];
  #nextBatchId = 1;
  #readTime: string | null = null;
  #state: ConnectionState | null = null;
  /**
   * Firebase's OnlineState. A socket that drops after being online makes it 'unknown' (listeners stay synced
   * while the targets are re-added); an attempt that fails before getting online makes it 'offline'.
   */
  #onlineState: 'unknown' | 'online' | 'offline' = 'unknown';
  #networkDisabled = false;

  constructor(
    watch: WatchPort,
    private readonly writes: WritePort,
    private readonly network: NetworkPort,
    private readonly now: () => number = Date.now,
  ) {
    this.#registry = new TargetRegistry(watch);
    this.#subscriptions.push(
      watch.events$.subscribe((event) => this.#onRemoteEvent(event)),
      watch.targetErrors$.subscribe(({ targetId, error }) => this.#onTargetError(targetId, error)),
      network.state$.subscribe((state) => this.#onStateChange(state)),
    );
  }

  /**
   * A cold observable of a view's snapshots: subscribing adds a listener (sharing the server target with equal
   * ones), unsubscribing removes it (the last one unlistens). The first snapshot comes asynchronously.
   */
  listen(
    target: ViewTarget,
    wire: Omit<Target, 'targetId'>,
    options: { includeMetadataChanges?: boolean; source?: 'default' | 'cache' } = {},
  ): Observable<ViewSnapshot> {
    const cacheOnly = options.source === 'cache';
    return new Observable<ViewSnapshot>((subscriber) => {
      // A cache-only listener's target never syncs: its view always follows the cache.
      const shared = cacheOnly ? detachedTarget() : this.#registry.acquire(wire);
      const listener: Listener = {
        view: new QueryView(target, !!options.includeMetadataChanges, cacheOnly),
        shared,
        next: (snapshot) => subscriber.next(snapshot),
        error: (error) => subscriber.error(error),
      };
      this.#listeners.add(listener);
      // Never call back inside onSnapshot() itself: the caller has not got its unsubscribe function yet.
      queueMicrotask(() => {
        if (this.#listeners.has(listener) && this.#refresh(listener)) this.#inSync.next();
      });
      return () => {
        if (this.#listeners.delete(listener) && !cacheOnly) this.#release(shared);
      };
    });
  }

  /** Applies a batch to every view at once, then commits it; settles when the server answers. */
  write(writes: Write[]): Promise<void> {
    const batch: PendingBatch = {
      id: this.#nextBatchId++,
      writes,
      localWriteTime: formatTimestamp(timestampFromMillis(this.now())),
    };
    this.#batches.push(batch);
    this.#refreshAll();
    const outcome = this.writes.commit(writes).then(
      (response) => {
        batch.commitTime = response.commitTime;
        if (this.#reached(batch.commitTime) || !this.#covers(batch)) this.#removeBatch(batch);
        this.#refreshAll();
      },
      (error: unknown) => {
        this.#removeBatch(batch);
        this.#refreshAll();
        throw error;
      },
    );
    const settled = outcome.then(
      () => undefined,
      () => undefined,
    );
    this.#settled.set(batch, settled);
    void settled.then(() => this.#settled.delete(batch));
    return outcome;
  }

  /** Resolves once every write made so far has been acknowledged or rejected. */
  waitForPendingWrites(): Promise<void> {
    return Promise.all([...this.#settled.values()]).then(() => undefined);
  }

  /** Fires once now and after every round of snapshots raised for one consistent state. */
  readonly inSync$: Observable<void> = new Observable<void>((subscriber) => {
    queueMicrotask(() => {
      if (!subscriber.closed) subscriber.next();
    });
    return this.#inSync.subscribe(subscriber);
  });

  /** Drops every listener's subscription to the remote layer (the instance is terminating). */
  close(): void {
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#listeners.clear();
  }

  /** Firebase's OnlineState.Offline: the network is disabled, or connecting failed. */
  get offline(): boolean {
    return this.#networkDisabled || this.#onlineState === 'offline';
  }

  async disableNetwork(): Promise<void> {
    this.#networkDisabled = true;
    await this.network.disableNetwork();
    this.#applyOnlineState();
  }

  async enableNetwork(): Promise<void> {
    this.#networkDisabled = false;
    await this.network.enableNetwork();
    this.#refreshAll();
  }

  #onRemoteEvent(event: SyncedRemoteEvent): void {
    this.#readTime = event.readTime;
    this.#freshDocuments = null;
    const changed = new Map<SharedTarget, ReadonlyMap<string, Document>>();
    for (const [targetId, update] of event.targets) {
      const shared = this.#registry.get(targetId);
      if (!shared) continue;
      changed.set(shared, shared.synced.documents);
      shared.synced = { documents: update.documents, current: update.current };
      if (update.current) shared.hasSynced = true;
    }
    const synced = this.#batches.filter((b) => b.commitTime && this.#reached(b.commitTime));
    for (const batch of synced) this.#removeBatch(batch);
    const held = this.#held();
    for (const [shared, previous] of changed) this.#cache.update(previous, shared.synced.documents, held);
    this.#cache.evict(held);
    // Dropping an overlay can matter to any view, and the cache to views not synced yet; otherwise only the
    // targets in the event changed.
    for (const listener of [...this.#listeners]) {
      const { shared } = listener;
      if ((synced.length > 0 || changed.has(shared) || !shared.hasSynced) && this.#listeners.has(listener)) {
        this.#refresh(listener);
      }
    }
    this.#inSync.next();
  }

  #onTargetError(targetId: number, error: FirestoreError): void {
    const shared = this.#registry.drop(targetId);
    if (!shared) return;
    this.#freshDocuments = null;
    for (const listener of [...this.#listeners]) {
      if (listener.shared !== shared) continue;
      this.#listeners.delete(listener);
      listener.error(error);
    }
  }

  #onStateChange(state: ConnectionState): void {
    const previous = this.#state;
    if (state === previous) return;
    this.#state = state;
    const before = this.offline;
    if (state === 'online') this.#onlineState = 'online';
    else if (state === 'offline') this.#onlineState = previous === 'connecting' ? 'offline' : 'unknown';
    if (this.offline !== before) this.#applyOnlineState();
  }

  #applyOnlineState(): void {
    if (this.offline) {
      // Targets are synced again only when the server says CURRENT after they are re-added.
      for (const listener of this.#listeners) {
        const { synced } = listener.shared;
        if (synced.current) listener.shared.synced = { ...synced, current: false };
      }
    }
    this.#refreshAll();
  }

  #reached(commitTime: string): boolean {
    return this.#readTime !== null && compareTimestamps(this.#readTime, commitTime) >= 0;
  }

  /**
   * Whether an active target's scope covers a document the batch wrote. Only then does the server send this
   * connection a marker for the commit (so the watch stream may still bring an older version first); otherwise no
   * marker may ever reach the commit, and the overlay can go. Filters are ignored on purpose: a pending delete or
   * update can be what keeps the document out of a view right now.
   */
  #covers(batch: PendingBatch): boolean {
    const names = batchTargets(batch);
    for (const { view } of this.#listeners) {
      const { target } = view;
      const covered =
        target.kind === 'document'
          ? (name: string) => name === target.name
          : (name: string) => inScope(target.parent, target.structuredQuery.from, name);
      if (names.some(covered)) return true;
    }
    return false;
  }

  readonly #known = (name: string): Document | undefined => this.#cache.get(name);

  /** The cached documents active targets hold, so the server keeps them up to date (built once per change). */
  #fresh(): ReadonlyMap<string, Document> {
    if (this.#freshDocuments) return this.#freshDocuments;
    const fresh = new Map<string, Document>();
    for (const target of this.#registry.targets()) {
      for (const [name, document] of target.synced.documents) fresh.set(name, document);
    }
    this.#freshDocuments = fresh;
    return fresh;
  }

  /** Whether an active target or a pending write needs a document (Firebase never collects those). */
  #held(): (name: string) => boolean {
    const pending = new Set(this.#batches.flatMap(batchTargets));
    const fresh = this.#fresh();
    return (name) => pending.has(name) || fresh.has(name);
  }

  /** What a view starts from: its target's synced result once it has one, the cached documents until then. */
  #base(shared: SharedTarget): SyncedState {
    if (shared.hasSynced) return { ...shared.synced, cached: this.#fresh() };
    return { documents: this.#cache.documents, current: false, hasCachedResults: shared.hasCachedResults };
  }

  /** A released target's documents stay cached but are no longer kept up to date. */
  #release(shared: SharedTarget): void {
    this.#registry.release(shared);
    this.#freshDocuments = null;
  }

  #removeBatch(batch: PendingBatch): void {
    const index = this.#batches.indexOf(batch);
    if (index >= 0) this.#batches.splice(index, 1);
  }

  #refreshAll(): void {
    for (const listener of [...this.#listeners]) {
      if (this.#listeners.has(listener)) this.#refresh(listener);
    }
    this.#inSync.next();
  }

  /** Recomputes a listener's view; true when it raised a snapshot. */
  #refresh(listener: Listener): boolean {
    let snapshot: ViewSnapshot | null;
    try {
      snapshot = listener.view.update(this.#base(listener.shared), this.#batches, this.offline, this.#known);
    } catch (error) {
      // A query core cannot evaluate locally fails its own listener, not the whole stream.
      this.#listeners.delete(listener);
      this.#release(listener.shared);
      listener.error(new FirestoreError('internal', `Cannot evaluate the query locally: ${String(error)}`));
      return false;
    }
    if (snapshot) listener.next(snapshot);
    return snapshot !== null;
  }
}

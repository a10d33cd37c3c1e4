import type { Document, Target } from '@kindling/core';
import type { WatchPort } from './ports.js';
import type { SyncedState } from './query-view.js';

/** One server target shared by every listener on an equal query or document. */
export interface SharedTarget {
  readonly targetId: number;
  readonly canonicalId: string;
  synced: SyncedState;
  /** The server has said CURRENT for it once: from then on its view follows the synced result, not the cache. */
  hasSynced: boolean;
  /** An equal target synced before and was released (Firebase still holds its target data and resume token). */
  hasCachedResults: boolean;
  refs: number;
}

const EMPTY: ReadonlyMap<string, Document> = new Map();

/** How many released targets' canonical ids are remembered (Firebase's LRU cache bounds them by size). */
export const MAX_RELEASED_TARGETS = 1_000;

/** The wire target's JSON is canonical: the client always builds it the same way for equal queries. */
export function canonicalTargetId(target: Omit<Target, 'targetId'>): string {
  return JSON.stringify(target);
}

/** A target that no server hears of (for listeners that read only local state). */
export function detachedTarget(): SharedTarget {
  return {
    targetId: -1,
    canonicalId: '',
    synced: { documents: EMPTY, current: false },
    hasSynced: false,
    hasCachedResults: false,
    refs: 1,
  };
}

/** Reference-counts server targets by canonical id: the first listener listens, the last one unlistens. */
export class TargetRegistry {
  readonly #byCanonicalId = new Map<string, SharedTarget>();
  readonly #byTargetId = new Map<number, SharedTarget>();
  /** Canonical ids of released targets that had synced, oldest first. */
  readonly #released = new Set<string>();

  constructor(private readonly watch: WatchPort) {}

  acquire(target: Omit<Target, 'targetId'>): SharedTarget {
    const canonicalId = canonicalTargetId(target);
    let shared = this.#byCanonicalId.get(canonicalId);
    if (!shared) {
      shared = {
        targetId: this.watch.nextTargetId(),
        canonicalId,
        synced: { documents: EMPTY, current: false },
        hasSynced: false,
        hasCachedResults: this.#released.delete(canonicalId),
        refs: 0,
      };
      this.#byCanonicalId.set(canonicalId, shared);
      this.#byTargetId.set(shared.targetId, shared);
      this.watch.listen(shared.targetId, target);
    }
    shared.refs++;
    return shared;
  }

  release(shared: SharedTarget): void {
    if (--shared.refs > 0 || this.#byTargetId.get(shared.targetId) !== shared) return;
    this.#forget(shared);
    this.watch.unlisten(shared.targetId);
    if (!shared.hasSynced) return;
    this.#released.add(shared.canonicalId);
    const [oldest] = this.#released;
    if (this.#released.size > MAX_RELEASED_TARGETS) this.#released.delete(oldest);
  }

  /** A target the server removed (with an error): dropped without an unlisten. */
  drop(targetId: number): SharedTarget | undefined {
    const shared = this.#byTargetId.get(targetId);
    if (shared) this.#forget(shared);
    return shared;
  }

  get(targetId: number): SharedTarget | undefined {
    return this.#byTargetId.get(targetId);
  }

  /** The targets the server is asked for. */
  targets(): IterableIterator<SharedTarget> {
    return this.#byTargetId.values();
  }

  get size(): number {
    return this.#byTargetId.size;
  }

  #forget(shared: SharedTarget): void {
    this.#byCanonicalId.delete(shared.canonicalId);
    this.#byTargetId.delete(shared.targetId);
  }
}

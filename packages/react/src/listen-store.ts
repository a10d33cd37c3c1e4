import type { FirestoreError } from '@kindling/client';
import type { Observable, Subscription } from 'rxjs';

/** A store's state; the object changes identity exactly when the state changes (useSyncExternalStore needs it). */
export type StoreState<S> =
  | { status: 'loading' }
  | { status: 'success'; snapshot: S }
  | { status: 'error'; error: FirestoreError };

const LOADING = { status: 'loading' } as const;

/**
 * How long a store no component subscribes to keeps its listener. StrictMode runs effects twice (subscribe,
 * unsubscribe, subscribe) within one commit, and a component swapped for another on the same query
 * unsubscribes and subscribes within one commit too: a release deferred past the commit keeps the one server
 * target instead of removing and re-adding it.
 */
export const RELEASE_DELAY_MS = 0;

/**
 * How long a store that no component has subscribed to yet lives: a render that suspended waits for its
 * promise, then renders again and commits; a render React threw away, or one that threw the store's error to
 * a boundary, never commits. After this long without a subscriber (counted from the first snapshot or error),
 * the listener is released, and an equal source mounted later listens afresh.
 */
export const UNCLAIMED_GRACE_MS = 5_000;

/**
 * One listener on a document or query shared by every hook on an equal one: its latest snapshot or error,
 * change notifications for useSyncExternalStore, and a promise for Suspense. The client listener starts on
 * the first subscribe (or when a render suspends on it) and stops once no component has held it for a moment.
 */
export class ListenStore<S> {
  #state: StoreState<S> = LOADING;
  readonly #listeners = new Set<() => void>();
  readonly #observable: Observable<S> | null;
  #subscription: Subscription | null = null;
  #settled: { promise: Promise<void>; resolve: () => void } | null = null;
  #sweep: ReturnType<typeof setTimeout> | null = null;
  #disposed = false;

  /**
   * `open` builds the observable (it throws for an invalid query, which becomes the error state at once);
   * `cache` takes the store out of the lookup (later lookups make a new one) and puts it back.
   */
  constructor(
    open: () => Observable<S>,
    private readonly cache: { forget(): void; remember(): void },
  ) {
    let observable: Observable<S> | null = null;
    try {
      observable = open();
    } catch (error) {
      this.#state = { status: 'error', error: error as FirestoreError };
    }
    this.#observable = observable;
    this.#scheduleSweep(UNCLAIMED_GRACE_MS);
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  readonly getState = (): StoreState<S> => this.#state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    this.#cancelSweep();
    if (this.#disposed) this.#revive();
    this.#start();
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      this.#scheduleSweep(RELEASE_DELAY_MS);
    };
  };

  /** Starts listening (a render suspends on it before any component subscribes); resolves once settled. */
  settled(): Promise<void> {
    this.#start();
    if (this.#state.status !== 'loading') return Promise.resolve();
    if (!this.#settled) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#settled = { promise, resolve };
    }
    return this.#settled.promise;
  }

  /** Stops listening and leaves the cache; holders keep the last state. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#cancelSweep();
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.cache.forget();
  }

  /**
   * A component rendered with this store and committed only after it was swept (a render that took longer
   * than the grace): listen again from scratch rather than show what the old listener last had.
   */
  #revive(): void {
    this.#disposed = false;
    this.cache.remember();
    if (this.#observable) this.#state = LOADING;
  }

  #start(): void {
    if (this.#subscription || this.#disposed || !this.#observable || this.#state.status === 'error') return;
    this.#subscription = this.#observable.subscribe({
      next: (snapshot) => this.#set({ status: 'success', snapshot }),
      error: (error: FirestoreError) => this.#set({ status: 'error', error }),
    });
  }

  #set(state: StoreState<S>): void {
    const first = this.#state.status === 'loading';
    this.#state = state;
    if (first && this.#settled) {
      this.#settled.resolve();
      this.#settled = null;
      // The render suspended on this store has this long to come back and subscribe.
      if (this.#listeners.size === 0) this.#scheduleSweep(UNCLAIMED_GRACE_MS);
    }
    for (const listener of [...this.#listeners]) listener();
  }

  #scheduleSweep(delay: number): void {
    this.#cancelSweep();
    this.#sweep = setTimeout(() => {
      this.#sweep = null;
      // A render waits on this store's first snapshot: the grace starts once it has arrived.
      if (this.#listeners.size === 0 && !this.#settled) this.dispose();
    }, delay);
  }

  #cancelSweep(): void {
    if (this.#sweep) clearTimeout(this.#sweep);
    this.#sweep = null;
  }
}

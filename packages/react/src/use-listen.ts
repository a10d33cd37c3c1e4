import { useRef, useSyncExternalStore } from 'react';
import type { ListenStore, StoreState } from './listen-store.js';
import type { ListenOptions } from './result.js';
import {
  type Source,
  type StoreOptions,
  sameSource,
  sameStoreOptions,
  storeFor,
  storeOptions,
} from './store-cache.js';

export type HookState<S> = StoreState<S> | { status: 'idle' };

const IDLE = { status: 'idle' } as const;
const subscribeToNothing = () => () => {};
const getIdle = () => IDLE;

interface Held {
  source: Source;
  options: StoreOptions;
  store: ListenStore<any>;
}

/**
 * The store for `source`: the one this component already holds while the source stays equal (so an equal
 * query on re-render neither resubscribes nor shows loading), else the shared one for an equal source.
 */
function useStore<S>(source: Source | null | undefined, options: StoreOptions): ListenStore<S> | null {
  const held = useRef<Held | null>(null);
  if (source == null) return null;
  const last = held.current;
  if (
    last &&
    !last.store.disposed &&
    sameStoreOptions(last.options, options) &&
    sameSource(last.source, source)
  )
    return last.store;
  // Writing the ref during render is safe here: a render React throws away leaves a store that is found again
  // by equality or swept (never subscribed), and the next committed render checks the ref against its source.
  const store = storeFor<S>(source, options);
  held.current = { source, options, store };
  return store;
}

/**
 * The state of the listener on `source` (`idle` for none). It reads the store for the source of this very
 * render, so a changed reference shows its own state (loading) rather than the previous one's data. With
 * `suspense`, a loading state suspends and an error is thrown to the nearest boundary.
 */
export function useListen<S>(source: Source | null | undefined, options: ListenOptions): HookState<S> {
  const store = useStore<S>(source, storeOptions(options));
  const state = useSyncExternalStore<HookState<S>>(
    store ? store.subscribe : subscribeToNothing,
    store ? store.getState : getIdle,
    store ? store.getState : getIdle,
  );
  if (options.suspense && store) {
    if (state.status === 'loading') throw store.settled();
    // React renders a component that threw again (and StrictMode twice) with no hook state: the store stays
    // cached so those renders find this error rather than start another listener. It is swept like any
    // unclaimed store, and a later mount listens afresh.
    if (state.status === 'error') throw state.error;
  }
  return state;
}

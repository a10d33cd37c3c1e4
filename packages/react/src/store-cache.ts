import {
  DocumentReference,
  type DocumentSnapshot,
  docSnapshots,
  type Firestore,
  Query,
  type QuerySnapshot,
  queryEqual,
  querySnapshots,
  refEqual,
  type SnapshotListenOptions,
} from '@kindling/client';
import type { Observable } from 'rxjs';
import { ListenStore } from './listen-store.js';

/** What a hook listens to. */
export type Source = DocumentReference<any, any> | Query<any, any>;

/** The listen options that change which snapshots arrive (and so need a store of their own). */
export interface StoreOptions {
  includeMetadataChanges: boolean;
  source: 'default' | 'cache';
}

export function storeOptions(options: SnapshotListenOptions): StoreOptions {
  return { includeMetadataChanges: !!options.includeMetadataChanges, source: options.source ?? 'default' };
}

export function sameStoreOptions(a: StoreOptions, b: StoreOptions): boolean {
  return a.includeMetadataChanges === b.includeMetadataChanges && a.source === b.source;
}

/** refEqual for references, queryEqual for queries: equal ones share a listener. */
export function sameSource(a: Source, b: Source): boolean {
  if (a === b) return true;
  if (a instanceof DocumentReference) return b instanceof DocumentReference && refEqual(a, b);
  return b instanceof Query && queryEqual(a, b);
}

interface Entry {
  source: Source;
  options: StoreOptions;
  store: ListenStore<AnySnapshot>;
}

/**
 * The live stores of each Firestore instance. Found by equality, not identity: a query built inline is a new
 * object on every render, and a render that suspended starts over with no hook state, so only an equal query
 * can lead it back to the listener its first attempt started.
 */
const stores = new WeakMap<Firestore, Entry[]>();

type AnySnapshot = DocumentSnapshot<any, any> | QuerySnapshot<any, any>;

function open(source: Source, options: StoreOptions): Observable<AnySnapshot> {
  return source instanceof DocumentReference
    ? docSnapshots(source, options)
    : querySnapshots(source, options);
}

export function storeFor<S>(source: Source, options: StoreOptions): ListenStore<S> {
  const db = source.firestore;
  let entries = stores.get(db);
  if (!entries) {
    entries = [];
    stores.set(db, entries);
  }
  const found = entries.find((e) => sameStoreOptions(e.options, options) && sameSource(e.source, source));
  if (found) return found.store as ListenStore<S>;
  const list = entries;
  const cache = {
    forget() {
      const index = list.indexOf(entry);
      if (index >= 0) list.splice(index, 1);
    },
    remember() {
      if (!list.includes(entry)) list.push(entry);
    },
  };
  const entry: Entry = { source, options, store: new ListenStore(() => open(source, options), cache) };
  list.push(entry);
  return entry.store as ListenStore<S>;
}

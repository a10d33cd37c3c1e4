import type { Observable } from 'rxjs';
import { docSnapshots, querySnapshots } from '../rx/snapshots.js';
import { Firestore } from './database.js';
import { FirestoreError } from './error.js';
import { cast } from './input_validation.js';
import { DocumentReference, Query } from './reference.js';
import type { DocumentSnapshot, QuerySnapshot, SnapshotListenOptions } from './snapshot.js';
import type { DocumentData } from './types.js';

export type Unsubscribe = () => void;

export interface SnapshotObserver<T> {
  next?: (value: T) => void;
  error?: (error: FirestoreError) => void;
  complete?: () => void;
}

type Callback<T> = (value: T) => void;

export function onSnapshot<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  observer: SnapshotObserver<DocumentSnapshot<A, D>>,
): Unsubscribe;
export function onSnapshot<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  options: SnapshotListenOptions,
  observer: SnapshotObserver<DocumentSnapshot<A, D>>,
): Unsubscribe;
export function onSnapshot<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  onNext: Callback<DocumentSnapshot<A, D>>,
  onError?: (error: FirestoreError) => void,
  onCompletion?: () => void,
): Unsubscribe;
export function onSnapshot<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  options: SnapshotListenOptions,
  onNext: Callback<DocumentSnapshot<A, D>>,
  onError?: (error: FirestoreError) => void,
  onCompletion?: () => void,
): Unsubscribe;
export function onSnapshot<A, D extends DocumentData>(
  query: Query<A, D>,
  observer: SnapshotObserver<QuerySnapshot<A, D>>,
): Unsubscribe;
export function onSnapshot<A, D extends DocumentData>(
  query: Query<A, D>,
  options: SnapshotListenOptions,
  observer: SnapshotObserver<QuerySnapshot<A, D>>,
): Unsubscribe;
export function onSnapshot<A, D extends DocumentData>(
  query: Query<A, D>,
  onNext: Callback<QuerySnapshot<A, D>>,
  onError?: (error: FirestoreError) => void,
  onCompletion?: () => void,
): Unsubscribe;
export function onSnapshot<A, D extends DocumentData>(
  query: Query<A, D>,
  options: SnapshotListenOptions,
  onNext: Callback<QuerySnapshot<A, D>>,
  onError?: (error: FirestoreError) => void,
  onCompletion?: () => void,
): Unsubscribe;
/** Listens to a document or query; a thin subscription over docSnapshots/querySnapshots. */
export function onSnapshot(
  reference: DocumentReference<any, any> | Query<any, any>,
  ...args: unknown[]
): Unsubscribe {
  let options: SnapshotListenOptions = {};
  if (isOptions(args[0])) options = args.shift() as SnapshotListenOptions;
  const observer = toObserver(args);
  // A terminated instance fails here, synchronously, as Firebase's does.
  (reference as { firestore?: Firestore }).firestore?._datastore();
  let source: Observable<unknown>;
  if (reference instanceof DocumentReference) source = docSnapshots(reference, options);
  else if (reference instanceof Query) source = querySnapshots(reference, options);
  else {
    throw new FirestoreError(
      'invalid-argument',
      "Expected type 'DocumentReference' or 'Query', but it was: a custom object",
    );
  }
  const subscription = source.subscribe({
    next: (value) => observer.next?.(value),
    error: (error) => observer.error?.(error as FirestoreError),
    complete: () => observer.complete?.(),
  });
  return () => subscription.unsubscribe();
}

function isOptions(arg: unknown): boolean {
  return (
    typeof arg === 'object' && arg !== null && !('next' in arg) && !('error' in arg) && !('complete' in arg)
  );
}

function toObserver(args: unknown[]): SnapshotObserver<any> {
  if (typeof args[0] === 'function') {
    return {
      next: args[0] as Callback<unknown>,
      error: args[1] as SnapshotObserver<unknown>['error'],
      complete: args[2] as SnapshotObserver<unknown>['complete'],
    };
  }
  if (typeof args[0] === 'object' && args[0] !== null) return args[0] as SnapshotObserver<unknown>;
  throw new FirestoreError('invalid-argument', 'onSnapshot() requires an observer or a next callback.');
}

/** Called once now, then each time every active listener has received the snapshots of one consistent state. */
export function onSnapshotsInSync(firestore: Firestore, observer: SnapshotObserver<void>): Unsubscribe;
export function onSnapshotsInSync(firestore: Firestore, onSync: () => void): Unsubscribe;
export function onSnapshotsInSync(
  firestore: Firestore,
  arg: SnapshotObserver<void> | (() => void),
): Unsubscribe {
  const db = cast(firestore, Firestore);
  const next = typeof arg === 'function' ? arg : () => arg.next?.();
  const subscription = db._sync().inSync$.subscribe(() => next());
  return () => subscription.unsubscribe();
}

/** Resolves when every write made so far has been acknowledged by the server (or rejected). */
export function waitForPendingWrites(firestore: Firestore): Promise<void> {
  return cast(firestore, Firestore)._sync().waitForPendingWrites();
}

/** Stops using the network: listeners turn fromCache, writes queue until enableNetwork(). */
export function disableNetwork(firestore: Firestore): Promise<void> {
  return cast(firestore, Firestore)._sync().disableNetwork();
}

export function enableNetwork(firestore: Firestore): Promise<void> {
  return cast(firestore, Firestore)._sync().enableNetwork();
}

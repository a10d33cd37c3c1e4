import { filter, map, type Observable, scan } from 'rxjs';
import type { DocumentReference, Query } from '../api/reference.js';
import type {
  DocumentChange,
  DocumentChangeType,
  DocumentSnapshot,
  QueryDocumentSnapshot,
} from '../api/snapshot.js';
import type { DocumentData } from '../api/types.js';
import { docSnapshots, querySnapshots } from './snapshots.js';

export interface DataOptions {
  /** Adds the document id to each object under this key. */
  idField?: string;
}

export interface ChangeOptions {
  /** The change types to report (all three by default). */
  events?: DocumentChangeType[];
}

const ALL_EVENTS: DocumentChangeType[] = ['added', 'removed', 'modified'];

function withId<A>(snapshot: DocumentSnapshot<A, any>, options: DataOptions): A | undefined {
  const data = snapshot.data();
  if (data === undefined || !options.idField) return data;
  return { ...data, [options.idField]: snapshot.id };
}

/** A document's data (undefined while it does not exist), on every change. */
export function docData<A = DocumentData, D extends DocumentData = DocumentData>(
  ref: DocumentReference<A, D>,
  options: DataOptions = {},
): Observable<A | undefined> {
  return docSnapshots(ref).pipe(map((snapshot) => withId(snapshot, options)));
}

/** A query's documents' data, in the query's order, on every change. */
export function collectionData<A = DocumentData, D extends DocumentData = DocumentData>(
  query: Query<A, D>,
  options: DataOptions = {},
): Observable<A[]> {
  return querySnapshots(query).pipe(
    map((snapshot) => snapshot.docs.map((doc: QueryDocumentSnapshot<A, D>) => withId(doc, options) as A)),
  );
}

/** Each snapshot's docChanges() of the requested types; snapshots with none of them emit nothing. */
export function collectionChanges<A = DocumentData, D extends DocumentData = DocumentData>(
  query: Query<A, D>,
  options: ChangeOptions = {},
): Observable<Array<DocumentChange<A, D>>> {
  const events = options.events ?? ALL_EVENTS;
  return querySnapshots(query).pipe(
    map((snapshot) => snapshot.docChanges().filter((change) => events.includes(change.type))),
    filter((changes) => changes.length > 0),
  );
}

/**
 * The query's result as the latest change of each document, in the query's order: docChanges() indices are
 * exact, so applying them one by one keeps the array sorted. Emits when a snapshot has a requested change type.
 */
export function sortedChanges<A = DocumentData, D extends DocumentData = DocumentData>(
  query: Query<A, D>,
  options: ChangeOptions = {},
): Observable<Array<DocumentChange<A, D>>> {
  const events = options.events ?? ALL_EVENTS;
  return querySnapshots(query).pipe(
    scan(
      (state, snapshot) => {
        const sorted = [...state.sorted];
        const changes = snapshot.docChanges();
        for (const change of changes) {
          if (change.type !== 'added') sorted.splice(change.oldIndex, 1);
          if (change.type !== 'removed') sorted.splice(change.newIndex, 0, change);
        }
        return { sorted, relevant: changes.some((change) => events.includes(change.type)) };
      },
      { sorted: [] as Array<DocumentChange<A, D>>, relevant: false },
    ),
    filter((state) => state.relevant),
    map((state) => state.sorted),
  );
}

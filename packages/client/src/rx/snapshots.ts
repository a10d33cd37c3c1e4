import { defer, map, type Observable } from 'rxjs';
import { cast } from '../api/input_validation.js';
import { DocumentReference, Query } from '../api/reference.js';
import {
  DocumentSnapshot,
  QuerySnapshot,
  type SnapshotListenOptions,
  SnapshotMetadata,
} from '../api/snapshot.js';
import type { DocumentData } from '../api/types.js';
import { documentListenTarget, queryListenTarget } from '../sync/listen-target.js';

/** A document's snapshots: one per change Firebase's onSnapshot would report, none on subscribe twice. */
export function docSnapshots<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  options: SnapshotListenOptions = {},
): Observable<DocumentSnapshot<A, D>> {
  const ref = cast(reference, DocumentReference) as DocumentReference<A, D>;
  const { view, wire } = documentListenTarget(ref);
  return defer(() => ref.firestore._sync().listen(view, wire, options)).pipe(
    map(
      (snapshot) =>
        new DocumentSnapshot(
          ref.firestore,
          ref._path,
          snapshot.docs[0] ?? null,
          ref.converter,
          new SnapshotMetadata(snapshot.hasPendingWrites, snapshot.fromCache),
          snapshot.serverTimestamps.get(ref._name),
        ),
    ),
  );
}

/** A query's snapshots, with docChanges() and metadata as Firebase's onSnapshot gives them. */
export function querySnapshots<A, D extends DocumentData>(
  query: Query<A, D>,
  options: SnapshotListenOptions = {},
): Observable<QuerySnapshot<A, D>> {
  const q = cast(query, Query) as Query<A, D>;
  const { view, wire } = queryListenTarget(q);
  return defer(() => q.firestore._sync().listen(view, wire, options)).pipe(
    map((snapshot) => QuerySnapshot._fromView(q, snapshot)),
  );
}

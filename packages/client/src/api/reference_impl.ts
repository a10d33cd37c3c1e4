import type { BatchGetDocumentsResponse, Document, RunQueryResponse, Write } from '@kindling/core';
import type { Firestore } from './database.js';
import { FirestoreError } from './error.js';
import type { FieldPath } from './field_path.js';
import { cast } from './input_validation.js';
import { toStructuredQuery } from './query_state.js';
import { type CollectionReference, DocumentReference, doc, Query } from './reference.js';
import { DocumentSnapshot, pathOfName, QueryDocumentSnapshot, QuerySnapshot } from './snapshot.js';
import type { DocumentData, PartialWithFieldValue, SetOptions, UpdateData, WithFieldValue } from './types.js';
import { deleteWrite, setWrite, updateWrite } from './write.js';

export function snapshotFromBatchGet<A, D extends DocumentData>(
  ref: DocumentReference<A, D>,
  answers: BatchGetDocumentsResponse[],
): DocumentSnapshot<A, D> {
  const found = answers.find((a) => a.found)?.found ?? null;
  return new DocumentSnapshot(ref.firestore, ref._path, found, ref.converter);
}

/** Firebase refuses limitToLast without an explicit order, before sending anything. */
export function validateLimitToLast(query: Query<any, any>): void {
  if (query._query.limitType === 'last' && query._query.explicitOrderBy.length === 0) {
    throw new FirestoreError(
      'unimplemented',
      'limitToLast() queries require specifying at least one orderBy() clause',
    );
  }
}

export function querySnapshotFrom<A, D extends DocumentData>(
  query: Query<A, D>,
  answers: RunQueryResponse[],
): QuerySnapshot<A, D> {
  const documents = answers.map((a) => a.document).filter((d): d is Document => d !== undefined);
  // limitToLast ran with flipped orders; put the results back in the query's order.
  if (query._query.limitType === 'last') documents.reverse();
  const docs = documents.map(
    (d) => new QueryDocumentSnapshot(query.firestore, pathOfName(d.name), d, query.converter),
  );
  return new QuerySnapshot(query, docs);
}

export function getDoc<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
): Promise<DocumentSnapshot<A, D>> {
  const ref = cast(reference, DocumentReference) as DocumentReference<A, D>;
  const datastore = ref.firestore._datastore();
  return datastore.batchGet([ref._name]).then((answers) => snapshotFromBatchGet(ref, answers));
}

export function getDocs<A, D extends DocumentData>(query: Query<A, D>): Promise<QuerySnapshot<A, D>> {
  const q = cast(query, Query) as Query<A, D>;
  validateLimitToLast(q);
  const datastore = q.firestore._datastore();
  const { parent, structuredQuery } = toStructuredQuery(q._query, q.firestore._databaseName);
  return datastore.runQuery(parent, structuredQuery).then((answers) => querySnapshotFrom(q, answers));
}

/** Local writes go through the sync layer: every matching listener sees them at once. */
function commitOne(firestore: Firestore, write: Write): Promise<void> {
  return firestore._sync().write([write]);
}

export function setDoc<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  data: WithFieldValue<A>,
): Promise<void>;
export function setDoc<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  data: PartialWithFieldValue<A>,
  options: SetOptions,
): Promise<void>;
export function setDoc<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  data: PartialWithFieldValue<A>,
  options?: SetOptions,
): Promise<void> {
  const ref = cast(reference, DocumentReference) as DocumentReference<A, D>;
  return commitOne(ref.firestore, setWrite('setDoc', ref, data, options));
}

export function updateDoc<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  data: UpdateData<D>,
): Promise<void>;
export function updateDoc<A, D extends DocumentData>(
  reference: DocumentReference<A, D>,
  field: string | FieldPath,
  value: unknown,
  ...moreFieldsAndValues: unknown[]
): Promise<void>;
export function updateDoc(
  reference: DocumentReference<any, any>,
  fieldOrUpdateData: unknown,
  value?: unknown,
  ...moreFieldsAndValues: unknown[]
): Promise<void> {
  const ref = cast(reference, DocumentReference);
  return commitOne(
    ref.firestore,
    updateWrite('updateDoc', ref, fieldOrUpdateData, value, moreFieldsAndValues),
  );
}

export function deleteDoc<A, D extends DocumentData>(reference: DocumentReference<A, D>): Promise<void> {
  const ref = cast(reference, DocumentReference);
  return commitOne(ref.firestore, deleteWrite(ref));
}

export function addDoc<A, D extends DocumentData>(
  reference: CollectionReference<A, D>,
  data: WithFieldValue<A>,
): Promise<DocumentReference<A, D>> {
  const ref = doc(reference);
  const write = setWrite('addDoc', ref, data, undefined, { exists: false });
  return commitOne(ref.firestore, write).then(() => ref);
}

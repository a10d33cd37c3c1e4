import type { Write } from '@kindling/core';
import { Firestore } from './database.js';
import { FirestoreError } from './error.js';
import type { FieldPath } from './field_path.js';
import { cast } from './input_validation.js';
import type { DocumentReference } from './reference.js';
import type { DocumentData, PartialWithFieldValue, SetOptions, UpdateData, WithFieldValue } from './types.js';
import { deleteWrite, setWrite, updateWrite, validateReference } from './write.js';

/** Writes committed together, atomically, by commit(). */
export class WriteBatch {
  readonly #firestore: Firestore;
  readonly #writes: Write[] = [];
  #committed = false;

  /** @internal */
  constructor(firestore: Firestore) {
    this.#firestore = firestore;
  }

  set<A, D extends DocumentData>(documentRef: DocumentReference<A, D>, data: WithFieldValue<A>): WriteBatch;
  set<A, D extends DocumentData>(
    documentRef: DocumentReference<A, D>,
    data: PartialWithFieldValue<A>,
    options: SetOptions,
  ): WriteBatch;
  set<A, D extends DocumentData>(
    documentRef: DocumentReference<A, D>,
    data: PartialWithFieldValue<A>,
    options?: SetOptions,
  ): WriteBatch {
    this.#verifyNotCommitted();
    const ref = validateReference(documentRef, this.#firestore);
    this.#writes.push(setWrite('WriteBatch.set', ref, data, options));
    return this;
  }

  update<A, D extends DocumentData>(documentRef: DocumentReference<A, D>, data: UpdateData<D>): WriteBatch;
  update<A, D extends DocumentData>(
    documentRef: DocumentReference<A, D>,
    field: string | FieldPath,
    value: unknown,
    ...moreFieldsAndValues: unknown[]
  ): WriteBatch;
  update(
    documentRef: DocumentReference<any, any>,
    fieldOrUpdateData: unknown,
    value?: unknown,
    ...moreFieldsAndValues: unknown[]
  ): WriteBatch {
    this.#verifyNotCommitted();
    const ref = validateReference(documentRef, this.#firestore);
    this.#writes.push(updateWrite('WriteBatch.update', ref, fieldOrUpdateData, value, moreFieldsAndValues));
    return this;
  }

  delete<A, D extends DocumentData>(documentRef: DocumentReference<A, D>): WriteBatch {
    this.#verifyNotCommitted();
    this.#writes.push(deleteWrite(validateReference(documentRef, this.#firestore)));
    return this;
  }

  commit(): Promise<void> {
    this.#verifyNotCommitted();
    this.#committed = true;
    if (this.#writes.length === 0) return Promise.resolve();
    return this.#firestore._sync().write(this.#writes);
  }

  #verifyNotCommitted(): void {
    if (this.#committed) {
      throw new FirestoreError(
        'failed-precondition',
        'A write batch can no longer be used after commit() has been called.',
      );
    }
  }
}

export function writeBatch(firestore: Firestore): WriteBatch {
  firestore = cast(firestore, Firestore);
  firestore._datastore(); // fails now if terminated, as Firebase's does
  return new WriteBatch(firestore);
}

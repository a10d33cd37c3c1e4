import type { Write } from '@kindling/core';
import { ExponentialBackoff } from '../remote/backoff.js';
import type { Datastore } from '../remote/datastore.js';
import { Firestore } from './database.js';
import { FirestoreError, type FirestoreErrorCode } from './error.js';
import type { FieldPath } from './field_path.js';
import { cast } from './input_validation.js';
import type { DocumentReference } from './reference.js';
import { snapshotFromBatchGet } from './reference_impl.js';
import type { DocumentSnapshot } from './snapshot.js';
import type { DocumentData, PartialWithFieldValue, SetOptions, UpdateData, WithFieldValue } from './types.js';
import { deleteWrite, setWrite, updateWrite, validateReference } from './write.js';

export interface TransactionOptions {
  readonly maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * A server-side read-write transaction: reads go through the transaction id, writes are buffered and sent with
 * the commit; the emulator answers ABORTED when another commit got in the way.
 */
export class Transaction {
  readonly #firestore: Firestore;
  readonly #datastore: Datastore;
  readonly #id: string;
  readonly #writes: Write[] = [];
  readonly #readMissing = new Set<string>();
  readonly #written = new Set<string>();
  #error: FirestoreError | null = null;

  /** @internal */
  constructor(firestore: Firestore, datastore: Datastore, id: string) {
    this.#firestore = firestore;
    this.#datastore = datastore;
    this.#id = id;
  }

  async get<A, D extends DocumentData>(
    documentRef: DocumentReference<A, D>,
  ): Promise<DocumentSnapshot<A, D>> {
    const ref = validateReference(documentRef, this.#firestore);
    if (this.#writes.length > 0) {
      this.#error = new FirestoreError(
        'invalid-argument',
        'Firestore transactions require all reads to be executed before all writes.',
      );
      throw this.#error;
    }
    const snapshot = snapshotFromBatchGet(ref, await this.#datastore.batchGet([ref._name], this.#id));
    if (!snapshot.exists()) this.#readMissing.add(ref.path);
    return snapshot;
  }

  set<A, D extends DocumentData>(documentRef: DocumentReference<A, D>, data: WithFieldValue<A>): this;
  set<A, D extends DocumentData>(
    documentRef: DocumentReference<A, D>,
    data: PartialWithFieldValue<A>,
    options: SetOptions,
  ): this;
  set<A, D extends DocumentData>(
    documentRef: DocumentReference<A, D>,
    data: PartialWithFieldValue<A>,
    options?: SetOptions,
  ): this {
    const ref = validateReference(documentRef, this.#firestore);
    this.#writes.push(setWrite('Transaction.set', ref, data, options));
    this.#written.add(ref.path);
    return this;
  }

  update<A, D extends DocumentData>(documentRef: DocumentReference<A, D>, data: UpdateData<D>): this;
  update<A, D extends DocumentData>(
    documentRef: DocumentReference<A, D>,
    field: string | FieldPath,
    value: unknown,
    ...moreFieldsAndValues: unknown[]
  ): this;
  update(
    documentRef: DocumentReference<any, any>,
    fieldOrUpdateData: unknown,
    value?: unknown,
    ...more: unknown[]
  ): this {
    const ref = validateReference(documentRef, this.#firestore);
    const write = updateWrite('Transaction.update', ref, fieldOrUpdateData, value, more);
    if (this.#readMissing.has(ref.path) && !this.#written.has(ref.path)) {
      // Firebase records this and fails the commit rather than throwing here.
      this.#error = new FirestoreError('invalid-argument', "Can't update a document that doesn't exist.");
    }
    this.#writes.push(write);
    this.#written.add(ref.path);
    return this;
  }

  delete<A, D extends DocumentData>(documentRef: DocumentReference<A, D>): this {
    const ref = validateReference(documentRef, this.#firestore);
    this.#writes.push(deleteWrite(ref));
    this.#written.add(ref.path);
    return this;
  }

  /** @internal */
  async _commit(): Promise<void> {
    if (this.#error) throw this.#error;
    await this.#datastore.commit(this.#writes, this.#id);
  }

  /** @internal */
  async _rollback(): Promise<void> {
    await this.#datastore.rollback(this.#id).catch(() => undefined);
  }
}

/** Codes after which Firebase runs the transaction again: contention, or transient failures. */
const RETRYABLE: readonly FirestoreErrorCode[] = [
  'aborted',
  'failed-precondition',
  'already-exists',
  'cancelled',
  'unknown',
  'deadline-exceeded',
  'resource-exhausted',
  'internal',
  'unavailable',
  'unauthenticated',
];

function isRetryable(error: unknown): boolean {
  return error instanceof FirestoreError && RETRYABLE.includes(error.code);
}

/** Validates synchronously, as Firebase does, then runs attempts until one commits. */
export function runTransaction<T>(
  firestore: Firestore,
  updateFunction: (transaction: Transaction) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  firestore = cast(firestore, Firestore);
  const maxAttempts = options?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (maxAttempts < 1) throw new FirestoreError('invalid-argument', 'Max attempts must be at least 1');
  return runAttempts(firestore, firestore._datastore(), updateFunction, maxAttempts);
}

async function runAttempts<T>(
  firestore: Firestore,
  datastore: Datastore,
  updateFunction: (transaction: Transaction) => Promise<T>,
  maxAttempts: number,
): Promise<T> {
  const backoff = new ExponentialBackoff();
  for (let attempt = 1; ; attempt++) {
    await backoff.wait();
    const transaction = new Transaction(firestore, datastore, await datastore.beginTransaction());
    let result: Promise<T>;
    try {
      result = updateFunction(transaction);
    } catch (error) {
      await transaction._rollback();
      throw error;
    }
    if (!result || typeof result.then !== 'function') {
      await transaction._rollback();
      throw new Error('Transaction callback must return a Promise');
    }
    let value: T;
    try {
      value = await result;
    } catch (error) {
      await transaction._rollback();
      if (attempt < maxAttempts && isRetryable(error)) continue;
      throw error;
    }
    try {
      await transaction._commit();
      return value;
    } catch (error) {
      await transaction._rollback();
      if (attempt < maxAttempts && isRetryable(error)) continue;
      throw error;
    }
  }
}

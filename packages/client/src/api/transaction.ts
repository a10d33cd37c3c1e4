import type { Precondition, Write } from '@kindling/core';
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
 * An optimistic transaction, as Firebase runs it: reads are plain batchGets whose update times are remembered;
 * the commit sends every write with a precondition on the version read (and a `verify` write for documents only
 * read), so a concurrent change makes the commit fail with FAILED_PRECONDITION and the attempt is retried.
 */
export class Transaction {
  readonly #firestore: Firestore;
  readonly #datastore: Datastore;
  /** Document path → update time read, or null when it was missing. */
  readonly #readVersions = new Map<string, string | null>();
  readonly #writes: Write[] = [];
  readonly #written = new Set<string>();
  #error: FirestoreError | null = null;

  /** @internal */
  constructor(firestore: Firestore, datastore: Datastore) {
    this.#firestore = firestore;
    this.#datastore = datastore;
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
    const snapshot = snapshotFromBatchGet(ref, await this.#datastore.batchGet([ref._name]));
    const version = snapshot._document?.updateTime ?? null;
    if (this.#readVersions.has(ref.path)) {
      if (this.#readVersions.get(ref.path) !== version) {
        throw new FirestoreError('aborted', 'Document version changed between two reads.');
      }
    } else {
      this.#readVersions.set(ref.path, version);
    }
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
    this.#writes.push(setWrite('Transaction.set', ref, data, options, this.#precondition(ref.path)));
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
    try {
      const precondition = this.#preconditionForUpdate(ref.path);
      this.#writes.push(updateWrite('Transaction.update', ref, fieldOrUpdateData, value, more, precondition));
    } catch (error) {
      // Firebase records the failure and reports it from the commit.
      this.#error = error as FirestoreError;
    }
    this.#written.add(ref.path);
    return this;
  }

  delete<A, D extends DocumentData>(documentRef: DocumentReference<A, D>): this {
    const ref = validateReference(documentRef, this.#firestore);
    this.#writes.push(deleteWrite(ref, this.#precondition(ref.path)));
    this.#written.add(ref.path);
    return this;
  }

  /** @internal */
  async _commit(): Promise<void> {
    if (this.#error) throw this.#error;
    const writes = [...this.#writes];
    for (const path of this.#readVersions.keys()) {
      if (this.#written.has(path)) continue;
      const name = `${this.#firestore._databaseName}/documents/${path}`;
      writes.push({ verify: name, currentDocument: this.#precondition(path) });
    }
    await this.#datastore.commit(writes);
  }

  /** The version a write must find: the one read, unless this transaction already wrote the document. */
  #precondition(path: string): Precondition | undefined {
    if (this.#written.has(path) || !this.#readVersions.has(path)) return undefined;
    const version = this.#readVersions.get(path);
    return version === null ? { exists: false } : { updateTime: version };
  }

  #preconditionForUpdate(path: string): Precondition {
    if (this.#written.has(path) || !this.#readVersions.has(path)) return { exists: true };
    const version = this.#readVersions.get(path);
    if (version === null) {
      throw new FirestoreError('invalid-argument', "Can't update a document that doesn't exist.");
    }
    return { updateTime: version! };
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
    const transaction = new Transaction(firestore, datastore);
    const result = updateFunction(transaction);
    if (!result || typeof result.then !== 'function') {
      throw new Error('Transaction callback must return a Promise');
    }
    try {
      const value = await result;
      await transaction._commit();
      return value;
    } catch (error) {
      if (attempt < maxAttempts && isRetryable(error)) continue;
      throw error;
    }
  }
}

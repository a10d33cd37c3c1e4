import { statusName } from '@kindling/core';

/** Firestore's error code strings: google.rpc.Code names in kebab case, as `firebase/firestore` reports them. */
export type FirestoreErrorCode =
  | 'cancelled'
  | 'unknown'
  | 'invalid-argument'
  | 'deadline-exceeded'
  | 'not-found'
  | 'already-exists'
  | 'permission-denied'
  | 'resource-exhausted'
  | 'failed-precondition'
  | 'aborted'
  | 'out-of-range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'data-loss'
  | 'unauthenticated';

/** The error every Firestore function throws or rejects with. `name` is 'FirebaseError' as in the Firebase SDKs. */
export class FirestoreError extends Error {
  override readonly name = 'FirebaseError';
  constructor(
    readonly code: FirestoreErrorCode,
    override readonly message: string,
  ) {
    super(message);
  }

  override toString(): string {
    return `${this.name}: [code=${this.code}]: ${this.message}`;
  }
}

/** Maps a status name ('INVALID_ARGUMENT') or numeric code from an error frame to the code string. */
export function codeFromStatus(status: string | number): FirestoreErrorCode {
  const name = typeof status === 'number' ? statusName(status) : status;
  if (name === 'OK') return 'unknown';
  return name.toLowerCase().replace(/_/g, '-') as FirestoreErrorCode;
}

import type { DocumentData, DocumentReference, DocumentSnapshot } from '@kindling/client';
import type {
  DataListenOptions,
  IdleResult,
  ListenOptions,
  ListenResult,
  SuccessResult,
  SuspenseDataListenOptions,
  SuspenseListenOptions,
} from './result.js';
import { useResult, useSnapshotResult } from './to-result.js';
import { useListen } from './use-listen.js';
import { dataWithId } from './with-id.js';

/** Listens to a document: `data` and `snapshot` are its latest DocumentSnapshot (`exists()` false when missing). */
export function useDocument<A = DocumentData, D extends DocumentData = DocumentData>(
  ref: DocumentReference<A, D>,
  options: SuspenseListenOptions,
): SuccessResult<DocumentSnapshot<A, D>, DocumentSnapshot<A, D>>;
export function useDocument<A = DocumentData, D extends DocumentData = DocumentData>(
  ref: DocumentReference<A, D> | null | undefined,
  options: SuspenseListenOptions,
): SuccessResult<DocumentSnapshot<A, D>, DocumentSnapshot<A, D>> | IdleResult;
export function useDocument<A = DocumentData, D extends DocumentData = DocumentData>(
  ref: DocumentReference<A, D> | null | undefined,
  options?: ListenOptions,
): ListenResult<DocumentSnapshot<A, D>, DocumentSnapshot<A, D>>;
export function useDocument<A, D extends DocumentData>(
  ref: DocumentReference<A, D> | null | undefined,
  options: ListenOptions = {},
): ListenResult<DocumentSnapshot<A, D>, DocumentSnapshot<A, D>> {
  return useSnapshotResult(useListen<DocumentSnapshot<A, D>>(ref, options));
}

/**
 * Listens to a document's data: `data` is undefined while the document does not exist; `snapshot` is the
 * DocumentSnapshot it came from (for `metadata.hasPendingWrites`).
 */
export function useDocumentData<T = DocumentData>(
  ref: DocumentReference<T, any> | DocumentReference<DocumentData, any>,
  options: SuspenseDataListenOptions,
): SuccessResult<T | undefined, DocumentSnapshot<T>>;
export function useDocumentData<T = DocumentData>(
  ref: DocumentReference<T, any> | DocumentReference<DocumentData, any> | null | undefined,
  options: SuspenseDataListenOptions,
): SuccessResult<T | undefined, DocumentSnapshot<T>> | IdleResult;
export function useDocumentData<T = DocumentData>(
  ref: DocumentReference<T, any> | DocumentReference<DocumentData, any> | null | undefined,
  options?: DataListenOptions,
): ListenResult<T | undefined, DocumentSnapshot<T>>;
export function useDocumentData<T>(
  ref: DocumentReference<any, any> | null | undefined,
  options: DataListenOptions = {},
): ListenResult<T | undefined, DocumentSnapshot<T>> {
  const state = useListen<DocumentSnapshot<T>>(ref, options);
  return useResult(state, (snapshot) => dataWithId<T>(snapshot, options.idField), options.idField);
}

import type { DocumentData, Query, QuerySnapshot } from '@kindling/client';
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

/** Listens to a query (or a whole collection): `data` and `snapshot` are its latest QuerySnapshot. */
export function useQuery<A = DocumentData, D extends DocumentData = DocumentData>(
  query: Query<A, D>,
  options: SuspenseListenOptions,
): SuccessResult<QuerySnapshot<A, D>, QuerySnapshot<A, D>>;
export function useQuery<A = DocumentData, D extends DocumentData = DocumentData>(
  query: Query<A, D> | null | undefined,
  options: SuspenseListenOptions,
): SuccessResult<QuerySnapshot<A, D>, QuerySnapshot<A, D>> | IdleResult;
export function useQuery<A = DocumentData, D extends DocumentData = DocumentData>(
  query: Query<A, D> | null | undefined,
  options?: ListenOptions,
): ListenResult<QuerySnapshot<A, D>, QuerySnapshot<A, D>>;
export function useQuery<A, D extends DocumentData>(
  query: Query<A, D> | null | undefined,
  options: ListenOptions = {},
): ListenResult<QuerySnapshot<A, D>, QuerySnapshot<A, D>> {
  return useSnapshotResult(useListen<QuerySnapshot<A, D>>(query, options));
}

/** useQuery under the name other Firestore React libraries use for it. */
export const useCollection = useQuery;

/** Listens to a query's documents' data, in the query's order; `snapshot` is the QuerySnapshot. */
export function useQueryData<T = DocumentData>(
  query: Query<T, any> | Query<DocumentData, any>,
  options: SuspenseDataListenOptions,
): SuccessResult<T[], QuerySnapshot<T>>;
export function useQueryData<T = DocumentData>(
  query: Query<T, any> | Query<DocumentData, any> | null | undefined,
  options: SuspenseDataListenOptions,
): SuccessResult<T[], QuerySnapshot<T>> | IdleResult;
export function useQueryData<T = DocumentData>(
  query: Query<T, any> | Query<DocumentData, any> | null | undefined,
  options?: DataListenOptions,
): ListenResult<T[], QuerySnapshot<T>>;
export function useQueryData<T>(
  query: Query<any, any> | null | undefined,
  options: DataListenOptions = {},
): ListenResult<T[], QuerySnapshot<T>> {
  const state = useListen<QuerySnapshot<T>>(query, options);
  return useResult(
    state,
    (snapshot) => snapshot.docs.map((doc) => dataWithId<T>(doc, options.idField) as T),
    options.idField,
  );
}

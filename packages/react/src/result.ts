import type { FirestoreError, SnapshotListenOptions } from '@kindling/client';

/**
 * `idle`: no reference or query was given (null/undefined), nothing is listened to. `loading`: listening, no
 * snapshot yet. `success`: the latest snapshot. `error`: the listener failed (e.g. permission-denied); it is
 * over, a new reference or a remount listens again.
 */
export type ListenStatus = 'idle' | 'loading' | 'success' | 'error';

export interface IdleResult {
  status: 'idle';
  data: undefined;
  snapshot: undefined;
  error: undefined;
}

export interface LoadingResult {
  status: 'loading';
  data: undefined;
  snapshot: undefined;
  error: undefined;
}

export interface SuccessResult<TData, TSnapshot> {
  status: 'success';
  data: TData;
  snapshot: TSnapshot;
  error: undefined;
}

export interface ErrorResult {
  status: 'error';
  data: undefined;
  snapshot: undefined;
  error: FirestoreError;
}

/** What every listening hook returns; narrow on `status` to read `data`, `snapshot` or `error`. */
export type ListenResult<TData, TSnapshot> =
  | IdleResult
  | LoadingResult
  | SuccessResult<TData, TSnapshot>
  | ErrorResult;

export interface ListenOptions extends SnapshotListenOptions {
  /**
   * Suspend (throw a promise to the nearest `<Suspense>`) until the first snapshot, and throw an error to the
   * nearest error boundary instead of returning it. A null/undefined reference still returns `idle`.
   */
  suspense?: boolean;
}

export interface SuspenseListenOptions extends ListenOptions {
  suspense: true;
}

export interface DataOptions {
  /** Adds the document id to each object under this key. */
  idField?: string;
}

export type DataListenOptions = ListenOptions & DataOptions;
export type SuspenseDataListenOptions = SuspenseListenOptions & DataOptions;

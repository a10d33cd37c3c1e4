import { useMemo } from 'react';
import type { ListenResult } from './result.js';
import type { HookState } from './use-listen.js';

const IDLE_RESULT = { status: 'idle', data: undefined, snapshot: undefined, error: undefined } as const;
const LOADING_RESULT = { status: 'loading', data: undefined, snapshot: undefined, error: undefined } as const;

/**
 * The hook's result for a state, with `data` derived from the snapshot once per snapshot: the result and its
 * data keep their identity until the next snapshot, so they can be effect or memo dependencies.
 */
export function useResult<S, D>(
  state: HookState<S>,
  toData: (snapshot: S) => D,
  idField?: string,
): ListenResult<D, S> {
  // biome-ignore lint/correctness/useExhaustiveDependencies: toData is a module function; idField is its input.
  return useMemo((): ListenResult<D, S> => {
    switch (state.status) {
      case 'idle':
        return IDLE_RESULT;
      case 'loading':
        return LOADING_RESULT;
      case 'error':
        return { status: 'error', data: undefined, snapshot: undefined, error: state.error };
      case 'success':
        return {
          status: 'success',
          data: toData(state.snapshot),
          snapshot: state.snapshot,
          error: undefined,
        };
    }
  }, [state, idField]);
}

const itself = <S>(snapshot: S) => snapshot;

/** The result of a hook whose `data` is the snapshot itself (useDocument, useQuery). */
export function useSnapshotResult<S>(state: HookState<S>): ListenResult<S, S> {
  return useResult(state, itself<S>);
}

import { type ConnectionState, connectionState, type Firestore, getFirestore } from '@kindling/client';
import { useCallback, useSyncExternalStore } from 'react';
import { take } from 'rxjs';

/** The current state, read synchronously (the observable replays it); a terminated instance is offline. */
function currentState(db: Firestore): ConnectionState {
  let current: ConnectionState = 'offline';
  connectionState(db)
    .pipe(take(1))
    .subscribe({
      next: (state) => {
        current = state;
      },
      // Terminated: no connection any more.
      error: () => {},
    });
  return current;
}

/**
 * The instance's connection state: 'connecting' while a socket is being opened (first connect or reconnect),
 * 'online' once the server welcomed it, 'offline' before the first attempt, after a failed or dropped one and
 * while the network is disabled. Observing does not connect. Default instance: getFirestore().
 */
export function useConnectionState(db: Firestore = getFirestore()): ConnectionState {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const subscription = connectionState(db).subscribe({ next: onChange, error: onChange });
      return () => subscription.unsubscribe();
    },
    [db],
  );
  const read = useCallback(() => currentState(db), [db]);
  return useSyncExternalStore(subscribe, read, read);
}

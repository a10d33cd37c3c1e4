import { defer, type Observable } from 'rxjs';
import type { Firestore } from '../api/database.js';
import type { ConnectionState } from '../remote/connection.js';

export type { ConnectionState } from '../remote/connection.js';

/**
 * The instance's connection state: 'connecting' while a socket is being opened, 'online' once the server
 * welcomed it, 'offline' before the first attempt, after a failed or dropped one and while the network is
 * disabled. Replays the current state on subscribe and emits each change once. Observing does not connect.
 */
export function connectionState(firestore: Firestore): Observable<ConnectionState> {
  return defer(() => firestore._datastore().connection.state$);
}

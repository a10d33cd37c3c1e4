import type { CommitResponse, Document, Target, Write } from '@kindling/core';
import type { Observable } from 'rxjs';
import type { FirestoreError } from '../api/error.js';

/**
 * What the sync layer needs from the remote layer (remote/watch-stream.ts, write-pipeline.ts, connection.ts),
 * as the subset of their contract it reads, so views can be driven by a fake in unit tests.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface SyncedTargetUpdate {
  /** The target's whole synced result after this event. */
  readonly documents: ReadonlyMap<string, Document>;
  /** The server said CURRENT for it (and no RESET since). */
  readonly current: boolean;
}

export interface SyncedRemoteEvent {
  readonly readTime: string;
  readonly targets: ReadonlyMap<number, SyncedTargetUpdate>;
}

export interface WatchPort {
  listen(targetId: number, target: Omit<Target, 'targetId'>, resumeToken?: string): void;
  unlisten(targetId: number): void;
  readonly events$: Observable<SyncedRemoteEvent>;
  readonly targetErrors$: Observable<{ targetId: number; error: FirestoreError }>;
  nextTargetId(): number;
}

export interface WritePort {
  commit(writes: Write[]): Promise<CommitResponse>;
}

export interface NetworkPort {
  readonly state$: Observable<ConnectionState>;
  enableNetwork(): void | Promise<void>;
  disableNetwork(): void | Promise<void>;
}

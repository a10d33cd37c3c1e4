import type { ListenResponse, Target } from '@kindling/core';
import type { Clock } from '../clock.js';
import type { DatabaseStore } from '../database-store.js';
import type { TargetSpec } from './target.js';

/**
 * Whether the stream's caller may listen to a target as the database is now: throws (PERMISSION_DENIED) when
 * not, and returns the target's permit. Asked when a target is added, for every target on `recheck()`, and
 * before a change reaches a target whose permit no longer holds.
 */
export type TargetGuard = (spec: TargetSpec) => TargetPermit;

/** Whether the guard's last decision on a target still holds, so it need not be asked again. */
export type TargetPermit = () => boolean;

/** A decision nothing but `recheck()` can change (no rules, the owner). */
export const PERMANENT: TargetPermit = () => true;

/** A decision that may change at any time: asked again before every change. */
export const RECHECK: TargetPermit = () => false;

/** Where one listen stream's responses go: the session wraps each in a `listen` frame with its seq. */
export interface ListenTransport {
  /** Delivers one ListenResponse. */
  send(response: ListenResponse): void;
  /** Bytes queued in the socket but not yet written (ws's bufferedAmount); 0 when unknown. */
  bufferedAmount(): number;
}

export interface ListenLimits {
  /** Targets one stream may hold at once (MAX_SUBSCRIPTIONS_PER_CLIENT); the next add is RESOURCE_EXHAUSTED. */
  maxTargets: number;
  /** Frames the outbound buffer may hold before the stream's targets go stale (EVENT_BUFFER_SIZE). */
  eventBufferSize: number;
  /** Above this many bytes in the socket's buffer, new frames wait in the outbound buffer. */
  maxBufferedBytes: number;
  /** How often a congested stream polls `bufferedAmount` (default 10 ms). */
  drainPollMs?: number;
}

/** What the listen manager needs from the engine (its EngineContext fits). */
export interface ListenContext {
  readonly clock: Clock;
  /** The store of `projects/p/databases/d`, created empty on first use. */
  store(database: string): DatabaseStore;
}

/** One connection's listen targets in one database. */
export interface ListenStream {
  /** Adds a target: ADD, its result (or the changes since its resume token), CURRENT, a global marker. */
  addTarget(target: Target): void;
  /** Removes a target: REMOVE (with an INVALID_ARGUMENT cause when the id is unknown). */
  removeTarget(targetId: number): void;
  /** Re-checks every target with the guard: each one no longer allowed gets REMOVE with the guard's error. */
  recheck(): void;
  /** Drops every target and the outbound buffer; nothing is sent afterwards. */
  close(): void;
  readonly targetCount: number;
}

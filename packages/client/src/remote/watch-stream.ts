import type { Target } from '@kindling/core';
import { type Observable, Subject } from 'rxjs';
import type { FirestoreError } from '../api/error.js';
import type { Connection } from './connection.js';
import { type RemoteEvent, WatchAggregator } from './watch-aggregator.js';

export type { RemoteEvent, TargetUpdate } from './watch-aggregator.js';

/**
 * The listen targets of one connection. Targets are added and removed by id; after every reconnect each active
 * target is re-added with the resume token of the last marker at which it was current and the number of
 * documents the client holds for it, so the server sends only what changed and the client raises no change
 * twice and misses none.
 */
export class WatchStream {
  readonly #connection: Connection;
  readonly #aggregator = new WatchAggregator();
  readonly #events = new Subject<RemoteEvent>();
  readonly #errors = new Subject<{ targetId: number; error: FirestoreError }>();
  #release: (() => void) | null = null;

  /** One RemoteEvent per global marker, containing every target that changed since the previous marker. */
  readonly events$: Observable<RemoteEvent> = this.#events.asObservable();
  /** A target the server removed with a cause (e.g. permission-denied); the target is dropped. */
  readonly targetErrors$: Observable<{ targetId: number; error: FirestoreError }> =
    this.#errors.asObservable();

  constructor(
    connection: Connection,
    /** projects/{p}/databases/{d}: the connection's database (targets name it in their documents and parents). */
    readonly database: string,
  ) {
    this.#connection = connection;
    connection.addListener({
      onOpen: () => {
        for (const targetId of this.#aggregator.targetIds()) this.#sendAdd(targetId);
      },
      onClose: () => this.#aggregator.connectionLost(),
      onTerminate: () => {
        this.#events.complete();
        this.#errors.complete();
      },
      onListen: (response, seq) => {
        const { event, error, relisten } = this.#aggregator.handle(response, seq);
        if (relisten !== undefined) {
          this.#sendRemove(relisten);
          this.#sendAdd(relisten);
        }
        if (error) {
          this.#holdWhileNeeded();
          this.#errors.next(error);
        }
        if (event) this.#events.next(event);
      },
    });
  }

  /** A target id no other target on this connection uses (ids are per connection on the server). */
  nextTargetId(): number {
    return this.#connection.allocateTargetId();
  }

  /** Adds a server target; re-added automatically (with resume token + expectedCount) after every reconnect. */
  listen(targetId: number, target: Omit<Target, 'targetId'>, resumeToken = target.resumeToken): void {
    const { resumeToken: _token, expectedCount: _count, ...spec } = target;
    if (this.#aggregator.has(targetId)) this.unlisten(targetId);
    this.#connection.reserveTargetId(targetId);
    this.#aggregator.addTarget(targetId, spec, resumeToken);
    this.#holdWhileNeeded();
    this.#sendAdd(targetId);
  }

  unlisten(targetId: number): void {
    if (!this.#aggregator.has(targetId)) return;
    this.#aggregator.removeTarget(targetId);
    this.#sendRemove(targetId);
    this.#holdWhileNeeded();
  }

  #sendAdd(targetId: number): void {
    const addTarget = this.#aggregator.targetToSend(targetId);
    if (addTarget && this.#connection.send({ type: 'listen', addTarget })) {
      this.#aggregator.expectResponse(targetId);
    }
  }

  #sendRemove(targetId: number): void {
    if (this.#connection.send({ type: 'listen', removeTarget: targetId })) {
      this.#aggregator.expectResponse(targetId);
    }
  }

  /** The connection stays up (reconnecting) exactly while some target is listened. */
  #holdWhileNeeded(): void {
    if (this.#aggregator.size > 0 && !this.#release) {
      this.#release = this.#connection.retain();
    } else if (this.#aggregator.size === 0 && this.#release) {
      this.#release();
      this.#release = null;
    }
  }
}

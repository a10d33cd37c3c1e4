import type { CommitResponse, Write } from '@kindling/core';
import { filter, firstValueFrom } from 'rxjs';
import { FirestoreError } from '../api/error.js';
import type { Connection } from './connection.js';
import { ConnectionUnavailableError } from './request.js';

interface QueuedCommit {
  writes: Write[];
  resolve(response: CommitResponse): void;
  reject(error: FirestoreError): void;
}

/**
 * Sends commits one at a time, in call order, over the connection's socket, holding the connection open while
 * any wait. A commit made while offline waits in the queue and goes out after the reconnect.
 *
 * A commit in flight when the socket drops is sent again on the next socket, as Firebase's write stream does:
 * the client cannot know whether the server applied it, and losing an acknowledged-looking write is worse than
 * applying it twice. Writes with preconditions (addDoc's `exists: false`, an update's `exists: true`) can then
 * fail with the error the first copy caused; plain sets and deletes are idempotent. An error answered by the
 * server rejects that commit only; the queue moves on.
 */
export class WritePipeline {
  readonly #connection: Connection;
  readonly #database: string;
  readonly #queue: QueuedCommit[] = [];
  #draining = false;
  #release: (() => void) | null = null;

  constructor(connection: Connection, database: string) {
    this.#connection = connection;
    this.#database = database;
  }

  /** Commits in call order; while offline the commit waits in the queue; resolves with the CommitResponse. */
  commit(writes: Write[]): Promise<CommitResponse> {
    if (this.#connection.terminated) {
      return Promise.reject(
        new FirestoreError('failed-precondition', 'The client has already been terminated.'),
      );
    }
    return new Promise<CommitResponse>((resolve, reject) => {
      this.#queue.push({ writes, resolve, reject });
      this.#release ??= this.#connection.retain();
      if (!this.#draining) void this.#drain();
    });
  }

  /** Resolves when every commit queued so far has been acknowledged or rejected. */
  async idle(): Promise<void> {
    const last = this.#queue[this.#queue.length - 1];
    if (!last) return;
    await new Promise<void>((resolve) => {
      const { resolve: done, reject: failed } = last;
      last.resolve = (response) => {
        done(response);
        resolve();
      };
      last.reject = (error) => {
        failed(error);
        resolve();
      };
    });
  }

  get size(): number {
    return this.#queue.length;
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const head = this.#queue[0];
        try {
          const response = await this.#connection.request('commit', {
            database: this.#database,
            writes: head.writes,
          });
          this.#queue.shift();
          head.resolve(response);
        } catch (error) {
          if (error instanceof ConnectionUnavailableError) {
            await this.#online();
            continue;
          }
          this.#queue.shift();
          head.reject(error as FirestoreError);
        }
      }
    } finally {
      this.#draining = false;
      this.#release?.();
      this.#release = null;
    }
  }

  /** Waits for a welcomed socket (or termination, after which the retry fails for good). */
  async #online(): Promise<void> {
    // A socket that died without its close event yet still reads 'online': let that event land first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await firstValueFrom(this.#connection.state$.pipe(filter((state) => state === 'online'))).catch(() => {});
  }
}

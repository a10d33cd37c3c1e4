import type { ErrorBody } from '@kindling/core';
import { codeFromStatus, FirestoreError } from '../api/error.js';

/**
 * 'unavailable' raised by the client itself: the socket could not be opened, closed with the request in flight,
 * or the network is disabled. Unlike an error frame, it says nothing about whether the server acted on it.
 */
export class ConnectionUnavailableError extends FirestoreError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

interface Pending {
  resolve(body: unknown): void;
  reject(error: FirestoreError): void;
}

/** Converts an error frame's google.rpc.Status into the error Firebase's full SDK would report. */
export function errorFromStatus(error: ErrorBody): FirestoreError {
  return new FirestoreError(codeFromStatus(error.status || error.code), error.message);
}

/** Outstanding one-shot requests on one connection, keyed by the ids the client chose. */
export class PendingRequests {
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  /** Reserves an id and returns it with the promise its answer settles. */
  add<T>(): { id: number; answer: Promise<T> } {
    const id = this.#nextId++;
    const answer = new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (body: unknown) => void, reject });
    });
    return { id, answer };
  }

  resolve(id: number, body: unknown): void {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    pending?.resolve(body);
  }

  reject(id: number, error: FirestoreError): void {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    pending?.reject(error);
  }

  rejectAll(error: FirestoreError): void {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of all) pending.reject(error);
  }

  get size(): number {
    return this.#pending.size;
  }
}

import { Code, type ReadConsistency, StatusError, type TransactionOptions } from '@kindling/core';
import { type Micros, microsToTimestamp, timestampToMicros } from './clock.js';
import type { EngineContext } from './context.js';
import type { DatabaseStore } from './database-store.js';
import { checkOptionalObject, checkOptionalString } from './request-checks.js';
import type { ReadCheck, Transaction } from './transactions.js';

/** The version of a database one read request sees, and how its answer reports it. */
export interface ReadView {
  store: DatabaseStore;
  version: number;
  readTime: string;
  /** Set when reading inside a read-write transaction: its reads are re-checked at commit. */
  transaction?: Transaction;
  /** Set when the request began a transaction (`newTransaction`): the answer carries its id. */
  newTransaction?: string;
}

/** The version to read for a requested readTime → INVALID_ARGUMENT in the future, FAILED_PRECONDITION too old. */
export function snapshotAt(
  ctx: EngineContext,
  store: DatabaseStore,
  readTime: string,
): { version: number; time: Micros } {
  const time = timestampToMicros(readTime);
  const now = ctx.clock.now();
  if (time > now)
    throw new StatusError(Code.INVALID_ARGUMENT, "The requested 'read_time' cannot be in the future.");
  if (time < store.oldestReadable(now)) {
    throw new StatusError(Code.FAILED_PRECONDITION, "The requested 'read_time' is too old.");
  }
  ctx.clock.reserve(time);
  return { version: store.versionAt(time), time };
}

/** Begins a transaction; a read-only one reads at its readTime, or as of now. */
export function beginTransaction(
  ctx: EngineContext,
  database: string,
  options: TransactionOptions | undefined,
): Transaction {
  checkOptionalObject(options, 'options');
  if (options?.readOnly !== undefined && options.readWrite !== undefined) {
    throw new StatusError(
      Code.INVALID_ARGUMENT,
      'Transaction options may set readOnly or readWrite, not both.',
    );
  }
  checkOptionalObject(options?.readOnly, 'options.readOnly');
  checkOptionalObject(options?.readWrite, 'options.readWrite');
  const store = ctx.store(database);
  let snapshot: { version: number; time: Micros } | undefined;
  if (options?.readOnly) {
    const readTime = options.readOnly.readTime;
    checkOptionalString(readTime, 'options.readOnly.readTime');
    snapshot =
      readTime === undefined
        ? { version: store.version, time: ctx.clock.tick() }
        : snapshotAt(ctx, store, readTime);
  }
  return ctx.transactions.begin(database, ctx.clock.now(), options, snapshot);
}

function viewOf(ctx: EngineContext, store: DatabaseStore, tx: Transaction): ReadView {
  if (tx.readOnly && tx.readVersion !== undefined && tx.readTime !== undefined) {
    return { store, version: tx.readVersion, readTime: microsToTimestamp(tx.readTime) };
  }
  return { store, version: store.version, readTime: microsToTimestamp(ctx.clock.tick()), transaction: tx };
}

/** Resolves a read's consistency selector (at most one of transaction, newTransaction, readTime). */
export function openReadView(ctx: EngineContext, database: string, request: ReadConsistency): ReadView {
  const { transaction, newTransaction, readTime } = request;
  const selectors = [transaction, newTransaction, readTime].filter((s) => s !== undefined).length;
  if (selectors > 1) {
    throw new StatusError(
      Code.INVALID_ARGUMENT,
      'At most one of transaction, newTransaction and readTime may be set.',
    );
  }
  const store = ctx.store(database);
  if (transaction !== undefined) {
    return viewOf(ctx, store, ctx.transactions.get(transaction, database, ctx.clock.now()));
  }
  if (newTransaction !== undefined) {
    const tx = beginTransaction(ctx, database, newTransaction);
    return { ...viewOf(ctx, store, tx), newTransaction: tx.id };
  }
  if (readTime !== undefined) {
    checkOptionalString(readTime, 'readTime');
    const snapshot = snapshotAt(ctx, store, readTime);
    return { store, version: snapshot.version, readTime: microsToTimestamp(snapshot.time) };
  }
  return { store, version: store.version, readTime: microsToTimestamp(ctx.clock.tick()) };
}

/** Remembers, in the view's read-write transaction if any, a read to re-check at commit. */
export function recordRead(view: ReadView, check: ReadCheck): void {
  view.transaction?.checks.push(check);
}

import { Code, StatusError, type TransactionOptions } from '@kindling/core';
import type { Micros } from './clock.js';

/** A read a read-write transaction made, re-checked at commit: false when what it saw has changed since. */
export type ReadCheck = () => boolean;

export interface Transaction {
  readonly id: string;
  readonly database: string;
  readonly readOnly: boolean;
  /** Read-only transactions read the database as of this version and time. */
  readonly readVersion?: number;
  readonly readTime?: Micros;
  readonly startedAt: Micros;
  lastUsedAt: Micros;
  readonly checks: ReadCheck[];
}

export interface TransactionLimits {
  /** A transaction expires this long after it began. */
  maxLifetime: Micros;
  /** … or after being unused this long. */
  maxIdle: Micros;
}

// Ids are the base64 of `kindling-txn:<n>`: a well-formed id that is not open was issued and has been closed.
const PREFIX = 'kindling-txn:';

const invalid = () => new StatusError(Code.INVALID_ARGUMENT, 'Invalid transaction.');
const closed = () => new StatusError(Code.INVALID_ARGUMENT, 'Transaction is invalid or closed.');

function sequenceOf(id: unknown): number | undefined {
  if (typeof id !== 'string') return undefined;
  let text: string;
  try {
    text = atob(id);
  } catch {
    return undefined;
  }
  if (!text.startsWith(PREFIX)) return undefined;
  const n = Number(text.slice(PREFIX.length));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Open transactions of one engine, with Firestore's lifetime limits. */
export class TransactionRegistry {
  private readonly open = new Map<string, Transaction>();
  private issued = 0;

  constructor(private readonly limits: TransactionLimits) {}

  begin(
    database: string,
    now: Micros,
    options: TransactionOptions | undefined,
    snapshot?: { version: number; time: Micros },
  ): Transaction {
    this.expire(now);
    const retry = options?.readWrite?.retryTransaction;
    if (retry !== undefined) {
      const n = sequenceOf(retry);
      if (n === undefined || n > this.issued) throw invalid();
      this.open.delete(retry);
    }
    const readOnly = options?.readOnly !== undefined;
    const id = btoa(`${PREFIX}${++this.issued}`);
    const tx: Transaction = {
      id,
      database,
      readOnly,
      readVersion: readOnly ? snapshot?.version : undefined,
      readTime: readOnly ? snapshot?.time : undefined,
      startedAt: now,
      lastUsedAt: now,
      checks: [],
    };
    this.open.set(id, tx);
    return tx;
  }

  /** The open transaction `id` of `database` → INVALID_ARGUMENT when unknown, closed or expired. */
  get(id: unknown, database: string, now: Micros): Transaction {
    const n = sequenceOf(id);
    if (n === undefined || n > this.issued) throw invalid();
    const tx = this.open.get(id as string);
    if (!tx || tx.database !== database) throw closed();
    if (this.expired(tx, now)) {
      this.open.delete(tx.id);
      throw closed();
    }
    tx.lastUsedAt = now;
    return tx;
  }

  /** Ends a transaction. Ending one already closed is fine (Firestore answers a repeated rollback with OK). */
  close(id: unknown): void {
    const n = sequenceOf(id);
    if (n === undefined || n > this.issued) throw invalid();
    this.open.delete(id as string);
  }

  /** Closes every transaction on `database` (it was cleared). */
  closeAll(database: string): void {
    for (const tx of this.open.values()) if (tx.database === database) this.open.delete(tx.id);
  }

  private expired(tx: Transaction, now: Micros): boolean {
    return now - tx.startedAt > this.limits.maxLifetime || now - tx.lastUsedAt > this.limits.maxIdle;
  }

  private expire(now: Micros): void {
    for (const tx of this.open.values()) if (this.expired(tx, now)) this.open.delete(tx.id);
  }
}

import type { Clock } from './clock.js';
import type { DatabaseStore } from './database-store.js';
import type { TransactionRegistry } from './transactions.js';

/** What the request handlers share: one clock, the open transactions, the databases by name. */
export interface EngineContext {
  readonly clock: Clock;
  readonly transactions: TransactionRegistry;
  /** The store of `projects/p/databases/d`, created empty on first use. */
  store(database: string): DatabaseStore;
}

import type { LookupBudget } from './rules/index.js';

// How many documents the rules of one request may read with get()/exists()/getAfter()/existsAfter(): Firestore
// allows 10 distinct documents for one document or query, and in a batched write or transaction 10 per write
// and 20 across the commit. A document read twice counts once.

/** Distinct lookups for one document access or query, and for each write of a batch. */
export const SINGLE_LOOKUPS = 10;
/** Distinct lookups across all the writes of a batch or transaction, and across a multi-document read. */
export const BATCH_LOOKUPS = 20;

/** One budget for every access it is handed to. */
export const lookupBudget = (limit: number): LookupBudget => ({ limit, seen: new Set() });

/**
 * The lookups one write of a batch has made, as the evaluator counts them against its limit of 10, while the
 * batch's total stays within 20. The evaluator refuses a new name when `size >= limit`; reporting the size as
 * at least `total - (20 - 10)` makes that happen once either count is exhausted. A name any write of the batch
 * has read is not new.
 */
class WriteLookups extends Set<string> {
  constructor(private readonly batch: Set<string>) {
    super();
  }

  override get size(): number {
    return Math.max(super.size, this.batch.size - (BATCH_LOOKUPS - SINGLE_LOOKUPS));
  }

  override has(name: string): boolean {
    return this.batch.has(name);
  }

  override add(name: string): this {
    this.batch.add(name);
    return super.add(name);
  }
}

/** A budget per write of one batch or transaction: each call gives the next write its own. */
export function batchBudgets(): () => LookupBudget {
  const batch = new Set<string>();
  return () => ({ limit: SINGLE_LOOKUPS, seen: new WriteLookups(batch) });
}

import {
  applyWrite,
  Code,
  type CommitRequest,
  type CommitResponse,
  type Document,
  StatusError,
  validateWrite,
  type Write,
  type WriteResult,
  writeTarget,
} from '@kindling/core';
import { type Access, type DocumentAccess, snapshotReader } from './access.js';
import { microsToTimestamp } from './clock.js';
import type { CommitRecord } from './commit-log.js';
import type { EngineContext } from './context.js';
import type { DatabaseStore } from './database-store.js';
import { batchBudgets, lookupBudget, SINGLE_LOOKUPS } from './lookup-budgets.js';
import { checkArray, checkObject, checkOptionalString } from './request-checks.js';
import type { Transaction } from './transactions.js';

const hasTransforms = (write: Write) =>
  (write.updateTransforms?.length ?? 0) > 0 || write.transform !== undefined;

function checkReads(tx: Transaction): void {
  if (!tx.checks.every((stillValid) => stillValid())) {
    throw new StatusError(Code.ABORTED, 'Too much contention on these documents. Please try again.');
  }
}

/**
 * The method rules judge a document's writes by. A precondition on existence fixes it, as in Firestore (a create
 * of an existing document is judged as a create, then fails its precondition); otherwise the stored document
 * decides.
 */
function methodOf(first: Write, before: Document | null, after: Document | null): DocumentAccess['method'] {
  if (after === null) return 'delete';
  const precondition = first.currentDocument;
  if (precondition?.exists === false) return 'create';
  if (precondition?.exists === true || precondition?.updateTime !== undefined) return 'update';
  return before === null ? 'create' : 'update';
}

/**
 * Checks a commit against the rules before any precondition, as Firestore does: each written document once,
 * `request.resource` being its state after all of the commit's writes and their transforms, and getAfter()
 * seeing the whole commit applied. In a batch or transaction each write may look up 10 documents and the commit
 * 20, as in Firestore.
 */
function authorizeWrites(
  ctx: EngineContext,
  store: DatabaseStore,
  writes: Write[],
  commitTime: string,
  batched: boolean,
  access: Access,
): void {
  const after = new Map<string, Document | null>();
  const firstWrite = new Map<string, Write>();
  for (const write of writes) {
    if (write.verify !== undefined) continue;
    const name = writeTarget(write);
    if (!firstWrite.has(name)) firstWrite.set(name, write);
    const current = after.has(name) ? after.get(name)! : store.get(name).doc;
    const { currentDocument: _, ...unconditional } = write;
    after.set(name, applyWrite(current, unconditional, commitTime).document);
  }
  const accesses = [...after].map(([name, doc]): DocumentAccess => {
    const resource = store.get(name).doc;
    const method = methodOf(firstWrite.get(name)!, resource, doc);
    return doc ? { path: name, method, resource, requestResource: doc } : { path: name, method, resource };
  });
  const now = snapshotReader(ctx, store.name, store.version);
  const reads = {
    before: now.before,
    after: (name: string) => (after.has(name) ? after.get(name)! : now.after(name)),
    writes: (name: string) => after.has(name),
  };
  const single = lookupBudget(SINGLE_LOOKUPS);
  access.documents(accesses, commitTime, reads, batched ? batchBudgets() : () => single);
}

export interface CommitOutcome {
  response: CommitResponse;
  /** The commit's log record; absent when it wrote nothing. */
  record?: CommitRecord;
}

/**
 * Applies a commit atomically: every write is validated and applied in order to the state the previous ones
 * left (several writes to one document compose), and only when all succeed does the database change.
 */
export function commit(ctx: EngineContext, request: CommitRequest, access: Access): CommitOutcome {
  const { database } = request;
  const writes = request.writes ?? [];
  checkArray(writes, 'writes');
  writes.forEach((write, i) => {
    checkObject(write, `writes[${i}]`);
    validateWrite(write, database);
  });
  checkOptionalString(request.transaction, 'transaction');
  let tx: Transaction | undefined;
  if (request.transaction !== undefined) {
    tx = ctx.transactions.get(request.transaction, database, ctx.clock.now());
    ctx.transactions.close(tx.id);
    if (tx.readOnly && writes.length > 0) {
      throw new StatusError(Code.INVALID_ARGUMENT, 'Cannot modify entities in a read-only transaction.');
    }
    if (!tx.readOnly) checkReads(tx);
  }
  const store = ctx.store(database);
  const micros = ctx.clock.tick();
  const commitTime = microsToTimestamp(micros);
  if (access.restricted) {
    const batched = writes.length > 1 || tx !== undefined;
    authorizeWrites(ctx, store, writes, commitTime, batched, access);
  }
  const states = new Map<string, Document | null>();
  const writeResults: WriteResult[] = writes.map((write) => {
    const name = writeTarget(write);
    const current = states.has(name) ? states.get(name)! : store.get(name).doc;
    const { document, transformResults } = applyWrite(current, write, commitTime);
    if (write.verify !== undefined) return { updateTime: current?.updateTime ?? commitTime };
    states.set(name, document);
    const result: WriteResult = {};
    if (document) result.updateTime = document.updateTime;
    if (hasTransforms(write)) result.transformResults = transformResults;
    return result;
  });
  if (writes.length === 0) return { response: { writeResults, commitTime } };
  return { response: { writeResults, commitTime }, record: store.apply(micros, states) };
}

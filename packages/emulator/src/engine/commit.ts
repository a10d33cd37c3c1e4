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
import { microsToTimestamp } from './clock.js';
import type { CommitRecord } from './commit-log.js';
import type { EngineContext } from './context.js';
import { checkArray, checkObject, checkOptionalString } from './request-checks.js';
import type { Transaction } from './transactions.js';

const hasTransforms = (write: Write) =>
  (write.updateTransforms?.length ?? 0) > 0 || write.transform !== undefined;

function checkReads(tx: Transaction): void {
  if (!tx.checks.every((stillValid) => stillValid())) {
    throw new StatusError(Code.ABORTED, 'Too much contention on these documents. Please try again.');
  }
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
export function commit(ctx: EngineContext, request: CommitRequest): CommitOutcome {
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

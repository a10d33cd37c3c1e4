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

/**
 * A verify is checked as a delete with the same precondition would be, and that delete is then not applied: core
 * knows write preconditions, and this keeps their codes and messages in one place.
 */
function asPreconditionCheck(write: Write): Write | undefined {
  if (write.verify === undefined) return undefined;
  if (write.update !== undefined || write.delete !== undefined || write.transform !== undefined) {
    throw new StatusError(
      Code.INVALID_ARGUMENT,
      'A write must set exactly one of update, delete, transform and verify.',
    );
  }
  if (!write.currentDocument)
    throw new StatusError(Code.INVALID_ARGUMENT, 'a verify must contain a precondition');
  return { delete: write.verify, currentDocument: write.currentDocument };
}

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
    validateWrite(asPreconditionCheck(write) ?? write, database);
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
    const check = asPreconditionCheck(write);
    const name = writeTarget(check ?? write);
    const current = states.has(name) ? states.get(name)! : store.get(name).doc;
    if (check) {
      applyWrite(current, check, commitTime);
      return { updateTime: current?.updateTime ?? commitTime };
    }
    const { document, transformResults } = applyWrite(current, write, commitTime);
    states.set(name, document);
    const result: WriteResult = {};
    if (document) result.updateTime = document.updateTime;
    if (hasTransforms(write)) result.transformResults = transformResults;
    return result;
  });
  if (writes.length === 0) return { response: { writeResults, commitTime } };
  return { response: { writeResults, commitTime }, record: store.apply(micros, states) };
}

import {
  aggregationQuery,
  type BatchGetDocumentsRequest,
  type BatchGetDocumentsResponse,
  Code,
  type Document,
  executeQuery,
  type GetDocumentRequest,
  invalidArgument,
  parseDocumentName,
  parseParent,
  project,
  type RunAggregationQueryRequest,
  type RunAggregationQueryResponse,
  type RunQueryRequest,
  type RunQueryResponse,
  runAggregations,
  StatusError,
  type StructuredQuery,
  validateQuery,
} from '@kindling/core';
import { type Access, snapshotReader } from './access.js';
import type { EngineContext } from './context.js';
import { queryCollectionId } from './database-store.js';
import { BATCH_LOOKUPS, lookupBudget, SINGLE_LOOKUPS } from './lookup-budgets.js';
import { openReadView, type ReadView, recordRead } from './read-view.js';
import { checkArray, checkObject, checkString, maskPaths } from './request-checks.js';

/** Checks that `name` is a document of `database` and returns it. */
export function documentIn(database: string, name: unknown, field: string): string {
  checkString(name, field);
  if (parseDocumentName(name).database !== database) {
    throw invalidArgument(`Document "${name}" is not in database "${database}".`);
  }
  return name;
}

/** Checks that `parent` is the documents root or a document of `database` and returns it. */
export function parentIn(database: string, parent: unknown, field = 'parent'): string {
  checkString(parent, field);
  if (parseParent(parent).database !== database) {
    throw invalidArgument(`Parent "${parent}" is not in database "${database}".`);
  }
  return parent;
}

export function applyMask(doc: Document, paths: string[] | undefined): Document {
  if (!paths) return doc;
  const { name, fields, createTime, updateTime } = project(doc, {
    fields: paths.map((fieldPath) => ({ fieldPath })),
  });
  // Keys in Firestore's order, so the JSON reads as the official emulator's does.
  return fields ? { name, fields, createTime, updateTime } : { name, createTime, updateTime };
}

// The documents a query returns at the view's version; inside a read-write transaction the result is re-checked
// at commit (a document added, removed or changed since aborts the transaction).
export function queryDocuments(
  view: ReadView,
  parent: string,
  query: StructuredQuery,
  candidates: (version: number) => Iterable<Document> = (version) =>
    view.store.documents(version, queryCollectionId(query)),
): Document[] {
  const docs = executeQuery(parent, query, candidates(view.version));
  const seen = docs.map((d) => `${d.name}@${d.updateTime}`).join('\n');
  recordRead(view, () => {
    const now = executeQuery(parent, query, candidates(view.store.version));
    return now.map((d) => `${d.name}@${d.updateTime}`).join('\n') === seen;
  });
  return docs;
}

export function getDocument(
  ctx: EngineContext,
  database: string,
  request: GetDocumentRequest,
  access: Access,
): Document {
  checkObject(request, 'request');
  const name = documentIn(database, request.name, 'name');
  const mask = maskPaths(request.mask, 'mask');
  const view = openReadView(ctx, database, { transaction: request.transaction, readTime: request.readTime });
  const { doc, changedAt } = view.store.get(name, view.version);
  // Rules come before NOT_FOUND: whether a document exists is itself protected.
  access.documents(
    [{ path: name, method: 'get', resource: doc }],
    view.readTime,
    snapshotReader(ctx, database, view.version),
    () => lookupBudget(SINGLE_LOOKUPS),
  );
  recordRead(view, () => view.store.get(name).changedAt === changedAt);
  if (!doc) throw new StatusError(Code.NOT_FOUND, `Document (${name}) not found.`);
  return applyMask(doc, mask);
}

export function batchGet(
  ctx: EngineContext,
  request: BatchGetDocumentsRequest,
  access: Access,
): BatchGetDocumentsResponse[] {
  const names = request.documents ?? [];
  checkArray(names, 'documents');
  names.forEach((name, i) => {
    documentIn(request.database, name, `documents[${i}]`);
  });
  const mask = maskPaths(request.mask, 'mask');
  const view = openReadView(ctx, request.database, request);
  // One denied document fails the whole request, as in Firestore. The documents share one budget.
  const budget = lookupBudget(names.length > 1 ? BATCH_LOOKUPS : SINGLE_LOOKUPS);
  access.documents(
    names.map((name) => ({ path: name, method: 'get', resource: view.store.get(name, view.version).doc })),
    view.readTime,
    snapshotReader(ctx, request.database, view.version),
    () => budget,
  );
  const out: BatchGetDocumentsResponse[] = [];
  if (view.newTransaction) out.push({ transaction: view.newTransaction } as BatchGetDocumentsResponse);
  for (const name of names) {
    const { doc, changedAt } = view.store.get(name, view.version);
    recordRead(view, () => view.store.get(name).changedAt === changedAt);
    out.push(
      doc
        ? { found: applyMask(doc, mask), readTime: view.readTime }
        : { missing: name, readTime: view.readTime },
    );
  }
  return out;
}

function structuredQueryOf(request: { structuredQuery?: unknown }, field: string): StructuredQuery {
  if (request.structuredQuery === undefined) {
    throw new StatusError(Code.INVALID_ARGUMENT, 'only structured queries are supported');
  }
  checkObject(request.structuredQuery, field);
  return request.structuredQuery as StructuredQuery;
}

export function runQuery(
  ctx: EngineContext,
  database: string,
  request: RunQueryRequest,
  access: Access,
): RunQueryResponse[] {
  const parent = parentIn(database, request.parent);
  const query = structuredQueryOf(request, 'structuredQuery');
  validateQuery(query, parent);
  const view = openReadView(ctx, database, request);
  access.query(parent, query, view.readTime, snapshotReader(ctx, database, view.version));
  const docs = queryDocuments(view, parent, query);
  const out: RunQueryResponse[] = view.newTransaction ? [{ transaction: view.newTransaction }] : [];
  for (const document of docs) out.push({ document, readTime: view.readTime });
  if (docs.length === 0) out.push({ readTime: view.readTime });
  out[out.length - 1].done = true;
  return out;
}

export function runAggregationQuery(
  ctx: EngineContext,
  database: string,
  request: RunAggregationQueryRequest,
  access: Access,
): RunAggregationQueryResponse[] {
  const parent = parentIn(database, request.parent);
  if (request.structuredAggregationQuery === undefined) {
    throw new StatusError(Code.INVALID_ARGUMENT, 'Only structured aggregation queries are supported.');
  }
  checkObject(request.structuredAggregationQuery, 'structuredAggregationQuery');
  const { aggregations = [] } = request.structuredAggregationQuery;
  const query = structuredQueryOf(
    request.structuredAggregationQuery,
    'structuredAggregationQuery.structuredQuery',
  );
  checkArray(aggregations, 'structuredAggregationQuery.aggregations');
  validateQuery(query, parent, aggregations);
  const view = openReadView(ctx, database, request);
  // An aggregation reads what its query would return: the list rules judge the query.
  access.query(parent, query, view.readTime, snapshotReader(ctx, database, view.version));
  const docs = queryDocuments(view, parent, aggregationQuery(query, aggregations));
  const aggregateFields = runAggregations(docs, aggregations);
  const out: (RunAggregationQueryResponse & { done?: boolean })[] = [];
  if (view.newTransaction) out.push({ transaction: view.newTransaction });
  out.push({ result: { aggregateFields }, readTime: view.readTime, done: true });
  return out;
}

import {
  Code,
  type Cursor,
  canonicalValue,
  type Document,
  documentName,
  getField,
  KEY_FIELD,
  type ListCollectionIdsRequest,
  type ListCollectionIdsResponse,
  type ListDocumentsRequest,
  type ListDocumentsResponse,
  normalizeOrderBy,
  type Order,
  parseDocumentName,
  parseFieldPath,
  parseParent,
  StatusError,
  type StructuredQuery,
  type Value,
  validateCollectionId,
  validateQuery,
} from '@kindling/core';
import { type Access, snapshotReader } from './access.js';
import type { EngineContext } from './context.js';
import { openReadView } from './read-view.js';
import { applyMask, parentIn, queryDocuments } from './reads.js';
import {
  checkOptionalBoolean,
  checkOptionalString,
  checkString,
  maskPaths,
  optionalInt32,
} from './request-checks.js';

const invalidPageToken = () => new StatusError(Code.INVALID_ARGUMENT, 'invalid page token');

// Page tokens are opaque to clients: base64 of a JSON value (the last collection id, or the last document's cursor).
const encodeToken = (value: unknown): string => btoa(unescape(encodeURIComponent(JSON.stringify(value))));

function decodeToken(token: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(escape(atob(token))));
  } catch {
    throw invalidPageToken();
  }
}

// 0 means no limit, as in Firestore; the two methods word a negative size differently, as Firestore's do.
function pageSizeOf(v: unknown, negative: string): number | undefined {
  const size = optionalInt32(v, 'pageSize');
  if (size !== undefined && size < 0) throw new StatusError(Code.INVALID_ARGUMENT, negative);
  return size || undefined;
}

export function listCollectionIds(
  ctx: EngineContext,
  database: string,
  request: ListCollectionIdsRequest,
  access: Access,
): ListCollectionIdsResponse {
  const parent = parentIn(database, request.parent);
  access.metadata();
  const pageSize = pageSizeOf(request.pageSize, 'page_size must be greater than or equal to zero.');
  checkOptionalString(request.pageToken, 'pageToken');
  let after: string | undefined;
  if (request.pageToken) {
    const token = decodeToken(request.pageToken);
    if (typeof token !== 'string') throw invalidPageToken();
    after = token;
  }
  const view = openReadView(ctx, database, { readTime: request.readTime });
  const depth = parseParent(parent).path.length;
  const prefix = `${parent}/`;
  const ids = new Set<string>();
  for (const doc of view.store.documents(view.version)) {
    if (doc.name.startsWith(prefix)) ids.add(parseDocumentName(doc.name).path[depth]);
  }
  let sorted = [...ids].sort();
  if (after !== undefined) sorted = sorted.filter((id) => id > after);
  const page = pageSize === undefined ? sorted : sorted.slice(0, pageSize);
  const out: ListCollectionIdsResponse = {};
  if (page.length > 0) out.collectionIds = page;
  if (page.length < sorted.length) out.nextPageToken = encodeToken(page[page.length - 1]);
  return out;
}

// `orderBy` of ListDocuments: "field [asc|desc], …".
function parseOrderBy(orderBy: string | undefined): Order[] {
  if (!orderBy?.trim()) return [];
  return orderBy.split(',').map((part) => {
    const [field, direction = 'asc', ...rest] = part.trim().split(/\s+/);
    const dir = direction.toLowerCase();
    if (rest.length > 0 || (dir !== 'asc' && dir !== 'desc')) {
      throw new StatusError(Code.INVALID_ARGUMENT, `Invalid orderBy: ${JSON.stringify(orderBy)}`);
    }
    parseFieldPath(field);
    return { field: { fieldPath: field }, direction: dir === 'desc' ? 'DESCENDING' : 'ASCENDING' };
  });
}

function cursorOfToken(token: string, length: number): Value[] {
  const values = decodeToken(token);
  if (!Array.isArray(values) || values.length !== length) throw invalidPageToken();
  try {
    return values.map((v) => canonicalValue(v));
  } catch (error) {
    throw error instanceof StatusError ? invalidPageToken() : error;
  }
}

function cursorAfter(doc: Document, orders: Order[]): Value[] {
  return orders.map((o) =>
    o.field.fieldPath === KEY_FIELD
      ? { referenceValue: doc.name }
      : (getField(doc.fields, parseFieldPath(o.field.fieldPath)) ?? { nullValue: null }),
  );
}

// Documents that do not exist but have documents below them, as ListDocuments' showMissing reports them.
function missingParents(
  docs: Document[],
  parentPath: string[],
  collectionId: string,
  database: string,
): Document[] {
  const existing = new Set(docs.map((d) => d.name));
  const missing = new Set<string>();
  for (const doc of docs) {
    const { path } = parseDocumentName(doc.name);
    const depth = parentPath.length;
    if (path.length <= depth + 2 || path[depth] !== collectionId) continue;
    if (!parentPath.every((segment, i) => path[i] === segment)) continue;
    const name = documentName(database, path.slice(0, depth + 2));
    if (!existing.has(name)) missing.add(name);
  }
  return [...missing].map((name) => ({ name }));
}

export function listDocuments(
  ctx: EngineContext,
  database: string,
  request: ListDocumentsRequest,
  access: Access,
): ListDocumentsResponse {
  const parent = parentIn(database, request.parent);
  checkString(request.collectionId, 'collectionId');
  validateCollectionId(request.collectionId);
  const pageSize = pageSizeOf(request.pageSize, 'Page size must be nonnegative.');
  checkOptionalString(request.pageToken, 'pageToken');
  checkOptionalString(request.orderBy, 'orderBy');
  checkOptionalBoolean(request.showMissing, 'showMissing');
  // Missing documents are structure rules cannot describe, as collection ids are.
  if (request.showMissing) access.metadata();
  const mask = maskPaths(request.mask, 'mask');
  const query: StructuredQuery = {
    from: [{ collectionId: request.collectionId }],
    orderBy: parseOrderBy(request.orderBy),
  };
  validateQuery(query, parent);
  const orders = normalizeOrderBy(query);
  const view = openReadView(ctx, database, { transaction: request.transaction, readTime: request.readTime });
  // Rules judge the listing as the query a client would send for this page.
  access.query(
    parent,
    pageSize === undefined ? query : { ...query, limit: pageSize },
    view.readTime,
    snapshotReader(ctx, database, view.version),
  );
  if (request.pageToken) {
    query.startAt = {
      values: cursorOfToken(request.pageToken, orders.length),
      before: false,
    } satisfies Cursor;
  }
  if (pageSize !== undefined) query.limit = pageSize + 1;
  const parentPath = parseParent(parent).path;
  const withMissing = (version: number) => {
    const all = [...view.store.documents(version)];
    return all.concat(missingParents(all, parentPath, request.collectionId, database));
  };
  const docs = queryDocuments(view, parent, query, request.showMissing ? withMissing : undefined);
  const out: ListDocumentsResponse = {};
  const page = pageSize === undefined ? docs : docs.slice(0, pageSize);
  if (page.length > 0) out.documents = page.map((d) => (d.updateTime ? applyMask(d, mask) : d));
  if (page.length < docs.length) out.nextPageToken = encodeToken(cursorAfter(page[page.length - 1], orders));
  return out;
}

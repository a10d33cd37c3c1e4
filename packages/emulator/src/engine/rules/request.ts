/** The `request` and `resource` values rules see, built from what the engine knows about an access. */
import type { StructuredQuery } from '@kindling/core';
import type { AuthContext } from './index.js';
import type { RulesMap, RulesPath, RulesValue } from './value.js';
import { fromFirestoreValue } from './values.js';

const map = (entries: Record<string, RulesValue>): RulesMap => ({
  type: 'map',
  entries: new Map(Object.entries(entries)),
});

/** A decoded JWT claim as a rules value: integral numbers are ints (`exp`, `auth_time`), others floats. */
export function claimValue(claim: unknown): RulesValue {
  if (claim === null || claim === undefined) return null;
  if (typeof claim === 'boolean' || typeof claim === 'string') return claim;
  if (typeof claim === 'number') return Number.isSafeInteger(claim) ? BigInt(claim) : claim;
  if (Array.isArray(claim)) return { type: 'list', items: claim.map(claimValue) };
  if (typeof claim === 'object') {
    return map(Object.fromEntries(Object.entries(claim).map(([k, v]) => [k, claimValue(v)])));
  }
  return String(claim);
}

/** `request.auth`: null when unauthenticated, else `{ uid, token }` with every claim in `token`. */
export function authValue(auth: AuthContext | null): RulesValue {
  if (!auth) return null;
  return map({ uid: auth.uid, token: claimValue(auth.token) });
}

export const timestampValue = (rfc3339: string): RulesValue =>
  fromFirestoreValue({ timestampValue: rfc3339 });

/** The rules path of a document or collection: `/databases/{d}/documents/…`. */
export function rulesPath(databaseId: string, path: readonly string[]): RulesPath {
  return { type: 'path', segments: ['databases', databaseId, 'documents', ...path] };
}

/** Splits a full name `projects/{p}/databases/{d}/documents/…` into its ids and the path below the root. */
export function splitName(name: string): { projectId: string; databaseId: string; path: string[] } {
  const [, projectId, , databaseId, , ...path] = name.split('/');
  return { projectId, databaseId, path };
}

/**
 * `request.query` of a list: `limit` (null when unset), `offset` (0 when unset) and `orderBy`, a map from each
 * explicitly ordered field path to `'ASC'` or `'DESC'`.
 */
export function queryValue(query: StructuredQuery): RulesMap {
  const orderBy = new Map<string, RulesValue>();
  for (const order of query.orderBy ?? []) {
    orderBy.set(order.field.fieldPath, order.direction === 'DESCENDING' ? 'DESC' : 'ASC');
  }
  return map({
    limit: query.limit === undefined ? null : BigInt(query.limit),
    offset: BigInt(query.offset ?? 0),
    orderBy: { type: 'map', entries: orderBy },
  });
}

export interface RequestFields {
  auth: AuthContext | null;
  method: string;
  path: RulesPath;
  time: string;
  /** create/update: the document after the write, as `resource` shows a document. */
  resource?: RulesValue;
  query?: RulesMap;
}

/** `request`: only the properties this kind of access has (no `resource` for reads, `query` only for lists). */
export function requestValue(fields: RequestFields): RulesMap {
  const entries: Record<string, RulesValue> = {
    auth: authValue(fields.auth),
    method: fields.method,
    path: fields.path,
    time: timestampValue(fields.time),
  };
  if (fields.resource !== undefined) entries.resource = fields.resource;
  if (fields.query) entries.query = fields.query;
  return map(entries);
}

import { compileQuery, type Target } from '@kindling/core';
import { toStructuredQuery } from '../api/query_state.js';
import type { DocumentReference, Query } from '../api/reference.js';
import { validateLimitToLast } from '../api/reference_impl.js';
import type { ViewTarget } from './query-view.js';

export interface ListenTarget {
  view: ViewTarget;
  wire: Omit<Target, 'targetId'>;
}

/** The server target and local view for a query; throws as Firebase does for a limitToLast without orderBy. */
export function queryListenTarget(query: Query<any, any>): ListenTarget {
  validateLimitToLast(query);
  const database = query.firestore._databaseName;
  const { parent, structuredQuery } = toStructuredQuery(query._query, database);
  // The application sees the query's own order; limitToLast only flips what the server runs.
  const shown = toStructuredQuery({ ...query._query, limitType: 'first' }, database).structuredQuery;
  return {
    view: {
      kind: 'query',
      parent,
      structuredQuery,
      reversed: query._query.limitType === 'last',
      compare: compileQuery(parent, shown).compare,
    },
    wire: { query: { parent, structuredQuery } },
  };
}

export function documentListenTarget(ref: DocumentReference<any, any>): ListenTarget {
  return { view: { kind: 'document', name: ref._name }, wire: { documents: { documents: [ref._name] } } };
}

import type { Document } from '@kindling/core';
import type { DatabaseStore } from '../database-store.js';

/** A database as of some version: one document by name, or every existing document (of one collection id). */
export interface DocumentSource {
  get(name: string): Document | null;
  all(collectionId?: string): Iterable<Document>;
}

export function currentSource(store: DatabaseStore): DocumentSource {
  return {
    get: (name) => store.get(name).doc,
    all: (collectionId) => store.documents(undefined, collectionId),
  };
}

/**
 * The database as of `version`, rebuilt from the current state and the commit log (which, unlike the version
 * history, survives a clear); undefined when the log no longer reaches back that far.
 */
export function pastSource(store: DatabaseStore, version: number): DocumentSource | undefined {
  if (version < 0 || version > store.version) return undefined;
  const records = store.log.since(version);
  if (!records) return undefined;
  // The state at `version` of every document changed since: its state before the first later change.
  const then = new Map<string, Document | null>();
  for (const record of records) {
    for (const change of record.changes) if (!then.has(change.name)) then.set(change.name, change.before);
  }
  return {
    get: (name) => (then.has(name) ? (then.get(name) ?? null) : store.get(name).doc),
    // Documents of other collections may come along from `then`: callers filter by scope anyway.
    *all(collectionId) {
      for (const doc of store.documents(undefined, collectionId)) if (!then.has(doc.name)) yield doc;
      for (const doc of then.values()) if (doc) yield doc;
    },
  };
}

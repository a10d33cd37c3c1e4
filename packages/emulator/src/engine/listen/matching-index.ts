import type { CollectionSelector } from '@kindling/core';

/**
 * The keys under which a target is filed so a changed document finds it in O(1), whatever else is registered:
 * a documents target by each document name, a collection query by its collection's path, a collection-group
 * query by its collection id. Selectors without an id (which read every child collection) use the parent.
 */
export function queryKeys(parent: string, from: CollectionSelector[] | undefined): string[] {
  const base = parent.endsWith('/') ? parent.slice(0, -1) : parent;
  const selector = from?.[0];
  const id = selector?.collectionId ?? '';
  if (selector?.allDescendants) return [id === '' ? 'any:' : `group:${id}`];
  return [id === '' ? `children:${base}` : `collection:${base}/${id}`];
}

export const documentKeys = (names: Iterable<string>): string[] => [...new Set(names)].map((n) => `doc:${n}`);

/** The keys a changed document is looked up under (the counterpart of queryKeys/documentKeys). */
function keysOfDocument(name: string): string[] {
  const collectionEnd = name.lastIndexOf('/');
  const collection = name.slice(0, collectionEnd);
  const idStart = collection.lastIndexOf('/');
  const collectionId = collection.slice(idStart + 1);
  const parent = collection.slice(0, idStart);
  return [`doc:${name}`, `collection:${collection}`, `group:${collectionId}`, `children:${parent}`, 'any:'];
}

/** Targets of every stream of one database, filed by the keys above. */
export class MatchingIndex<T> {
  private readonly buckets = new Map<string, Set<T>>();

  add(keys: readonly string[], target: T): void {
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = new Set();
        this.buckets.set(key, bucket);
      }
      bucket.add(target);
    }
  }

  remove(keys: readonly string[], target: T): void {
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      bucket.delete(target);
      if (bucket.size === 0) this.buckets.delete(key);
    }
  }

  /** Targets a change to document `name` may affect (a target filed under several keys may repeat). */
  *candidates(name: string): Iterable<T> {
    for (const bucket of this.bucketsOf(name)) yield* bucket;
  }

  /** The sets of targets filed under the keys of document `name` (what `candidates` walks, without a generator). */
  bucketsOf(name: string): Set<T>[] {
    const found: Set<T>[] = [];
    for (const key of keysOfDocument(name)) {
      const bucket = this.buckets.get(key);
      if (bucket) found.push(bucket);
    }
    return found;
  }

  get size(): number {
    return this.buckets.size;
  }
}

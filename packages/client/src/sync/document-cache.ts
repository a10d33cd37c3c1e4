import type { Document } from '@kindling/core';

/** How many documents no active target holds the cache keeps (Firebase bounds its LRU cache by size instead). */
export const MAX_ORPHANED_DOCUMENTS = 10_000;

/**
 * The client's memory cache of synced documents (Firebase's remote document cache). Firebase's default memory
 * cache collects garbage by LRU: a document stays after its listeners go, so a later listener starts from it.
 * A document a target drops is forgotten unless another target or a pending write still needs it, since the
 * server did not say what became of it (it may be deleted).
 */
export class DocumentCache {
  /** In insertion order: the first entries are the oldest, evicted first. */
  readonly #documents = new Map<string, Document>();

  get(name: string): Document | undefined {
    return this.#documents.get(name);
  }

  get documents(): ReadonlyMap<string, Document> {
    return this.#documents;
  }

  /** Records a target's new synced result; `previous` is its result before this event. */
  update(
    previous: ReadonlyMap<string, Document>,
    next: ReadonlyMap<string, Document>,
    held: (name: string) => boolean,
  ) {
    for (const [name, document] of next) {
      this.#documents.delete(name);
      this.#documents.set(name, document);
    }
    for (const name of previous.keys()) {
      if (!next.has(name) && !held(name)) this.#documents.delete(name);
    }
  }

  /** Evicts the oldest documents nothing holds, beyond `limit` of them. */
  evict(held: (name: string) => boolean, limit = MAX_ORPHANED_DOCUMENTS): void {
    const orphans = [...this.#documents.keys()].filter((name) => !held(name));
    for (const name of orphans.slice(0, Math.max(0, orphans.length - limit))) this.#documents.delete(name);
  }
}

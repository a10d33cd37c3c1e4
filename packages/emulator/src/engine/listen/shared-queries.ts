import { type CompiledQuery, compileQuery, type Document, type StructuredQuery } from '@kindling/core';

/**
 * A compiled query shared by every target of a database that listens to the same query. A commit hands the
 * same document object to each of them in turn, so remembering the last answer turns N evaluations into one.
 */
export class SharedQuery implements CompiledQuery {
  refs = 0;
  private last: Document | undefined;
  private lastMatch = false;

  constructor(
    readonly key: string,
    private readonly compiled: CompiledQuery,
  ) {}

  matches = (doc: Document): boolean => {
    if (doc !== this.last) {
      this.lastMatch = this.compiled.matches(doc);
      this.last = doc;
    }
    return this.lastMatch;
  };

  compare = (a: Document, b: Document): number => this.compiled.compare(a, b);
}

/** The shared queries of one database, reference counted. */
export class SharedQueries {
  private readonly byKey = new Map<string, SharedQuery>();

  acquire(parent: string, query: StructuredQuery): SharedQuery {
    const key = JSON.stringify([parent, query]);
    let shared = this.byKey.get(key);
    if (!shared) {
      shared = new SharedQuery(key, compileQuery(parent, query));
      this.byKey.set(key, shared);
    }
    shared.refs++;
    return shared;
  }

  release(shared: SharedQuery): void {
    if (--shared.refs === 0) this.byKey.delete(shared.key);
  }

  get size(): number {
    return this.byKey.size;
  }
}

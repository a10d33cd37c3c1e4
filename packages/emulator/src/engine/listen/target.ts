import { type Document, firstInOrder, limitOf, offsetOf, type StructuredQuery } from '@kindling/core';
import type { DocumentChangeRecord } from '../commit-log.js';
import { queryCollectionId } from '../database-store.js';
import { documentKeys, queryKeys } from './matching-index.js';
import type { SharedQuery } from './shared-queries.js';
import type { DocumentSource } from './sources.js';
import { RECHECK, type TargetPermit } from './types.js';

/** What a target listens to, after validation. */
export type TargetSpec =
  | { kind: 'documents'; names: string[] }
  | { kind: 'query'; parent: string; query: StructuredQuery };

/** One document's membership in a target after a commit (`doc` is its current state, null when deleted). */
export interface MembershipUpdate {
  name: string;
  doc: Document | null;
  in: boolean;
}

/**
 * One listen target of one stream. `members` is what the client holds once every frame sent or queued so far
 * has arrived; query targets with a limit or offset also keep their exact current window, so a document
 * leaving a full window lets the next one in.
 */
export class ListenTarget {
  readonly keys: string[];
  /** Name → the document version the client holds for this target. */
  readonly members = new Map<string, Document>();
  live = true;
  /** Whether the guard's decision to admit this target still holds (see TargetGuard). */
  permit: TargetPermit = RECHECK;
  /** The client has received this target's CURRENT; an overflow that dropped it makes the resync re-send it. */
  currentDelivered = false;
  /** Likewise for the existence filter of a resumed target that asked for one. */
  filterDelivered = false;
  private readonly offset: number = 0;
  /** offset + limit for windowed queries; undefined when the query has neither. */
  private readonly cap?: number;
  /** The first `cap` matching documents in query order (windowed queries only). */
  private window: Document[] = [];
  /** Whether `window` holds every matching document. */
  private exhaustive = false;
  private windowValid = false;

  constructor(
    readonly id: number,
    readonly spec: TargetSpec,
    /** Set when the add asked for an existence filter (with a resume token the server honoured). */
    readonly expectedCount: number | undefined,
    /** The compiled query of a query target. */
    readonly compiled?: SharedQuery,
  ) {
    if (spec.kind === 'documents') {
      this.keys = documentKeys(spec.names);
      return;
    }
    this.keys = queryKeys(spec.parent, spec.query.from);
    const limit = limitOf(spec.query);
    this.offset = offsetOf(spec.query);
    if (limit !== undefined || this.offset > 0) this.cap = this.offset + (limit ?? Number.POSITIVE_INFINITY);
  }

  /** The target's result as `source` sees the database; `remember` keeps it as the current window. */
  result(source: DocumentSource, remember = false): Map<string, Document> {
    const out = new Map<string, Document>();
    if (this.spec.kind === 'documents') {
      for (const name of this.spec.names) {
        const doc = source.get(name);
        if (doc) out.set(name, doc);
      }
      return out;
    }
    const compiled = this.compiled!;
    const matching: Document[] = [];
    for (const doc of source.all(queryCollectionId(this.spec.query)))
      if (compiled.matches(doc)) matching.push(doc);
    if (this.cap === undefined) {
      for (const doc of matching) out.set(doc.name, doc);
      return out;
    }
    const window = firstInOrder(matching, compiled.compare, this.cap);
    if (remember) {
      this.window = window;
      this.exhaustive = matching.length <= this.cap;
      this.windowValid = true;
    }
    for (const doc of window.slice(this.offset)) out.set(doc.name, doc);
    return out;
  }

  /** Forgets the window (the stream stopped following commits); the next use recomputes it. */
  invalidate(): void {
    this.windowValid = false;
    this.window = [];
  }

  /**
   * How a commit's changes (those filed under this target's keys) change its membership. `current` reads the
   * database after the commit, for windows that must be refilled.
   */
  apply(changes: readonly DocumentChangeRecord[], current: DocumentSource): MembershipUpdate[] {
    if (this.spec.kind === 'documents') {
      return changes.map((c) => ({ name: c.name, doc: c.after, in: c.after !== null }));
    }
    const compiled = this.compiled!;
    if (this.cap === undefined) {
      return changes.map((c) => ({
        name: c.name,
        doc: c.after,
        in: c.after !== null && compiled.matches(c.after),
      }));
    }
    if (!this.windowValid || !this.slide(changes)) this.result(current, true);
    const inside = this.window.slice(this.offset);
    const names = new Set(inside.map((d) => d.name));
    // Departures first, so the frames read as "one left, the next came in".
    const updates: MembershipUpdate[] = [];
    for (const name of this.members.keys()) {
      if (!names.has(name)) updates.push({ name, doc: current.get(name), in: false });
    }
    for (const doc of inside) updates.push({ name: doc.name, doc, in: true });
    return updates;
  }

  /**
   * Moves the window over a commit's changes without reading the database; false when a document left a
   * window that had more matching documents behind it (the caller recomputes).
   */
  private slide(changes: readonly DocumentChangeRecord[]): boolean {
    const { matches, compare } = this.compiled!;
    const cap = this.cap!;
    // Documents outside a non-exhaustive window all sort after its last one (as it was before this commit).
    const boundary = this.exhaustive ? undefined : this.window[this.window.length - 1];
    let lost = false;
    for (const change of changes) {
      const at = this.window.findIndex((d) => d.name === change.name);
      if (at >= 0) this.window.splice(at, 1);
      const after = change.after;
      const enters = after !== null && matches(after) && (!boundary || compare(after, boundary) < 0);
      if (enters) insertSorted(this.window, after, compare);
      else if (at >= 0) lost = true;
    }
    if (lost && !this.exhaustive) return false;
    if (this.window.length > cap) {
      this.window.length = cap;
      this.exhaustive = false;
    }
    return true;
  }
}

function insertSorted(list: Document[], doc: Document, compare: (a: Document, b: Document) => number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid], doc) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, doc);
}

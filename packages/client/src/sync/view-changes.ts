import { type Document, identicalFields } from '@kindling/core';

/** How one document differs between two consecutive views (Firebase's ChangeType). */
export type ViewChangeType = 'added' | 'removed' | 'modified' | 'metadata';

export interface ViewChange {
  type: ViewChangeType;
  /** The new version, or for 'removed' the last version the view held. */
  doc: Document;
}

export type DocumentComparator = (a: Document, b: Document) => number;

// Firebase raises removals first, then additions, then modifications (metadata-only ones among them).
const CHANGE_RANK: Record<ViewChangeType, number> = { removed: 0, added: 1, modified: 2, metadata: 2 };

/**
 * The changes from one view to the next, in Firebase's order: by change kind, then by the query's order.
 * `mutated` holds the names of documents with pending local writes in each view; a document whose data is the
 * same but whose pending state flipped is a 'metadata' change.
 */
export function diffViews(
  oldDocs: readonly Document[],
  oldMutated: ReadonlySet<string>,
  newDocs: readonly Document[],
  newMutated: ReadonlySet<string>,
  compare: DocumentComparator,
): ViewChange[] {
  const before = new Map(oldDocs.map((d) => [d.name, d]));
  const changes: ViewChange[] = [];
  for (const doc of newDocs) {
    const old = before.get(doc.name);
    before.delete(doc.name);
    if (!old) changes.push({ type: 'added', doc });
    else if (!identicalFields(old.fields, doc.fields)) changes.push({ type: 'modified', doc });
    else if (oldMutated.has(doc.name) !== newMutated.has(doc.name)) changes.push({ type: 'metadata', doc });
  }
  for (const doc of before.values()) changes.push({ type: 'removed', doc });
  return changes.sort((a, b) => CHANGE_RANK[a.type] - CHANGE_RANK[b.type] || compare(a.doc, b.doc));
}

export interface IndexedChange {
  type: 'added' | 'removed' | 'modified';
  doc: Document;
  oldIndex: number;
  newIndex: number;
}

/**
 * Firebase's docChanges(): indices follow the changes one at a time from the old view, so applying them in
 * order to the previous result yields the next. The first snapshot (`oldDocs === null`) is all 'added'.
 */
export function indexChanges(
  oldDocs: readonly Document[] | null,
  changes: readonly ViewChange[],
  compare: DocumentComparator,
  includeMetadataChanges: boolean,
): IndexedChange[] {
  if (oldDocs === null) {
    return changes.map((c, newIndex) => ({ type: 'added', doc: c.doc, oldIndex: -1, newIndex }));
  }
  const tracker = [...oldDocs];
  const out: IndexedChange[] = [];
  for (const change of changes) {
    if (change.type === 'metadata' && !includeMetadataChanges) continue;
    let oldIndex = -1;
    let newIndex = -1;
    if (change.type !== 'added') {
      oldIndex = tracker.findIndex((d) => d.name === change.doc.name);
      tracker.splice(oldIndex, 1);
    }
    if (change.type !== 'removed') {
      newIndex = insertionPoint(tracker, change.doc, compare);
      tracker.splice(newIndex, 0, change.doc);
    }
    const type = change.type === 'metadata' ? 'modified' : change.type;
    out.push({ type, doc: change.doc, oldIndex, newIndex });
  }
  return out;
}

function insertionPoint(docs: readonly Document[], doc: Document, compare: DocumentComparator): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(docs[mid], doc) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

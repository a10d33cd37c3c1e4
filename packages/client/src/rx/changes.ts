import { compileQuery, type Document, type Target } from '@kindling/core';
import { Observable } from 'rxjs';
import { cast } from '../api/input_validation.js';
import { toStructuredQuery } from '../api/query_state.js';
import { DocumentReference, Query } from '../api/reference.js';
import { validateLimitToLast } from '../api/reference_impl.js';
import { DocumentSnapshot, pathOfName, QueryDocumentSnapshot } from '../api/snapshot.js';
import type { DocumentData } from '../api/types.js';
import { CoalescingQueue } from '../remote/coalescing-queue.js';
import type { RemoteEvent, TargetUpdate } from '../remote/watch-stream.js';

export interface ChangesOptions {
  /** A token from an earlier event: only what changed since is delivered (or a reset when it is too old). */
  resumeToken?: string;
  /** Adds `oldData` (the previous version's data) to 'modified' and 'removed' events. */
  includeOldData?: boolean;
  /** How many events the observable holds for a subscriber that falls behind before coalescing them. */
  bufferSize?: number;
}

export interface DocumentChangeEvent<A = DocumentData, D extends DocumentData = DocumentData> {
  type: 'added' | 'modified' | 'removed';
  /** The document after the change; for 'removed', its last known version (data() undefined if unknown). */
  doc: DocumentSnapshot<A, D>;
  oldData?: A;
  /**
   * Pass this to `changes()` later to continue after this event. Changes raised together (one commit, one
   * batch) share one server position: only the last of them resumes after the batch; the others resume at
   * its start, so the batch is delivered again (never skipped).
   */
  resumeToken: string;
  seq: number;
}

/** The server could not resume from the token: forget everything; the full current set follows as 'added'. */
export interface ResetEvent {
  type: 'reset';
}

export type ChangeEvent<A = DocumentData, D extends DocumentData = DocumentData> =
  | DocumentChangeEvent<A, D>
  | ResetEvent;

const DEFAULT_BUFFER_SIZE = 1_000;
/** Subscriber time after which delivery pauses for a turn of the event loop, so incoming frames queue up. */
const DELIVERY_SLICE_MS = 10;

interface Change {
  type: 'added' | 'modified' | 'removed' | 'reset';
  name?: string;
  doc?: Document;
  old?: Document;
  resumeToken?: string;
  seq?: number;
}

/** Two queued changes of one document as one, keeping the older `old` and the newer state. */
function mergeChanges(older: Change, newer: Change): Change | null {
  if (older.type === 'added')
    return newer.type === 'removed' ? null : { ...newer, type: 'added', old: undefined };
  if (older.type === 'removed') return { ...newer, type: 'modified', old: older.old };
  return { ...newer, old: older.old };
}

function targetOf(refOrQuery: DocumentReference<any, any> | Query<any, any>): {
  target: Omit<Target, 'targetId'>;
  compare?: (a: Document, b: Document) => number;
} {
  if (refOrQuery instanceof DocumentReference)
    return { target: { documents: { documents: [refOrQuery._name] } } };
  const query = cast(refOrQuery, Query) as Query<any, any>;
  validateLimitToLast(query);
  const { parent, structuredQuery } = toStructuredQuery(query._query, query.firestore._databaseName);
  const compare = compileQuery(parent, structuredQuery).compare;
  // limitToLast runs with flipped orders; show changes in the query's own order.
  const reversed = query._query.limitType === 'last';
  return {
    target: { query: { parent, structuredQuery } },
    compare: reversed ? (a, b) => compare(b, a) : compare,
  };
}

/**
 * The changes of one target update, in Firebase's docChanges order: removed, then added, then modified.
 * A marker's token covers its whole batch, so only the batch's last change carries it; the others carry the
 * token the batch started from (`before`), which resumes with the batch again: a subscriber that stores each
 * event's token and stops halfway through a batch sees part of it twice rather than missing the rest.
 */
function changesOf(
  update: TargetUpdate,
  event: RemoteEvent,
  before: string,
  compare: ((a: Document, b: Document) => number) | undefined,
): Change[] {
  const byOrder = (docs: Document[]) =>
    compare ? docs.sort(compare) : docs.sort((a, b) => (a.name < b.name ? -1 : 1));
  const out: Change[] = [];
  if (update.reset) {
    out.push({ type: 'reset' });
    // The old token is what the server refused: a restart from mid-reset gets the full set.
    before = '';
    for (const doc of byOrder([...update.documents.values()]))
      out.push({ type: 'added', name: doc.name, doc });
  } else {
    for (const name of [...update.removed].sort()) {
      const old = update.previous.get(name);
      out.push({ type: 'removed', name, doc: old, old });
    }
    for (const doc of byOrder([...update.added].map((name) => update.documents.get(name)!))) {
      out.push({ type: 'added', name: doc.name, doc });
    }
    for (const doc of byOrder([...update.modified].map((name) => update.documents.get(name)!))) {
      out.push({ type: 'modified', name: doc.name, doc, old: update.previous.get(doc.name) });
    }
  }
  const after = update.resumeToken ?? event.resumeToken;
  const last = out.length - 1;
  out.forEach((change, i) => {
    if (change.type === 'reset') return;
    change.resumeToken = i === last ? after : before;
    change.seq = event.seq;
  });
  return out;
}

/**
 * A change stream over a document or query on its own server target: every added, modified and removed
 * document once, in order, with the resume token to continue from. Events reach the subscriber as they arrive;
 * once it has spent DELIVERY_SLICE_MS in its handlers, delivery pauses for one turn of the event loop, and
 * what arrives meanwhile waits in a buffer of at most `bufferSize` events: past that, the oldest change of a
 * document is folded into its newer one (an add then a modify is one add, a modify then a delete one delete,
 * an add then a delete nothing) — no document's latest state is lost. The buffer holds more than
 * `bufferSize` only when every waiting event is for a different document. A reset empties it: the full set
 * follows.
 */
export function changes<A, D extends DocumentData>(
  refOrQuery: DocumentReference<A, D> | Query<A, D>,
  options: ChangesOptions = {},
): Observable<ChangeEvent<A, D>> {
  const { target, compare } = targetOf(refOrQuery);
  const firestore = refOrQuery.firestore;
  const converter = refOrQuery.converter;
  const bufferSize = Math.max(1, options.bufferSize ?? DEFAULT_BUFFER_SIZE);

  const toEvent = (change: Change): ChangeEvent<A, D> => {
    if (change.type === 'reset') return { type: 'reset' };
    const path = pathOfName(change.name!);
    const doc = change.doc
      ? new QueryDocumentSnapshot<A, D>(firestore, path, change.doc, converter)
      : new DocumentSnapshot<A, D>(firestore, path, null, converter);
    const event: DocumentChangeEvent<A, D> = {
      type: change.type,
      doc,
      resumeToken: change.resumeToken!,
      seq: change.seq!,
    };
    if (options.includeOldData && change.type !== 'added' && change.old) {
      event.oldData = new QueryDocumentSnapshot<A, D>(firestore, path, change.old, converter).data();
    }
    return event;
  };

  return new Observable<ChangeEvent<A, D>>((subscriber) => {
    const stream = firestore._datastore().watch;
    const targetId = stream.nextTargetId();
    const queue = new CoalescingQueue<Change>(bufferSize, (c) => c.name, mergeChanges);
    let token = options.resumeToken ?? '';
    let yielded: ReturnType<typeof setTimeout> | null = null;
    let delivering = false;
    /** Time the subscriber spent since the network last had a turn. */
    let spent = 0;

    const deliver = () => {
      if (delivering || yielded) return;
      delivering = true;
      try {
        while (queue.length > 0 && !subscriber.closed) {
          const start = Date.now();
          subscriber.next(toEvent(queue.shift()!));
          spent += Date.now() - start;
          if (spent >= DELIVERY_SLICE_MS) {
            // Let frames in: what arrives meanwhile queues (and coalesces past bufferSize).
            spent = 0;
            yielded = setTimeout(() => {
              yielded = null;
              deliver();
            });
            return;
          }
        }
      } finally {
        delivering = false;
      }
    };

    const events = stream.events$.subscribe({
      next: (event) => {
        const update = event.targets.get(targetId);
        if (!update) return;
        const list = changesOf(update, event, token, compare);
        token = update.resumeToken ?? event.resumeToken;
        if (list[0]?.type === 'reset') queue.clear();
        for (const change of list) queue.push(change);
        deliver();
      },
      // The instance was terminated.
      complete: () => subscriber.complete(),
    });
    const errors = stream.targetErrors$.subscribe((failure) => {
      if (failure.targetId === targetId) subscriber.error(failure.error);
    });
    stream.listen(targetId, target, options.resumeToken);
    return () => {
      events.unsubscribe();
      errors.unsubscribe();
      if (yielded) clearTimeout(yielded);
      stream.unlisten(targetId);
    };
  });
}

import {
  type Document,
  getField,
  identicalFields,
  parseFieldPath,
  setField,
  type Value,
} from '@kindling/core';
import type { PendingServerTimestamps } from '../sync/overlay.js';
import type { ViewSnapshot } from '../sync/query-view.js';
import { indexChanges } from '../sync/view-changes.js';
import type { Firestore } from './database.js';
import { FirestoreError } from './error.js';
import { type FieldPath, fieldPathFromArgument } from './field_path.js';
import { DocumentReference, type Query, queryEqual, refEqual } from './reference.js';
import type { DocumentData, FirestoreDataConverter, SnapshotOptions } from './types.js';
import { convertFields, convertValue } from './user_data_writer.js';

export class SnapshotMetadata {
  /** @internal */
  constructor(
    readonly hasPendingWrites: boolean,
    readonly fromCache: boolean,
  ) {}

  isEqual(other: SnapshotMetadata): boolean {
    return this.hasPendingWrites === other.hasPendingWrites && this.fromCache === other.fromCache;
  }
}

/** Reads without a local cache always come from the server and have nothing pending. */
const SERVER_METADATA = new SnapshotMetadata(false, false);
const NO_SERVER_TIMESTAMPS: PendingServerTimestamps = new Map();
const NULL_VALUE: Value = { nullValue: null };

export class DocumentSnapshot<AppModelType = DocumentData, DbModelType extends DocumentData = DocumentData> {
  /** @internal */
  constructor(
    readonly _firestore: Firestore,
    /** @internal */
    readonly _path: readonly string[],
    /** @internal The stored document, or null when it does not exist. */
    readonly _document: Document | null,
    readonly _converter: FirestoreDataConverter<AppModelType, DbModelType> | null,
    readonly metadata: SnapshotMetadata = SERVER_METADATA,
    /** @internal Fields set by pending serverTimestamp() writes (their value holds the local estimate). */
    readonly _serverTimestamps: PendingServerTimestamps = NO_SERVER_TIMESTAMPS,
  ) {}

  get id(): string {
    return this._path[this._path.length - 1];
  }

  get ref(): DocumentReference<AppModelType, DbModelType> {
    return new DocumentReference(this._firestore, this._converter, this._path);
  }

  exists(): this is QueryDocumentSnapshot<AppModelType, DbModelType> {
    return this._document !== null;
  }

  data(options: SnapshotOptions = {}): AppModelType | undefined {
    if (!this._document) return undefined;
    if (this._converter) {
      const raw = new QueryDocumentSnapshot(
        this._firestore,
        this._path,
        this._document,
        null,
        this.metadata,
        this._serverTimestamps,
      );
      return this._converter.fromFirestore(raw, options);
    }
    return convertFields(this._firestore, this.#fields(options)) as AppModelType;
  }

  get(fieldPath: string | FieldPath, options: SnapshotOptions = {}): any {
    if (!this._document) return undefined;
    const path = fieldPathFromArgument('DocumentSnapshot.get', fieldPath)._segments;
    const value = getField(this.#fields(options), path);
    return value === undefined ? undefined : convertValue(this._firestore, value);
  }

  /** The fields as the options want pending server timestamps read: null, the local estimate, or the old value. */
  #fields(options: SnapshotOptions): Record<string, Value> | undefined {
    let fields = this._document?.fields;
    if (options.serverTimestamps === 'estimate') return fields;
    for (const [path, previous] of this._serverTimestamps) {
      const value = options.serverTimestamps === 'previous' ? (previous ?? NULL_VALUE) : NULL_VALUE;
      fields = setField(fields, parseFieldPath(path), value);
    }
    return fields;
  }
}

export class QueryDocumentSnapshot<
  AppModelType = DocumentData,
  DbModelType extends DocumentData = DocumentData,
> extends DocumentSnapshot<AppModelType, DbModelType> {
  override data(options: SnapshotOptions = {}): AppModelType {
    return super.data(options) as AppModelType;
  }
}

export type DocumentChangeType = 'added' | 'removed' | 'modified';

export interface DocumentChange<
  AppModelType = DocumentData,
  DbModelType extends DocumentData = DocumentData,
> {
  readonly type: DocumentChangeType;
  readonly doc: QueryDocumentSnapshot<AppModelType, DbModelType>;
  readonly oldIndex: number;
  readonly newIndex: number;
}

/** Where a listener reads from; this client keeps no cache, so 'cache' shows only its own pending writes. */
export type ListenSource = 'default' | 'cache';

export interface SnapshotListenOptions {
  readonly includeMetadataChanges?: boolean;
  readonly source?: ListenSource;
}

export class QuerySnapshot<AppModelType = DocumentData, DbModelType extends DocumentData = DocumentData> {
  readonly docs: Array<QueryDocumentSnapshot<AppModelType, DbModelType>>;
  readonly #view: ViewSnapshot | null;
  #changes: {
    includeMetadataChanges: boolean;
    list: Array<DocumentChange<AppModelType, DbModelType>>;
  } | null = null;

  /** @internal */
  constructor(
    readonly query: Query<AppModelType, DbModelType>,
    docs: Array<QueryDocumentSnapshot<AppModelType, DbModelType>>,
    readonly metadata: SnapshotMetadata = SERVER_METADATA,
    /** @internal The listener's view this snapshot shows; null for one-shot reads. */
    view: ViewSnapshot | null = null,
  ) {
    this.docs = docs;
    this.#view = view;
  }

  /** @internal */
  static _fromView<A, D extends DocumentData>(query: Query<A, D>, view: ViewSnapshot): QuerySnapshot<A, D> {
    const docs = view.docs.map((d) => viewDocument(query, view, d));
    return new QuerySnapshot(query, docs, new SnapshotMetadata(view.hasPendingWrites, view.fromCache), view);
  }

  /** @internal */
  get _view(): ViewSnapshot | null {
    return this.#view;
  }

  get size(): number {
    return this.docs.length;
  }

  get empty(): boolean {
    return this.docs.length === 0;
  }

  forEach(
    callback: (result: QueryDocumentSnapshot<AppModelType, DbModelType>) => void,
    thisArg?: unknown,
  ): void {
    for (const doc of this.docs) callback.call(thisArg, doc);
  }

  /** The changes since the listener's previous snapshot, with Firebase's types and indices. */
  docChanges(options: SnapshotListenOptions = {}): Array<DocumentChange<AppModelType, DbModelType>> {
    const includeMetadataChanges = !!options.includeMetadataChanges;
    const view = this.#view;
    if (includeMetadataChanges && view?.excludesMetadataChanges) {
      throw new FirestoreError(
        'invalid-argument',
        'To include metadata changes with your document changes, you must also pass { includeMetadataChanges:true } to onSnapshot().',
      );
    }
    if (this.#changes?.includeMetadataChanges !== includeMetadataChanges) {
      const list: Array<DocumentChange<AppModelType, DbModelType>> = view
        ? indexChanges(view.oldDocs, view.changes, view.compare, includeMetadataChanges).map((c) => ({
            ...c,
            doc: viewDocument(this.query, view, c.doc),
          }))
        : this.docs.map((doc, newIndex) => ({ type: 'added', doc, oldIndex: -1, newIndex }));
      this.#changes = { includeMetadataChanges, list };
    }
    return this.#changes.list;
  }
}

function viewDocument<A, D extends DocumentData>(
  query: Query<A, D>,
  view: ViewSnapshot,
  doc: Document,
): QueryDocumentSnapshot<A, D> {
  return new QueryDocumentSnapshot(
    query.firestore,
    pathOfName(doc.name),
    doc,
    query.converter,
    new SnapshotMetadata(view.mutated.has(doc.name), view.fromCache),
    view.serverTimestamps.get(doc.name),
  );
}

/** Document path segments from a resource name `projects/p/databases/d/documents/…`. */
export function pathOfName(name: string): string[] {
  return name.split('/').slice(5);
}

function sameDocument(a: Document | null, b: Document | null): boolean {
  if (a === null || b === null) return a === b;
  return a.name === b.name && identicalFields(a.fields, b.fields);
}

/** Whether two snapshots show the same thing (Firebase's snapshotEqual). */
export function snapshotEqual<A, D extends DocumentData>(
  left: DocumentSnapshot<A, D> | QuerySnapshot<A, D>,
  right: DocumentSnapshot<A, D> | QuerySnapshot<A, D>,
): boolean {
  if (left instanceof DocumentSnapshot && right instanceof DocumentSnapshot) {
    return (
      left._firestore === right._firestore &&
      left.metadata.isEqual(right.metadata) &&
      refEqual(left.ref, right.ref) &&
      sameDocument(left._document, right._document)
    );
  }
  if (left instanceof QuerySnapshot && right instanceof QuerySnapshot) {
    return (
      queryEqual(left.query, right.query) &&
      left.metadata.isEqual(right.metadata) &&
      left.size === right.size &&
      left.docs.every((d, i) => sameDocument(d._document, right.docs[i]._document))
    );
  }
  return false;
}

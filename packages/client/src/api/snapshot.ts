import { type Document, getField } from '@kindling/core';
import type { Firestore } from './database.js';
import { type FieldPath, fieldPathFromArgument } from './field_path.js';
import { DocumentReference, type Query } from './reference.js';
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

export class DocumentSnapshot<AppModelType = DocumentData, DbModelType extends DocumentData = DocumentData> {
  readonly metadata: SnapshotMetadata = SERVER_METADATA;

  /** @internal */
  constructor(
    readonly _firestore: Firestore,
    /** @internal */
    readonly _path: readonly string[],
    /** @internal The stored document, or null when it does not exist. */
    readonly _document: Document | null,
    readonly _converter: FirestoreDataConverter<AppModelType, DbModelType> | null,
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
      const raw = new QueryDocumentSnapshot(this._firestore, this._path, this._document, null);
      return this._converter.fromFirestore(raw, options);
    }
    return convertFields(this._firestore, this._document.fields) as AppModelType;
  }

  // biome-ignore lint/correctness/noUnusedFunctionParameters: options mirror Firebase's signature; no pending server timestamps exist without a cache
  get(fieldPath: string | FieldPath, options: SnapshotOptions = {}): any {
    if (!this._document) return undefined;
    const path = fieldPathFromArgument('DocumentSnapshot.get', fieldPath)._segments;
    const value = getField(this._document.fields, path);
    return value === undefined ? undefined : convertValue(this._firestore, value);
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

export class QuerySnapshot<AppModelType = DocumentData, DbModelType extends DocumentData = DocumentData> {
  readonly metadata: SnapshotMetadata = SERVER_METADATA;

  /** @internal */
  constructor(
    readonly query: Query<AppModelType, DbModelType>,
    readonly docs: Array<QueryDocumentSnapshot<AppModelType, DbModelType>>,
  ) {}

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

  /** A one-shot read is its query's first snapshot: every document is 'added'. */
  docChanges(): Array<DocumentChange<AppModelType, DbModelType>> {
    return this.docs.map((doc, newIndex) => ({ type: 'added', doc, oldIndex: -1, newIndex }));
  }
}

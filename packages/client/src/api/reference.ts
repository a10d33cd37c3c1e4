import { Firestore } from './database.js';
import { FirestoreError } from './error.js';
import { cast, validateNonEmptyArgument } from './input_validation.js';
import { autoId, parsePath, validateCollectionPath, validateDocumentPath } from './path.js';
import { newQueryState, type QueryState, queryStateEquals } from './query_state.js';
import type { DocumentData, FirestoreDataConverter } from './types.js';

/** A query over a collection or collection group: Firebase's Query. */
export class Query<AppModelType = DocumentData, DbModelType extends DocumentData = DocumentData> {
  readonly type: 'query' | 'collection' = 'query';

  /** @internal */
  constructor(
    readonly firestore: Firestore,
    readonly converter: FirestoreDataConverter<AppModelType, DbModelType> | null,
    /** @internal */
    readonly _query: QueryState,
  ) {}

  withConverter(converter: null): Query<DocumentData, DocumentData>;
  withConverter<NewAppModelType, NewDbModelType extends DocumentData = DocumentData>(
    converter: FirestoreDataConverter<NewAppModelType, NewDbModelType>,
  ): Query<NewAppModelType, NewDbModelType>;
  withConverter(converter: FirestoreDataConverter<any, any> | null): Query<any, any> {
    return new Query(this.firestore, converter, this._query);
  }
}

export class DocumentReference<AppModelType = DocumentData, DbModelType extends DocumentData = DocumentData> {
  readonly type = 'document';

  /** @internal */
  constructor(
    readonly firestore: Firestore,
    readonly converter: FirestoreDataConverter<AppModelType, DbModelType> | null,
    /** @internal */
    readonly _path: readonly string[],
  ) {}

  get id(): string {
    return this._path[this._path.length - 1];
  }

  get path(): string {
    return this._path.join('/');
  }

  get parent(): CollectionReference<AppModelType, DbModelType> {
    return new CollectionReference(this.firestore, this.converter, this._path.slice(0, -1));
  }

  /** @internal `projects/{p}/databases/{d}/documents/{path}` */
  get _name(): string {
    return `${this.firestore._databaseName}/documents/${this.path}`;
  }

  withConverter(converter: null): DocumentReference<DocumentData, DocumentData>;
  withConverter<NewAppModelType, NewDbModelType extends DocumentData = DocumentData>(
    converter: FirestoreDataConverter<NewAppModelType, NewDbModelType>,
  ): DocumentReference<NewAppModelType, NewDbModelType>;
  withConverter(converter: FirestoreDataConverter<any, any> | null): DocumentReference<any, any> {
    return new DocumentReference(this.firestore, converter, this._path);
  }

  toJSON(): object {
    return { type: 'firestore/documentReference/1.0', referencePath: this.path };
  }
}

export class CollectionReference<
  AppModelType = DocumentData,
  DbModelType extends DocumentData = DocumentData,
> extends Query<AppModelType, DbModelType> {
  override readonly type = 'collection';

  /** @internal */
  constructor(
    firestore: Firestore,
    converter: FirestoreDataConverter<AppModelType, DbModelType> | null,
    /** @internal */
    readonly _path: readonly string[],
  ) {
    super(firestore, converter, newQueryState(_path));
  }

  get id(): string {
    return this._path[this._path.length - 1];
  }

  get path(): string {
    return this._path.join('/');
  }

  get parent(): DocumentReference<DocumentData, DocumentData> | null {
    return this._path.length > 1
      ? new DocumentReference(this.firestore, null, this._path.slice(0, -1))
      : null;
  }

  override withConverter(converter: null): CollectionReference<DocumentData, DocumentData>;
  override withConverter<NewAppModelType, NewDbModelType extends DocumentData = DocumentData>(
    converter: FirestoreDataConverter<NewAppModelType, NewDbModelType>,
  ): CollectionReference<NewAppModelType, NewDbModelType>;
  override withConverter(converter: FirestoreDataConverter<any, any> | null): CollectionReference<any, any> {
    return new CollectionReference(this.firestore, converter, this._path);
  }
}

type Parent = Firestore | DocumentReference<any, any> | CollectionReference<any, any>;

function childPath(parent: Parent, functionName: string, path: string, pathSegments: string[]): string[] {
  if (parent instanceof Firestore) return parsePath(path, ...pathSegments);
  if (!(parent instanceof DocumentReference) && !(parent instanceof CollectionReference)) {
    throw new FirestoreError(
      'invalid-argument',
      `Expected first argument to ${functionName}() to be a CollectionReference, a DocumentReference or FirebaseFirestore`,
    );
  }
  return [...parent._path, ...parsePath(path, ...pathSegments)];
}

export function collection(
  firestore: Firestore,
  path: string,
  ...pathSegments: string[]
): CollectionReference;
export function collection<AppModelType, DbModelType extends DocumentData>(
  reference: CollectionReference<AppModelType, DbModelType>,
  path: string,
  ...pathSegments: string[]
): CollectionReference;
export function collection<AppModelType, DbModelType extends DocumentData>(
  reference: DocumentReference<AppModelType, DbModelType>,
  path: string,
  ...pathSegments: string[]
): CollectionReference;
export function collection(parent: Parent, path: string, ...pathSegments: string[]): CollectionReference {
  validateNonEmptyArgument('collection', 'path', path);
  const absolute = childPath(parent, 'collection', path, pathSegments);
  validateCollectionPath(absolute);
  return new CollectionReference(parent instanceof Firestore ? parent : parent.firestore, null, absolute);
}

export function collectionGroup(firestore: Firestore, collectionId: string): Query {
  firestore = cast(firestore, Firestore);
  validateNonEmptyArgument('collectionGroup', 'collection id', collectionId);
  if (collectionId.indexOf('/') >= 0) {
    throw new FirestoreError(
      'invalid-argument',
      `Invalid collection ID '${collectionId}' passed to function collectionGroup(). Collection IDs must not contain '/'.`,
    );
  }
  return new Query(firestore, null, newQueryState([], collectionId));
}

export function doc(firestore: Firestore, path: string, ...pathSegments: string[]): DocumentReference;
export function doc<AppModelType, DbModelType extends DocumentData>(
  reference: CollectionReference<AppModelType, DbModelType>,
  path?: string,
  ...pathSegments: string[]
): DocumentReference<AppModelType, DbModelType>;
export function doc<AppModelType, DbModelType extends DocumentData>(
  reference: DocumentReference<AppModelType, DbModelType>,
  path: string,
  ...pathSegments: string[]
): DocumentReference;
export function doc(parent: Parent, path?: string, ...pathSegments: string[]): DocumentReference<any, any> {
  // doc(collectionRef) makes an id; doc(collectionRef, undefined) is an error, as in Firebase.
  // biome-ignore lint/complexity/noArguments: only the argument count tells those apart
  if (arguments.length === 1) path = autoId();
  validateNonEmptyArgument('doc', 'path', path);
  const absolute = childPath(parent, 'doc', path!, pathSegments);
  validateDocumentPath(absolute);
  const converter = parent instanceof CollectionReference ? parent.converter : null;
  return new DocumentReference(parent instanceof Firestore ? parent : parent.firestore, converter, absolute);
}

export function refEqual<AppModelType, DbModelType extends DocumentData>(
  left: DocumentReference<AppModelType, DbModelType> | CollectionReference<AppModelType, DbModelType>,
  right: DocumentReference<AppModelType, DbModelType> | CollectionReference<AppModelType, DbModelType>,
): boolean {
  const isRef = (r: unknown) => r instanceof DocumentReference || r instanceof CollectionReference;
  if (!isRef(left) || !isRef(right)) return false;
  return (
    left.firestore === right.firestore &&
    left.type === right.type &&
    left.path === right.path &&
    left.converter === right.converter
  );
}

export function queryEqual<AppModelType, DbModelType extends DocumentData>(
  left: Query<AppModelType, DbModelType>,
  right: Query<AppModelType, DbModelType>,
): boolean {
  if (!(left instanceof Query) || !(right instanceof Query)) return false;
  return (
    left.firestore === right.firestore &&
    queryStateEquals(left._query, right._query) &&
    left.converter === right.converter
  );
}

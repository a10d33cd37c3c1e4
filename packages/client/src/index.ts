export {
  AggregateField,
  type AggregateFieldType,
  AggregateQuerySnapshot,
  type AggregateSpec,
  type AggregateSpecData,
  type AggregateType,
  aggregateFieldEqual,
  aggregateQuerySnapshotEqual,
  average,
  count,
  getAggregateFromServer,
  getCountFromServer,
  sum,
} from './api/aggregate.js';
export {
  type FirebaseApp,
  type FirebaseOptions,
  getApp,
  getApps,
  initializeApp,
} from './api/app.js';
export { Bytes } from './api/bytes.js';
export {
  connectFirestoreEmulator,
  Firestore,
  type FirestoreSettings,
  getFirestore,
  initializeFirestore,
  setAuthToken,
  terminate,
} from './api/database.js';
export { FirestoreError, type FirestoreErrorCode } from './api/error.js';
export { documentId, FieldPath } from './api/field_path.js';
export {
  arrayRemove,
  arrayUnion,
  deleteField,
  FieldValue,
  increment,
  serverTimestamp,
} from './api/field_value.js';
export { GeoPoint } from './api/geo_point.js';
export type { EmulatorMockTokenOptions } from './api/mock_token.js';
export {
  disableNetwork,
  enableNetwork,
  onSnapshot,
  onSnapshotsInSync,
  type SnapshotObserver,
  type Unsubscribe,
  waitForPendingWrites,
} from './api/on_snapshot.js';
export {
  AppliableConstraint,
  and,
  endAt,
  endBefore,
  limit,
  limitToLast,
  type OrderByDirection,
  or,
  orderBy,
  QueryCompositeFilterConstraint,
  QueryConstraint,
  type QueryConstraintType,
  QueryEndAtConstraint,
  QueryFieldFilterConstraint,
  type QueryFilterConstraint,
  QueryLimitConstraint,
  type QueryNonFilterConstraint,
  QueryOrderByConstraint,
  QueryStartAtConstraint,
  query,
  startAfter,
  startAt,
  type WhereFilterOp,
  where,
} from './api/query.js';
export {
  CollectionReference,
  collection,
  collectionGroup,
  DocumentReference,
  doc,
  Query,
  queryEqual,
  refEqual,
} from './api/reference.js';
export { addDoc, deleteDoc, getDoc, getDocs, setDoc, updateDoc } from './api/reference_impl.js';
export {
  type DocumentChange,
  type DocumentChangeType,
  DocumentSnapshot,
  type ListenSource,
  QueryDocumentSnapshot,
  QuerySnapshot,
  type SnapshotListenOptions,
  SnapshotMetadata,
  snapshotEqual,
} from './api/snapshot.js';
export { Timestamp } from './api/timestamp.js';
export { runTransaction, Transaction, type TransactionOptions } from './api/transaction.js';
export type {
  AddPrefixToKeys,
  ChildUpdateFields,
  DocumentData,
  FirestoreDataConverter,
  NestedUpdateFields,
  PartialWithFieldValue,
  Primitive,
  SetOptions,
  SnapshotOptions,
  UnionToIntersection,
  UpdateData,
  WithFieldValue,
} from './api/types.js';
export { WriteBatch, writeBatch } from './api/write_batch.js';
export {
  type ChangeEvent,
  type ChangesOptions,
  changes,
  type DocumentChangeEvent,
  type ResetEvent,
} from './rx/changes.js';
export { type ConnectionState, connectionState } from './rx/connection-state.js';
export {
  type ChangeOptions,
  collectionChanges,
  collectionData,
  type DataOptions,
  docData,
  sortedChanges,
} from './rx/data.js';
export { docSnapshots, querySnapshots } from './rx/snapshots.js';

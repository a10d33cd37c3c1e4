/**
 * Firestore v1 messages in their proto3 JSON form, as REST carries them and as our WebSocket frames embed
 * them. Names and shapes follow google/firestore/v1/*.proto so an engine answer can be served over REST,
 * our WebSocket protocol, or gRPC without translation. Timestamps are RFC 3339 strings with up to
 * nanosecond precision; int64 values are decimal strings; bytes are base64 strings.
 */

export type NullValue = 'NULL_VALUE';

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** One Firestore value: exactly one of these keys is present. Doubles may be 'NaN', 'Infinity', '-Infinity'. */
export type Value =
  | { nullValue: NullValue | null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: LatLng }
  | { arrayValue: ArrayValue }
  | { mapValue: MapValue };

export interface ArrayValue {
  values?: Value[];
}

export interface MapValue {
  fields?: Record<string, Value>;
}

export interface Document {
  /** `projects/{p}/databases/{d}/documents/{path}` */
  name: string;
  fields?: Record<string, Value>;
  createTime?: string;
  updateTime?: string;
}

export interface DocumentMask {
  fieldPaths?: string[];
}

export interface Precondition {
  exists?: boolean;
  updateTime?: string;
}

export type ServerValue = 'SERVER_VALUE_UNSPECIFIED' | 'REQUEST_TIME';

export interface FieldTransform {
  fieldPath: string;
  setToServerValue?: ServerValue;
  increment?: Value;
  maximum?: Value;
  minimum?: Value;
  appendMissingElements?: ArrayValue;
  removeAllFromArray?: ArrayValue;
}

export interface DocumentTransform {
  document: string;
  fieldTransforms?: FieldTransform[];
}

/** Exactly one of `update`, `delete`, `verify`, `transform` is set. */
export interface Write {
  update?: Document;
  delete?: string;
  /** Checks `currentDocument` without writing: Firebase transactions verify documents they only read. */
  verify?: string;
  transform?: DocumentTransform;
  updateMask?: DocumentMask;
  updateTransforms?: FieldTransform[];
  currentDocument?: Precondition;
}

export interface WriteResult {
  updateTime?: string;
  transformResults?: Value[];
}

export interface CommitRequest {
  database: string;
  writes?: Write[];
  transaction?: string;
}

export interface CommitResponse {
  writeResults: WriteResult[];
  commitTime: string;
}

export interface TransactionOptions {
  readOnly?: { readTime?: string };
  readWrite?: { retryTransaction?: string };
}

export interface BeginTransactionRequest {
  database: string;
  options?: TransactionOptions;
}

export interface BeginTransactionResponse {
  transaction: string;
}

export interface RollbackRequest {
  database: string;
  transaction: string;
}

/** Read consistency shared by reads: at most one of these is set. */
export interface ReadConsistency {
  transaction?: string;
  newTransaction?: TransactionOptions;
  readTime?: string;
}

export interface BatchGetDocumentsRequest extends ReadConsistency {
  database: string;
  documents: string[];
  mask?: DocumentMask;
}

/** One element of the answer stream: `found` or `missing`. */
export interface BatchGetDocumentsResponse {
  found?: Document;
  missing?: string;
  transaction?: string;
  readTime: string;
}

export interface GetDocumentRequest {
  name: string;
  mask?: DocumentMask;
  transaction?: string;
  readTime?: string;
}

export interface ListDocumentsRequest {
  /** `projects/{p}/databases/{d}/documents` or a document name below it. */
  parent: string;
  collectionId: string;
  pageSize?: number;
  pageToken?: string;
  orderBy?: string;
  mask?: DocumentMask;
  showMissing?: boolean;
  transaction?: string;
  readTime?: string;
}

export interface ListDocumentsResponse {
  documents?: Document[];
  nextPageToken?: string;
}

export interface ListCollectionIdsRequest {
  parent: string;
  pageSize?: number;
  pageToken?: string;
  readTime?: string;
}

export interface ListCollectionIdsResponse {
  collectionIds?: string[];
  nextPageToken?: string;
}

// ---- StructuredQuery ----

export interface FieldReference {
  fieldPath: string;
}

export type FieldOperator =
  | 'LESS_THAN'
  | 'LESS_THAN_OR_EQUAL'
  | 'GREATER_THAN'
  | 'GREATER_THAN_OR_EQUAL'
  | 'EQUAL'
  | 'NOT_EQUAL'
  | 'ARRAY_CONTAINS'
  | 'IN'
  | 'ARRAY_CONTAINS_ANY'
  | 'NOT_IN';

export type UnaryOperator = 'IS_NAN' | 'IS_NULL' | 'IS_NOT_NAN' | 'IS_NOT_NULL';

export interface FieldFilter {
  field: FieldReference;
  op: FieldOperator;
  value: Value;
}

export interface UnaryFilter {
  op: UnaryOperator;
  field: FieldReference;
}

export interface CompositeFilter {
  op: 'AND' | 'OR';
  filters: Filter[];
}

/** Exactly one key is set. */
export interface Filter {
  compositeFilter?: CompositeFilter;
  fieldFilter?: FieldFilter;
  unaryFilter?: UnaryFilter;
}

export type Direction = 'ASCENDING' | 'DESCENDING';

export interface Order {
  field: FieldReference;
  direction?: Direction;
}

export interface Cursor {
  values: Value[];
  before?: boolean;
}

export interface CollectionSelector {
  collectionId: string;
  allDescendants?: boolean;
}

export interface Projection {
  fields?: FieldReference[];
}

export interface StructuredQuery {
  select?: Projection;
  from?: CollectionSelector[];
  where?: Filter;
  orderBy?: Order[];
  startAt?: Cursor;
  endAt?: Cursor;
  offset?: number;
  /** proto3 JSON renders the Int32Value wrapper as a bare number. */
  limit?: number;
}

export interface RunQueryRequest extends ReadConsistency {
  /** `projects/{p}/databases/{d}/documents` or a document name: the query's parent. */
  parent: string;
  structuredQuery: StructuredQuery;
}

/** One element of the answer array; the last may carry only `readTime` (and `done`). */
export interface RunQueryResponse {
  document?: Document;
  readTime?: string;
  transaction?: string;
  skippedResults?: number;
  done?: boolean;
}

export interface Aggregation {
  alias?: string;
  count?: { upTo?: string };
  sum?: { field: FieldReference };
  avg?: { field: FieldReference };
}

export interface StructuredAggregationQuery {
  structuredQuery: StructuredQuery;
  aggregations: Aggregation[];
}

export interface RunAggregationQueryRequest extends ReadConsistency {
  parent: string;
  structuredAggregationQuery: StructuredAggregationQuery;
}

export interface RunAggregationQueryResponse {
  result?: { aggregateFields: Record<string, Value> };
  transaction?: string;
  readTime?: string;
}

// ---- Listen (used by the realtime layer) ----

export interface QueryTarget {
  parent: string;
  structuredQuery: StructuredQuery;
}

export interface DocumentsTarget {
  documents: string[];
}

export interface Target {
  query?: QueryTarget;
  documents?: DocumentsTarget;
  resumeToken?: string;
  readTime?: string;
  targetId: number;
  once?: boolean;
  expectedCount?: number;
}

export interface Status {
  code: number;
  message: string;
  details?: unknown[];
}

export type TargetChangeType = 'NO_CHANGE' | 'ADD' | 'REMOVE' | 'CURRENT' | 'RESET';

export interface TargetChange {
  targetChangeType?: TargetChangeType;
  targetIds?: number[];
  cause?: Status;
  resumeToken?: string;
  readTime?: string;
}

export interface DocumentChange {
  document: Document;
  targetIds?: number[];
  removedTargetIds?: number[];
}

export interface DocumentDelete {
  document: string;
  removedTargetIds?: number[];
  readTime?: string;
}

export interface DocumentRemove {
  document: string;
  removedTargetIds?: number[];
  readTime?: string;
}

export interface ExistenceFilter {
  targetId: number;
  count: number;
}

/** Exactly one key is set. */
export interface ListenResponse {
  targetChange?: TargetChange;
  documentChange?: DocumentChange;
  documentDelete?: DocumentDelete;
  documentRemove?: DocumentRemove;
  filter?: ExistenceFilter;
}

export interface ListenRequest {
  database: string;
  addTarget?: Target;
  removeTarget?: number;
}

/**
 * Frames of Kindling's WebSocket protocol (docs/protocol.md). Each WebSocket text message is one JSON frame.
 * Bodies are Firestore v1 messages unchanged; the envelope adds what gRPC would otherwise give:
 * request ids, a per-connection sequence number, heartbeats, auth and a version handshake.
 */
import type {
  BatchGetDocumentsRequest,
  BatchGetDocumentsResponse,
  BeginTransactionRequest,
  BeginTransactionResponse,
  CommitRequest,
  CommitResponse,
  ListCollectionIdsRequest,
  ListCollectionIdsResponse,
  ListDocumentsRequest,
  ListDocumentsResponse,
  ListenResponse,
  RollbackRequest,
  RunAggregationQueryRequest,
  RunAggregationQueryResponse,
  RunQueryRequest,
  RunQueryResponse,
  Target,
} from './v1.js';

export const PROTOCOL_VERSION = 1;

/** Largest frame either side accepts, in UTF-16 code units of the JSON text (a 1 MiB document plus room). */
export const MAX_FRAME_LENGTH = 11 * 1024 * 1024;

/** One-shot methods: request body → answer body. Streaming RPCs answer with the whole array. */
export interface Methods {
  commit: [CommitRequest, CommitResponse];
  batchGet: [BatchGetDocumentsRequest, BatchGetDocumentsResponse[]];
  runQuery: [RunQueryRequest, RunQueryResponse[]];
  runAggregationQuery: [RunAggregationQueryRequest, RunAggregationQueryResponse[]];
  beginTransaction: [BeginTransactionRequest, BeginTransactionResponse];
  rollback: [RollbackRequest, Record<string, never>];
  listCollectionIds: [ListCollectionIdsRequest, ListCollectionIdsResponse];
  listDocuments: [ListDocumentsRequest, ListDocumentsResponse];
}

export type Method = keyof Methods;
export type RequestOf<M extends Method> = Methods[M][0];
export type ResponseOf<M extends Method> = Methods[M][1];

export const METHODS: readonly Method[] = [
  'commit',
  'batchGet',
  'runQuery',
  'runAggregationQuery',
  'beginTransaction',
  'rollback',
  'listCollectionIds',
  'listDocuments',
];

/** google.rpc.Status as carried in error frames and REMOVE causes. */
export interface ErrorBody {
  code: number;
  status: string;
  message: string;
}

// ---- client → server ----

/** First frame on a connection. The server answers `welcome` or an `error` frame and closes. */
export interface HelloFrame {
  type: 'hello';
  version: number;
  /** `projects/{p}/databases/{d}`: every request on the connection is for this database. */
  database: string;
  /** Bearer token (a JWT, or `owner` for admin), as in the Authorization header. */
  token?: string;
}

export type RequestFrame = {
  [M in Method]: { type: 'request'; id: number; method: M; body: RequestOf<M> };
}[Method];

/** Firestore's ListenRequest without `database` (the connection's). */
export interface ListenFrame {
  type: 'listen';
  addTarget?: Target;
  removeTarget?: number;
}

/** Replaces the connection's credentials without reconnecting. */
export interface AuthFrame {
  type: 'auth';
  token: string | null;
}

export interface PingFrame {
  type: 'ping';
}

export interface PongFrame {
  type: 'pong';
}

export type ClientFrame = HelloFrame | RequestFrame | ListenFrame | AuthFrame | PingFrame | PongFrame;

// ---- server → client ----

/** Every server frame carries `seq`: 1, 2, 3 … per connection, so the client can detect a gap. */
interface Sequenced {
  seq: number;
}

export interface WelcomeFrame extends Sequenced {
  type: 'welcome';
  version: number;
  /** Identifies this server run; resume tokens carry it. */
  instanceId: string;
  heartbeatIntervalMs: number;
}

export type ResponseFrame = {
  [M in Method]: Sequenced & { type: 'response'; id: number; body: ResponseOf<M> };
}[Method];

/** A failed request (with its `id`) or a connection-level error (without). */
export interface ErrorFrame extends Sequenced {
  type: 'error';
  id?: number;
  error: ErrorBody;
}

export interface ListenResponseFrame extends Sequenced {
  type: 'listen';
  response: ListenResponse;
}

export type ServerFrame =
  | WelcomeFrame
  | ResponseFrame
  | ErrorFrame
  | ListenResponseFrame
  | (Sequenced & PingFrame)
  | (Sequenced & PongFrame);

/** Distributes Omit over a union so each frame keeps its own fields. */
export type Unsequenced<F> = F extends Sequenced ? Omit<F, 'seq'> : never;
export type OutgoingServerFrame = Unsequenced<ServerFrame>;

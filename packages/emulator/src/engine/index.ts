export type { CommitListener, CommitRecord, DocumentChangeRecord } from './commit-log.js';
export { CommitLog } from './commit-log.js';
export type { VersionedDocument } from './database-store.js';
export { DatabaseStore } from './database-store.js';
export type {
  CreateDocumentRequest,
  DeleteDocumentRequest,
  UpdateDocumentRequest,
} from './document-writes.js';
export { DEFAULT_REALTIME_SETTINGS, Engine, type EngineOptions, type RealtimeSettings } from './engine.js';
export { autoId } from './ids.js';
export { CloseCode, errorBody, type Session, type SessionOptions } from './session.js';
export { SessionRegistry, type TrackedSession } from './session-registry.js';

export {
  bearerToken,
  type Caller,
  decodeJwtClaims,
  OWNER,
  OWNER_TOKEN,
  type Principal,
  principalOf,
  UNAUTHENTICATED,
} from './auth.js';
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
export {
  type AccessRequest,
  type AuthContext,
  compileRules,
  type Decision,
  type DocumentReader,
  type LookupBudget,
  type QueryAccessRequest,
  RulesCompileError,
  type Ruleset,
} from './rules/index.js';
export { CloseCode, errorBody, type Session, type SessionOptions } from './session.js';
export { SessionRegistry, type TrackedSession } from './session-registry.js';

// The server side of Firestore's Listen: targets per stream, a matching index per database, resume tokens,
// exact limit windows, and a bounded outbound buffer per stream (docs/protocol.md, "Listening").
export { ListenManager } from './manager.js';
export { decodeResumeToken, encodeResumeToken, type ResumePoint } from './resume-token.js';
export type { TargetSpec } from './target.js';
export {
  type ListenContext,
  type ListenLimits,
  type ListenStream,
  type ListenTransport,
  PERMANENT,
  RECHECK,
  type TargetGuard,
  type TargetPermit,
} from './types.js';

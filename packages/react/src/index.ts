export type {
  DataListenOptions,
  DataOptions,
  ErrorResult,
  IdleResult,
  ListenOptions,
  ListenResult,
  ListenStatus,
  LoadingResult,
  SuccessResult,
  SuspenseDataListenOptions,
  SuspenseListenOptions,
} from './result.js';
export { useConnectionState } from './use-connection-state.js';
export { useDocument, useDocumentData } from './use-document.js';
export { useCollection, useQuery, useQueryData } from './use-query.js';

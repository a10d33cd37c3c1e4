/**
 * Error-code translation between the three legs.
 *
 * `firebase/firestore/lite` derives its code from the HTTP status alone (400 → failed-precondition,
 * 409 → aborted), while `@kindling/client` reports the backend's status as the full SDK does. Leg iii's
 * code is therefore compared in two ways: mapped backend status → HTTP status → lite code (must equal the
 * lite legs' code) and upper-cased (must equal the `error.status` the REST backend sent to the lite legs).
 */

/** google.rpc.Code names with their HTTP mapping (googleapis google/rpc/code.proto). */
const HTTP_STATUS_OF_BACKEND_STATUS: Record<string, number> = {
  OK: 200,
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  UNAUTHENTICATED: 401,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
};

/** The code `firebase/firestore/lite` gives an HTTP status (its `mapCodeFromHttpStatus`). */
const LITE_CODE_OF_HTTP_STATUS: Record<number, string> = {
  200: 'ok',
  400: 'failed-precondition',
  401: 'unauthenticated',
  403: 'permission-denied',
  404: 'not-found',
  409: 'aborted',
  416: 'out-of-range',
  429: 'resource-exhausted',
  499: 'cancelled',
  500: 'unknown',
  501: 'unimplemented',
  503: 'unavailable',
  504: 'deadline-exceeded',
};

/** 'invalid-argument' → 'INVALID_ARGUMENT'. */
export function backendStatusOfCode(code: string): string {
  return code.toUpperCase().replaceAll('-', '_');
}

export function liteCodeOfHttpStatus(httpStatus: number): string {
  return LITE_CODE_OF_HTTP_STATUS[httpStatus] ?? 'unknown';
}

/** The code lite would report had the backend answered with this status. */
export function liteCodeOfBackendStatus(status: string): string {
  const http = HTTP_STATUS_OF_BACKEND_STATUS[status];
  return http === undefined ? 'unknown' : liteCodeOfHttpStatus(http);
}

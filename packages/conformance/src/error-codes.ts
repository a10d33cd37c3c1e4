/**
 * Error-code translation between the three legs.
 *
 * `firebase/firestore/lite` derives its code from the HTTP status alone (400 → failed-precondition,
 * 409 → aborted), while `@kindling/client` reports the backend's status as the full SDK does. Leg iii's
 * code is therefore compared in two ways: mapped backend status → HTTP status → lite code (must equal the
 * lite legs' code) and upper-cased (must equal the `error.status` the REST backend sent to the lite legs).
 */

import { Code, httpStatusOf, type StatusName } from '@kindling/core';

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
  return status in Code ? liteCodeOfHttpStatus(httpStatusOf(Code[status as StatusName])) : 'unknown';
}

import type { FirestoreErrorCode } from '@kindling/client';
import { Code, METHODS, type Method, StatusError, type StatusName } from '@kindling/core';

/** What `mock.fail()` can make fail: a one-shot method, or `listen` (the next target added). */
export type FaultMethod = Method | 'listen';

const FAULT_METHODS: ReadonlySet<string> = new Set<string>([...METHODS, 'listen']);

/** 'permission-denied' → Code.PERMISSION_DENIED; anything else is a mistake in the test. */
function codeOf(code: FirestoreErrorCode): number {
  const name = code.toUpperCase().replace(/-/g, '_');
  if (name === 'OK' || !Object.hasOwn(Code, name)) {
    throw new TypeError(`Unknown Firestore error code ${JSON.stringify(code)}.`);
  }
  return Code[name as StatusName];
}

/**
 * Failures armed by `mock.fail(method, code)`, each spent by the next request for its method on either
 * transport, in the order they were armed.
 */
export class FaultPlan {
  private readonly armed: { method: FaultMethod; error: StatusError }[] = [];

  arm(method: FaultMethod, code: FirestoreErrorCode, message?: string): void {
    if (!FAULT_METHODS.has(method)) throw new TypeError(`Unknown method ${JSON.stringify(method)}.`);
    const status = codeOf(code);
    const error = new StatusError(
      status as StatusError['code'],
      message ?? `Injected by mock.fail('${method}', '${code}').`,
    );
    this.armed.push({ method, error });
  }

  /** How many faults are armed and not yet spent. */
  get pending(): number {
    return this.armed.length;
  }

  /** The error the next `method` request must fail with, if one is armed; it is used up. */
  take(method: string): StatusError | undefined {
    const index = this.armed.findIndex((fault) => fault.method === method);
    if (index < 0) return undefined;
    return this.armed.splice(index, 1)[0].error;
  }

  clear(): void {
    this.armed.length = 0;
  }
}

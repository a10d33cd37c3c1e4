import { formatFieldPath } from '@kindling/core';
import { FirestoreError } from './error.js';

export const DOCUMENT_KEY_NAME = '__name__';
const RESERVED = /[~*/[\]]/;

/** A path to a field in a document, given as separate segments. */
export class FieldPath {
  /** @internal */
  readonly _segments: string[];

  constructor(...fieldNames: string[]) {
    for (const name of fieldNames) {
      if (name.length === 0) {
        // Firebase's message has a literal `$(i + 1)` in it; callers may match the text exactly.
        throw new FirestoreError(
          'invalid-argument',
          'Invalid field name at argument $(i + 1). Field names must not be empty.',
        );
      }
    }
    this._segments = fieldNames;
  }

  isEqual(other: FieldPath): boolean {
    return (
      this._segments.length === other._segments.length &&
      this._segments.every((s, i) => s === other._segments[i])
    );
  }

  /** @internal */
  _canonical(): string {
    return formatFieldPath(this._segments);
  }

  /** @internal */
  _isKeyField(): boolean {
    return this._segments.length === 1 && this._segments[0] === DOCUMENT_KEY_NAME;
  }
}

/** The special field path referring to a document's id in queries. */
export function documentId(): FieldPath {
  return new FieldPath(DOCUMENT_KEY_NAME);
}

/** Where a field path error came from: which function, and for writes, which document. */
export interface ErrorContext {
  methodName: string;
  hasConverter?: boolean;
  /** Canonical field path, when the problem is inside a field. */
  field?: string;
  /** Document path, for writes. */
  document?: string;
}

/** Builds Firebase's "Function x() called with invalid data. …" error. */
export function invalidDataError(reason: string, context: ErrorContext): FirestoreError {
  let message = `Function ${context.methodName}() called with invalid data`;
  if (context.hasConverter) message += ' (via `toFirestore()`)';
  message += '. ';
  let where = '';
  if (context.field || context.document !== undefined) {
    where = ' (found';
    if (context.field) where += ` in field ${context.field}`;
    if (context.document !== undefined) where += ` in document ${context.document}`;
    where += ')';
  }
  return new FirestoreError('invalid-argument', message + reason + where);
}

export function fieldPathFromDotSeparatedString(
  methodName: string,
  path: string,
  document?: string,
): FieldPath {
  if (RESERVED.test(path)) {
    throw invalidDataError(
      `Invalid field path (${path}). Paths must not contain '~', '*', '/', '[', or ']'`,
      { methodName, document },
    );
  }
  try {
    return new FieldPath(...path.split('.'));
  } catch {
    throw invalidDataError(
      `Invalid field path (${path}). Paths must not be empty, begin with '.', end with '.', or contain '..'`,
      { methodName, document },
    );
  }
}

export function fieldPathFromArgument(methodName: string, path: unknown, document?: string): FieldPath {
  if (path instanceof FieldPath) return path;
  if (typeof path === 'string') return fieldPathFromDotSeparatedString(methodName, path);
  throw invalidDataError('Field path arguments must be of type string or ', { methodName, document });
}

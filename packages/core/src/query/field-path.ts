import { formatFieldPath, getField, parseFieldPath } from '../model/index.js';
import type { Document, FieldReference, Value } from '../protocol/v1.js';

/** The field path Firestore uses for a document's name (documentId()); its messages call it `__key__`. */
export const KEY_FIELD = '__name__';

export const isKeyPath = (segments: readonly string[]): boolean =>
  segments.length === 1 && segments[0] === KEY_FIELD;

/** The segments of a field reference; INVALID_ARGUMENT when it is missing or malformed. */
export const segmentsOf = (ref: FieldReference | undefined): string[] => parseFieldPath(ref?.fieldPath ?? '');

/** A field reference's path in canonical form, so equal paths spelled differently compare equal. */
export const canonicalPath = (ref: FieldReference | undefined): string => formatFieldPath(segmentsOf(ref));

/** The value a query sees at a path: the document's name as a reference for `__name__`, else the field. */
export function valueAt(doc: Document, segments: readonly string[]): Value | undefined {
  if (isKeyPath(segments)) return { referenceValue: doc.name };
  return getField(doc.fields, segments as string[]);
}

import type { Precondition, Write } from '@kindling/core';
import { FirestoreError } from './error.js';
import { FieldPath } from './field_path.js';
import type { DocumentReference } from './reference.js';
import type { DocumentData, PartialWithFieldValue, SetOptions, WithFieldValue } from './types.js';
import { type ParsedWrite, parseSetData, parseUpdateData, parseUpdateVarargs } from './user_data_reader.js';

/** Runs the reference's converter on data being written, as Firebase does (with options only when merging). */
export function applyConverter<A, D extends DocumentData>(
  ref: DocumentReference<A, D>,
  value: WithFieldValue<A> | PartialWithFieldValue<A>,
  options?: SetOptions,
): unknown {
  if (!ref.converter) return value;
  const merging =
    options && (('merge' in options && options.merge) || ('mergeFields' in options && options.mergeFields));
  return merging
    ? ref.converter.toFirestore(value as PartialWithFieldValue<A>, options)
    : ref.converter.toFirestore(value as WithFieldValue<A>);
}

/** The Write a parsed set or update becomes; `mask === null` replaces the whole document. */
export function toWrite(
  ref: DocumentReference<any, any>,
  parsed: ParsedWrite,
  precondition?: Precondition,
): Write {
  const write: Write = { update: { name: ref._name, fields: parsed.fields } };
  if (parsed.mask !== null) write.updateMask = { fieldPaths: parsed.mask };
  if (parsed.transforms.length > 0) write.updateTransforms = parsed.transforms;
  if (precondition) write.currentDocument = precondition;
  return write;
}

export function setWrite<A, D extends DocumentData>(
  methodName: string,
  ref: DocumentReference<A, D>,
  data: WithFieldValue<A> | PartialWithFieldValue<A>,
  options?: SetOptions,
  precondition?: Precondition,
): Write {
  const converted = applyConverter(ref, data, options);
  const parsed = parseSetData(
    ref.firestore,
    methodName,
    ref.path,
    converted,
    ref.converter !== null,
    options,
  );
  return toWrite(ref, parsed, precondition);
}

/** Parses updateDoc-style arguments: an object of dotted paths, or alternating fields and values. */
export function updateWrite(
  methodName: string,
  ref: DocumentReference<any, any>,
  fieldOrUpdateData: unknown,
  value: unknown,
  moreFieldsAndValues: unknown[],
  precondition: Precondition = { exists: true },
): Write {
  const parsed =
    typeof fieldOrUpdateData === 'string' || fieldOrUpdateData instanceof FieldPath
      ? parseUpdateVarargs(ref.firestore, methodName, ref.path, fieldOrUpdateData, value, moreFieldsAndValues)
      : parseUpdateData(ref.firestore, methodName, ref.path, fieldOrUpdateData);
  return toWrite(ref, parsed, precondition);
}

export function deleteWrite(ref: DocumentReference<any, any>, precondition?: Precondition): Write {
  return precondition ? { delete: ref._name, currentDocument: precondition } : { delete: ref._name };
}

/** Batches and transactions only accept references to their own Firestore instance. */
export function validateReference<R extends DocumentReference<any, any>>(ref: R, firestore: unknown): R {
  if (ref.firestore !== firestore) {
    throw new FirestoreError(
      'invalid-argument',
      'Provided document reference is from a different Firestore instance.',
    );
  }
  return ref;
}

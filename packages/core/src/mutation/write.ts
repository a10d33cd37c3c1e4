import { validateDocument } from '../model/document.js';
import { deleteField, getField, parseFieldPath, setField } from '../model/field-path.js';
import { hasJsonShape, type JsonShape } from '../model/json-shape.js';
import { parseDocumentName } from '../model/resource-name.js';
import { parseTimestamp } from '../model/timestamp.js';
import { canonicalFields, identicalFields } from '../model/value.js';
import type { Document, FieldTransform, Precondition, Value, Write } from '../protocol/v1.js';
import { Code, invalidArgument, StatusError } from '../status.js';
import { applyFieldTransforms, validateFieldTransforms } from './transform.js';

/** The name of the document a write targets. */
export function writeTarget(write: Write): string {
  return (write.update?.name ?? write.delete ?? write.verify ?? write.transform?.document) as string;
}

function checkInDatabase(name: string, database: string): void {
  const parsed = parseDocumentName(name);
  if (parsed.database !== database) {
    throw invalidArgument(`Document "${name}" is not in the database of this request, "${database}".`);
  }
}

function expectShape(value: unknown, shape: JsonShape, what: string): void {
  if (!hasJsonShape(value, shape)) {
    throw invalidArgument(`Invalid ${what}: expected a JSON ${shape}, got ${JSON.stringify(value)}.`);
  }
}

function validatePrecondition(p: Precondition | undefined): void {
  if (p === undefined) return;
  expectShape(p, 'object', 'currentDocument');
  if (p.exists !== undefined && p.updateTime !== undefined) {
    throw invalidArgument('A precondition may set exists or updateTime, not both.');
  }
  if (p.exists !== undefined) expectShape(p.exists, 'boolean', 'currentDocument.exists');
  if (p.updateTime !== undefined) parseTimestamp(p.updateTime);
}

/**
 * Checks a write before it is applied → INVALID_ARGUMENT: exactly one of update, delete and transform; a valid
 * document name in `database` (`projects/{p}/databases/{d}`); a valid document, mask, transforms and precondition.
 */
export function validateWrite(write: Write, database: string): void {
  expectShape(write, 'object', 'write');
  const kinds = (['update', 'delete', 'verify', 'transform'] as const).filter((k) => write[k] !== undefined);
  if (kinds.length === 0) throw invalidArgument('empty write operation');
  if (kinds.length > 1) {
    throw invalidArgument(
      `A write must set exactly one of update, delete, verify and transform, got ${kinds.join(', ')}.`,
    );
  }
  const bare = write.delete ?? write.verify;
  if (bare !== undefined) {
    const kind = write.delete !== undefined ? 'delete' : 'verify';
    if (write.updateMask) throw invalidArgument(`a ${kind} must not specify a document mask.`);
    if (write.updateTransforms) throw invalidArgument(`a ${kind} must not specify a update transform.`);
    if (kind === 'verify' && !write.currentDocument)
      throw invalidArgument('a verify must contain a precondition');
    expectShape(bare, 'string', kind);
    checkInDatabase(bare, database);
  } else if (write.transform) {
    if (write.updateMask) throw invalidArgument('a transform must not specify a document mask.');
    if (write.updateTransforms) throw invalidArgument('a transform must not specify a update transform.');
    expectShape(write.transform, 'object', 'transform');
    expectShape(write.transform.document, 'string', 'transform.document');
    checkInDatabase(write.transform.document, database);
    const transforms = write.transform.fieldTransforms ?? [];
    validateFieldTransforms(transforms);
    if (transforms.length === 0) throw invalidArgument('The list of FieldTransform must not be empty.');
  } else {
    const update = write.update as Document;
    expectShape(update, 'object', 'update');
    expectShape(update.name, 'string', 'update.name');
    checkInDatabase(update.name, database);
    validateDocument(update);
    if (write.updateMask !== undefined) {
      expectShape(write.updateMask, 'object', 'updateMask');
      expectShape(write.updateMask.fieldPaths ?? [], 'array', 'updateMask.fieldPaths');
      for (const path of write.updateMask.fieldPaths ?? []) parseFieldPath(path);
    }
    validateFieldTransforms(write.updateTransforms ?? []);
  }
  validatePrecondition(write.currentDocument);
}

// Firestore's versions are update times in microseconds since the epoch; a missing document has version 0.
function version(updateTime: string | undefined): bigint {
  if (!updateTime) return 0n;
  const t = parseTimestamp(updateTime);
  return BigInt(t.seconds) * 1_000_000n + BigInt(Math.floor(t.nanos / 1000));
}

function checkPrecondition(current: Document | null, p: Precondition | undefined, name: string): void {
  if (p?.exists === false && current) {
    throw new StatusError(Code.ALREADY_EXISTS, `Document already exists: ${name}`);
  }
  if (p?.exists === true && !current) throw new StatusError(Code.NOT_FOUND, `No document to update: ${name}`);
  if (p?.updateTime !== undefined) {
    const stored = version(current?.updateTime);
    const required = version(p.updateTime);
    if (stored !== required) {
      throw new StatusError(
        Code.FAILED_PRECONDITION,
        `the stored version (${stored}) does not match the required base version (${required})`,
      );
    }
  }
}

// The fields an update leaves: all of `update.fields`, or with a mask the current fields with each masked path
// set from the update or, when the update lacks it, deleted.
function updatedFields(current: Document | null, write: Write): Record<string, Value> {
  const given = canonicalFields(write.update?.fields ?? {});
  if (!write.updateMask) return given;
  let fields = current?.fields ?? {};
  for (const fieldPath of write.updateMask.fieldPaths ?? []) {
    const path = parseFieldPath(fieldPath);
    const value = getField(given, path);
    fields = value === undefined ? deleteField(fields, path) : setField(fields, path, value);
  }
  return fields;
}

export interface AppliedWrite {
  /** The document after the write, or null after a delete. */
  document: Document | null;
  /** One value per field transform, in order. */
  transformResults: Value[];
}

/**
 * Applies a validated write to the current version of its document (null when missing) at `commitTime`:
 * checks the precondition (ALREADY_EXISTS, NOT_FOUND, FAILED_PRECONDITION), applies the update (with its mask)
 * or delete, then the field transforms, and validates the result (size, depth). A verify (Firebase
 * transactions send one per document they only read) checks the precondition and leaves the document as it is. createTime is kept from the
 * current document; updateTime becomes commitTime unless the write changed nothing, in which case Firestore
 * keeps the previous updateTime (and so does this).
 */
export function applyWrite(current: Document | null, write: Write, commitTime: string): AppliedWrite {
  const name = writeTarget(write);
  checkPrecondition(current, write.currentDocument, name);
  if (write.verify !== undefined) return { document: current, transformResults: [] };
  if (write.delete !== undefined) return { document: null, transformResults: [] };
  let fields: Record<string, Value>;
  let transforms: FieldTransform[];
  if (write.transform) {
    fields = current?.fields ?? {};
    transforms = write.transform.fieldTransforms ?? [];
  } else {
    fields = updatedFields(current, write);
    transforms = write.updateTransforms ?? [];
  }
  const transformed = applyFieldTransforms(fields, transforms, commitTime);
  const document: Document = { name };
  if (Object.keys(transformed.fields).length > 0) document.fields = transformed.fields;
  validateDocument(document);
  const unchanged = current !== null && identicalFields(current.fields, document.fields);
  document.createTime = current?.createTime ?? commitTime;
  document.updateTime = unchanged ? current.updateTime : commitTime;
  return { document, transformResults: transformed.results };
}

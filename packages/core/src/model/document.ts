import type { Document, Value } from '../protocol/v1.js';
import { invalidArgument } from '../status.js';
import { decodeBase64 } from './base64.js';
import { formatFieldPath } from './field-path.js';
import { hasJsonShape } from './json-shape.js';
import { checkIdLengths, isNumericId, parseDocumentName } from './resource-name.js';
import { utf8Length } from './utf8.js';
import { arrayValues, canonicalValue, isVector, mapFields, valueKind } from './value.js';

/** A document may take at most this many bytes by Firestore's storage-size rules. */
export const MAX_DOCUMENT_BYTES = 1_048_576;
/** Maps and arrays may nest this many levels below a top-level field. */
export const MAX_DEPTH = 20;
/** The most UTF-8 bytes a single string or bytes value may hold (1 MiB minus Firestore's per-value overhead). */
export const MAX_VALUE_BYTES = 1_048_487;

const RESERVED_FIELD = /^__.*__$/;

// Firestore's storage-size rules: a string costs its UTF-8 bytes plus one.
const stringSize = (s: string) => utf8Length(s) + 1;

/** The storage size of a document name: each id as a string (a numeric id as 8 bytes), plus 16. */
export function documentNameSize(name: string): number {
  return parseDocumentName(name).path.reduce((sum, id) => sum + (isNumericId(id) ? 8 : stringSize(id)), 16);
}

function fieldsSize(fields: Record<string, Value> | undefined): number {
  let size = 0;
  for (const [key, value] of Object.entries(fields ?? {})) size += stringSize(key) + valueSize(value);
  return size;
}

/** The storage size of one value, by https://firebase.google.com/docs/firestore/storage-size. */
export function valueSize(v: Value): number {
  switch (valueKind(v)) {
    case 'null':
    case 'boolean':
      return 1;
    case 'integer':
    case 'double':
    case 'timestamp':
      return 8;
    case 'geoPoint':
      return 16;
    case 'string':
      return stringSize((v as { stringValue: string }).stringValue);
    case 'bytes':
      return decodeBase64((v as { bytesValue: string }).bytesValue).length;
    case 'reference':
      return documentNameSize((v as { referenceValue: string }).referenceValue);
    case 'array':
      return arrayValues(v).reduce((sum, item) => sum + valueSize(item), 0);
    case 'map':
      return fieldsSize(mapFields(v));
  }
}

/** The storage size of a document: its name, each field name and value, plus 32. */
export function documentSize(doc: Document): number {
  return documentNameSize(doc.name) + fieldsSize(doc.fields) + 32;
}

/** Vector embeddings may have at most this many dimensions. */
export const MAX_VECTOR_DIMENSIONS = 2048;

// A map with a `__type__` key must be a well-formed vector: `{ __type__: "__vector__", value: [doubles…] }`.
function checkVector(fields: Record<string, Value>): void {
  const type = fields.__type__;
  if (!('stringValue' in type)) throw invalidArgument('Field __type__ is not a string.');
  if (type.stringValue !== '__vector__') throw invalidArgument("field name '__type__' is reserved.");
  if (Object.keys(fields).some((k) => k !== '__type__' && k !== 'value')) {
    throw invalidArgument('Vector Value map has extraneous entries.');
  }
  const value = fields.value;
  if (value === undefined) throw invalidArgument("Vector map is missing key 'value'.");
  if (!('arrayValue' in value)) throw invalidArgument('Vector Value type must be an array.');
  const elements = arrayValues(value);
  if (elements.length === 0) throw invalidArgument('Cannot have a zero length vector.');
  if (elements.length > MAX_VECTOR_DIMENSIONS) {
    throw invalidArgument(`Vectors must be at most ${MAX_VECTOR_DIMENSIONS} dimensions.`);
  }
  for (const e of elements) {
    if (!('doubleValue' in e)) throw invalidArgument("Vector must only contain values of type 'double'");
    if (Number.isNaN(Number(e.doubleValue))) throw invalidArgument('Vector cannot contain NaN values.');
  }
}

// Checks what canonicalValue does not: references, field names, nesting and the size of strings and bytes.
function checkValue(value: Value, where: string, depth: number): void {
  let size = 0;
  if ('stringValue' in value) size = utf8Length(value.stringValue);
  else if ('bytesValue' in value) size = decodeBase64(value.bytesValue).length;
  else if ('referenceValue' in value)
    checkIdLengths(parseDocumentName(value.referenceValue, 'Resource name').path);
  if (size > MAX_VALUE_BYTES) {
    throw invalidArgument(`The value of property "${where}" is longer than ${MAX_VALUE_BYTES} bytes.`);
  }
  const children: [string, Value][] = [];
  if ('arrayValue' in value) {
    for (const [i, item] of arrayValues(value).entries()) children.push([`${where}[${i}]`, item]);
  } else if ('mapValue' in value) {
    const fields = mapFields(value);
    if (Object.hasOwn(fields, '__type__')) checkVector(fields);
    for (const [key, item] of Object.entries(fields)) {
      if (key === '')
        throw invalidArgument(`Property ${where} contains an invalid nested entity: an empty field name.`);
      if (RESERVED_FIELD.test(key) && !(key === '__type__' && isVector(value))) {
        throw invalidArgument(`field name '${key}' is reserved.`);
      }
      children.push([`${where}.${formatFieldPath([key])}`, item]);
    }
  } else {
    return;
  }
  if (depth >= MAX_DEPTH) {
    throw invalidArgument(
      `Property ${where} contains an invalid nested entity: maps and arrays nest more than ${MAX_DEPTH} levels deep.`,
    );
  }
  for (const [childWhere, child] of children) checkValue(child, childWhere, depth + 1);
}

const withCommas = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Checks a document as Firestore does before storing it → INVALID_ARGUMENT naming the problem: a valid name,
 * valid values of known types, field names that are not empty or reserved, nesting of at most 20 levels, strings
 * and bytes within their limit, and a total size of at most 1 MiB.
 */
export function validateDocument(doc: Document): void {
  checkIdLengths(parseDocumentName(doc.name).path);
  if (doc.fields !== undefined && !hasJsonShape(doc.fields, 'object')) {
    throw invalidArgument(
      `Invalid document "${doc.name}": fields must be a JSON object, got ${JSON.stringify(doc.fields)}.`,
    );
  }
  for (const [key, value] of Object.entries(doc.fields ?? {})) {
    if (key === '') throw invalidArgument('The property.name is the empty string.');
    if (RESERVED_FIELD.test(key)) throw invalidArgument(`field name ${key} is reserved`);
    const where = formatFieldPath([key]);
    canonicalValue(value, where);
    checkValue(value, where, 0);
  }
  const size = documentSize(doc);
  if (size > MAX_DOCUMENT_BYTES) {
    throw invalidArgument(
      `Document "${doc.name}" cannot be written because its size (${withCommas(size)} bytes) exceeds the maximum allowed size of 1,048,576 bytes.`,
    );
  }
}

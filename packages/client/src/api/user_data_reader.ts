import {
  compareUtf8,
  type FieldTransform,
  formatFieldPath,
  isPrefixPath,
  type MapValue,
  type Value,
} from '@kindling/core';
import { Bytes } from './bytes.js';
import type { Firestore } from './database.js';
import { FirestoreError } from './error.js';
import {
  type ErrorContext,
  type FieldPath,
  fieldPathFromArgument,
  fieldPathFromDotSeparatedString,
  invalidDataError,
} from './field_path.js';
import {
  ArrayRemoveFieldValue,
  ArrayUnionFieldValue,
  DeleteFieldValue,
  FieldValue,
  NumericIncrementFieldValue,
  ServerTimestampFieldValue,
} from './field_value.js';
import { GeoPoint } from './geo_point.js';
import { isPlainObject, valueDescription } from './input_validation.js';
import { DocumentReference } from './reference.js';
import { formatTimestamp, toNumberValue } from './serializer.js';
import { Timestamp } from './timestamp.js';
import type { SetOptions } from './types.js';

/** Where user data is going; decides which sentinels are allowed (Firebase's UserDataSource). */
type DataSource = 'set' | 'mergeSet' | 'update' | 'argument' | 'arrayArgument';

const RESERVED_FIELD = /^__.*__$/;

type Path = string[];

interface ContextSettings {
  dataSource: DataSource;
  methodName: string;
  targetDoc?: string;
  /** Undefined inside arrays, where field paths are not tracked. */
  path: Path | undefined;
  arrayElement: boolean;
  hasConverter: boolean;
}

interface ParsedTransform {
  path: Path;
  transform: FieldTransform;
}

/** State shared by one parse: settings for the current position, plus the mask and transforms collected. */
class ParseContext {
  constructor(
    readonly settings: ContextSettings,
    readonly db: Firestore,
    readonly fieldTransforms: ParsedTransform[] = [],
    readonly fieldMask: Path[] = [],
  ) {}

  get path(): Path | undefined {
    return this.settings.path;
  }

  get isWrite(): boolean {
    const source = this.settings.dataSource;
    return source === 'set' || source === 'mergeSet' || source === 'update';
  }

  with(settings: Partial<ContextSettings>): ParseContext {
    return new ParseContext({ ...this.settings, ...settings }, this.db, this.fieldTransforms, this.fieldMask);
  }

  childForField(field: string): ParseContext {
    const child = this.with({ path: this.path ? [...this.path, field] : undefined, arrayElement: false });
    child.validateSegment(field);
    return child;
  }

  childForFieldPath(field: Path): ParseContext {
    const child = this.with({ path: this.path ? [...this.path, ...field] : undefined, arrayElement: false });
    for (const segment of child.path ?? []) child.validateSegment(segment);
    return child;
  }

  childForArray(): ParseContext {
    return this.with({ path: undefined, arrayElement: true });
  }

  error(reason: string): FirestoreError {
    const context: ErrorContext = {
      methodName: this.settings.methodName,
      hasConverter: this.settings.hasConverter,
      document: this.settings.targetDoc,
    };
    if (this.path && this.path.length > 0) context.field = formatFieldPath(this.path);
    return invalidDataError(reason, context);
  }

  /** Whether the mask or a transform covers `path` or something below it. */
  contains(path: Path): boolean {
    return (
      this.fieldMask.some((field) => isPrefixPath(path, field)) ||
      this.fieldTransforms.some((t) => isPrefixPath(path, t.path))
    );
  }

  validateSegment(segment: string): void {
    if (segment.length === 0) throw this.error('Document fields must not be empty');
    if (this.isWrite && RESERVED_FIELD.test(segment)) {
      throw this.error('Document fields cannot begin and end with "__"');
    }
  }
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && isPrefixPath(a, b);
}

function rootContext(
  db: Firestore,
  dataSource: DataSource,
  methodName: string,
  targetDoc?: string,
  hasConverter = false,
): ParseContext {
  return new ParseContext(
    { dataSource, methodName, targetDoc, path: [], arrayElement: false, hasConverter },
    db,
  );
}

/** A parsed write: fields, the update mask (null: replace the document), and transforms. */
export interface ParsedWrite {
  fields: Record<string, Value>;
  mask: string[] | null;
  transforms: FieldTransform[];
}

function sortedMask(paths: Path[]): string[] {
  return [...paths]
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const order = compareUtf8(a[i], b[i]);
        if (order !== 0) return order;
      }
      return a.length - b.length;
    })
    .map((path) => formatFieldPath(path));
}

export function parseSetData(
  db: Firestore,
  methodName: string,
  targetDoc: string,
  input: unknown,
  hasConverter: boolean,
  options: SetOptions = {},
): ParsedWrite {
  const merge = 'merge' in options && options.merge;
  const mergeFields = 'mergeFields' in options ? options.mergeFields : undefined;
  const context = rootContext(
    db,
    merge || mergeFields ? 'mergeSet' : 'set',
    methodName,
    targetDoc,
    hasConverter,
  );
  validatePlainObject('Data must be an object, but it was:', context, input);
  const fields = parseObject(input, context).mapValue.fields ?? {};
  if (merge) {
    return {
      fields,
      mask: sortedMask(context.fieldMask),
      transforms: context.fieldTransforms.map((t) => t.transform),
    };
  }
  if (mergeFields) {
    const validated: Path[] = [];
    for (const field of mergeFields) {
      const path = fieldPathFromArgument(methodName, field, targetDoc)._segments;
      if (!context.contains(path)) {
        throw new FirestoreError(
          'invalid-argument',
          `Field '${formatFieldPath(path)}' is specified in your field mask but missing from your input data.`,
        );
      }
      if (!validated.some((v) => samePath(v, path))) validated.push(path);
    }
    const transforms = context.fieldTransforms.filter((t) => validated.some((v) => isPrefixPath(v, t.path)));
    return { fields, mask: sortedMask(validated), transforms: transforms.map((t) => t.transform) };
  }
  return { fields, mask: null, transforms: context.fieldTransforms.map((t) => t.transform) };
}

function setNested(fields: Record<string, Value>, path: Path, value: Value): void {
  let current = fields;
  for (const segment of path.slice(0, -1)) {
    const child = current[segment];
    if (!child || !('mapValue' in child)) current[segment] = { mapValue: { fields: {} } };
    const map = (current[segment] as { mapValue: MapValue }).mapValue;
    map.fields ??= {};
    current = map.fields;
  }
  current[path[path.length - 1]] = value;
}

function parseUpdateEntries(context: ParseContext, entries: [Path, unknown][]): ParsedWrite {
  const mask: Path[] = [];
  const fields: Record<string, Value> = {};
  for (const [path, value] of entries) {
    const child = context.childForFieldPath(path);
    if (value instanceof DeleteFieldValue) {
      mask.push(path);
    } else {
      const parsed = parseData(value, child);
      if (parsed !== null) {
        mask.push(path);
        setNested(fields, path, parsed);
      }
    }
  }
  return { fields, mask: sortedMask(mask), transforms: context.fieldTransforms.map((t) => t.transform) };
}

export function parseUpdateData(
  db: Firestore,
  methodName: string,
  targetDoc: string,
  input: unknown,
): ParsedWrite {
  const context = rootContext(db, 'update', methodName, targetDoc);
  validatePlainObject('Data must be an object, but it was:', context, input);
  const entries = Object.entries(input).map(
    ([key, value]) =>
      [fieldPathFromDotSeparatedString(methodName, key, targetDoc)._segments, value] as [Path, unknown],
  );
  return parseUpdateEntries(context, entries);
}

export function parseUpdateVarargs(
  db: Firestore,
  methodName: string,
  targetDoc: string,
  field: string | FieldPath,
  value: unknown,
  moreFieldsAndValues: unknown[],
): ParsedWrite {
  const context = rootContext(db, 'update', methodName, targetDoc);
  const keys = [fieldPathFromArgument(methodName, field, targetDoc)._segments];
  const values = [value];
  if (moreFieldsAndValues.length % 2 !== 0) {
    throw new FirestoreError(
      'invalid-argument',
      `Function ${methodName}() needs to be called with an even number of arguments that alternate between field names and values.`,
    );
  }
  for (let i = 0; i < moreFieldsAndValues.length; i += 2) {
    keys.push(fieldPathFromArgument(methodName, moreFieldsAndValues[i])._segments);
    values.push(moreFieldsAndValues[i + 1]);
  }
  // The last occurrence of a field wins, as in Firebase.
  const entries: [Path, unknown][] = [];
  for (let i = keys.length - 1; i >= 0; i--) {
    if (!entries.some(([path]) => samePath(path, keys[i]))) entries.push([keys[i], values[i]]);
  }
  return parseUpdateEntries(context, entries);
}

/** A value used in a query (where() value, cursor); `in`/`not-in` accept arrays of values. */
export function parseQueryValue(
  db: Firestore,
  methodName: string,
  input: unknown,
  allowArrays = false,
): Value {
  const context = rootContext(db, allowArrays ? 'arrayArgument' : 'argument', methodName);
  return parseData(input, context) ?? { nullValue: 'NULL_VALUE' };
}

function looksLikeJsonObject(input: unknown): input is object {
  return (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    !(input instanceof Date) &&
    !(input instanceof Timestamp) &&
    !(input instanceof GeoPoint) &&
    !(input instanceof Bytes) &&
    !(input instanceof DocumentReference) &&
    !(input instanceof FieldValue)
  );
}

function validatePlainObject(
  message: string,
  context: ParseContext,
  input: unknown,
): asserts input is Record<string, unknown> {
  if (!looksLikeJsonObject(input) || !isPlainObject(input)) {
    const description = valueDescription(input);
    throw context.error(
      description === 'an object' ? `${message} a custom object` : `${message} ${description}`,
    );
  }
}

/** Parses one value; null means "nothing to store here" (a sentinel, or undefined that is ignored). */
function parseData(input: unknown, context: ParseContext): Value | null {
  if (looksLikeJsonObject(input)) {
    validatePlainObject('Unsupported field value:', context, input);
    return parseObject(input, context);
  }
  if (input instanceof FieldValue) {
    parseSentinel(input, context);
    return null;
  }
  if (input === undefined && context.db._settings.ignoreUndefinedProperties) return null;
  if (context.path) context.fieldMask.push(context.path);
  if (Array.isArray(input)) {
    if (context.settings.arrayElement && context.settings.dataSource !== 'arrayArgument') {
      throw context.error('Nested arrays are not supported');
    }
    return parseArray(input, context);
  }
  return parseScalar(input, context);
}

function parseObject(input: Record<string, unknown>, context: ParseContext): { mapValue: MapValue } {
  const fields: Record<string, Value> = {};
  const entries = Object.entries(input);
  if (entries.length === 0) {
    if (context.path && context.path.length > 0) context.fieldMask.push(context.path);
  } else {
    for (const [key, value] of entries) {
      const parsed = parseData(value, context.childForField(key));
      if (parsed !== null) fields[key] = parsed;
    }
  }
  return { mapValue: { fields } };
}

function parseArray(input: unknown[], context: ParseContext): Value {
  const values: Value[] = [];
  for (const entry of input) {
    values.push(parseData(entry, context.childForArray()) ?? { nullValue: 'NULL_VALUE' });
  }
  return { arrayValue: { values } };
}

function parseSentinel(value: FieldValue, context: ParseContext): void {
  const name = value._methodName;
  if (!context.isWrite) throw context.error(`${name}() can only be used with update() and set()`);
  if (!context.path) throw context.error(`${name}() is not currently supported inside arrays`);
  const path = context.path;
  const fieldPath = formatFieldPath(path);
  if (value instanceof DeleteFieldValue) {
    if (context.settings.dataSource === 'mergeSet') {
      context.fieldMask.push(path);
    } else if (context.settings.dataSource === 'update') {
      throw context.error(`${name}() can only appear at the top level of your update data`);
    } else {
      throw context.error(`${name}() cannot be used with set() unless you pass {merge:true}`);
    }
    return;
  }
  let transform: FieldTransform;
  if (value instanceof ServerTimestampFieldValue) {
    transform = { fieldPath, setToServerValue: 'REQUEST_TIME' };
  } else if (value instanceof ArrayUnionFieldValue || value instanceof ArrayRemoveFieldValue) {
    // Elements parse as arguments of the sentinel's own function, with no field path.
    const elementContext = new ParseContext(
      {
        dataSource: 'argument',
        methodName: name,
        targetDoc: context.settings.targetDoc,
        path: undefined,
        arrayElement: true,
        hasConverter: false,
      },
      context.db,
    );
    const values = value._elements.map(
      (e) => parseData(e, elementContext) ?? { nullValue: 'NULL_VALUE' as const },
    );
    transform =
      value instanceof ArrayUnionFieldValue
        ? { fieldPath, appendMissingElements: { values } }
        : { fieldPath, removeAllFromArray: { values } };
  } else if (value instanceof NumericIncrementFieldValue) {
    transform = { fieldPath, increment: toNumberValue(value._operand) };
  } else {
    throw context.error(`Unsupported field value: ${valueDescription(value)}`);
  }
  context.fieldTransforms.push({ path, transform });
}

function parseScalar(value: unknown, context: ParseContext): Value {
  if (value === null) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return toNumberValue(value);
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (value instanceof Date) return { timestampValue: formatTimestamp(Timestamp.fromDate(value)) };
  if (value instanceof Timestamp) {
    // Firestore stores microseconds; Firebase truncates before sending.
    const truncated = new Timestamp(value.seconds, Math.floor(value.nanoseconds / 1000) * 1000);
    return { timestampValue: formatTimestamp(truncated) };
  }
  if (value instanceof GeoPoint) {
    return { geoPointValue: { latitude: value.latitude, longitude: value.longitude } };
  }
  if (value instanceof Bytes) return { bytesValue: value.toBase64() };
  if (value instanceof DocumentReference) {
    const mine = context.db._databaseId;
    const theirs = value.firestore._databaseId;
    if (mine.projectId !== theirs.projectId || mine.database !== theirs.database) {
      throw context.error(
        `Document reference is for database ${theirs.projectId}/${theirs.database} but should be for database ${mine.projectId}/${mine.database}`,
      );
    }
    return { referenceValue: value._name };
  }
  throw context.error(`Unsupported field value: ${valueDescription(value)}`);
}

// Builders for the query tests: documents and filters in the proto3 JSON form, in one database.
import type { Document, FieldFilter, Filter, Order, UnaryFilter, Value } from '../protocol/v1.js';

export const ROOT = 'projects/demo-x/databases/(default)/documents';

export const i = (n: number | string): Value => ({ integerValue: String(n) });
export const d = (n: number | 'NaN' | 'Infinity' | '-Infinity'): Value => ({ doubleValue: n });
export const s = (x: string): Value => ({ stringValue: x });
export const b = (x: boolean): Value => ({ booleanValue: x });
export const nul: Value = { nullValue: null };
export const arr = (...values: Value[]): Value => ({ arrayValue: { values } });
export const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });
export const ref = (path: string): Value => ({ referenceValue: `${ROOT}/${path}` });

export const doc = (path: string, fields?: Record<string, Value>): Document => ({
  name: `${ROOT}/${path}`,
  ...(fields ? { fields } : {}),
});

export const ff = (fieldPath: string, op: FieldFilter['op'], value: Value): Filter => ({
  fieldFilter: { field: { fieldPath }, op, value },
});
export const uf = (fieldPath: string, op: UnaryFilter['op']): Filter => ({
  unaryFilter: { field: { fieldPath }, op },
});
export const and = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'AND', filters } });
export const or = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'OR', filters } });
export const asc = (fieldPath: string): Order => ({ field: { fieldPath }, direction: 'ASCENDING' });
export const desc = (fieldPath: string): Order => ({ field: { fieldPath }, direction: 'DESCENDING' });
export const from = (collectionId: string, allDescendants = false) => [
  allDescendants ? { collectionId, allDescendants } : { collectionId },
];

/** Document paths relative to the database root, for compact assertions. */
export const paths = (docs: Document[]): string[] => docs.map((x) => x.name.slice(ROOT.length + 1));

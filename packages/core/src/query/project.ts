import { getField, setField } from '../model/index.js';
import type { Document, Projection, Value } from '../protocol/v1.js';
import { isKeyPath, segmentsOf } from './field-path.js';

/**
 * A document reduced to the selected fields (nested paths keep their enclosing maps). Without a projection the
 * document is returned whole; an empty projection or one naming only `__name__` keeps no fields.
 */
export function project(doc: Document, select: Projection | undefined): Document {
  if (!select) return doc;
  let fields: Record<string, Value> = {};
  for (const ref of select.fields ?? []) {
    const segments = segmentsOf(ref);
    if (isKeyPath(segments)) continue;
    const value = getField(doc.fields, segments);
    if (value !== undefined) fields = setField(fields, segments, value);
  }
  const { fields: _all, ...rest } = doc;
  return Object.keys(fields).length > 0 ? { ...rest, fields } : rest;
}
